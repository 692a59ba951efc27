/**
 * The cache stage's edge: decides from the inputs and the runner whether a
 * build cache per target is used, restores it before the builds (giving
 * each target its own GOCACHE in the build plan) and saves it after them.
 * The cache never fails the build: every problem is a warning, and the
 * build goes on cold.
 */
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import type { Inputs } from '../inputs/inputs.js'
import type { Log } from '../log.js'
import type { Plan } from '../plan/plan.js'
import {
  cacheUnavailable,
  loadCacheClient,
  mib,
  planCache,
  restoreSlots,
  savePolicy,
  saveSlots,
  type CacheClient,
  type CachePlan,
  type Restored,
  type Saved
} from './cache.js'

/** What the cache did, for the log and the summary. */
export interface CacheReport {
  /** `on`, or why not (`cache is false`, no cache service...). */
  state: 'on' | 'off'
  why: string
  restored: Restored[]
  saved: Saved[]
}

/** The restore's outcome, carried to the save. */
export interface CacheSession {
  report: CacheReport
  plan?: CachePlan
  client?: CacheClient
}

/** The compile settings that go into the keys (pure). */
export function compileSettings(inputs: Inputs): string[] {
  return [
    'CGO_ENABLED=0',
    `-trimpath=${inputs.trimpath}`,
    `-tags=${[...inputs.tags].sort().join(',')}`,
    ...inputs.flags
  ]
}

/**
 * Restores the cache of every target and points each target's builds at
 * its directory. Never throws.
 */
export async function restoreCache(
  plan: Plan,
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  log: Log
): Promise<CacheSession> {
  const off = (why: string): CacheSession => {
    log.info(`cache: off, ${log.value(why)}`)
    return { report: { state: 'off', why, restored: [], saved: [] } }
  }
  if (!inputs.cache) return off('cache is false')
  const unavailable = cacheUnavailable(env)
  if (unavailable) return off(unavailable)
  try {
    const gomod = plan.toolchain.gomod
    const goSumPath = gomod ? path.join(path.dirname(gomod), 'go.sum') : ''
    const cachePlan = planCache(
      plan.build.targets,
      {
        runnerOs: env.RUNNER_OS ?? process.platform,
        runnerArch: env.RUNNER_ARCH ?? process.arch,
        goVersion: plan.toolchain.version,
        compileSettings: compileSettings(inputs),
        goSum: goSumPath && existsSync(goSumPath) ? readFileSync(goSumPath, 'utf8') : '',
        root: path.join(env.RUNNER_TEMP || tmpdir(), 'go-cross-build-gocache')
      },
      savePolicy(env.GITHUB_EVENT_NAME, inputs.cacheSave),
      inputs.cacheMaxBytes
    )
    const client = await loadCacheClient()
    const restored = await restoreSlots(cachePlan, client)
    plan.build.gocache = Object.fromEntries(restored.map((r) => [r.slot.target.id, r.slot.dir]))
    plan.build.cacheHits = Object.fromEntries(restored.map((r) => [r.slot.target.id, r.hit]))
    for (const r of restored) {
      if (r.warning) log.warning(log.value(r.warning))
      log.info(
        `cache ${r.slot.target.name}: ${r.hit === 'exact' ? 'hit' : r.hit === 'fallback' ? `restored from ${log.value(r.matchedKey ?? '')}` : 'miss'}, ${mib(r.bytes)} in ${r.seconds.toFixed(1)} s`
      )
    }
    return {
      report: { state: 'on', why: cachePlan.policy.why, restored, saved: [] },
      plan: cachePlan,
      client
    }
  } catch (error) {
    log.warning(`cache: not restored (${log.value(error instanceof Error ? error.message : String(error))}); the builds run cold`)
    return off('the cache service failed')
  }
}

/** Saves what the builds used, within the budget. Never throws. */
export async function saveCache(
  session: CacheSession,
  buildsStartedMs: number,
  log: Log
): Promise<CacheReport> {
  const { report, plan, client } = session
  if (!plan || !client) return report
  try {
    const saved = await saveSlots(plan, report.restored, buildsStartedMs, client)
    for (const s of saved)
      log.info(
        `cache ${s.slot.target.name}: ${s.status}${s.bytes ? `, ${mib(s.bytes)}` : ''}${s.pruned ? `, ${s.pruned} unused file(s) left out` : ''}${s.detail ? ` (${log.value(s.detail)})` : ''}`
      )
    return { ...report, saved }
  } catch (error) {
    log.warning(`cache: not saved (${log.value(error instanceof Error ? error.message : String(error))})`)
    return report
  }
}
