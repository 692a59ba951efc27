/**
 * Memory as a limit on builds at once: read what the OS says is available
 * (cgroup v2 first, then /proc/meminfo, then os.freemem), and bound the
 * number of builds so that their estimated peaks fit in it. The decision is
 * a pure function of the readings; reading them is the thin edge.
 */
import { readFileSync } from 'node:fs'
import { freemem, totalmem } from 'node:os'
import * as path from 'node:path'

const MIB = 1024 * 1024

/*
 * Estimated peak resident memory of one `go build`: the go command itself
 * plus each compile or link process alive at once (its `-p`). Measured on
 * the benchmark machine with a `-toolexec` wrapper around GNU time
 * (bench/README.md, "Memory"): a cold build of github.com/mikefarah/yq/v4
 * v4.54.3 for linux/amd64 ran 307 compiles, the largest at 316 MB, and its
 * link at 238 MB. 512 MiB per process and 256 MiB for the go command leave
 * room for bigger modules; a program whose link takes gigabytes needs a
 * smaller `parallel`.
 */
/** The go command's own share of one build's peak (MiB). */
export const GO_COMMAND_MIB = 256
/** One compile or link process (MiB). */
export const TOOL_PROCESS_MIB = 512

/**
 * Environment variable that replaces the OS reading with a budget in MiB.
 * A test hook (the memory test sets it to simulate a small runner), not an
 * input: it is not in action.yml, and a user should set `parallel` instead.
 */
export const MEMORY_BUDGET_VAR = 'GO_CROSS_BUILD_MEMORY_MIB'

/** What the OS says about memory, each reading in bytes when known. */
export interface MemoryReadings {
  /** The tightest cgroup v2 `memory.max` minus that cgroup's use (page cache that can be dropped added back). */
  cgroupAvailable?: number
  /** `/proc/meminfo` MemAvailable. */
  memAvailable?: number
  /** `os.freemem()` (used only when neither of the above is known). */
  free: number
  /** `os.totalmem()`. */
  total: number
  /** A budget given through {@link MEMORY_BUDGET_VAR}, which wins. */
  budget?: number
}

/** Available memory in bytes and where the figure came from. */
export function availableMemory(r: MemoryReadings): {
  bytes: number
  source: string
} {
  if (r.budget !== undefined)
    return { bytes: r.budget, source: `${MEMORY_BUDGET_VAR}` }
  const known: { bytes: number; source: string }[] = []
  if (r.cgroupAvailable !== undefined)
    known.push({ bytes: r.cgroupAvailable, source: 'cgroup memory.max' })
  if (r.memAvailable !== undefined)
    known.push({ bytes: r.memAvailable, source: 'MemAvailable' })
  if (!known.length) return { bytes: r.free, source: 'os.freemem()' }
  return known.reduce((a, b) => (b.bytes < a.bytes ? b : a))
}

/** The decision: builds at once, processes at once, and why, when memory lowered them. */
export interface MemoryBound {
  parallel: number
  /** The most compile and link processes that fit at once (all builds together). */
  processes: number
  /** The log line saying why parallelism dropped (absent when it did not). */
  note?: string
}

/**
 * Builds at once and compile/link processes at once that fit in the
 * available memory. `processes(n)` is how many the CPU policy would run
 * with `n` builds at once (their `-p` summed, last wave included). The most
 * builds, up to `wanted`, that fit with `-p 1` each are kept; the processes
 * are then what is left after their go commands, at most `processes(n)`.
 * Never below one build with `-p 1`: the run is then slow rather than
 * refused, and the note says so.
 */
export function memoryParallelism(
  wanted: number,
  readings: MemoryReadings,
  processes: (builds: number) => number
): MemoryBound {
  const { bytes, source } = availableMemory(readings)
  const availMiB = Math.floor(bytes / MIB)
  const need = (n: number, procs: number): number =>
    n * GO_COMMAND_MIB + procs * TOOL_PROCESS_MIB
  wanted = Math.max(1, wanted)
  let n = wanted
  while (n > 1 && need(n, n) > availMiB) n--
  const room = Math.floor((availMiB - n * GO_COMMAND_MIB) / TOOL_PROCESS_MIB)
  const procs = Math.max(n, Math.min(processes(n), room))
  if (n === wanted && procs === processes(n)) return { parallel: n, processes: procs }
  const fits = need(n, procs) <= availMiB
  return {
    parallel: n,
    processes: procs,
    note: `parallel: ${n} go build(s) at once instead of ${wanted}, at most ${procs} compile or link processes at once instead of ${processes(wanted)}, because memory is short: ${availMiB} MiB available (${source}), and ${wanted} builds are estimated to peak at ${need(wanted, processes(wanted))} MiB (${GO_COMMAND_MIB} MiB per go command, ${TOOL_PROCESS_MIB} MiB per compile or link)${
      fits
        ? ''
        : `; even that is estimated at ${need(n, procs)} MiB, so the job may run out of memory: give it more, or lower parallel`
    }`
  }
}

/** Parse a MemAvailable line of /proc/meminfo into bytes. */
export function parseMemAvailable(meminfo: string): number | undefined {
  const m = /^MemAvailable:\s+(\d+)\s+kB$/m.exec(meminfo)
  return m ? Number(m[1]) * 1024 : undefined
}

/**
 * The tightest cgroup v2 limit on this process, from its cgroup up to the
 * root: `memory.max − memory.current + inactive_file` at each level that
 * has a limit. Undefined outside cgroup v2 or without any limit.
 *
 * @param read reads a file under /sys/fs/cgroup, undefined when absent
 */
export function cgroupAvailable(
  procSelfCgroup: string,
  read: (file: string) => string | undefined
): number | undefined {
  const line = procSelfCgroup.split('\n').find((l) => l.startsWith('0::'))
  if (!line) return undefined
  let dir = path.posix.normalize(line.slice(3).trim() || '/')
  let best: number | undefined
  for (;;) {
    const max = read(path.posix.join(dir, 'memory.max'))?.trim()
    const current = Number(read(path.posix.join(dir, 'memory.current'))?.trim())
    if (max && /^\d+$/.test(max) && Number.isFinite(current)) {
      const stat = read(path.posix.join(dir, 'memory.stat')) ?? ''
      const inactive = Number(/^inactive_file (\d+)$/m.exec(stat)?.[1] ?? 0)
      const avail = Math.max(0, Number(max) - current + inactive)
      if (best === undefined || avail < best) best = avail
    }
    if (dir === '/') return best
    dir = path.posix.dirname(dir)
  }
}

/** Read the memory figures of this machine (the effectful edge). */
export function readMemory(inherited: NodeJS.ProcessEnv): MemoryReadings {
  const file = (p: string): string | undefined => {
    try {
      return readFileSync(p, 'utf8').slice(0, 64 * 1024)
    } catch {
      return undefined
    }
  }
  const readings: MemoryReadings = { free: freemem(), total: totalmem() }
  const budget = inherited[MEMORY_BUDGET_VAR]
  if (budget !== undefined && /^\d+$/.test(budget.trim()))
    readings.budget = Number(budget.trim()) * MIB
  if (process.platform === 'linux') {
    const meminfo = file('/proc/meminfo')
    if (meminfo) readings.memAvailable = parseMemAvailable(meminfo)
    const self = file('/proc/self/cgroup')
    if (self)
      readings.cgroupAvailable = cgroupAvailable(self, (f) =>
        file(path.posix.join('/sys/fs/cgroup', f))
      )
  }
  return readings
}
