/**
 * Uploads a leg's manifest (src/merge/manifest.ts) as the artifact
 * `go-cross-build-manifest-<leg>`, through the same upload path as the
 * binaries. It replaces a manifest of the same leg left by an earlier
 * attempt of the run: its content is wholly this job's.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { writeFileAtomic } from '../files.js'
import type { Log } from '../log.js'
import { MANIFEST_FILE, manifestArtifactName, type Manifest } from '../merge/manifest.js'
import type { PublishOptions } from '../package/options.js'
import type { Problem } from '../problem.js'
import { uploadPackages } from './upload.js'

/** Writes the manifest to a fresh directory under RUNNER_TEMP and uploads it. */
export async function uploadManifest(
  manifest: Manifest,
  opts: PublishOptions,
  log: Log
): Promise<{ problems: Problem[] }> {
  const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || tmpdir(), 'go-cross-build-manifest-'))
  try {
    const file = path.join(dir, MANIFEST_FILE)
    await writeFileAtomic(file, JSON.stringify(manifest, null, 2) + '\n')
    const name = manifestArtifactName(manifest.leg)
    const uploaded = await uploadPackages(
      {
        outputDir: dir,
        checksumsPath: undefined,
        files: [],
        problems: [],
        sboms: {},
        packages: [{ name, files: [file], rootDirectory: dir, raw: false, builds: [], binaries: [] }]
      },
      { ...opts, overwrite: true },
      { log }
    )
    if (!uploaded.problems.length)
      log.info(`leg ${log.value(manifest.leg)}: manifest of ${manifest.entries.length} binaries uploaded as ${log.value(name)}`)
    return { problems: uploaded.problems }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
