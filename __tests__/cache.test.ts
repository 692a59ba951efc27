/**
 * The per-target build cache against the local results service (Twirp
 * CacheService + Azurite) with the real @actions/cache client and real Go
 * builds: whether a build was served from the cache is read from
 * `go build -x` (the compile commands it ran), not from wall time.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  loadCacheClient,
  planCache,
  restoreSlots,
  saveSlots,
  savePolicy,
  cacheUnavailable,
  type CacheFacts,
  type CachePlan,
  type CacheSlot
} from '../src/cache/cache.js'
import { makeTarget } from '../src/plan/targets.js'
import type { Target } from '../src/types.js'
import { ROOT } from './support/action.js'
import { captureStdout, setEnv } from './support/artifact-files.js'
import {
  startArtifactService,
  unusedUrl,
  type ArtifactService
} from './support/artifact-service.js'

const base = mkdtempSync(path.join(tmpdir(), 'gcb-cache-'))
const fixture = path.join(base, 'module')
cpSync(path.join(ROOT, '__fixtures__', 'hello'), fixture, { recursive: true })

let svc: ArtifactService
let restoreEnv: () => void

beforeAll(async () => {
  svc = await startArtifactService()
  restoreEnv = setEnv({
    ...svc.env,
    GITHUB_WORKSPACE: base,
    RUNNER_TEMP: path.join(base, 'runner-temp')
  })
}, 120000)

afterAll(async () => {
  restoreEnv?.()
  await svc?.stop()
  rmSync(base, { recursive: true, force: true })
})

const LINUX = makeTarget('linux', 'amd64', '')
const WINDOWS = makeTarget('windows', 'amd64', '')
const ARM64 = makeTarget('linux', 'arm64', '')

/**
 * A fresh runner: the GOCACHE root is where it always is on a hosted runner
 * (the client's entry version hashes the path), and empty.
 */
function facts(goSum = 'h1 one'): CacheFacts {
  const root = path.join(base, 'runner-temp', 'gocache')
  rmSync(root, { recursive: true, force: true })
  return {
    runnerOs: 'Linux',
    runnerArch: 'X64',
    goVersion: 'go1.26',
    compileSettings: ['CGO_ENABLED=0', '-trimpath'],
    goSum,
    root
  }
}

/** Builds the fixture for the slot's target with its GOCACHE and -x; returns the compile commands it ran. */
function compiles(slot: CacheSlot): number {
  const t = slot.target
  const r = spawnSync(
    'go',
    ['build', '-x', '-trimpath', '-o', path.join(base, 'bin', t.id), '.'],
    {
      cwd: fixture,
      encoding: 'utf8',
      env: {
        ...process.env,
        GOCACHE: slot.dir,
        CGO_ENABLED: '0',
        GOOS: t.goos,
        GOARCH: t.goarch,
        GOFLAGS: '-buildvcs=false'
      }
    }
  )
  if (r.status !== 0) throw new Error(r.stderr)
  return (r.stderr.match(/\/compile -o /g) ?? []).length
}

/** One CI run: restore, build every target, save; with the client's log captured. */
async function ciRun(
  targets: Target[],
  f: CacheFacts,
  options: { event?: string; maxBytes?: number } = {}
) {
  const plan: CachePlan = planCache(
    targets,
    f,
    savePolicy(options.event ?? 'push'),
    options.maxBytes ?? 1 << 30
  )
  const stop = captureStdout()
  try {
    const client = await loadCacheClient()
    const started = Date.now()
    const restored = await restoreSlots(plan, client)
    const compiled = restored.map((r) => compiles(r.slot))
    const saved = await saveSlots(plan, restored, started, client)
    return { plan, restored, compiled, saved, log: stop() }
  } catch (error) {
    stop()
    throw error
  }
}

describe('keys and policy', () => {
  it('gives each target its own key and directory, and falls back across go.sum only', () => {
    const f = facts()
    const plan = planCache([LINUX, WINDOWS], f, savePolicy('push'), 1)
    const [a, b] = plan.slots
    expect(a.dir).not.toBe(b.dir)
    expect(a.key).toMatch(/^go-cross-build-v1-Linux-X64-go1\.26-linux-amd64-[0-9a-f]{12}-[0-9a-f]{16}$/)
    expect(a.restoreKeys).toEqual([a.key.slice(0, a.key.lastIndexOf('-') + 1)])
    const other = planCache([LINUX], { ...f, goSum: 'h1 two' }, savePolicy('push'), 1).slots[0]
    expect(other.key).not.toBe(a.key)
    expect(other.restoreKeys).toEqual(a.restoreKeys)
    const flags = planCache([LINUX], { ...f, compileSettings: ['-race'] }, savePolicy('push'), 1).slots[0]
    expect(flags.restoreKeys).not.toEqual(a.restoreKeys)
    for (const s of plan.slots) expect(s.key).not.toMatch(/,/)
  })

  it.each([
    ['push', true],
    ['pull_request', true],
    ['workflow_dispatch', true],
    ['schedule', true],
    ['merge_group', true],
    ['pull_request_target', false],
    ['workflow_run', false],
    ['issue_comment', false],
    [undefined, false]
  ])('event %s saves: %s', (event, save) => {
    expect(savePolicy(event).save).toBe(save)
  })

  it('needs the runner\'s results service and the v2 cache protocol', () => {
    expect(cacheUnavailable({})).toMatch(/no cache service/)
    expect(cacheUnavailable({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'u' })).toMatch(/ACTIONS_CACHE_SERVICE_V2/)
    expect(cacheUnavailable(svc.env)).toBeUndefined()
  })
})

describe('against the local cache service', () => {
  const goSum = `h1 ${Date.now()}`

  it('a first run misses and saves; a second on an empty GOCACHE restores and compiles nothing', async () => {
    const first = await ciRun([LINUX, WINDOWS], facts(goSum))
    expect(first.restored.map((r) => r.hit)).toEqual(['miss', 'miss'])
    for (const n of first.compiled) expect(n).toBeGreaterThan(0)
    expect(first.saved.map((s) => s.status)).toEqual(['saved', 'saved'])
    expect(svc.cache.entries().map((e) => e.key)).toEqual(expect.arrayContaining(first.plan.slots.map((s) => s.key)))

    const second = await ciRun([LINUX, WINDOWS], facts(goSum))
    expect(second.restored.map((r) => r.hit)).toEqual(['exact', 'exact'])
    expect(second.compiled).toEqual([0, 0])
    expect(second.saved.map((s) => s.status)).toEqual(['unchanged', 'unchanged'])
    for (const r of second.restored) expect(r.bytes).toBeGreaterThan(1 << 20)
  }, 300000)

  it('a go.sum change restores through the fallback key and saves under the new one', async () => {
    const run = await ciRun([LINUX], facts(`${goSum} bumped`))
    expect(run.restored[0].hit).toBe('fallback')
    expect(run.compiled).toEqual([0])
    expect(run.saved[0].status).toBe('saved')
    expect(svc.cache.entries().some((e) => e.key === run.plan.slots[0].key)).toBe(true)
  }, 300000)

  it('adding a target leaves the others warm', async () => {
    const run = await ciRun([LINUX, ARM64], facts(goSum))
    expect(run.restored.map((r) => r.hit)).toEqual(['exact', 'miss'])
    expect(run.compiled[0]).toBe(0)
    expect(run.compiled[1]).toBeGreaterThan(0)
  }, 300000)

  it('saves only what this run used', async () => {
    // Restore linux/amd64's entry, then build a different program with it:
    // the entries of the first program are pruned before saving.
    const f = facts(`${goSum} pruned`)
    const main = path.join(fixture, 'main.go')
    const original = readFileSync(main, 'utf8')
    writeFileSync(main, 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("other") }\n')
    try {
      const run = await ciRun([LINUX], f)
      expect(run.restored[0].hit).toBe('fallback')
      expect(run.saved[0].status).toBe('saved')
      expect(run.saved[0].pruned).toBeGreaterThan(0)
      expect(run.saved[0].bytes).toBeLessThan(run.restored[0].bytes + (64 << 20))
    } finally {
      writeFileSync(main, original)
    }
  }, 300000)

  it('keeps within the byte budget', async () => {
    const run = await ciRun([WINDOWS], facts(`${goSum} budget`), { maxBytes: 1024 })
    expect(run.saved[0].status).toBe('over-budget')
    expect(run.saved[0].detail).toMatch(/cache-max-mb/)
  }, 300000)

  it('does not save from pull_request_target', async () => {
    const run = await ciRun([LINUX], facts(`${goSum} prt`), { event: 'pull_request_target' })
    expect(run.saved[0]).toMatchObject({ status: 'not-saved' })
    expect(svc.cache.entries().some((e) => e.key === run.plan.slots[0].key)).toBe(false)
  }, 300000)

  it('builds on cold, with a warning, when the service fails or is down', async () => {
    svc.failNext('GetCacheEntryDownloadURL', 1, 400)
    const failing = await ciRun([LINUX], facts(goSum))
    expect(failing.restored[0].hit).toBe('miss')
    expect(failing.compiled[0]).toBeGreaterThan(0)
    expect(failing.log).toMatch(/::warning::Failed to restore/)

    const down = setEnv({ ACTIONS_RESULTS_URL: await unusedUrl() })
    try {
      const run = await ciRun([LINUX], facts(goSum))
      expect(run.restored[0].hit).toBe('miss')
      expect(run.compiled[0]).toBeGreaterThan(0)
    } finally {
      down()
    }
  }, 300000)
})
