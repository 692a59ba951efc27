/**
 * Build-machine paths in a binary: the check a release engineer makes by
 * hand with `strings binary | grep /home/` after `-trimpath`. `machinePaths`
 * decides what to look for (pure); `scanForPaths` streams the file once in
 * fixed-size chunks, so memory stays flat whatever the binary's size;
 * `pathFindings` turns hits into findings that say where a path likely came
 * from.
 */
import { open } from 'node:fs/promises'
import * as path from 'node:path'
import type { Finding, PathCheck } from '../types.js'

/** A directory of the build machine that must not appear in a trimmed binary. */
export interface MachinePath {
  /** What it is: `the module directory`, `GOROOT`, `HOME`... */
  label: string
  /** The directory as the build machine spells it. */
  dir: string
}

/** One occurrence of a machine path in a binary. */
export interface PathHit {
  label: string
  dir: string
  /** Byte offset of the first byte of the match in the file. */
  offset: number
  /** The printable run of bytes around the match (at most 160 characters). */
  text: string
}

/** What a scan found: the first hits, and how many there were in all. */
export interface PathScan {
  hits: PathHit[]
  total: number
  /** Occurrences per label. */
  counts: Record<string, number>
}

/** Directories shorter than this are too common to search for (`/`, `C:\`). */
const MIN_DIR_LENGTH = 5

/** The most hits kept per binary; the rest are only counted. */
export const MAX_PATH_HITS = 10

const CHUNK = 1 << 20

/**
 * The directories to look for, from the build's own facts and the runner's
 * environment, each with both separators on Windows spellings (`C:\a\b` and
 * `C:/a/b`: Go writes forward slashes in some places). Root directories and
 * duplicates are left out; the longest spelling of a place wins when two
 * labels name the same directory.
 */
export function machinePaths(
  dirs: ReadonlyArray<{ label: string; dir: string | undefined }>
): MachinePath[] {
  const out: MachinePath[] = []
  const seen = new Set<string>()
  for (const { label, dir } of dirs) {
    if (!dir) continue
    const trimmed = dir.replace(/[\\/]+$/, '')
    const spellings = /\\/.test(trimmed)
      ? [trimmed, trimmed.replace(/\\/g, '/')]
      : [trimmed]
    for (const s of spellings) {
      if (s.length < MIN_DIR_LENGTH || seen.has(s)) continue
      seen.add(s)
      out.push({ label, dir: s })
    }
  }
  return out
}

/** `/` and `\`: a directory counts only when a separator follows it. */
const SLASH = 0x2f
const BACKSLASH = 0x5c

/**
 * What one pass over a chunk looks for: a directory that no other one starts
 * with (an anchor), and every directory that starts with it, longest first.
 * One `indexOf` per anchor instead of two per directory: on a runner HOME,
 * GOPATH, GOMODCACHE, RUNNER_TEMP and the workspace all start with
 * /home/runner, so the file is searched once for all five.
 */
interface Anchor {
  anchor: Buffer
  candidates: Array<{ p: MachinePath; dir: Buffer }>
}

function anchors(paths: readonly MachinePath[]): Anchor[] {
  const dirs = paths.map((p) => ({ p, dir: Buffer.from(p.dir) }))
  const out: Anchor[] = []
  for (const a of dirs) {
    // machinePaths left no two alike, so a prefix is a shorter directory
    const covered = dirs.some(
      (b) => b.dir.length < a.dir.length && a.dir.subarray(0, b.dir.length).equals(b.dir)
    )
    if (covered) continue
    out.push({
      anchor: a.dir,
      candidates: dirs
        .filter((b) => b.dir.subarray(0, a.dir.length).equals(a.dir))
        .sort((x, y) => y.dir.length - x.dir.length)
    })
  }
  return out
}

/** The printable run around `[start, end)` in `buf`, for a message. */
function context(buf: Buffer, start: number, end: number): string {
  const printable = (b: number): boolean => b >= 0x20 && b < 0x7f
  let a = start
  let z = end
  while (a > 0 && start - a < 60 && printable(buf[a - 1])) a--
  while (z < buf.length && z - end < 100 && printable(buf[z])) z++
  return buf.subarray(a, z).toString('latin1')
}

/**
 * Reports every occurrence of a machine path in bytes pushed to it in
 * order, chunk by chunk (so that the pass that hashes a binary can scan it
 * too). Memory is one chunk plus the longest needle, whatever the size.
 */
export class PathScanner {
  private readonly searches: Anchor[]
  private readonly overlap: number
  private readonly buf: Buffer
  private readonly scan: PathScan = { hits: [], total: 0, counts: {} }
  /** Bytes held in buf (the first ones carried over from the last scan). */
  private filled = 0
  /** File offset of buf[0]. */
  private base = 0

  constructor(readonly paths: readonly MachinePath[]) {
    // Longest first: where HOME is a prefix of the workspace, a hit is the
    // workspace's, counted once.
    this.searches = anchors(paths)
    // the longest directory and its separator
    this.overlap = Math.max(0, ...paths.map((p) => Buffer.byteLength(p.dir)))
    this.buf = Buffer.alloc(this.searches.length ? CHUNK + this.overlap : 0)
  }

  /** The next bytes of the file. */
  push(data: Buffer): void {
    if (!this.searches.length) return
    let at = 0
    while (at < data.length) {
      const n = data.copy(this.buf, this.filled, at)
      this.filled += n
      at += n
      if (this.filled === this.buf.length) this.scanHeld(false)
    }
  }

  /** What was found, once every byte was pushed. */
  finish(): PathScan {
    if (this.searches.length && this.filled > 0) this.scanHeld(true)
    return this.scan
  }

  private scanHeld(last: boolean): void {
    const { buf, filled, overlap, scan } = this
    const view = buf.subarray(0, filled)
    // A match is counted in the chunk where it starts, and only starts
    // before `limit` are taken unless this is the last chunk, so a match
    // straddling two chunks is seen exactly once.
    const limit = last ? filled : filled - overlap
    const found = new Map<number, { p: MachinePath; end: number }>()
    for (const { anchor, candidates } of this.searches) {
      for (
        let at = view.indexOf(anchor);
        at >= 0 && at < limit;
        at = view.indexOf(anchor, at + 1)
      ) {
        const hit = candidates.find(({ dir }) => {
          const sep = view[at + dir.length]
          return (
            (sep === SLASH || sep === BACKSLASH) &&
            view.subarray(at, at + dir.length).equals(dir)
          )
        })
        if (hit) found.set(at, { p: hit.p, end: at + hit.dir.length + 1 })
      }
    }
    for (const [at, { p, end }] of [...found].sort((a, b) => a[0] - b[0])) {
      scan.total++
      scan.counts[p.label] = (scan.counts[p.label] ?? 0) + 1
      if (scan.hits.length < MAX_PATH_HITS)
        scan.hits.push({
          label: p.label,
          dir: p.dir,
          offset: this.base + at,
          text: context(view, at, end)
        })
    }
    if (last) {
      this.filled = 0
      return
    }
    const keep = Math.min(overlap, filled)
    buf.copy(buf, 0, filled - keep, filled)
    this.base += filled - keep
    this.filled = keep
  }
}

/**
 * Streams `file` once and reports every occurrence of a machine path
 * ({@link PathScanner} over 1 MiB reads).
 */
export async function scanForPaths(
  file: string,
  paths: readonly MachinePath[]
): Promise<PathScan> {
  const scanner = new PathScanner(paths)
  if (!paths.length) return scanner.finish()
  const chunk = Buffer.allocUnsafe(CHUNK)
  const handle = await open(file, 'r')
  try {
    for (let at = 0; ; ) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, at)
      if (bytesRead === 0) break
      scanner.push(chunk.subarray(0, bytesRead))
      at += bytesRead
    }
  } finally {
    await handle.close()
  }
  return scanner.finish()
}

/** Where a path of this kind most likely came from, and what to do. */
function origin(hit: PathHit): string {
  const tail = hit.text.slice(hit.text.indexOf(hit.dir) + hit.dir.length)
  if (/\.go\b/.test(tail))
    return `a Go source path survived: -trimpath did not reach this package (check GOFLAGS and a wrapper around go), or a dependency records runtime.Caller paths at build time`
  if (hit.label === 'GOROOT')
    return `the Go installation's path survived: -trimpath did not reach the standard library, or an -ldflags -X value names GOROOT`
  if (hit.label === 'GOMODCACHE' || hit.label === 'GOPATH')
    return `a dependency's path in the module cache survived: a dependency embeds it (go:embed of a generated file) or an -ldflags -X value names it`
  return `most likely an -ldflags -X value or a //go:embed file that holds the path (a generated file that records where it was made); set the value from a relative path or strip it`
}

/**
 * One error finding per hit (the first MAX_PATH_HITS), naming the path, its
 * offset and its likely origin; a note counts the rest.
 */
export function pathFindings(
  scan: PathScan,
  fileName: string
): Finding[] {
  const findings: Finding[] = scan.hits.map((hit) => ({
    check: 'build-path',
    expected: 'no path of the build machine (trimpath: true)',
    found: `${hit.label} ${hit.dir} at offset 0x${hit.offset.toString(16)}`,
    hint: `${fileName} holds ${hit.label} (${hit.dir}) at offset 0x${hit.offset.toString(16)}: "${hit.text}". ${origin(hit)}.`,
    severity: 'error'
  }))
  if (scan.total > scan.hits.length)
    findings.push({
      check: 'build-path',
      expected: 'no path of the build machine (trimpath: true)',
      found: `${scan.total} occurrences`,
      hint: `${fileName}: ${scan.total - scan.hits.length} more occurrence(s) of build-machine paths left out.`,
      severity: 'note'
    })
  return findings
}

/** The machine paths of a build, from its facts and the environment. */
export function buildMachinePaths(facts: {
  moduleDir: string
  goroot?: string
  gopath?: string
  gomodcache?: string
  env: NodeJS.ProcessEnv
}): MachinePath[] {
  const env = facts.env
  return machinePaths([
    { label: 'the module directory', dir: facts.moduleDir },
    { label: 'GITHUB_WORKSPACE', dir: env.GITHUB_WORKSPACE },
    { label: 'GOMODCACHE', dir: facts.gomodcache },
    { label: 'GOROOT', dir: facts.goroot },
    ...(facts.gopath ?? '')
      .split(path.delimiter)
      .map((dir) => ({ label: 'GOPATH', dir })),
    { label: 'RUNNER_TEMP', dir: env.RUNNER_TEMP },
    { label: 'HOME', dir: env.HOME ?? env.USERPROFILE }
  ])
}

/**
 * The path check's result in words, for the `binaries` output and the
 * summary: `clean`, `1 hit`, `3 hits`, `skipped (trimpath off)`.
 */
export function pathCheckText(check: PathCheck | undefined): string | null {
  if (!check) return null
  if (check.state === 'skipped') return 'skipped (trimpath off)'
  if (check.state === 'clean') return 'clean'
  return `${check.hits} ${check.hits === 1 ? 'hit' : 'hits'}`
}
