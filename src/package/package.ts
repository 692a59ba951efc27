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
import { binaryExtension } from '../plan/targets.js'
import type { Build } from '../types.js'
import {
  CHECKSUMS_FILE,
  formatChecksums,
  sha256File,
  type Checksum
} from './checksums.js'
import { mapLimit } from './limit.js'
import {
  archiveFormatFor,
  checkArtifactNames,
  combinedArtifactName,
  packageBaseName,
  type PublishOptions
} from './options.js'

/** One artifact to create. */
export interface Package {
  /**
   * The artifact's name. For a raw upload (`raw`), the service names the
   * artifact after the file, and this is that file's base name.
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
  /** The binaries it holds, relative to the output directory, `/`-separated. */
  binaries: string[]
}

/** A checksummed file of the step, as listed in SHA256SUMS. */
export interface PackagedFile extends Checksum {
  /** Absolute path. */
  path: string
  size: number
  /** The binary it is or holds, relative to the output directory. */
  binary: string
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
  /** One line per binary that could not be packaged (it is left out). */
  failures: string[]
}

/**
 * Packages binaries for upload. Only builds with status 'built' are used;
 * each is hashed again and, when `build.sha256` is set, must still match it.
 *
 * Files written into `outputDir`:
 * - `<name>-<target>.tar.gz` / `.zip` per binary with `archive` set
 *   (the base name is the per-target artifact name);
 * - `<file>.sha256` next to each uploaded file of a per-target artifact
 *   (zipped by the service), so `sha256sum -c` works after download;
 * - with `skip-archive` and no archive, a copy of the binary named like its
 *   artifact (`<name>-<target>[.exe]`) when the binary is not already so named;
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
 * @returns The packages to upload, the checksums and per-binary failures.
 */
export async function packageBinaries(
  builds: Build[],
  opts: PublishOptions,
  outputDir: string
): Promise<Packaged> {
  const root = resolve(outputDir)
  await makeDirectory(root)
  const failures: string[] = []
  const mtime = sourceDateEpoch()

  const built = builds
    .filter((b) => b.status === 'built')
    .sort((a, b) =>
      compare(
        `${a.target.id}\0${a.pkg.binaryName}`,
        `${b.target.id}\0${b.pkg.binaryName}`
      )
    )

  // Decide every file name first, so two binaries never write the same file.
  const claimed = new Map<string, string>()
  const planned: { build: Build; deliverable: string; format: Format }[] = []
  for (const build of built) {
    const label = describe(build)
    const binPath = resolve(build.path)
    const rel = relative(root, binPath)
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      failures.push(
        `${label}: ${binPath} is not inside the output directory ${root}; it was not packaged or uploaded.`
      )
      continue
    }
    const format = archiveFormatFor(opts.archive, build.target.goos)
    const base = packageBaseName(opts, build.target, build.pkg.binaryName)
    let deliverable = binPath
    if (format !== 'none') deliverable = join(root, `${base}.${format}`)
    else if (opts.upload === 'per-target' && opts.skipArchive) {
      // the build named the file <name>-<target id><ext>; the raw artifact
      // is <artifact name><ext>, the same file under the default name
      deliverable = join(root, `${base}${binaryExtension(build.target)}`)
    }
    const owner = claimed.get(deliverable)
    if (owner !== undefined) {
      failures.push(
        `${label}: its file ${basename(deliverable)} would replace the one of ${owner}; it was not packaged or uploaded. Add {target} (and {name}) to artifact-name.`
      )
      continue
    }
    claimed.set(deliverable, label)
    planned.push({ build, deliverable, format })
  }

  const made = await mapLimit(planned, 4, async (p) => {
    try {
      return await packageOne(p.build, p.deliverable, p.format, root, mtime)
    } catch (error) {
      failures.push(`${describe(p.build)}: packaging failed: ${message(error)}`)
      return undefined
    }
  })
  const files = made
    .filter((f): f is PackagedFile => f !== undefined)
    .sort((a, b) => compare(a.file, b.file))

  const sumsPath = join(root, CHECKSUMS_FILE)
  if (files.length > 0) await writeFileAtomic(sumsPath, formatChecksums(files))
  else await rm(sumsPath, { force: true })
  const checksumsPath = files.length > 0 ? sumsPath : undefined

  let packages: Package[] = []
  if (opts.upload === 'per-target') {
    for (const f of made) {
      if (f === undefined) continue
      if (opts.skipArchive) {
        packages.push({
          name: basename(f.path),
          files: [f.path],
          rootDirectory: dirname(f.path),
          raw: true,
          sha256: f.sha256,
          binaries: [f.binary]
        })
        continue
      }
      const sidecar = `${f.path}.sha256`
      await writeFileAtomic(
        sidecar,
        formatChecksums([{ ...f, file: basename(f.path) }])
      )
      const build = planned.find((p) => p.deliverable === f.path)!.build
      packages.push({
        name: packageBaseName(opts, build.target, build.pkg.binaryName),
        files: [f.path, sidecar],
        rootDirectory: root,
        raw: false,
        binaries: [f.binary]
      })
    }
  } else if (opts.upload === 'combined' && files.length > 0) {
    packages.push({
      name: combinedArtifactName(
        opts,
        planned.map((p) => p.build.pkg.binaryName)
      ),
      files: [...files.map((f) => f.path), sumsPath],
      rootDirectory: root,
      raw: false,
      binaries: files.map((f) => f.binary).sort(compare)
    })
  }

  const problems = checkArtifactNames(packages.map((p) => p.name))
  if (problems.length > 0) {
    const seen = new Set<string>()
    packages = packages.filter((p) => {
      const ok = checkArtifactNames([p.name]).length === 0 && !seen.has(p.name)
      seen.add(p.name)
      if (!ok) {
        failures.push(
          `${p.name}: not uploaded (holds ${p.binaries.join(', ')}): the artifact name is not valid or not unique.`
        )
      }
      return ok
    })
    failures.push(...problems)
  }

  return { outputDir: root, checksumsPath, files, packages, failures }
}

type Format = 'none' | 'tar.gz' | 'zip'

async function packageOne(
  build: Build,
  deliverable: string,
  format: Format,
  root: string,
  mtime: Date | undefined
): Promise<PackagedFile> {
  const binPath = resolve(build.path)
  const binary = toSlash(relative(root, binPath))
  const own = await sha256File(binPath)
  if (build.sha256 !== undefined && build.sha256 !== own.sha256) {
    throw new Error(
      `${binary} changed after it was verified (sha256 ${own.sha256}, verified ${build.sha256}); something in the job wrote to the output directory. Re-run the step.`
    )
  }
  let sum = own
  if (format !== 'none') {
    const entry = {
      source: binPath,
      name: build.fileName,
      mtime: mtime ?? (await stat(binPath)).mtime
    }
    // tar and archiver load only when an archive is asked for
    const { writeTarGz, writeZip } = await import('./archive.js')
    if (format === 'tar.gz') await writeTarGz(entry, deliverable)
    else await writeZip(entry, deliverable)
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
  return {
    file: toSlash(relative(root, deliverable)),
    path: deliverable,
    sha256: sum.sha256,
    size: sum.size,
    binary
  }
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

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
