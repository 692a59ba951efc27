/**
 * What the per-binary checks of issue 12 cost, beside the hash every binary
 * gets anyway: the build-machine path scan (src/inspect/paths.ts, every
 * binary with trimpath on) and the SBOM (src/package/sbom.ts, every binary
 * with sbom on: the build info read from the binary, then the CycloneDX
 * document). The sources are bundled here with esbuild, as the action's
 * bundle runs them.
 *
 * Binaries: the 3, 30 and 300 MiB linux/amd64 programs of the verifier
 * figures (no dependencies), and a real program with many: goreleaser, as
 * `go install` built it (BENCH_SBOM_BINARY names another).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { importBundled } from './esbundle.mjs'
import { median } from './stats.mjs'

export const CHECKS_START = '<!-- checks:start -->'
export const CHECKS_END = '<!-- checks:end -->'

const ENTRY = `
export { scanForPaths, buildMachinePaths } from './src/inspect/paths.ts'
export { cycloneDxSbom } from './src/package/sbom.ts'
export { inspectBinary } from './src/inspect/binary/index.ts'
export { sha256File } from './src/hash.ts'
`

async function load(repo, work) {
  const entry = join(repo, '.bench-checks-entry.ts')
  writeFileSync(entry, ENTRY)
  try {
    return await importBundled(entry, join(work, 'checks-bundle.mjs'))
  } finally {
    rmSync(entry, { force: true })
  }
}

function goEnv() {
  const r = spawnSync('go', ['env', '-json', 'GOROOT', 'GOPATH', 'GOMODCACHE'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`go env: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

/** Wall and CPU milliseconds of `fn`, the medians of `rounds` after one untimed call. */
async function timed(fn, rounds) {
  await fn()
  const wall = []
  const cpu = []
  let last
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    last = await fn()
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  return { wallMs: median(wall), cpuMs: median(cpu), last }
}

/**
 * Per binary: SHA-256 (streamed, as the package stage does), the path scan
 * with this machine's directories, and inspect + SBOM.
 */
export async function benchChecks({ repo, work, binaries, rounds, log }) {
  const m = await load(repo, work)
  const env = goEnv()
  const rows = []
  for (const b of binaries) {
    const bytes = statSync(b.path).size
    const paths = m.buildMachinePaths({
      moduleDir: b.moduleDir,
      goroot: env.GOROOT,
      gopath: env.GOPATH,
      gomodcache: env.GOMODCACHE,
      env: process.env
    })
    const hash = await timed(() => m.sha256File(b.path), rounds)
    const scan = await timed(() => m.scanForPaths(b.path, paths), rounds)
    const inspect = await timed(() => m.inspectBinary(b.path), rounds)
    const info = inspect.last
    if (!info.buildInfo) throw new Error(`${b.path}: no build info (${info.buildInfoError})`)
    const sbom = await timed(
      async () =>
        m.cycloneDxSbom({
          buildInfo: info.buildInfo,
          target: { goos: 'linux', goarch: 'amd64', variant: '', name: 'linux/amd64', id: 'linux-amd64' },
          fileName: b.label,
          sha256: hash.last.sha256
        }),
      rounds
    )
    const row = {
      label: b.label,
      bytes,
      modules: info.buildInfo.modules.length,
      needles: paths.length,
      hits: scan.last.total,
      hashMs: hash.wallMs,
      hashCpuMs: hash.cpuMs,
      scanMs: scan.wallMs,
      scanCpuMs: scan.cpuMs,
      inspectMs: inspect.wallMs,
      sbomMs: sbom.wallMs,
      sbomBytes: Buffer.byteLength(sbom.last)
    }
    log(
      `   ${b.label}: ${(bytes / 2 ** 20).toFixed(1)} MiB, hash ${row.hashMs.toFixed(1)} ms, path scan ${row.scanMs.toFixed(1)} ms ` +
        `(${paths.length} directories, ${row.hits} hits), inspect ${row.inspectMs.toFixed(1)} ms, SBOM ${row.sbomMs.toFixed(1)} ms ` +
        `(${row.modules} modules, ${row.sbomBytes} bytes)`
    )
    rows.push(row)
  }
  return { rounds, rows }
}

/** A real program with many modules, when one is at hand. */
export function realBinary(repoBench) {
  const candidates = [
    process.env.BENCH_SBOM_BINARY,
    join(repoBench, 'work', 'bin', 'goreleaser')
  ].filter(Boolean)
  return candidates.find((p) => existsSync(p))
}

export function renderChecks(r) {
  const mb = (bytes, ms) => (bytes / 1e6 / (ms / 1000)).toFixed(0)
  const lines = [
    `Measured ${r.date} on ${r.machine.nproc} cores (${r.machine.cpuModel}), load at start ${r.machine.loadAvgAtStart}; ${r.go}.`,
    `Command: \`npm run bench -- --checks\` (median of ${r.rounds} calls after one untimed call, file in the page cache).`,
    '',
    '| Binary | Size, MiB | Modules | SHA-256, ms | Path scan, ms (directories) | Scan ÷ hash | Path scan, MB/s | Read build info, ms | SBOM, ms (bytes) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  ]
  for (const x of r.rows) {
    lines.push(
      `| ${x.label} | ${(x.bytes / 2 ** 20).toFixed(1)} | ${x.modules} | ${x.hashMs.toFixed(1)} | ${x.scanMs.toFixed(1)} (${x.needles}) | ${(x.scanMs / x.hashMs).toFixed(2)}× | ${mb(x.bytes, x.scanMs)} | ${x.inspectMs.toFixed(1)} | ${x.sbomMs.toFixed(1)} (${x.sbomBytes}) |`
    )
  }
  return lines.join('\n') + '\n'
}
