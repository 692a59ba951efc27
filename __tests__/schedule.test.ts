/**
 * The scheduler: builds at once bounded by memory as well as CPUs, `-p` per
 * build growing in the last wave, and the start order. The decisions are
 * pure and tested by table; then the real pipeline builds the hello fixture
 * through a go wrapper that logs every go build (its -p, start and end), once
 * with a simulated small memory budget (GO_CROSS_BUILD_MEMORY_MIB, the test
 * hook of src/plan/memory.ts) and once without.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import * as path from 'node:path'
import { startOrder } from '../src/build/build.js'
import { INPUT_DEFAULTS, getInputs } from '../src/inputs/inputs.js'
import { streamLog } from '../src/log.js'
import {
  availableMemory,
  cgroupAvailable,
  GO_COMMAND_MIB,
  MEMORY_BUDGET_VAR,
  memoryParallelism,
  parseMemAvailable,
  TOOL_PROCESS_MIB
} from '../src/plan/memory.js'
import {
  compileParallelAt,
  compileParallelism,
  mostProcesses,
  type BuildPlan
} from '../src/plan/plan.js'
import { execute } from '../src/pipeline.js'
import { ROOT } from './support/action.js'
import { setEnv } from './support/artifact-files.js'

const MIB = 1024 * 1024
const hello = path.join(ROOT, '__fixtures__', 'hello')
const base = mkdtempSync(path.join(tmpdir(), 'gcb-schedule-'))

describe('memory readings', () => {
  it('takes MemAvailable from /proc/meminfo', () => {
    const meminfo = 'MemTotal:       24684512 kB\nMemFree:  100 kB\nMemAvailable:    7000000 kB\n'
    expect(parseMemAvailable(meminfo)).toBe(7000000 * 1024)
    expect(parseMemAvailable('MemTotal: 1 kB\n')).toBeUndefined()
  })

  const files: Record<string, string> = {
    '/memory.max': 'max\n',
    '/memory.current': '9000000000\n',
    '/job/memory.max': String(4096 * MIB),
    '/job/memory.current': String(3000 * MIB),
    '/job/memory.stat': `anon 1\ninactive_file ${500 * MIB}\nactive_file 7\n`,
    '/job/step/memory.max': 'max',
    '/job/step/memory.current': String(2000 * MIB)
  }
  it.each([
    ['the tightest limit on the way up, page cache added back', '0::/job/step\n', 1596 * MIB],
    ['a cgroup without a limit anywhere', '0::/\n', undefined],
    ['cgroup v1 only', '4:memory:/job\n', undefined]
  ])('cgroup v2: %s', (_, self, expected) => {
    expect(cgroupAvailable(self, (f) => files[f])).toBe(expected)
  })

  it.each([
    [{ cgroupAvailable: 2 * MIB, memAvailable: 3 * MIB }, 2 * MIB, 'cgroup memory.max'],
    [{ cgroupAvailable: 5 * MIB, memAvailable: 3 * MIB }, 3 * MIB, 'MemAvailable'],
    [{}, 1 * MIB, 'os.freemem()'],
    [{ memAvailable: 3 * MIB, budget: 9 * MIB }, 9 * MIB, MEMORY_BUDGET_VAR]
  ])('available memory of %o', (r, bytes, source) => {
    expect(availableMemory({ free: MIB, total: 8 * MIB, ...r })).toEqual({ bytes, source })
  })
})

describe('builds at once', () => {
  it.each([
    // cpus, builds at once, targets left to start (this one included) → -p
    [2, 2, 6, 1],
    [2, 2, 2, 1],
    [2, 2, 1, 2],
    [2, 1, 3, 2],
    [16, 16, 40, 1],
    [16, 16, 4, 4],
    [16, 16, 1, 16],
    [16, 6, 6, 3],
    [64, 8, 3, 22]
  ])('%i CPUs, %i at once, %i left → go build -p %i', (cpus, parallel, left, p) => {
    expect(compileParallelAt(compileParallelism(cpus, parallel), cpus, left)).toBe(p)
  })

  it.each([
    [1, 1, 1],
    [2, 1, 2],
    [2, 2, 3],
    [16, 6, 31],
    [16, 16, 31]
  ])('%i CPUs, %i at once: at most %i compile or link processes', (cpus, n, most) => {
    expect(mostProcesses(cpus, n)).toBe(most)
  })

  const readings = (mib: number) => ({ free: 0, total: 0, budget: mib * MIB })
  const need = (n: number, procs: number): number =>
    n * GO_COMMAND_MIB + procs * TOOL_PROCESS_MIB
  it.each([
    // cpus, wanted, MiB → builds at once, processes at once
    [2, 2, 64 * 1024, 2, 3],
    [2, 2, need(2, 3), 2, 3],
    [2, 2, need(2, 3) - 1, 2, 2],
    [2, 2, need(2, 2) - 1, 1, 2],
    [16, 16, 7 * 1024, 9, 9],
    [64, 64, 7 * 1024, 9, 9],
    [16, 4, 7 * 1024, 4, 12],
    [4, 4, 100, 1, 1]
  ])('%i CPUs, %i wanted, %i MiB → %i at once, %i processes', (cpus, wanted, mib, parallel, procs) => {
    const bound = memoryParallelism(wanted, readings(mib), (n) => mostProcesses(cpus, n))
    expect([bound.parallel, bound.processes]).toEqual([parallel, procs])
    if (parallel === wanted && procs === mostProcesses(cpus, wanted))
      expect(bound.note).toBeUndefined()
    else
      expect(bound.note).toContain(
        `parallel: ${parallel} go build(s) at once instead of ${wanted}, at most ${procs} compile or link processes at once instead of ${mostProcesses(cpus, wanted)}, because memory is short: ${mib} MiB available (${MEMORY_BUDGET_VAR})`
      )
    if (need(parallel, procs) > mib) expect(bound.note).toMatch(/may run out of memory/)
    else expect(bound.note ?? '').not.toMatch(/may run out of memory/)
  })

  it('starts targets whose cache missed first', () => {
    const t = (id: string) => ({ id }) as BuildPlan['targets'][number]
    const plan = {
      targets: [t('a'), t('b'), t('c'), t('d')],
      cacheHits: { a: 'exact', b: 'miss', c: 'fallback' }
    } as unknown as BuildPlan
    expect(startOrder(plan)).toEqual([1, 3, 2, 0])
  })
})

/** The real go command, by absolute path. */
function goBinary(): string {
  const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim()
  return path.join(goroot, 'bin', 'go')
}

/** A go that logs each go build's -p, start and end (ms) to a file. */
function loggingGo(name: string): { go: string; log: string } {
  const dir = mkdtempSync(path.join(base, `${name}-`))
  const log = path.join(dir, 'builds.log')
  const go = path.join(dir, 'go')
  writeFileSync(
    go,
    `#!/bin/sh
if [ "$1" = build ]; then
  echo "start $(date +%s%3N) $3 $GOOS/$GOARCH" >> '${log}'
  ${JSON.stringify(goBinary())} "$@"; rc=$?
  echo "end $(date +%s%3N) $3 $GOOS/$GOARCH" >> '${log}'
  exit $rc
fi
exec ${JSON.stringify(goBinary())} "$@"
`
  )
  chmodSync(go, 0o755)
  return { go, log }
}

/** Each go build as [start, end, -p, target], in start order. */
function builds(log: string): [number, number, number, string][] {
  const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' '))
  return lines
    .filter((l) => l[0] === 'start')
    .map((s) => {
      const end = lines.find((l) => l[0] === 'end' && l[3] === s[3])!
      return [Number(s[1]), Number(end[1]), Number(s[2]), s[3]] as [number, number, number, string]
    })
    .sort((a, b) => a[0] - b[0])
}

describe('the pipeline under a memory budget', () => {
  const targets = ['linux/amd64', 'linux/arm64', 'windows/amd64']
  const cpus = availableParallelism()
  let restore: () => void = () => {}
  afterEach(() => restore())

  async function run(name: string, budgetMiB?: number) {
    restore = setEnv({ [MEMORY_BUDGET_VAR]: budgetMiB?.toString() })
    const { go, log } = loggingGo(name)
    const values: Record<string, string> = {
      ...INPUT_DEFAULTS,
      targets: targets.join(','),
      'working-directory': hello,
      'output-dir': path.join(base, name, 'out'),
      upload: 'none',
      cache: 'false',
      parallel: '3',
      go
    }
    let text = ''
    const result = await execute(getInputs((n) => values[n]), streamLog((t) => void (text += t)))
    expect(result.problems).toEqual([])
    expect(result.binaries.map((b) => b.verification?.ok)).toEqual([true, true, true])
    return { text, builds: builds(log) }
  }

  it('runs one build at a time when only one fits, and says why', async () => {
    // room for one build with -p 2, not for two builds
    const budget = 2 * GO_COMMAND_MIB + 2 * TOOL_PROCESS_MIB - 1
    const { text, builds: seen } = await run('small', budget)
    expect(text).toContain(
      `note: parallel: 1 go build(s) at once instead of 3, at most ${Math.min(cpus, 2)} compile or link processes at once instead of ${mostProcesses(cpus, 3)}, because memory is short: ${budget} MiB available (${MEMORY_BUDGET_VAR}), and 3 builds`
    )
    expect(text).toMatch(/plan: 3 target\(s\) × 1 package\(s\) = 3 binaries; 1 go build\(s\) at once/)
    expect(seen.map((b) => b[3]).sort()).toEqual([...targets].sort())
    // one at a time: each starts after the one before it ended
    for (let i = 1; i < seen.length; i++)
      expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][1])
    const p = Math.min(cpus, 2)
    expect(seen.map((b) => b[2])).toEqual([p, p, p])
  })

  it('runs them together with room to spare, the last to start with more -p', async () => {
    const { text, builds: seen } = await run('roomy', 64 * 1024)
    expect(text).not.toContain('memory is short')
    expect(text).toContain('3 go build(s) at once')
    // The three start within a millisecond or two of each other, and the
    // wrapper's clock is read after the shell has started, so its order is
    // not the spawn order: compare the -p values as a multiset.
    const byValue = (a: number, b: number) => a - b
    expect(seen.map((b) => b[2]).sort(byValue)).toEqual(
      [3, 2, 1].map((left) => compileParallelAt(compileParallelism(cpus, 3), cpus, left)).sort(byValue)
    )
  })
})
