/**
 * The merge of a release over many runners (issue 9): every leg's artifacts
 * of this workflow run downloaded back, every planned target checked to have
 * arrived exactly once, every binary inspected again with the same readers
 * and judges and compared with its leg's record, and the release files laid
 * out flat in release-dir with one SHA256SUMS. Nothing reaches release-dir
 * that was not verified after it came back from the artifact store.
 *
 * `coverage` and `releaseChecksums` decide (pure); `mergeRelease` does the
 * I/O through an `ArtifactStore` (the real client, or a test's).
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import * as path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { copyFileAtomic, writeFileAtomic } from '../files.js'
import { sha256File } from '../hash.js'
import { CHECKSUMS_FILE, formatChecksums } from '../package/checksums.js'
import type { Target, Verification } from '../types.js'
import { verifyBinary } from '../inspect/verify.js'
import {
  MANIFEST_FILE,
  MANIFEST_PREFIX,
  parseManifest,
  type Manifest,
  type ManifestEntry
} from './manifest.js'

/** The part of @actions/artifact's client the merge uses. */
export interface ArtifactStore {
  list(): Promise<Array<{ id: number; name: string; digest?: string }>>
  /** Downloads an artifact into `dir`; `raw` keeps a raw .zip as it is. */
  download(
    artifact: { id: number; name: string; digest?: string },
    dir: string,
    raw: boolean
  ): Promise<{ digestMismatch: boolean }>
}

/** What happened to one planned binary. */
export interface MergedBinary {
  target: string
  package: string
  leg?: string
  runner?: string
  release?: string
  /** Inspected again after the download, and it passed. */
  verified: boolean
  verification?: Verification
  /** Why it did not make the release, when it did not. */
  problem?: string
}

/** The merge's answer. */
export interface MergeResult {
  binaries: MergedBinary[]
  /** One line per problem, each naming a target or an artifact. */
  problems: string[]
  legs: Array<{ leg: string; runner: string; goVersion: string; binaries: number }>
  releaseDir: string
  checksumsPath?: string
  /** The files written to release-dir, sorted (SHA256SUMS excluded). */
  files: string[]
}

/** A manifest entry with the leg that wrote it. */
export interface Delivered extends ManifestEntry {
  leg: string
  runner: string
}

/**
 * Which planned targets arrived: each target must come from exactly one leg
 * with the same packages as the others (pure).
 */
export function coverage(
  planned: readonly Target[],
  manifests: readonly Manifest[]
): { delivered: Delivered[]; problems: string[]; missing: string[] } {
  const problems: string[] = []
  const all: Delivered[] = manifests.flatMap((m) =>
    m.entries.map((e) => ({ ...e, leg: m.leg, runner: m.runner }))
  )
  const names = new Set(planned.map((t) => t.name))
  const packages = [...new Set(all.map((e) => e.package))].sort()
  const delivered: Delivered[] = []
  const missing: string[] = []
  for (const e of all)
    if (!names.has(e.target))
      problems.push(`${e.target}: ${e.leg} delivered it, but it is not in the planned targets; check that the legs and the merge get the same targets line`)
  for (const t of planned) {
    for (const pkg of packages.length ? packages : ['']) {
      const got = all.filter((e) => e.target === t.name && e.package === pkg)
      const what = `${t.name}${packages.length > 1 ? ` (${pkg})` : ''}`
      if (got.length === 0) {
        missing.push(t.name)
        problems.push(`${what}: no leg delivered it; the leg that had it failed or did not run (see the plan's matrix)`)
      } else if (got.length > 1) {
        problems.push(`${what}: delivered ${got.length} times (${got.map((e) => e.leg).join(', ')}); a target must be in one leg only: use the plan's matrix for the legs' targets`)
      } else delivered.push(got[0])
    }
  }
  const dupFiles = new Map<string, number>()
  for (const e of delivered) dupFiles.set(e.release, (dupFiles.get(e.release) ?? 0) + 1)
  for (const [file, n] of dupFiles)
    if (n > 1) problems.push(`${file}: ${n} release files of that name; give each package its own binary name`)
  return { delivered, problems, missing }
}

/**
 * `SHA256SUMS` text for `files`: the package stage's own format (sorted by
 * name, sha256sum's two-space lines, names that would break the file refused).
 */
export function releaseChecksums(files: ReadonlyArray<{ name: string; sha256: string }>): string {
  return formatChecksums(files.map((f) => ({ file: f.name, sha256: f.sha256 })))
}

/** The most bytes a binary may have when taken out of an archive. */
const MAX_BINARY_BYTES = 4 * 1024 ** 3

/** Whether an archive's entries are the binary and (when the leg wrote one) its SBOM. */
function expectedEntries(names: readonly string[], entry: ManifestEntry): boolean {
  const want = [entry.file, ...(entry.sbom ? [entry.sbom] : [])].sort()
  return names.length === want.length && [...names].sort().every((n, i) => n === want[i])
}

/** What an archive was expected to hold, for a message. */
function expectedText(entry: ManifestEntry): string {
  return entry.sbom ? `${entry.file} and ${entry.sbom}` : `just ${entry.file}`
}

/** Takes `entry.file` out of a release archive (or copies a raw binary) into `dir`. */
async function binaryOf(releaseFile: string, entry: ManifestEntry, dir: string): Promise<string> {
  const out = path.join(dir, entry.file)
  if (entry.release === entry.file) {
    await copyFileAtomic(releaseFile, out)
    return out
  }
  if (entry.release.endsWith('.tar.gz')) {
    const tar = await import('tar')
    const names: string[] = []
    await tar.x({
      file: releaseFile,
      cwd: dir,
      strict: true,
      // only the binary itself, as a regular file: never a link to follow
      filter: (p, e) => {
        names.push(p)
        return p === entry.file && 'type' in e && e.type === 'File'
      }
    })
    if (!expectedEntries(names, entry))
      throw new Error(`${entry.release} holds ${JSON.stringify(names.slice(0, 5))}, not ${expectedText(entry)}`)
    return out
  }
  if (entry.release.endsWith('.zip')) {
    const unzip = (await import('unzip-stream')).default
    const names: string[] = []
    await new Promise<void>((resolve, reject) => {
      const writes: Promise<void>[] = []
      createReadStream(releaseFile)
        .pipe(unzip.Parse())
        .on('entry', (z: NodeJS.ReadableStream & { path: string; type: string; autodrain(): void; size?: number }) => {
          names.push(z.path)
          if (z.path !== entry.file || z.type !== 'File') return z.autodrain()
          let bytes = 0
          z.on('data', (c: Buffer) => {
            bytes += c.length
            if (bytes > MAX_BINARY_BYTES) reject(new Error(`${entry.release}: ${entry.file} is larger than ${MAX_BINARY_BYTES} bytes`))
          })
          writes.push(pipeline(z, createWriteStream(out, { flags: 'wx' })))
        })
        .on('error', reject)
        .on('close', () => void Promise.all(writes).then(() => resolve(), reject))
    })
    if (!expectedEntries(names, entry))
      throw new Error(`${entry.release} holds ${JSON.stringify(names.slice(0, 5))}, not ${expectedText(entry)}`)
    return out
  }
  throw new Error(`${entry.release}: not the binary ${entry.file}, a .tar.gz or a .zip`)
}

/**
 * The SBOM that is a release file of its own, downloaded (once per
 * artifact) and checked against the leg's record.
 *
 * @returns its path in the scratch directory
 */
async function sbomOf(
  e: Delivered,
  listed: ReadonlyArray<{ id: number; name: string; digest?: string }>,
  store: ArtifactStore,
  scratch: string,
  downloaded: Map<string, string>
): Promise<string> {
  const name = e.sbomArtifact ?? ''
  const artifact = listed.find((a) => a.name === name)
  if (!artifact) throw new Error(`the artifact ${name} of its SBOM is not in the run`)
  let dir = downloaded.get(name)
  if (!dir) {
    dir = await mkdtemp(path.join(scratch, 'artifact-'))
    const { digestMismatch } = await store.download(artifact, dir, false)
    if (digestMismatch) throw new Error(`artifact ${name} differs from the digest the artifact service recorded at upload: it was changed in the store`)
    downloaded.set(name, dir)
  }
  const file = path.join(dir, e.sbom ?? '')
  const { sha256: sha } = await sha256File(file).catch(() => {
    throw new Error(`its SBOM ${e.sbom} is not in artifact ${name}`)
  })
  if (sha !== e.sbomSha256)
    throw new Error(`its SBOM ${e.sbom} has sha256 ${sha}, but ${e.leg} recorded ${e.sbomSha256}: it was changed after the leg wrote it`)
  return file
}

/** Options of `mergeRelease`. */
export interface MergeOptions {
  /** Where the release files go (created; must be empty or missing). */
  releaseDir: string
  /** Scratch space for downloads (RUNNER_TEMP). */
  scratch: string
  /** Also write each release file's `.sha256` sidecar. */
  sidecars?: boolean
}

function targetByName(planned: readonly Target[], name: string): Target {
  const t = planned.find((p) => p.name === name)
  if (!t) throw new Error(`${name}: not planned`)
  return t
}

/**
 * Downloads, checks and lays out the release. Never throws for a problem
 * with a leg's output: those are in `problems`, and a binary with a problem
 * stays out of release-dir.
 */
export async function mergeRelease(
  planned: readonly Target[],
  store: ArtifactStore,
  options: MergeOptions
): Promise<MergeResult> {
  await mkdir(options.releaseDir, { recursive: true })
  const existing = await readdir(options.releaseDir)
  if (existing.length)
    throw new Error(`release-dir: ${options.releaseDir} is not empty (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}); give a fresh directory so that nothing unverified ships with the release`)
  const scratch = await mkdtemp(path.join(options.scratch, 'merge-'))
  try {
    const listed = await store.list()
    const problems: string[] = []
    const manifests: Manifest[] = []
    for (const a of listed.filter((x) => x.name.startsWith(MANIFEST_PREFIX))) {
      const dir = await mkdtemp(path.join(scratch, 'manifest-'))
      try {
        const { digestMismatch } = await store.download(a, dir, false)
        if (digestMismatch) throw new Error(`${a.name}: its bytes differ from the digest the artifact service recorded at upload`)
        manifests.push(parseManifest(await readFile(path.join(dir, MANIFEST_FILE), 'utf8'), a.name))
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error))
      }
    }
    // The store lists newest first; the report goes by leg name.
    manifests.sort((a, b) => (a.leg < b.leg ? -1 : a.leg > b.leg ? 1 : 0))
    const legs = manifests.map((m) => ({ leg: m.leg, runner: m.runner, goVersion: m.goVersion, binaries: m.entries.length }))
    if (!manifests.length)
      problems.push(`no leg manifest (${MANIFEST_PREFIX}*) among the run's ${listed.length} artifact(s): run the build action in each leg with a leg name before the merge, in the same workflow run`)
    const cov = coverage(planned, manifests)
    problems.push(...cov.problems)
    const binaries: MergedBinary[] = cov.missing.map((target) => ({ target, package: '', verified: false, problem: 'not delivered' }))
    const released: Array<{ name: string; sha256: string }> = []
    const downloaded = new Map<string, string>()
    for (const e of cov.delivered) {
      const report: MergedBinary = { target: e.target, package: e.package, leg: e.leg, runner: e.runner, verified: false }
      binaries.push(report)
      try {
        const artifact = listed.find((a) => a.name === e.artifact)
        if (!artifact) throw new Error(`its artifact ${e.artifact} is not in the run`)
        let dir = downloaded.get(artifact.name)
        if (!dir) {
          dir = await mkdtemp(path.join(scratch, 'artifact-'))
          const raw = artifact.name === e.release && e.release.endsWith('.zip')
          const { digestMismatch } = await store.download(artifact, dir, raw)
          if (digestMismatch) throw new Error(`artifact ${artifact.name} differs from the digest the artifact service recorded at upload: it was changed in the store`)
          downloaded.set(artifact.name, dir)
        }
        const releaseFile = path.join(dir, e.release)
        const releaseSha = await sha256File(releaseFile).then((h) => h.sha256, () => {
          throw new Error(`${e.release} is not in artifact ${artifact.name}`)
        })
        if (releaseSha !== e.releaseSha256)
          throw new Error(`${e.release} has sha256 ${releaseSha}, but ${e.leg} recorded ${e.releaseSha256}: it was changed after the leg built it`)
        const work = await mkdtemp(path.join(scratch, 'binary-'))
        const binary = await binaryOf(releaseFile, e, work)
        const binarySha = (await sha256File(binary)).sha256
        if (binarySha !== e.sha256)
          throw new Error(`${e.file} has sha256 ${binarySha}, but ${e.leg} recorded ${e.sha256}`)
        const verification = await verifyBinary(targetByName(planned, e.target), binary, { expectStripped: false })
        report.verification = verification
        if (!verification.ok)
          throw new Error(`inspected again after the download, it is not what ${e.target} needs: ${verification.findings.filter((f) => f.severity === 'error').map((f) => f.hint).join(' ')}`)
        report.verified = true
        // the SBOM beside it is checked before either reaches release-dir
        const sbom =
          e.sbom && e.sbomSha256 && e.sbomArtifact
            ? await sbomOf(e, listed, store, scratch, downloaded)
            : undefined
        await copyFileAtomic(releaseFile, path.join(options.releaseDir, e.release))
        if (options.sidecars)
          await writeFileAtomic(path.join(options.releaseDir, `${e.release}.sha256`), releaseChecksums([{ name: e.release, sha256: releaseSha }]))
        report.release = e.release
        released.push({ name: e.release, sha256: releaseSha })
        if (sbom && e.sbom && e.sbomSha256) {
          await copyFileAtomic(sbom, path.join(options.releaseDir, e.sbom))
          if (options.sidecars)
            await writeFileAtomic(path.join(options.releaseDir, `${e.sbom}.sha256`), releaseChecksums([{ name: e.sbom, sha256: e.sbomSha256 }]))
          released.push({ name: e.sbom, sha256: e.sbomSha256 })
        }
      } catch (error) {
        report.problem = error instanceof Error ? error.message : String(error)
        problems.push(`${e.target}: ${report.problem}`)
      }
    }
    let checksumsPath: string | undefined
    if (released.length) {
      checksumsPath = path.join(options.releaseDir, CHECKSUMS_FILE)
      await writeFileAtomic(checksumsPath, releaseChecksums(released))
    }
    return {
      binaries,
      problems,
      legs,
      releaseDir: options.releaseDir,
      checksumsPath,
      files: released.map((r) => r.name).sort()
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
