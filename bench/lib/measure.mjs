/**
 * Running one contestant and measuring it: wall time (hrtime), CPU-seconds of
 * the whole process tree (GNU time: wait4 rusage includes every waited-for
 * descendant), and an optional sampler of the process tree that sees how many
 * `go build`s and compiler/linker processes run at once.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

const GNU_TIME = '/usr/bin/time'
export const hasGnuTime = existsSync(GNU_TIME)

/**
 * Runs argv to completion. Resolves to
 * { code, wall, user, sys, cpu, treeMaxRssKb, stdout, stderr, sample }.
 * Never rejects on a non-zero exit: the caller decides what a failure means.
 */
export async function measure(argv, { env, cwd, timeFile, sampleMs = 0, cores }) {
  const wrapped = hasGnuTime
    ? [GNU_TIME, '-f', '%U %S %M %x', '-o', timeFile, '--', ...argv]
    : argv
  const started = process.hrtime.bigint()
  const child = spawn(wrapped[0], wrapped.slice(1), {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const out = []
  const err = []
  child.stdout.on('data', (d) => out.push(d))
  child.stderr.on('data', (d) => err.push(d))
  const sampler = sampleMs > 0 ? new TreeSampler(child.pid, cores) : undefined
  const timer = sampler && setInterval(() => sampler.sample(), sampleMs)
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (c, signal) => resolve(c ?? `signal ${signal}`))
  })
  const wall = Number(process.hrtime.bigint() - started) / 1e9
  if (timer) clearInterval(timer)
  const result = {
    code,
    wall,
    user: NaN,
    sys: NaN,
    cpu: NaN,
    treeMaxRssKb: NaN,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    sample: sampler?.summary()
  }
  if (hasGnuTime && existsSync(timeFile)) {
    // GNU time may prefix "Command exited with non-zero status N".
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n')
    const [user, sys, rss] = lines[lines.length - 1].split(' ').map(Number)
    Object.assign(result, { user, sys, cpu: user + sys, treeMaxRssKb: rss })
    rmSync(timeFile, { force: true })
  }
  return result
}

const TOOLS = new Set(['compile', 'link', 'asm', 'cgo', 'pack'])

/** Bytes per page, for the rss field of /proc/PID/stat (4 KiB on the Linux machines this runs on). */
const PAGE_KB = 4

/** Reads /proc/PID/stat into { pid, comm, state, ppid, rssKb }, or undefined. */
function readStat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'latin1')
    const close = s.lastIndexOf(')')
    const comm = s.slice(s.indexOf('(') + 1, close)
    const rest = s.slice(close + 2).split(' ')
    // rest[19] is starttime: with the pid it names a process even across pid reuse.
    // rest[21] is rss (field 24), in pages.
    return { pid, comm, state: rest[0], ppid: Number(rest[1]), key: `${pid}:${rest[19]}`, rssKb: Number(rest[21]) * PAGE_KB }
  } catch {
    return undefined
  }
}

function readNul(path) {
  try {
    return readFileSync(path, 'latin1').split('\0').filter(Boolean)
  } catch {
    return []
  }
}

/**
 * The parallelism one `go build` process allows itself: -p N on the command
 * line, else -p in GOFLAGS, else GOMAXPROCS, else the number of cores (what
 * the go command defaults to).
 */
export function buildParallelism(args, environ, cores) {
  const fromArgs = (list) => {
    for (let i = 0; i < list.length; i++) {
      const a = list[i]
      const m = /^--?p(?:=(\d+))?$/.exec(a)
      if (m) return Number(m[1] ?? list[i + 1])
    }
    return undefined
  }
  const env = Object.fromEntries(
    environ.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])
  )
  const p =
    fromArgs(args) ??
    fromArgs((env.GOFLAGS ?? '').split(/\s+/).filter(Boolean)) ??
    (Number(env.GOMAXPROCS) > 0 ? Number(env.GOMAXPROCS) : undefined)
  return Number.isFinite(p) && p > 0 ? Math.min(p, cores) : cores
}

/**
 * Samples the descendants of one pid. Per sample: the `go build` processes
 * alive and the sum of their allowed parallelism, the compiler/linker
 * processes alive and how many of them are runnable (state R).
 */
class TreeSampler {
  constructor(root, cores) {
    this.root = root
    this.cores = cores
    this.samples = 0
    this.maxBuilds = 0
    this.maxDeclared = 0
    this.maxTools = 0
    this.sumTools = 0
    this.sumRunnable = 0
    this.maxRunnable = 0
    this.maxCompileC = 0
    this.maxTreeRssKb = 0
    /** Compile/link/asm processes alive, one entry per sample. */
    this.timeline = []
    this.known = new Map() // 'pid:starttime' -> { build, p } or { c }
  }

  sample() {
    const stats = []
    for (const name of readdirSync('/proc')) {
      if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue
      const st = readStat(Number(name))
      if (st) stats.push(st)
    }
    const children = new Map()
    for (const st of stats) {
      if (!children.has(st.ppid)) children.set(st.ppid, [])
      children.get(st.ppid).push(st)
    }
    const tree = []
    const stack = [...(children.get(this.root) ?? [])]
    while (stack.length) {
      const st = stack.pop()
      tree.push(st)
      stack.push(...(children.get(st.pid) ?? []))
    }
    let builds = 0
    let declared = 0
    let tools = 0
    let runnable = 0
    let rssKb = 0
    const byPid = new Map(tree.map((st) => [st.pid, st]))
    for (const st of tree) {
      if (Number.isFinite(st.rssKb)) rssKb += st.rssKb
      // A child of go still named "go" is a compile/link between fork and
      // exec (it briefly shares go's name and command line): not a build.
      if (st.comm === 'go' && byPid.get(st.ppid)?.comm !== 'go') {
        let info = this.known.get(st.key)
        if (!info) {
          const args = readNul(`/proc/${st.pid}/cmdline`).slice(1)
          const environ = readNul(`/proc/${st.pid}/environ`)
          info = {
            build: args[0] === 'build',
            p: buildParallelism(args, environ, this.cores)
          }
          this.known.set(st.key, info)
        }
        if (info.build) {
          builds++
          declared += info.p
        }
      } else if (TOOLS.has(st.comm)) {
        tools++
        if (st.state === 'R') runnable++
        if (st.comm === 'compile' && !this.known.has(st.key)) {
          const c = readNul(`/proc/${st.pid}/cmdline`).find((a) => a.startsWith('-c='))
          const n = c ? Number(c.slice(3)) : 1
          this.known.set(st.key, { c: n })
          this.maxCompileC = Math.max(this.maxCompileC, n)
        }
      }
    }
    this.samples++
    this.maxTreeRssKb = Math.max(this.maxTreeRssKb, rssKb)
    if (this.timeline.length < 20000) this.timeline.push(tools)
    this.maxBuilds = Math.max(this.maxBuilds, builds)
    this.maxDeclared = Math.max(this.maxDeclared, declared)
    this.maxTools = Math.max(this.maxTools, tools)
    this.maxRunnable = Math.max(this.maxRunnable, runnable)
    this.sumTools += tools
    this.sumRunnable += runnable
  }

  summary() {
    const n = Math.max(1, this.samples)
    return {
      samples: this.samples,
      maxConcurrentBuilds: this.maxBuilds,
      maxDeclaredParallelism: this.maxDeclared,
      maxToolProcesses: this.maxTools,
      meanToolProcesses: this.sumTools / n,
      maxRunnableTools: this.maxRunnable,
      meanRunnableTools: this.sumRunnable / n,
      maxCompileConcurrency: this.maxCompileC,
      // the sum of every process's RSS in the tree at its largest sample
      // (shared pages counted once per process, so an upper bound)
      maxTreeRssMb: this.maxTreeRssKb / 1024,
      toolTimeline: downsample(this.timeline, 60)
    }
  }
}

/** At most `n` points of a series: the maximum of each of `n` equal slices. */
function downsample(series, n) {
  if (series.length <= n) return series
  const out = []
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * series.length) / n)
    const to = Math.floor(((i + 1) * series.length) / n)
    out.push(Math.max(...series.slice(from, Math.max(to, from + 1))))
  }
  return out
}

/** Size in bytes and entry count of a directory tree (0 when absent). */
export function dirStats(dir) {
  let bytes = 0
  let files = 0
  const walk = (d) => {
    let entries
    try {
      entries = readdirSync(d, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else {
        files++
        try {
          bytes += statSync(p).size
        } catch {
          /* raced with deletion */
        }
      }
    }
  }
  walk(dir)
  return { bytes, files }
}
