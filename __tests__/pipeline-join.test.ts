/**
 * The whole pipeline from src/, as a user meets it: the real fixture built
 * by the real toolchain, packaged in every mode, uploaded to the local
 * artifact service (Twirp + Azurite), downloaded back with
 * @actions/artifact's own download client (what actions/download-artifact
 * v8 runs), extracted, checked with `sha256sum -c` the way the README's
 * release job does, and the binary run. output-dir must hold nothing but the
 * binaries, their SBOMs, what SHA256SUMS names, the sidecars and SHA256SUMS.
 * Each binary's SBOM (sbom: true, the default) is checked where the user
 * meets it: inside the archive or beside the binary, as downloaded, valid
 * against the official CycloneDX 1.6 schema and listing what
 * `go version -m` lists for the very binary that came back.
 */
import { DefaultArtifactClient } from '@actions/artifact'
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { getInputs } from '../src/inputs/inputs.js'
import { streamLog } from '../src/log.js'
import { execute } from '../src/pipeline.js'
import type { Result } from '../src/types.js'
import { ROOT } from './support/action.js'
import { sbomAgainstBinary } from './support/go-version-m.js'
import { PUBLISH_MODES } from './support/modes.js'
import { captureStdout, setEnv, sha256 } from './support/artifact-files.js'
import {
  startArtifactService,
  type ArtifactService
} from './support/artifact-service.js'

// A module with dependencies (one replaced by another version, one by a
// directory), so that the SBOM has components to compare.
const fixture = path.join(ROOT, '__fixtures__', 'withdeps')
const OUTPUT = "hello, Gopher\nDon't communicate by sharing memory, share memory by communicating.\n"
const base = mkdtempSync(path.join(tmpdir(), 'gcb-join-'))
const TARGETS = 'linux/amd64, windows/amd64'

let svc: ArtifactService
let restoreEnv: () => void

beforeAll(async () => {
  svc = await startArtifactService()
}, 120000)

afterAll(async () => {
  restoreEnv?.()
  await svc?.stop()
  rmSync(base, { recursive: true, force: true })
})


/** `sha256sum -c` in `dir`, as `name: OK` lines, sorted. */
function sha256sumCheck(dir: string, args: string[]): string[] {
  return execFileSync('sha256sum', ['-c', '--strict', '--', ...args], {
    cwd: dir,
    encoding: 'utf8'
  })
    .trim()
    .split('\n')
    .sort()
}

/** Files directly in `dir`, sorted. */
function filesIn(dir: string): string[] {
  return readdirSync(dir).sort()
}

/**
 * Extracts a release file as a user would (a plain binary is copied, with
 * its SBOM from beside it when there is one) and returns what came out.
 */
function extract(file: string, into: string, sbom?: string): string[] {
  mkdirSync(into, { recursive: true })
  if (file.endsWith('.tar.gz'))
    execFileSync('tar', ['-xzf', file, '-C', into])
  else if (file.endsWith('.zip')) execFileSync('unzip', ['-q', file, '-d', into])
  else {
    copyFileSync(file, path.join(into, path.basename(file)))
    if (sbom) copyFileSync(sbom, path.join(into, path.basename(sbom)))
  }
  return filesIn(into)
}

async function runPipeline(
  dir: string,
  archive: string,
  upload: string,
  skip: string
): Promise<{ result: Result; log: string }> {
  let log = ''
  const inputs = getInputs(
    (name) =>
      ({
        targets: TARGETS,
        'working-directory': fixture,
        'output-dir': dir,
        archive,
        upload,
        'skip-archive': skip
      })[name]
  )
  const result = await execute(
    inputs,
    streamLog((text) => void (log += text))
  )
  return { result, log }
}

describe.each(PUBLISH_MODES)(
  'archive %s, upload %s, skip-archive %s',
  (archive, upload, skip) => {
    it('downloads what SHA256SUMS names, byte for byte, and the binary runs', async () => {
      // The artifact client logs through @actions/core to stdout.
      const stopCapture = captureStdout()
      try {
        await joinOf(archive, upload, skip)
      } finally {
        stopCapture()
      }
    }, 180000)
  }
)

/** One mode, from inputs to the binary run after download. */
async function joinOf(
  archive: string,
  upload: string,
  skip: string
): Promise<void> {
  restoreEnv?.()
  restoreEnv = setEnv(svc.newRun())
  const out = path.join(base, `${archive}-${upload}-${skip}`, 'out')
  const { result, log } = await runPipeline(out, archive, upload, skip)
  expect({ problems: result.problems, log: '' }).toEqual({
    problems: [],
    log: result.problems.length ? log : ''
  })

  // What the build wrote and SHA256SUMS names, checked where it was made.
  const sums = readFileSync(path.join(out, 'SHA256SUMS'), 'utf8')
  const listed = sums
    .trim()
    .split('\n')
    .map((l) => l.split('  ')[1])
    .sort()
  expect(sha256sumCheck(out, ['SHA256SUMS'])).toEqual(
    listed.map((f) => `${f}: OK`).sort()
  )
  expect(result.checksumsPath).toBe(path.join(out, 'SHA256SUMS'))

  // Nothing else is left in output-dir: the binaries and their SBOMs,
  // what SHA256SUMS names, the sidecars of per-target artifacts, and
  // SHA256SUMS itself.
  const binaries = result.binaries.map((r) => r.build.fileName)
  const sboms = result.binaries.map((r) => path.basename(r.sbom ?? ''))
  expect(sboms).toEqual(
    result.binaries.map((r) => `${archive === 'none' ? r.build.deliverable : r.build.fileName}.cdx.json`)
  )
  for (const r of result.binaries)
    expect(r.sbom).toBe(path.join(out, path.basename(r.sbom ?? '')))
  // Beside the binary without an archive, inside it with one.
  if (archive === 'none')
    expect(listed).toEqual(
      result.binaries
        .flatMap((r) => [r.build.deliverable, `${r.build.deliverable}.cdx.json`])
        .sort()
    )
  else {
    expect(listed.some((f) => binaries.includes(f))).toBe(false)
    expect(listed.some((f) => f.endsWith('.cdx.json'))).toBe(false)
  }
  const sidecars =
    upload === 'per-target' && skip === 'false'
      ? result.binaries.map((r) => `${r.build.deliverable}.sha256`)
      : []
  expect(filesIn(out)).toEqual(
    [
      ...new Set([...binaries, ...sboms, ...listed, ...sidecars, 'SHA256SUMS'])
    ].sort()
  )

  if (upload === 'none') {
    expect(result.artifacts).toEqual([])
    expect(svc.artifacts()).toEqual([])
    return
  }

  // The run's artifacts, listed as download-artifact v8 lists them, are
  // exactly those the step reported, with the same ids and digests.
  const client = new DefaultArtifactClient()
  const { artifacts: stored } = await client.listArtifacts({ latest: true })
  const byName = (a: { name: string }, b: { name: string }): number =>
    a.name.localeCompare(b.name)
  expect(
    stored.map((a) => ({ name: a.name, id: a.id, digest: a.digest })).sort(byName)
  ).toEqual(
    result.artifacts
      .map((a) => ({ name: a.name, id: a.id, digest: `sha256:${a.digest}` }))
      .sort(byName)
  )
  // A raw artifact is one file: the SBOM beside a raw binary is one more.
  expect(stored).toHaveLength(
    upload === 'combined' ? 1 : skip === 'true' && archive === 'none' ? 4 : 2
  )
  for (const r of result.binaries)
    expect(stored.map((a) => a.name)).toContain(r.artifact?.name)

  // Download every artifact into its own folder, as download-artifact v8
  // does without merge-multiple, with the digest check it makes.
  const downloads = path.join(base, `${archive}-${upload}-${skip}`, 'dl')
  const release = path.join(base, `${archive}-${upload}-${skip}`, 'release')
  mkdirSync(release, { recursive: true })
  for (const a of stored) {
    const into = path.join(downloads, a.name)
    // A raw .zip is unpacked by the download unless told not to: the
    // README tells users to set skip-decompress for it.
    const { digestMismatch } = await client.downloadArtifact(a.id, {
      path: into,
      expectedHash: a.digest,
      skipDecompress: skip === 'true' && a.name.endsWith('.zip')
    })
    expect(digestMismatch).toBe(false)
    const got = filesIn(into)
    if (skip === 'true') {
      // A raw artifact is the file itself, under its own name.
      expect(got).toEqual([a.name])
    }
    // The leg's own checksums pass where they arrive.
    const sidecars = got.filter((f) => f.endsWith('.sha256'))
    if (got.includes('SHA256SUMS'))
      expect(sha256sumCheck(into, ['SHA256SUMS'])).toHaveLength(
        got.length - 1
      )
    // A sidecar checks everything in its artifact: the file and its SBOM.
    if (sidecars.length)
      expect(sha256sumCheck(into, sidecars)).toEqual(
        got
          .filter((f) => !f.endsWith('.sha256'))
          .map((f) => `${f}: OK`)
          .sort()
      )
    for (const f of got)
      if (f !== 'SHA256SUMS' && !f.endsWith('.sha256'))
        copyFileSync(path.join(into, f), path.join(release, f))
  }

  // The release job: the downloaded files, flat, are exactly what the
  // build's SHA256SUMS names, and it checks them.
  expect(filesIn(release)).toEqual(listed)
  copyFileSync(path.join(out, 'SHA256SUMS'), path.join(release, 'SHA256SUMS'))
  expect(sha256sumCheck(release, ['SHA256SUMS'])).toEqual(
    listed.map((f) => `${f}: OK`).sort()
  )

  // Each reported binary: the bytes that came back are the bytes built,
  // with the SBOM that describes them beside them.
  for (const r of result.binaries) {
    const file = r.build.deliverable
    const into = path.join(base, `${archive}-${upload}-${skip}`, 'x', r.build.target.id)
    const sbomName = path.basename(r.sbom!)
    const got = extract(
      path.join(release, file),
      into,
      archive === 'none' ? path.join(release, sbomName) : undefined
    )
    const name = archive === 'none' ? r.build.deliverable : r.build.fileName
    expect(got).toEqual([name, `${name}.cdx.json`])
    expect(sbomName).toBe(`${name}.cdx.json`)
    const binary = path.join(into, name)
    expect(sha256(readFileSync(binary))).toBe(r.build.sha256)
    const sbomText = readFileSync(path.join(into, sbomName), 'utf8')
    const { got: says, want } = await sbomAgainstBinary(sbomText, binary)
    expect(says).toEqual(want)
    // It names the file as the user has it, with the hash of its bytes.
    const [self] = JSON.parse(sbomText).metadata.component.components
    expect(self).toMatchObject({ type: 'file', name })
    expect(self.hashes).toEqual([{ alg: 'SHA-256', content: r.build.sha256 }])
    if (file.endsWith('.tar.gz'))
      expect(execFileSync('tar', ['-tvzf', path.join(release, file)], { encoding: 'utf8' }))
        .toMatch(new RegExp(`^-rwxr-xr-x .* ${name}\n-rw-r--r-- .* ${name}\\.cdx\\.json\n$`))
    // Our archives keep the executable bit; a raw or zipped artifact
    // comes back as 644 (the service's zip records no modes).
    const mode = statSync(binary).mode & 0o777
    if (file.endsWith('.tar.gz') || file.endsWith('.zip'))
      expect(mode.toString(8)).toBe('755')
    if (r.build.target.goos === 'linux') {
      chmodSync(binary, 0o755)
      expect(execFileSync(binary, [], { encoding: 'utf8' })).toBe(OUTPUT)
    }
  }
}
