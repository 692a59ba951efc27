/**
 * The package stage: turns verified binaries into the files that will be
 * uploaded (archives, per-target `.sha256` files, the step's `SHA256SUMS`) and
 * into a list of artifacts to create, each with its name and files.
 */

import { rm, stat } from 'node:fs/promises'
import {
  basename,
  dirname,
  isAbsolute,
  join,
  relative,
  resolve,
  sep
} from 'node:path'
import { copyFileAtomic, makeDirectory, writeFileAtomic } from '../files.js'
import { fileStamp } from '../hash.js'
import { errorMessage, type Problem } from '../problem.js'
import type { Build } from '../types.js'
import {
  CHECKSUMS_FILE,
  formatChecksums,
  sha256File,
  type Checksum
} from './checksums.js'
import type { ArchiveEntry } from './archive.js'
import { mapLimit } from './limit.js'
import type { PublishOptions } from './options.js'

/** One artifact to create. */
export interface Package {
  /**
   * The artifact's name, as the plan named it. For a raw upload (`raw`), the
   * service names the artifact after the file, and the plan named it so.
   */
  name: string
  /** Absolute paths of the files it holds. */
  files: string[]
  /** The directory the paths inside the artifact are relative to. */
  rootDirectory: string
  /** Upload the single file as it is, without the service's zip. */
  raw: boolean
  /** SHA-256 (hex) of the single file of a raw upload. */
  sha256?: string
  /** The ids of the builds it holds. */
  builds: string[]
  /** The binaries it holds, relative to the output directory, `/`-separated. */
  binaries: string[]
}

/** A checksummed file of the step, as listed in SHA256SUMS. */
export interface PackagedFile extends Checksum {
  /** Absolute path. */
  path: string
  size: number
  /** The id of the build it is or holds. */
  build: string
  /** The binary it is, holds or describes, relative to the output directory. */
  binary: string
  /** `release`: the binary or its archive; `sbom`: its SBOM, a file of its own. */
  kind: 'release' | 'sbom'
}

/** What the package stage made. */
export interface Packaged {
  /** Absolute output directory. */
  outputDir: string
  /**
   * Absolute path of SHA256SUMS; undefined when nothing was packaged (then
   * no SHA256SUMS is left in the output directory).
   */
  checksumsPath?: string
  /** The files SHA256SUMS lists: what is (or would be) uploaded, sorted. */
  files: PackagedFile[]
  /** The artifacts to create (none with upload: none). */
  packages: Package[]
  /** Absolute path of each build's SBOM in output-dir, by build id. */
  sboms: Record<string, string>
  /** One per binary that could not be packaged (it is left out). */
  problems: Problem[]
}

/**
 * Packages binaries for upload, under the names the plan gave them. Only
 * builds with status 'built' are used. A binary whose file is still the one
 * the build stage hashed (the same `build.stamp`: device, inode, size,
 * mtime, ctime) keeps that hash without being read again, unless `reread`
 * is set (a binary of this run was executed since, such as by the smoke
 * test, and might have rewritten another in the same clock tick); any
 * other is hashed again and, when `build.sha256` is set, must still match it.
 *
 * Files written into `outputDir`:
 * - each binary's `deliverable` when it is not the binary itself: its
 *   `.tar.gz` / `.zip` archive, or with `skip-archive` a copy named like its
 *   artifact when the binary is not already so named;
 * - each binary's `sidecar` (`<file>.sha256`) for per-target artifacts
 *   (zipped by the service), so `sha256sum -c` works after download;
 * - `SHA256SUMS`, listing every file that is (or would be) uploaded, once
 *   they all exist; none when nothing was packaged.
 *
 * Each file is written under a fresh temp name and renamed into place
 * (src/files.ts), so a symlink planted at any of these names is replaced,
 * not written through, and no name ever holds a partial file.
 *
 * @param builds The verified builds.
 * @param opts Validated publish options.
 * @param outputDir The directory holding the binaries.
 * @param reread Hash every binary again, whatever its stamp.
 * @returns The packages to upload, the checksums and per-binary problems.
 * @throws when output-dir or SHA256SUMS cannot be written
 */
export async function packageBinaries(
  builds: Build[],
  opts: PublishOptions,
  outputDir: string,
  reread = false
): Promise<Packaged> {
  const root = resolve(outputDir)
  await makeDirectory(root)
  const problems: Problem[] = []
  const mtime = sourceDateEpoch()

  const built = builds
    .filter((b) => b.status === 'built')
    .sort((a, b) =>
      compare(
        `${a.target.id}\0${a.pkg.binaryName}`,
        `${b.target.id}\0${b.pkg.binaryName}`
      )
    )
    .filter((build) => {
      const binPath = resolve(build.path)
      const rel = relative(root, binPath)
      if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return true
      problems.push({
        subject: describe(build),
        what: `${binPath} is not inside the output directory ${root}; it was not packaged or uploaded.`,
        fix: 'Build it into output-dir.',
        stage: 'package',
        builds: [build.id]
      })
      return false
    })

  const made = await mapLimit(built, 4, async (build) => {
    try {
      return await packageOne(build, root, mtime, reread)
    } catch (error) {
      problems.push({
        subject: describe(build),
        what: `packaging failed: ${errorMessage(error)}`,
        fix: '',
        stage: 'package',
        builds: [build.id]
      })
      return undefined
    }
  })
  const packed = built.flatMap((build, i) => {
    const one = made[i]
    return one === undefined ? [] : [{ build, ...one }]
  })
  const files = packed
    .flatMap((p) => p.files)
    .sort((a, b) => compare(a.file, b.file))
  const sboms: Record<string, string> = {}
  for (const p of packed) if (p.sbom !== undefined) sboms[p.build.id] = p.sbom

  const sumsPath = join(root, CHECKSUMS_FILE)
  if (files.length > 0) await writeFileAtomic(sumsPath, formatChecksums(files))
  else await rm(sumsPath, { force: true })
  const checksumsPath = files.length > 0 ? sumsPath : undefined

  const packages = await artifactPackages(packed, files, opts, root, sumsPath)
  return { outputDir: root, checksumsPath, files, packages, sboms, problems }
}

/**
 * The artifacts to create from what was packaged, under the plan's names:
 * one per binary (with its `.sha256` sidecar, written here, unless raw), or
 * one combined artifact with SHA256SUMS.
 */
async function artifactPackages(
  packed: readonly { build: Build; files: PackagedFile[] }[],
  files: readonly PackagedFile[],
  opts: PublishOptions,
  root: string,
  checksumsPath: string
): Promise<Package[]> {
  const packages: Package[] = []
  if (opts.upload === 'per-target') {
    for (const { build, files: [f, sbom] } of packed) {
      const one = {
        name: build.artifact ?? '',
        rootDirectory: root,
        builds: [build.id],
        binaries: [f.binary]
      }
      if (opts.skipArchive) {
        packages.push({ ...one, files: [f.path], raw: true, sha256: f.sha256 })
        // A raw artifact is one file: the SBOM is an artifact of its own.
        if (sbom !== undefined)
          packages.push({
            name: build.sbomArtifact ?? '',
            files: [sbom.path],
            rootDirectory: root,
            raw: true,
            sha256: sbom.sha256,
            builds: [build.id],
            binaries: []
          })
        continue
      }
      if (build.sidecar === undefined)
        throw new Error(
          `${build.id}: the plan named no .sha256 file for a per-target artifact; plan and publish options disagree.`
        )
      // The sidecar checks everything in the artifact: the deliverable and
      // its SBOM when that sits beside it.
      const sidecar = join(root, build.sidecar)
      const inside = sbom === undefined ? [f] : [f, sbom]
      await writeFileAtomic(
        sidecar,
        formatChecksums(inside.map((x) => ({ ...x, file: basename(x.path) })))
      )
      packages.push({
        ...one,
        files: [...inside.map((x) => x.path), sidecar],
        raw: false
      })
    }
  } else if (opts.upload === 'combined' && files.length > 0) {
    packages.push({
      name: packed[0].build.artifact ?? '',
      files: [...files.map((f) => f.path), checksumsPath],
      rootDirectory: root,
      raw: false,
      builds: packed.map((p) => p.build.id),
      binaries: files
        .filter((f) => f.kind === 'release')
        .map((f) => f.binary)
        .sort(compare)
    })
  }
  return packages
}

/** What packaging one build made. */
interface PackagedOne {
  /** Its deliverable, then its SBOM when that is a file of its own. */
  files: PackagedFile[]
  /** Absolute path of its SBOM, when one was written. */
  sbom?: string
}

/**
 * Write one build's SBOM (with sbom: true), then its deliverable (archive
 * with the SBOM inside, or copy), and hash them.
 */
async function packageOne(
  build: Build,
  root: string,
  mtime: Date | undefined,
  reread: boolean
): Promise<PackagedOne> {
  const binPath = resolve(build.path)
  const deliverable = join(root, build.deliverable)
  const binary = toSlash(relative(root, binPath))
  const own = await verifiedHash(build, binPath, binary, reread)
  const sbom = build.sbom === undefined ? undefined : join(root, build.sbom)
  if (sbom !== undefined) await writeSbom(build, binPath, sbom, own.sha256)
  try {
    return await deliver(build, { binPath, binary, deliverable, own, sbom }, mtime)
  } catch (error) {
    // what is not packaged leaves no SBOM behind
    if (sbom !== undefined) await rm(sbom, { force: true })
    throw error
  }
}

/**
 * The binary's SHA-256 as verified: the build stage's, when the file still
 * has the stamp it had then and nothing asks for a re-read; otherwise the
 * file is read again and must match.
 */
async function verifiedHash(
  build: Build,
  binPath: string,
  binary: string,
  reread: boolean
): Promise<{ sha256: string; size: number }> {
  const { sha256, size, stamp } = build
  if (!reread && sha256 !== undefined && size !== undefined && stamp !== undefined) {
    if ((await fileStamp(binPath)) === stamp) return { sha256, size }
  }
  const own = await sha256File(binPath)
  if (sha256 !== undefined && sha256 !== own.sha256) {
    throw new Error(
      `${binary} changed after it was verified (sha256 ${own.sha256}, verified ${sha256}); something in the job wrote to the output directory. Re-run the step.`
    )
  }
  return own
}

/** The deliverable of one build (archive or copy) and the files SHA256SUMS lists. */
async function deliver(
  build: Build,
  at: {
    binPath: string
    binary: string
    deliverable: string
    own: { sha256: string; size: number }
    sbom?: string
  },
  mtime: Date | undefined
): Promise<PackagedOne> {
  const { binPath, binary, deliverable, own, sbom } = at
  let sum = own
  if (build.archive !== 'none') {
    const time = mtime ?? (await stat(binPath)).mtime
    // tar and archiver load only when an archive is asked for
    const { DATA_MODE, writeTarGz, writeZip } = await import('./archive.js')
    const entries: ArchiveEntry[] = [
      { source: binPath, name: build.fileName, mtime: time }
    ]
    if (sbom !== undefined && build.sbom !== undefined)
      entries.push({
        source: sbom,
        name: build.sbom,
        mtime: time,
        mode: DATA_MODE
      })
    if (build.archive === 'tar.gz') await writeTarGz(entries, deliverable)
    else await writeZip(entries, deliverable)
    sum = await sha256File(deliverable)
  } else if (deliverable !== binPath) {
    await copyFileAtomic(binPath, deliverable)
    sum = await sha256File(deliverable)
    if (sum.sha256 !== own.sha256) {
      throw new Error(
        `the copy ${basename(deliverable)} does not match ${binary} (sha256 ${sum.sha256} vs ${own.sha256}); check the disk.`
      )
    }
  }
  const files: PackagedFile[] = [
    {
      file: toSlash(build.deliverable),
      path: deliverable,
      sha256: sum.sha256,
      size: sum.size,
      build: build.id,
      binary,
      kind: 'release'
    }
  ]
  // Inside the archive it is covered by the archive's line; without one it
  // is a release file of its own.
  if (sbom !== undefined && build.sbom !== undefined && build.archive === 'none') {
    const s = await sha256File(sbom)
    files.push({
      file: toSlash(build.sbom),
      path: sbom,
      sha256: s.sha256,
      size: s.size,
      build: build.id,
      binary,
      kind: 'sbom'
    })
  }
  return { files, sbom }
}

/**
 * Starts loading the code the package stage will need (the SBOM library
 * and the binary readers with sbom on, tar and zip for an archive), so
 * that it loads while the builds run instead of after them. Failing to
 * load here is not an error: the package stage imports it again and
 * reports the failure there.
 */
export function preloadPackaging(
  opts: Pick<PublishOptions, 'sbom' | 'archive'>
): void {
  const loads: Promise<unknown>[] = []
  if (opts.sbom)
    loads.push(import('./sbom.js'), import('../inspect/binary/index.js'))
  if (opts.archive !== 'none') loads.push(import('./archive.js'))
  for (const load of loads) load.catch(() => {})
}

/**
 * Write a binary's SBOM from the build info read from the very bytes that
 * are packaged (hashed just before as `sha256`).
 *
 * @throws when the binary has no Go build info to make it from
 */
async function writeSbom(
  build: Build,
  binPath: string,
  dest: string,
  sha256: string
): Promise<void> {
  // The SBOM library and the readers load only when an SBOM is asked for.
  const [{ cycloneDxSbom, sbomTimestamp }, { inspectBinary }] =
    await Promise.all([
      import('./sbom.js'),
      import('../inspect/binary/index.js')
    ])
  const info = await inspectBinary(binPath)
  if (!info.buildInfo)
    throw new Error(
      `${build.fileName} has no Go build info to make its SBOM from (${info.buildInfoError ?? 'none found'}); set sbom: false to publish it without one.`
    )
  const text = cycloneDxSbom({
    buildInfo: info.buildInfo,
    target: build.target,
    // the binary as the user gets it: the archive's entry, or the deliverable
    fileName: basename(build.archive === 'none' ? build.deliverable : build.fileName),
    sha256,
    timestamp: sbomTimestamp(process.env['SOURCE_DATE_EPOCH'])
  })
  await writeFileAtomic(dest, text)
}

/** SOURCE_DATE_EPOCH as a date, for reproducible archives; else undefined. */
function sourceDateEpoch(): Date | undefined {
  const raw = process.env['SOURCE_DATE_EPOCH'] ?? ''
  return /^[0-9]{1,12}$/.test(raw) ? new Date(Number(raw) * 1000) : undefined
}

function describe(build: Build): string {
  return `${build.target.name} ${build.fileName}`
}

function toSlash(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/')
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
