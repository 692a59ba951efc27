#!/usr/bin/env node
/**
 * npm run bench: the action's bundle against the bare toolchain.
 *
 *   node bench/run.mjs            full run (3 runs, workloads 1-3): ~1-2 h on 2 cores
 *   node bench/run.mjs --quick    1 run, workload 1 with 2 targets (also BENCH_QUICK=1)
 *   node bench/run.mjs --real     yq (a real CLI) against goreleaser, the serial loop and
 *                                 xargs: workload 4 (6 targets) and 5 (yq's 26 release targets)
 *   node bench/run.mjs --real --quick   yq, 2 targets, 1 run, written to bench/work/
 *   (also --startup, --cache, --checks: one section each; see bench/README.md)
 *
 * Knobs (environment): BENCH_RUNS, BENCH_WARM_RUNS (--real: warm rounds, default 5), BENCH_WORKLOADS=1,2,3, BENCH_CACHES=cold,warm,
 * BENCH_TARGETS (override every workload's targets), BENCH_CONTESTANTS=action,serial,xargs,
 * BENCH_VERIFY_SIZES=3,30,300 (MiB; empty to skip), BENCH_SAMPLE_MS=250 (0: no
 * process-tree sampling), BENCH_WRITE=1 (let a quick run write bench/results.json
 * and bench/README.md; by default it writes to bench/work/).
 *
 * See bench/README.md for what is measured and why.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { contestant, parseGithubOutput, parseTimings } from './lib/contestants.mjs'
import { machine, goVersion } from './lib/machine.mjs'
import { dirStats, hasGnuTime, measure } from './lib/measure.mjs'
import { renderMarkdown, evaluateGoals, replaceBlock, writeReadme, writeStartup } from './lib/report.mjs'
import { benchCache, CACHE_END, CACHE_START, renderCache } from './lib/cache.mjs'
import { benchChecks, CHECKS_END, CHECKS_START, realBinary, renderChecks } from './lib/checks.mjs'
import { ensureGoreleaser, GORELEASER, prepareYq, REAL_END, REAL_START, renderReal, YQ, YQ_RELEASE } from './lib/real.mjs'
import { benchStartup } from './lib/startup.mjs'
import { median, medians } from './lib/stats.mjs'
import { loadVerifier, makeBigBinaries, timeHashing, timeVerifier } from './lib/verifier.mjs'
import { generateBigmod } from './workloads/generate-bigmod.mjs'

const BENCH = dirname(fileURLToPath(import.meta.url))
const REPO = dirname(BENCH)
const WORK = join(BENCH, 'work')
const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
const CORES = availableParallelism()

const list = (name, dflt) =>
  (process.env[name] ?? dflt)
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
const int = (name, dflt) => {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return dflt
  if (!/^\d+$/.test(raw)) throw new Error(`${name}: "${raw}" is not a whole number`)
  return Number(raw)
}

const config = {
  mode: QUICK ? 'quick' : 'full',
  runs: int('BENCH_RUNS', QUICK ? 1 : 3),
  workloads: list('BENCH_WORKLOADS', QUICK ? '1' : '1,2,3').map(Number),
  caches: list('BENCH_CACHES', 'cold,warm'),
  contestants: list('BENCH_CONTESTANTS', 'action,serial,xargs'),
  targetsOverride: list('BENCH_TARGETS', QUICK ? 'linux/amd64,windows/arm64' : ''),
  verifySizes: list('BENCH_VERIFY_SIZES', '3,30,300').map(Number),
  verifyTargets: list('BENCH_VERIFY_TARGETS', QUICK ? 'linux/amd64' : 'linux/amd64,darwin/arm64,windows/amd64'),
  verifyIterations: int('BENCH_VERIFY_ITERATIONS', QUICK ? 5 : 20),
  sampleMs: int('BENCH_SAMPLE_MS', 250),
  startupRuns: int('BENCH_STARTUP_RUNS', QUICK ? 3 : 9),
  /** `--startup`: measure only the start-up and update its own section. */
  startupOnly: process.argv.includes('--startup'),
  /** `--cache`: only the build cache across CI runs (issue 10), in its own section. */
  cacheOnly: process.argv.includes('--cache'),
  /** `--checks`: only the per-binary cost of the path scan and the SBOM (issue 12), in its own section. */
  checksOnly: process.argv.includes('--checks'),
  /** `--real`: a real CLI (yq) against goreleaser, the serial loop and xargs (issue 11), in its own section. */
  realOnly: process.argv.includes('--real'),
  cacheRuns: int('BENCH_CACHE_RUNS', QUICK ? 1 : 3),
  write: !QUICK || process.env.BENCH_WRITE === '1'
}

/** The six targets of action.yml's default, as in the issue. */
const SIX = ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64', 'windows/amd64', 'windows/arm64']
/** Sixteen targets, every container format: ELF×7, Mach-O×2, PE×3, XCOFF, Plan 9, wasm×2. */
const SIXTEEN = [
  'linux/amd64', 'linux/386', 'linux/arm/7', 'linux/arm64', 'linux/riscv64', 'linux/ppc64le', 'freebsd/amd64',
  'darwin/amd64', 'darwin/arm64',
  'windows/amd64', 'windows/386', 'windows/arm64',
  'aix/ppc64', 'plan9/amd64', 'js/wasm', 'wasip1/wasm'
]

function workloadSpec(n) {
  const stdHeavy = join(BENCH, 'workloads', 'std-heavy')
  switch (n) {
    case 1:
      return { n, id: 'w1', title: 'std-heavy program, 6 targets', dir: stdHeavy, packages: ['.'], targets: SIX }
    case 2: {
      const gen = generateBigmod(join(WORK, 'bigmod'))
      return {
        n,
        id: 'w2',
        title: `generated module (${gen.lines} lines, ${gen.files} files, 2 mains), 6 targets`,
        dir: gen.dir,
        packages: ['./cmd/server', './cmd/cli'],
        targets: SIX,
        lines: gen.lines
      }
    }
    case 3:
      return { n, id: 'w3', title: 'std-heavy program, 16 targets (all formats)', dir: stdHeavy, packages: ['.'], targets: SIXTEEN }
    case 4:
    case 5: {
      const yq = prepareYq(WORK, log)
      const what = `${YQ.module}@${YQ.version} (${yq.lines} lines of Go, ${yq.modules} modules linked)`
      return {
        n,
        id: `w${n}`,
        title: n === 4 ? `${what}, 6 targets` : `${what}, its ${YQ_RELEASE.length} release targets`,
        dir: yq.dir,
        packages: ['.'],
        targets: n === 4 ? SIX : YQ_RELEASE,
        project: 'yq',
        binary: 'yq',
        lines: yq.lines,
        modules: yq.modules
      }
    }
    default:
      throw new Error(`BENCH_WORKLOADS: no workload ${n} (1 to 5)`)
  }
}

const log = (...a) => console.log(...a)
const fmtS = (s) => (Number.isFinite(s) ? `${s.toFixed(2)} s` : 'n/a')

const paths = {
  repo: REPO,
  bundle: join(REPO, 'dist', 'index.js'),
  probe: join(BENCH, 'lib', 'rss-probe.mjs'),
  baseline: join(BENCH, 'baseline'),
  /** Set by --real (or when goreleaser is a contestant): bench/work/bin/goreleaser. */
  goreleaser: undefined
}

/**
 * The binaries a contestant wrote: files one directory below outDir (every
 * contestant writes one directory per target; goreleaser also writes its
 * metadata files at the top, which are not binaries).
 */
function binariesIn(outDir) {
  let n = 0
  for (const e of existsSync(outDir) ? readdirSync(outDir, { withFileTypes: true }) : []) {
    if (e.isDirectory()) n += dirStats(join(outDir, e.name)).files
  }
  return n
}

/** One measured run of one contestant; returns a flat record. */
async function runOnce({ name, workload, cache, round, gocache, goOverride }) {
  const tag = `${workload.id}-${cache}-${name}-${round}`
  const outDir = join(WORK, 'out', tag)
  const scratch = join(WORK, 'scratch', tag)
  rmSync(outDir, { recursive: true, force: true })
  rmSync(scratch, { recursive: true, force: true })
  mkdirSync(scratch, { recursive: true })
  const c = contestant({
    name,
    workload,
    outDir,
    scratch,
    gocache,
    cores: CORES,
    paths: { ...paths, go: goOverride }
  })
  const startedAt = Date.now()
  const m = await measure(c.argv, {
    env: c.env,
    cwd: c.cwd,
    timeFile: join(scratch, 'time.txt'),
    sampleMs: config.sampleMs,
    cores: CORES
  })
  const expected = workload.targets.length * workload.packages.length
  const rec = {
    contestant: name,
    cache,
    round,
    startedAt,
    code: m.code,
    wall: m.wall,
    cpu: m.cpu,
    user: m.user,
    sys: m.sys,
    treeMaxRssMb: m.treeMaxRssKb / 1024,
    sample: m.sample
  }
  if (name === 'action') {
    const outputs = parseGithubOutput(readFileSync(c.files.output, 'utf8'))
    let binaries = []
    try {
      binaries = JSON.parse(outputs.binaries ?? '[]')
    } catch {
      rec.problem = 'the binaries output is not JSON'
    }
    rec.built = binaries.filter((b) => b.status === 'built').length
    rec.timings = parseTimings(m.stdout + '\n' + m.stderr)
    if (existsSync(c.files.probe)) {
      const probe = JSON.parse(readFileSync(c.files.probe, 'utf8'))
      Object.assign(rec, {
        nodeMaxRssMb: probe.maxRssKb / 1024,
        nodeCpu: probe.userSeconds + probe.systemSeconds,
        nodeBootMs: probe.nodeBootMs,
        exitAt: probe.exitAt
      })
    }
    if (cache === 'cold' && dirStats(gocache).files === 0) {
      rec.problem = `the action did not use GOCACHE=${gocache} (it is empty): cold-cache numbers are not cold`
    }
  } else {
    rec.built = binariesIn(outDir)
  }
  if (m.code !== 0 || rec.built < expected) {
    rec.problem ??= `exit ${m.code}, ${rec.built}/${expected} binaries`
    rec.logTail = (m.stderr + '\n' + m.stdout).trim().split('\n').slice(-15).join('\n')
  }
  rec.stdoutTail = name === 'action' ? m.stdout.trim().split('\n').slice(-5).join('\n') : undefined
  rmSync(outDir, { recursive: true, force: true })
  return rec
}

/** A `go` that logs start, end and arguments of every invocation. */
function goTracer(traceFile) {
  const realGo = join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'bin', 'go')
  const script = join(WORK, 'go-trace.sh')
  writeFileSync(
    script,
    `#!/bin/sh
# Generated by bench/run.mjs: runs go, logging "start end exit args" (epoch seconds).
s=$(date +%s.%N)
${JSON.stringify(realGo)} "$@"
rc=$?
e=$(date +%s.%N)
printf '%s %s %s %s\\n' "$s" "$e" "$rc" "$*" >> ${JSON.stringify(traceFile)}
exit $rc
`
  )
  chmodSync(script, 0o755)
  return script
}

/** Where the action's time goes, from one traced warm run. */
function breakdown(rec, traceFile) {
  const lines = existsSync(traceFile) ? readFileSync(traceFile, 'utf8').trim().split('\n').filter(Boolean) : []
  const calls = lines.map((l) => {
    const [s, e, rc, ...args] = l.split(' ')
    return { start: Number(s) * 1000, end: Number(e) * 1000, rc: Number(rc), args: args.join(' ') }
  })
  const builds = calls.filter((c) => c.args.startsWith('build'))
  const others = calls.filter((c) => !c.args.startsWith('build'))
  const t0 = rec.startedAt
  const tEnd = t0 + rec.wall * 1000
  const exitAt = rec.exitAt ?? tEnd
  let atOnce = 0
  for (const b of builds) {
    atOnce = Math.max(atOnce, builds.filter((o) => o.start <= b.start && o.end > b.start).length)
  }
  const first = Math.min(...builds.map((b) => b.start))
  const last = Math.max(...builds.map((b) => b.end))
  return {
    goInvocations: calls.length,
    buildInvocations: builds.length,
    buildsAtOnce: atOnce,
    nodeBootS: (rec.nodeBootMs ?? NaN) / 1000,
    beforeFirstBuildS: builds.length ? (first - t0) / 1000 : NaN,
    otherGoCommands: others.map((o) => ({ args: o.args.slice(0, 60), seconds: (o.end - o.start) / 1000 })),
    buildSpanS: builds.length ? (last - first) / 1000 : NaN,
    afterLastBuildS: builds.length ? (exitAt - last) / 1000 : NaN,
    exitS: (tEnd - exitAt) / 1000,
    wallS: rec.wall,
    timings: rec.timings
  }
}

async function benchWorkload(workload, opts = config) {
  log(`\n== ${workload.id}: ${workload.title}`)
  log(`   targets: ${workload.targets.join(' ')}; packages: ${workload.packages.join(' ')}`)
  const result = { ...workload, cache: {} }
  const haveAction = existsSync(paths.bundle)
  const names = opts.contestants.filter((n) => n !== 'action' || haveAction)
  if (!haveAction && opts.contestants.includes('action')) {
    log(`   ${paths.bundle} does not exist: the action is left out of this run`)
    result.actionMissing = true
  }
  // Each contestant's warm cache is the one its last cold run filled (or, with
  // no cold runs, one untimed warm-up run of its own).
  const warmCaches = Object.fromEntries(names.map((n) => [n, join(WORK, 'gocache', `${workload.id}-warm-${n}`)]))
  for (const dir of Object.values(warmCaches)) rmSync(dir, { recursive: true, force: true })
  for (const cache of opts.caches) {
    const runs = []
    if (cache === 'warm') {
      for (const name of names) {
        if (existsSync(warmCaches[name])) continue
        const r = await runOnce({ name, workload, cache: 'warmup', round: 0, gocache: warmCaches[name] })
        log(`   warm-up ${name.padEnd(6)} ${fmtS(r.wall)}${r.problem ? `  PROBLEM: ${r.problem}` : ''}`)
      }
    }
    const rounds = cache === 'warm' ? (opts.warmRuns ?? opts.runs) : opts.runs
    for (let round = 1; round <= rounds; round++) {
      // Rotate the order so that no contestant always runs first (or last).
      const order = names.map((_, i) => names[(i + round - 1) % names.length])
      for (const name of order) {
        const gocache =
          cache === 'cold' ? join(WORK, 'gocache', `${workload.id}-cold-${name}-${round}`) : warmCaches[name]
        if (cache === 'cold') rmSync(gocache, { recursive: true, force: true })
        const r = await runOnce({ name, workload, cache, round, gocache })
        if (cache === 'cold' && round === opts.runs && !r.problem && opts.caches.includes('warm')) {
          renameSync(gocache, warmCaches[name])
        } else if (cache === 'cold') {
          rmSync(gocache, { recursive: true, force: true })
        }
        runs.push(r)
        const extra =
          name === 'action' && Number.isFinite(r.nodeMaxRssMb) ? `  node RSS ${r.nodeMaxRssMb.toFixed(0)} MB` : ''
        const par = r.sample
          ? `  builds≤${r.sample.maxConcurrentBuilds} Σp≤${r.sample.maxDeclaredParallelism} tree RSS≤${r.sample.maxTreeRssMb.toFixed(0)} MB`
          : ''
        log(
          `   ${cache} #${round} ${name.padEnd(6)} wall ${fmtS(r.wall)}  cpu ${fmtS(r.cpu)}${extra}${par}` +
            (r.problem ? `\n      PROBLEM: ${r.problem}\n${(r.logTail ?? '').replace(/^/gm, '      | ')}` : '')
        )
      }
    }
    result.cache[cache] = summarise(runs, names)
    if (cache === 'warm' && haveAction && names.includes('action')) {
      const traceFile = join(WORK, 'scratch', `${workload.id}-go-trace.log`)
      rmSync(traceFile, { force: true })
      const r = await runOnce({
        name: 'action',
        workload,
        cache: 'traced',
        round: 0,
        gocache: warmCaches.action,
        goOverride: goTracer(traceFile)
      })
      result.breakdown = breakdown(r, traceFile)
      log(`   traced warm action run: ${JSON.stringify({ ...result.breakdown, otherGoCommands: undefined })}`)
    }
  }
  for (const dir of Object.values(warmCaches)) rmSync(dir, { recursive: true, force: true })
  return result
}

/** Medians per contestant and the action/baseline ratios, pair by pair. */
function summarise(runs, names) {
  const by = Object.fromEntries(names.map((n) => [n, runs.filter((r) => r.contestant === n)]))
  const med = {}
  for (const n of names) {
    const ok = by[n].filter((r) => !r.problem)
    med[n] = {
      runs: by[n].length,
      failed: by[n].length - ok.length,
      ...medians(
        ok.map((r) => ({
          wall: r.wall,
          cpu: r.cpu,
          treeMaxRssMb: r.treeMaxRssMb,
          nodeMaxRssMb: r.nodeMaxRssMb,
          nodeCpu: r.nodeCpu,
          maxConcurrentBuilds: r.sample?.maxConcurrentBuilds,
          maxDeclaredParallelism: r.sample?.maxDeclaredParallelism,
          meanToolProcesses: r.sample?.meanToolProcesses,
          meanRunnableTools: r.sample?.meanRunnableTools,
          maxCompileConcurrency: r.sample?.maxCompileConcurrency,
          maxToolProcesses: r.sample?.maxToolProcesses,
          treeRssMb: r.sample?.maxTreeRssMb
        }))
      ),
      peakTreeRssMb: Math.max(...ok.map((r) => r.sample?.maxTreeRssMb).filter(Number.isFinite)),
      physicalLimit: median(ok.map((r) => r.cpu / CORES))
    }
    if (n === 'action') {
      med[n].timings = medians(ok.map((r) => r.timings ?? {}))
      med[n].peakNodeRssMb = Math.max(...by[n].map((r) => r.nodeMaxRssMb).filter(Number.isFinite))
    }
  }
  const baselines = names.filter((n) => n !== 'action')
  const best = baselines.reduce((a, b) => (!a || med[b].wall < med[a].wall ? b : a), undefined)
  const pairs = {}
  if (by.action) {
    for (const b of baselines) {
      const ratios = by.action.map((a) => {
        const mate = by[b].find((r) => r.round === a.round)
        return mate && !a.problem && !mate.problem ? a.wall / mate.wall : NaN
      })
      const deltas = by.action.map((a) => {
        const mate = by[b].find((r) => r.round === a.round)
        return mate && !a.problem && !mate.problem ? a.wall - mate.wall : NaN
      })
      pairs[b] = { medianRatio: median(ratios), medianDelta: median(deltas), ratios }
    }
    const roundBest = by.action.map((a) => {
      const mates = baselines.map((b) => by[b].find((r) => r.round === a.round)).filter((r) => r && !r.problem)
      return mates.length && !a.problem ? a.wall / Math.min(...mates.map((r) => r.wall)) : NaN
    })
    pairs.bestOfRound = { medianRatio: median(roundBest), ratios: roundBest }
  }
  return { medians: med, best, pairs, runs }
}

async function benchVerifier() {
  const out = {}
  if (config.verifySizes.length === 0 || config.verifySizes.every((n) => !Number.isFinite(n))) return out
  log(`\n== verifier and hashing: ${config.verifySizes.join(', ')} MiB on ${config.verifyTargets.join(' ')}`)
  const binaries = makeBigBinaries(WORK, config.verifySizes, config.verifyTargets, log)
  const largest = binaries.reduce((a, b) => (b.bytes > a.bytes ? b : a))
  out.hashing = await timeHashing(largest.path, QUICK ? 2 : 5)
  log(
    `   sha256 of ${(largest.bytes / 2 ** 20).toFixed(0)} MiB: stream ${out.hashing.streamGBps.toFixed(2)} GB/s, ` +
      `memory ${out.hashing.memoryGBps.toFixed(2)} GB/s (sha_ni: ${out.hashing.shaNi})`
  )
  const v = await loadVerifier(REPO, WORK, log)
  if (v.error) {
    out.verifierError = v.error
    log(`   verifier: ${v.error}`)
    return out
  }
  try {
    out.verify = await timeVerifier(v.verifyBinary, binaries, config.verifyIterations)
    for (const r of out.verify) {
      log(
        `   verify ${r.target} ${(r.bytes / 2 ** 20).toFixed(1)} MiB: median ${r.medianMs.toFixed(2)} ms ` +
          `(first ${r.firstMs.toFixed(1)} ms) ok=${r.ok} ${r.findings.join(' ')}`
      )
    }
  } catch (e) {
    out.verifierError = `verifyBinary threw: ${e?.message ?? e}`
    log(`   ${out.verifierError}`)
  }
  return out
}

/** Start-up to the first go command, committed bundle against an earlier one. */
async function startup() {
  log(`\n== start-up to the first go command (${config.startupRuns} alternating runs each)`)
  const r = await benchStartup({
    repo: REPO,
    work: join(WORK, 'startup'),
    workloadDir: join(BENCH, 'workloads', 'std-heavy'),
    runs: config.startupRuns
  })
  log(`   before (${r.before.commit}): ${r.before.firstGoMs} ms; now: ${r.after.firstGoMs} ms (${r.ratio.toFixed(2)}×)`)
  return r
}

/** `--startup`: only the start-up figure, merged into the written results. */
async function startupOnly() {
  mkdirSync(WORK, { recursive: true })
  const jsonPath = config.write ? join(BENCH, 'results.json') : join(WORK, 'results.json')
  const results = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : {}
  results.startup = { date: new Date().toISOString(), machine: machine(), ...(await startup()) }
  writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n')
  const readmePath = writeStartup(config.write ? join(BENCH, 'README.md') : join(WORK, 'README.md'), results.startup)
  log(`wrote ${jsonPath} and ${readmePath}`)
}

/**
 * `--cache`: a first and a second CI-like run against the local cache
 * service, for the six-target and the sixteen-target workloads (or
 * BENCH_WORKLOADS / BENCH_TARGETS), merged into the written results.
 */
async function cacheOnly() {
  mkdirSync(WORK, { recursive: true })
  const chosen = list('BENCH_WORKLOADS', QUICK ? '1' : '1,3').map(Number)
  const workloads = chosen.map((n) => {
    const spec = workloadSpec(n)
    if (config.targetsOverride.length) spec.targets = config.targetsOverride
    return spec
  })
  const jsonPath = config.write ? join(BENCH, 'results.json') : join(WORK, 'results.json')
  const results = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : {}
  const measured = await benchCache({ repo: REPO, work: WORK, workloads, runs: config.cacheRuns, log })
  results.cache = { date: new Date().toISOString(), machine: machine(), go: goVersion(), ...measured }
  writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n')
  const readmePath = replaceBlock(config.write ? join(BENCH, 'README.md') : join(WORK, 'README.md'), CACHE_START, CACHE_END, renderCache(results.cache))
  log(`wrote ${jsonPath} and ${readmePath}`)
}

/**
 * `--checks`: the path scan and the SBOM per binary against the hash every
 * binary gets anyway, merged into the written results.
 */
async function checksOnly() {
  mkdirSync(WORK, { recursive: true })
  const sizes = QUICK ? [3, 30] : [3, 30, 300]
  const big = makeBigBinaries(WORK, sizes, ['linux/amd64'], log).map((b) => ({
    label: `bigbin ${b.mib} MiB`,
    path: b.path,
    moduleDir: dirname(b.path)
  }))
  const real = realBinary(BENCH)
  if (real) big.push({ label: basename(real), path: real, moduleDir: dirname(real) })
  else log('   no goreleaser binary in bench/work/bin (or BENCH_SBOM_BINARY): the many-module row is left out')
  const jsonPath = config.write ? join(BENCH, 'results.json') : join(WORK, 'results.json')
  const results = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : {}
  const measured = await benchChecks({ repo: REPO, work: WORK, binaries: big, rounds: QUICK ? 3 : 9, log })
  results.checks = { date: new Date().toISOString(), machine: machine(), go: goVersion(), ...measured }
  writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n')
  const readmePath = replaceBlock(config.write ? join(BENCH, 'README.md') : join(WORK, 'README.md'), CHECKS_START, CHECKS_END, renderChecks(results.checks))
  log(`wrote ${jsonPath} and ${readmePath}`)
}

/**
 * `--real`: yq, a real CLI fetched through the module proxy, built by the
 * action, goreleaser (installed with go install), the serial loop and xargs,
 * cold and warm, contestants alternating run by run; merged into the written
 * results after each workload, so a cut-off run keeps what it measured.
 */
async function realOnly() {
  mkdirSync(WORK, { recursive: true })
  paths.goreleaser = ensureGoreleaser(WORK, log)
  const chosen = list('BENCH_WORKLOADS', QUICK ? '4' : '4,5').map(Number)
  const jsonPath = config.write ? join(BENCH, 'results.json') : join(WORK, 'results.json')
  const readme = config.write ? join(BENCH, 'README.md') : join(WORK, 'README.md')
  const results = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : {}
  const previous = results.real?.workloads ?? []
  results.real = {
    date: new Date().toISOString(),
    machine: machine(),
    go: goVersion(),
    goreleaser: GORELEASER,
    module: YQ,
    startup: results.startup,
    // workloads not measured this time keep their earlier figures
    workloads: previous.filter((w) => !chosen.includes(w.n))
  }
  for (const n of chosen) {
    if (n !== 4 && n !== 5) throw new Error(`--real: BENCH_WORKLOADS=${n}: the real workloads are 4 and 5`)
    const spec = workloadSpec(n)
    if (config.targetsOverride.length && (QUICK || process.env.BENCH_TARGETS)) {
      spec.targets = config.targetsOverride
      spec.title = spec.title.replace(/, (6 targets|its \d+ release targets)$/, `, ${spec.targets.length} targets (override)`)
    }
    // The many-target cold run takes about half an hour per contestant on
    // 2 cores: one round of each by default there, two on six targets.
    // Warm runs take seconds: five alternating rounds of them by default.
    const opts = {
      runs: int('BENCH_RUNS', QUICK ? 1 : n === 5 ? 1 : 2),
      warmRuns: int('BENCH_WARM_RUNS', QUICK ? 1 : 5),
      caches: config.caches,
      contestants: list('BENCH_CONTESTANTS', 'action,goreleaser,xargs,serial')
    }
    const measured = await benchWorkload(spec, opts)
    measured.measuredAt = new Date().toISOString()
    measured.commit = execFileSync('git', ['describe', '--always', '--dirty'], { cwd: REPO, encoding: 'utf8' }).trim()
    measured.loadAvgAtStart = results.real.machine.loadAvgAtStart
    // A run of only some caches (BENCH_CACHES=warm) keeps the other cells
    // of the earlier figures, and says which bundle measured which.
    const before = previous.find((w) => w.n === n)
    if (before) {
      const at = (w) => ({ commit: w.commit, measuredAt: w.measuredAt, loadAvgAtStart: w.loadAvgAtStart })
      measured.cells = Object.fromEntries(Object.keys(measured.cache).map((c) => [c, at(measured)]))
      for (const [c, cell] of Object.entries(before.cache))
        if (!(c in measured.cache)) {
          measured.cache[c] = cell
          measured.cells[c] = before.cells?.[c] ?? at(before)
        }
      measured.breakdown ??= before.breakdown
    }
    results.real.workloads = [...results.real.workloads.filter((w) => w.n !== n), measured].sort((a, b) => a.n - b.n)
    writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n')
    replaceBlock(readme, REAL_START, REAL_END, renderReal(results.real))
    log(`wrote ${jsonPath} and ${readme} (${spec.id})`)
  }
}

async function main() {
  if (config.startupOnly) return startupOnly()
  if (config.realOnly) return realOnly()
  if (config.cacheOnly) return cacheOnly()
  if (config.checksOnly) return checksOnly()
  mkdirSync(WORK, { recursive: true })
  const started = Date.now()
  const results = {
    schema: 1,
    mode: config.mode,
    date: new Date().toISOString(),
    machine: machine(),
    go: goVersion(),
    gnuTime: hasGnuTime,
    config,
    workloads: [],
    verifier: {}
  }
  log(`bench (${config.mode}): ${results.go}; ${results.machine.nproc} cores, ${results.machine.cpuModel}, ` +
    `${results.machine.memGiB} GiB; load ${results.machine.loadAvgAtStart}`)
  if (!hasGnuTime) log('   /usr/bin/time is missing: CPU-seconds will be n/a')
  for (const n of config.workloads) {
    const spec = workloadSpec(n)
    if (config.targetsOverride.length) {
      spec.targets = config.targetsOverride
      spec.title = spec.title.replace(/\d+ targets.*$/, `${spec.targets.length} targets (override)`)
    }
    results.workloads.push(await benchWorkload(spec))
  }
  results.verifier = await benchVerifier()
  results.startup = { date: new Date().toISOString(), machine: results.machine, ...(await startup()) }
  results.seconds = (Date.now() - started) / 1000
  results.goals = evaluateGoals(results)
  const markdown = renderMarkdown(results)
  const jsonPath = config.write ? join(BENCH, 'results.json') : join(WORK, 'results.json')
  writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n')
  const readmePath = writeReadme(config.write ? join(BENCH, 'README.md') : join(WORK, 'README.md'), markdown)
  writeStartup(readmePath, results.startup)
  log(`\n${markdown}`)
  log(`wrote ${jsonPath} and ${readmePath} in ${(results.seconds / 60).toFixed(1)} min`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
