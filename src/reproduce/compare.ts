/**
 * Two builds of one binary, compared byte for byte: `compareFiles` streams
 * both files once in fixed-size chunks (memory stays flat whatever their
 * size) and finds the first differing byte, and the first one outside the
 * Go build ID (a hash of everything else, so it differs whenever anything
 * does); `sectionAt` names the section holding an offset from the
 * readers' section tables; `likelyCause` says, from what differs, why.
 * `likelyCause` and `sectionAt` are pure.
 */
import { open, type FileHandle } from 'node:fs/promises'
import type { FileRange } from '../inspect/binary/index.js'

const CHUNK = 1 << 20

/** A range of file bytes to look past (the Go build ID). */
export interface Skip {
  offset: number
  size: number
}

/** Where two files differ, when they do. */
export interface Comparison {
  same: boolean
  sizeA: number
  sizeB: number
  /** The first differing byte (as `cmp` counts, minus one); the shorter size when one is a prefix of the other. */
  first?: number
  /** The first differing byte outside `skip`, when there is one. */
  firstOutside?: number
}

/** Whether `at` lies in one of the ranges. */
function skipped(at: number, skip: readonly Skip[]): Skip | undefined {
  return skip.find((s) => at >= s.offset && at < s.offset + s.size)
}

/** Read as much of `buf` as the file gives from `position`. */
async function fill(h: FileHandle, buf: Buffer, position: number): Promise<number> {
  let got = 0
  while (got < buf.length) {
    const { bytesRead } = await h.read(buf, got, buf.length - got, position + got)
    if (bytesRead === 0) break
    got += bytesRead
  }
  return got
}

/**
 * Compare two files byte for byte, two chunks in memory at a time.
 *
 * @param skip ranges (of either file) whose differences do not count for
 *   `firstOutside`
 */
export async function compareFiles(
  a: string,
  b: string,
  skip: readonly Skip[] = []
): Promise<Comparison> {
  const ha = await open(a, 'r')
  try {
    const hb = await open(b, 'r')
    try {
      const sizeA = (await ha.stat()).size
      const sizeB = (await hb.stat()).size
      const out: Comparison = { same: false, sizeA, sizeB }
      const bufA = Buffer.alloc(CHUNK)
      const bufB = Buffer.alloc(CHUNK)
      for (let position = 0; ; position += CHUNK) {
        const [na, nb] = await Promise.all([
          fill(ha, bufA, position),
          fill(hb, bufB, position)
        ])
        const n = Math.min(na, nb)
        if (bufA.subarray(0, n).equals(bufB.subarray(0, n))) {
          if (na === nb && na === CHUNK) continue
        } else {
          for (let i = 0; i < n; i++) {
            if (bufA[i] === bufB[i]) continue
            const at = position + i
            out.first ??= at
            const s = skipped(at, skip)
            if (!s) {
              out.firstOutside = at
              return out
            }
            // jump past the skipped range
            i = Math.min(n, s.offset + s.size - position) - 1
          }
        }
        if (na !== nb || na < CHUNK) {
          if (na !== nb) {
            const end = position + n
            out.first ??= end
            out.firstOutside ??= end
          }
          out.same = out.first === undefined
          return out
        }
      }
    } finally {
      await hb.close()
    }
  } finally {
    await ha.close()
  }
}

/** The section holding an offset, and the offset inside it. */
export interface Place {
  /** `.rodata`; `the headers` before the first section; `past the sections`. */
  section: string
  /** The offset from the section's start (from the file's start for headers). */
  offset: number
}

/**
 * The section that holds file offset `at`, from a reader's file ranges
 * (sorted by offset). Bytes before the first section are the headers;
 * bytes in no section (padding, a symbol table) are named after the
 * section they follow. Without a section table (a format whose sections
 * the readers do not map: XCOFF, Plan 9, wasm) the offset is the file's.
 */
export function sectionAt(ranges: readonly FileRange[] | undefined, at: number): Place {
  const list = ranges ?? []
  if (!list.length) return { section: 'the file', offset: at }
  const inside = list.filter((r) => at >= r.offset && at < r.offset + r.size)
  // the smallest section holding it (Mach-O and ELF sections do not overlap,
  // but a malformed table may)
  const best = inside.sort((x, y) => x.size - y.size)[0]
  if (best) return { section: best.name || '(unnamed section)', offset: at - best.offset }
  const before = list.filter((r) => r.offset + r.size <= at).pop()
  if (!before) return { section: 'the headers', offset: at }
  return {
    section: `after ${before.name || '(unnamed section)'}`,
    offset: at - (before.offset + before.size)
  }
}

/** `.rodata+0x1a2`. */
export function placeText(place: Place): string {
  return `${place.section}+0x${place.offset.toString(16)}`
}

/** The Go build ID's marker at the start of text in non-ELF binaries. */
const TEXT_BUILD_ID = Buffer.from('\xff Go build ID: "', 'latin1')
const TEXT_BUILD_ID_END = Buffer.from('"\n \xff', 'latin1')
/** How far into the file the text build ID is looked for. */
const BUILD_ID_SEARCH = 4 << 20

/** Ranges that hold the Go build ID or an ID the linker derives from it. */
const BUILD_ID_RANGES = new Set([
  '.note.go.buildid',
  // Go 1.24+ derives a GNU build ID (ELF) and LC_UUID (Mach-O) from it
  '.note.gnu.build-id',
  'LC_UUID',
  'go:buildid'
])

/**
 * Where the build IDs lie: the ELF notes `.note.go.buildid` and
 * `.note.gnu.build-id`, the Mach-O LC_UUID, the wasm custom section, and
 * the `\xff Go build ID: "…"` string the linker puts at the start of text
 * in the formats other than ELF.
 */
export async function buildIdRanges(
  file: string,
  ranges: readonly FileRange[] | undefined
): Promise<Skip[]> {
  const named = (ranges ?? [])
    .filter((r) => BUILD_ID_RANGES.has(r.name))
    .map((r) => ({ offset: r.offset, size: r.size }))
  const h = await open(file, 'r')
  try {
    const buf = Buffer.alloc(BUILD_ID_SEARCH)
    const n = await fill(h, buf, 0)
    const view = buf.subarray(0, n)
    const start = view.indexOf(TEXT_BUILD_ID)
    if (start < 0) return named
    const end = view.indexOf(TEXT_BUILD_ID_END, start + TEXT_BUILD_ID.length)
    if (end < 0 || end - start > 4096) return named
    return [...named, { offset: start, size: end + TEXT_BUILD_ID_END.length - start }]
  } finally {
    await h.close()
  }
}

/** What is known about the two builds, for the likely cause. */
export interface DifferenceFacts {
  /** Build settings of the first build and of the rebuild (`vcs.modified`...). */
  settingsA: ReadonlyMap<string, string> | undefined
  settingsB: ReadonlyMap<string, string> | undefined
  /** Whether only the Go build ID differs. */
  onlyBuildId: boolean
  /** Occurrences of the first build's tree path in its binary, and of the copy's in the rebuild. */
  pathsA: number
  pathsB: number
  /** The two trees' paths, for the message. */
  rootA: string
  rootB: string
}

/** The build settings that differ between the two builds: `vcs.modified=true/false`. */
export function settingDifferences(
  a: ReadonlyMap<string, string> | undefined,
  b: ReadonlyMap<string, string> | undefined
): string[] {
  if (!a || !b) return []
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort()
  return keys
    .filter((k) => a.get(k) !== b.get(k))
    .map((k) => `${k}=${a.get(k) ?? '(unset)'} in the build, ${b.get(k) ?? '(unset)'} in the rebuild`)
}

/**
 * The likely causes of a difference, most likely first, each with what to
 * do about it.
 */
export function likelyCause(f: DifferenceFacts): string[] {
  const causes: string[] = []
  const settings = settingDifferences(f.settingsA, f.settingsB)
  const vcs = settings.filter((s) => s.startsWith('vcs.'))
  if (vcs.some((s) => s.startsWith('vcs.modified')))
    causes.push(
      `VCS stamping of a dirty tree (${vcs.join('; ')}): git status saw changes in one tree and not the other; untracked files count, an output-dir inside the repository that is not in .gitignore included. Commit or ignore them, or build with -buildvcs=false`
    )
  else if (vcs.length)
    causes.push(
      `VCS stamping (${vcs.join('; ')}): the two trees are not at the same commit or time; build with -buildvcs=false or from one checkout`
    )
  const other = settings.filter((s) => !s.startsWith('vcs.'))
  if (other.length)
    causes.push(`different build settings (${other.join('; ')})`)
  if (f.pathsA > 0 || f.pathsB > 0)
    causes.push(
      `absolute paths: the build's tree ${f.rootA} appears ${f.pathsA} time(s) in its binary and the copy's ${f.rootB} ${f.pathsB} time(s) in the rebuild, so the bytes depend on where the module sits; set trimpath: true, and keep paths out of -ldflags -X values and go:embed files`
    )
  if (f.onlyBuildId)
    causes.push(
      '-buildid: only the build IDs differ; drop an explicit -ldflags=-buildid= value that is not the same in every build'
    )
  if (!causes.length)
    causes.push(
      'timestamps or other build-time values: an -ldflags -X value from the clock or the environment, a generated file that records when or where it was made, or a go:embed file that changed between the builds'
    )
  return causes
}
