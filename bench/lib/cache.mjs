/**
 * The build cache across CI runs (issue 10): the action's bundle as a runner
 * starts it, against the local results service of the tests (Azurite behind
 * the Twirp CacheService that @actions/cache 6.x speaks), bundled here with
 * esbuild from __tests__/support so that the bench and the tests use one
 * service.
 *
 * Per workload, every run on a fresh runner (an empty RUNNER_TEMP, so an
 * empty GOCACHE per target), each a new workflow run of the service:
 *
 *   first     cold: every key misses, the builds compile everything, the caches are saved
 *   second    restores every target's entry (exact hits) and builds on it
 *   warm      the same action with `cache: false` on a GOCACHE that an untimed run filled:
 *             a warm local build, no cache service at all
 *
 * `second` and `warm` alternate run by run. The goals of the issue: the
 * second run within 1.2× of (warm + the time its restore took), and the
 * restore itself at least 100 MB/s.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { contestant, parseTimings } from './contestants.mjs'
import { importBundled } from './esbundle.mjs'
import { median } from './stats.mjs'

/**
 * The bundle of the tests' local results service, in bench/work: two levels
 * below the repository, like its source, so that it finds Azurite at
 * ../../node_modules as the source does.
 */
async function serviceModule(repo, work) {
  return importBundled(join(repo, '__tests__', 'support', 'artifact-service.ts'), join(work, 'results-service.mjs'))
}

/** Runs `argv` once; resolves with wall seconds and its stdout and stderr. */
function run(argv, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    child.on('error', reject)
    child.on('exit', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9
      if (code !== 0) reject(new Error(`the action exited ${code}:\n${out.slice(-4000)}`))
      else resolve({ wall, out })
    })
  })
}

/** `cache <target>: hit|miss|restored from…, 12.3 MiB in 0.4 s` lines of the log. */
export function parseCacheLines(out) {
  const restored = []
  const saved = []
  for (const line of out.split('\n')) {
    const r = /^cache (\S+): (hit|miss|restored from \S+), ([\d.]+) MiB in ([\d.]+) s/.exec(line)
    if (r) {
      restored.push({ target: r[1], hit: r[2] === 'hit' ? 'exact' : r[2] === 'miss' ? 'miss' : 'fallback', mib: Number(r[3]), seconds: Number(r[4]) })
      continue
    }
    const s = /^cache (\S+): (saved|not-saved|skipped|over-budget|[\w-]+)(?:, ([\d.]+) MiB)?/.exec(line)
    if (s && !/ in [\d.]+ s/.test(line)) saved.push({ target: s[1], status: s[2], mib: s[3] ? Number(s[3]) : 0 })
  }
  return { restored, saved }
}

/** One CI-like run of the action: a fresh runner, a new workflow run of the service. */
async function ciRun({ repo, svc, workload, base, cache, gocache, label }) {
  // One path for every cached run, emptied in between, as RUNNER_TEMP is on
  // a hosted runner: @actions/cache's entry version hashes the cached paths.
  const runnerTemp = join(base, cache ? 'runner-temp' : `runner-temp-${label}`)
  rmSync(runnerTemp, { recursive: true, force: true })
  mkdirSync(runnerTemp, { recursive: true })
  const outDir = join(base, `out-${label}`)
  rmSync(outDir, { recursive: true, force: true })
  // the action contestant of the main bench, with the cache inputs and a runner's variables on top
  const action = contestant({
    name: 'action',
    workload,
    outDir,
    scratch: runnerTemp,
    gocache: gocache ?? join(runnerTemp, 'unused-gocache'),
    paths: { repo, bundle: join(repo, 'dist', 'index.js'), probe: join(repo, 'bench', 'lib', 'rss-probe.mjs') }
  })
  const env = {
    ...action.env,
    ...(cache ? svc.newRun() : {}),
    INPUT_CACHE: String(cache),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main'
  }
  const { wall, out } = await run(action.argv, env)
  writeFileSync(join(base, `log-${label}.txt`), out)
  const timings = parseTimings(out)
  const lines = parseCacheLines(out)
  const restoredMiB = lines.restored.reduce((n, r) => n + r.mib, 0)
  const restoreSeconds = timings['cache-restore'] ?? 0
  rmSync(outDir, { recursive: true, force: true })
  return {
    wall,
    timings,
    restored: lines.restored,
    saved: lines.saved,
    restoredMiB,
    restoreSeconds,
    restoreMBps: restoreSeconds > 0 ? (restoredMiB * 1.048576) / restoreSeconds : undefined,
    runnerTemp
  }
}

/**
 * @param {object} o
 * @param {string} o.repo
 * @param {string} o.work        bench/work
 * @param {Array<{id, title, dir, targets, packages}>} o.workloads
 * @param {number} o.runs        alternating second/warm runs per workload
 * @param {(s: string) => void} o.log
 */
export async function benchCache({ repo, work, workloads, runs, log }) {
  const dir = join(work, 'cache')
  mkdirSync(dir, { recursive: true })
  const { startArtifactService } = await serviceModule(repo, work)
  const svc = await startArtifactService()
  const results = []
  try {
    for (const workload of workloads) {
      const base = join(dir, workload.id)
      rmSync(base, { recursive: true, force: true })
      mkdirSync(base, { recursive: true })
      log(`cache ${workload.id}: ${workload.title}`)
      const first = await ciRun({ repo, svc, workload, base, cache: true, label: 'first' })
      log(`   first (cold, saves): ${first.wall.toFixed(1)} s; ${first.saved.filter((s) => s.status === 'saved').length}/${workload.targets.length} saved, ${first.saved.reduce((n, s) => n + s.mib, 0).toFixed(0)} MiB`)
      rmSync(first.runnerTemp, { recursive: true, force: true })
      // the warm contestant's own GOCACHE, filled by an untimed run
      const warmCache = join(base, 'warm-gocache')
      await ciRun({ repo, svc, workload, base, cache: false, gocache: warmCache, label: 'warmup' })
      const second = []
      const warm = []
      for (let i = 0; i < runs; i++) {
        const s = await ciRun({ repo, svc, workload, base, cache: true, label: 'second' })
        second.push(s)
        log(`   second #${i + 1}: ${s.wall.toFixed(1)} s, restored ${s.restoredMiB.toFixed(0)} MiB in ${s.restoreSeconds.toFixed(2)} s (${s.restoreMBps?.toFixed(0)} MB/s), hits ${s.restored.filter((r) => r.hit === 'exact').length}/${workload.targets.length}`)
        const w = await ciRun({ repo, svc, workload, base, cache: false, gocache: warmCache, label: 'warm' })
        warm.push(w)
        log(`   warm   #${i + 1}: ${w.wall.toFixed(1)} s`)
      }
      rmSync(join(base, 'runner-temp'), { recursive: true, force: true })
      const m = {
        second: median(second.map((s) => s.wall)),
        restore: median(second.map((s) => s.restoreSeconds)),
        restoredMiB: median(second.map((s) => s.restoredMiB)),
        restoreMBps: median(second.map((s) => s.restoreMBps ?? 0)),
        build: median(second.map((s) => s.timings.build ?? NaN)),
        warm: median(warm.map((w) => w.wall)),
        warmBuild: median(warm.map((w) => w.timings.build ?? NaN))
      }
      results.push({
        id: workload.id,
        title: workload.title,
        targets: workload.targets,
        first: { wall: first.wall, build: first.timings.build, save: first.timings['cache-save'], savedMiB: first.saved.reduce((n, s) => n + s.mib, 0), saved: first.saved },
        second: second.map(({ wall, timings, restoredMiB, restoreSeconds, restoreMBps, restored }) => ({ wall, timings, restoredMiB, restoreSeconds, restoreMBps, hits: restored.map((r) => r.hit) })),
        warm: warm.map(({ wall, timings }) => ({ wall, timings })),
        medians: m,
        goals: {
          secondWithin: { limit: 1.2 * (m.warm + m.restore), ratio: m.second / (m.warm + m.restore), ok: m.second <= 1.2 * (m.warm + m.restore) },
          restoreSpeed: { mbps: m.restoreMBps, ok: m.restoreMBps >= 100 }
        }
      })
      if (!process.env.BENCH_KEEP) rmSync(base, { recursive: true, force: true })
    }
  } finally {
    await svc.stop()
  }
  return { runs, workloads: results }
}

const f = (x, d = 1) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d))

/** The markdown of the cache section. */
export function renderCache(r) {
  const rows = r.workloads.map((w) => {
    const m = w.medians
    return `| ${w.title} | ${f(w.first.wall)} | ${f(w.first.savedMiB, 0)} | ${f(m.second)} | ${f(m.restoredMiB, 0)} in ${f(m.restore, 2)} s | ${f(m.restoreMBps, 0)} ${w.goals.restoreSpeed.ok ? '✅' : '❌'} | ${f(m.warm)} | ${f(w.goals.secondWithin.ratio, 2)}× ${w.goals.secondWithin.ok ? '✅' : '❌'} |`
  })
  return [
    `Measured ${r.date} on ${r.machine.nproc} cores (${r.machine.cpuModel}), load at start ${r.machine.loadAvgAtStart}; ${r.go}.`,
    `Command: \`npm run bench -- --cache\` (${r.runs} alternating second/warm runs per workload; medians).`,
    '',
    '| Workload | First run (cold), s | Saved, MiB | Second run, s | Restored, MiB | Restore, MB/s (goal ≥ 100) | Warm local, s | Second ÷ (warm + restore) (goal ≤ 1.2) |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
    ...rows,
    ''
  ].join('\n')
}

export const CACHE_START = '<!-- cache:start -->'
export const CACHE_END = '<!-- cache:end -->'

/** Reads back what a run wrote (for re-rendering). */
export function readCacheResults(path) {
  return JSON.parse(readFileSync(path, 'utf8')).cache
}
