/**
 * The build cache as the pipeline runs it, from src/, against the local
 * results service with the real @actions/cache client: a first CI run
 * misses and saves, a second one on a fresh runner restores and compiles
 * nothing (counted from go build -x), the summary shows each target's key,
 * and a cache service that fails leaves the build green.
 */
import { rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { getInputs } from '../src/inputs/inputs.js'
import { streamLog } from '../src/log.js'
import { execute } from '../src/pipeline.js'
import { summaryMarkdown } from '../src/report/report.js'
import { ROOT } from './support/action.js'
import { captureStdout, setEnv } from './support/artifact-files.js'
import { startArtifactService, type ArtifactService } from './support/artifact-service.js'

const fixture = path.join(ROOT, '__fixtures__', 'hello')
const base = mkdtempSync(path.join(tmpdir(), 'gcb-pcache-'))
const runnerTemp = path.join(base, 'runner-temp')
let svc: ArtifactService
let restoreEnv: (() => void) | undefined

beforeAll(async () => {
  svc = await startArtifactService()
}, 120000)

afterAll(async () => {
  restoreEnv?.()
  await svc?.stop()
  rmSync(base, { recursive: true, force: true })
})

/** A CI run on a fresh runner: empty RUNNER_TEMP at the same path. */
async function ciRun(event: string, extra: Record<string, string> = {}) {
  rmSync(runnerTemp, { recursive: true, force: true })
  restoreEnv?.()
  restoreEnv = setEnv({
    ...svc.newRun(),
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    GITHUB_EVENT_NAME: event,
    GITHUB_WORKSPACE: base
  })
  const values: Record<string, string> = {
    targets: 'linux/amd64, windows/arm64',
    'working-directory': fixture,
    'output-dir': mkdtempSync(path.join(base, 'out-')),
    upload: 'none',
    flags: '-x',
    ...extra
  }
  let log = ''
  const stop = captureStdout()
  try {
    const result = await execute(getInputs((n) => values[n]), streamLog((t) => void (log += t)))
    const compiles = result.binaries.map((b) => (b.build.output.match(/\/compile -o /g) ?? []).length)
    return { result, compiles, log: log + stop() }
  } catch (error) {
    stop()
    throw error
  }
}

describe('the pipeline with the build cache', () => {
  it('a first run misses and saves, a second restores every target and compiles nothing', async () => {
    const first = await ciRun('push')
    expect(first.result.problems).toEqual([])
    expect(first.result.cache?.restored.map((r) => r.hit)).toEqual(['miss', 'miss'])
    expect(first.result.cache?.saved.map((s) => s.status)).toEqual(['saved', 'saved'])
    for (const n of first.compiles) expect(n).toBeGreaterThan(0)

    const second = await ciRun('push')
    expect(second.result.problems).toEqual([])
    expect(second.result.cache?.restored.map((r) => r.hit)).toEqual(['exact', 'exact'])
    expect(second.compiles).toEqual([0, 0])
    const summary = summaryMarkdown(second.result)
    expect(summary).toMatch(/### Build cache/)
    expect(summary).toMatch(/<code>linux\/amd64<\/code> \| ✅ hit \|/)
    expect(second.log).toMatch(/cache linux\/amd64: hit/)
  }, 600000)

  it('restores but never saves on pull_request_target', async () => {
    const run = await ciRun('pull_request_target', { targets: 'linux/386' })
    expect(run.result.cache?.restored.map((r) => r.hit)).toEqual(['miss'])
    expect(run.result.cache?.saved.map((s) => s.status)).toEqual(['not-saved'])
    expect(svc.cache.entries().some((e) => e.key.includes('linux-386'))).toBe(false)
  }, 600000)

  it('is off with cache: false and outside a runner, and the build is as before', async () => {
    const off = await ciRun('push', { cache: 'false' })
    expect(off.result.cache).toMatchObject({ state: 'off', why: 'cache is false' })
    restoreEnv?.()
    restoreEnv = setEnv({ ACTIONS_RUNTIME_TOKEN: undefined, ACTIONS_RESULTS_URL: undefined })
    const values: Record<string, string> = {
      targets: 'linux/amd64',
      'working-directory': fixture,
      'output-dir': mkdtempSync(path.join(base, 'out-')),
      upload: 'none'
    }
    const result = await execute(getInputs((n) => values[n]), streamLog(() => undefined))
    expect(result.cache).toMatchObject({ state: 'off' })
    expect(result.cache?.why).toMatch(/no cache service/)
    expect(result.problems).toEqual([])
  }, 600000)

  it('builds green, with a warning, when the cache service fails', async () => {
    rmSync(runnerTemp, { recursive: true, force: true })
    const run = await (async () => {
      svc.newRun()
      svc.failNext('GetCacheEntryDownloadURL', 2, 400)
      svc.failNext('CreateCacheEntry', 2, 400)
      return ciRunKeepingFailures()
    })()
    expect(run.result.problems).toEqual([])
    expect(run.result.binaries.map((b) => b.build.status)).toEqual(['built', 'built'])
    expect(run.log).toMatch(/warning/i)
  }, 600000)
})

/** Like ciRun, but in the run svc already started (with its injected failures). */
async function ciRunKeepingFailures() {
  restoreEnv?.()
  restoreEnv = setEnv({
    ...svc.env,
    RUNNER_TEMP: runnerTemp,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_WORKSPACE: base
  })
  const values: Record<string, string> = {
    targets: 'linux/amd64, windows/arm64',
    'working-directory': fixture,
    'output-dir': mkdtempSync(path.join(base, 'out-')),
    upload: 'none'
  }
  let log = ''
  const stop = captureStdout()
  try {
    const result = await execute(getInputs((n) => values[n]), streamLog((t) => void (log += t)))
    return { result, log: log + stop() }
  } catch (error) {
    stop()
    throw error
  }
}
