/**
 * Warm CI runs: Go's build cache per target, restored before the builds and
 * saved after them through the runner's cache service (`@actions/cache`).
 *
 * Go compiles the standard library and every dependency separately for each
 * GOOS/GOARCH/variant, so caches of two targets share almost nothing. Each
 * target therefore builds with a GOCACHE of its own and has its own cache
 * entry: adding a target never makes the others cold, and a target's entry
 * holds only what its build used (entries restored but not touched by this
 * run are pruned before saving; see `markRestored`).
 *
 * `planCache` and `savePolicy` decide (pure); `restoreSlots` and `saveSlots`
 * do the I/O, through a `CacheClient` that is `@actions/cache`, loaded only
 * when a cache service is there.
 */
import { createHash } from 'node:crypto'
import type { Dirent } from 'node:fs'
import { lstat, mkdir, readdir, rm, utimes } from 'node:fs/promises'
import * as path from 'node:path'
import { mapLimit } from '../package/limit.js'
import type { Target } from '../types.js'

/** The part of `@actions/cache` the stage uses. */
export interface CacheClient {
  restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys?: string[]
  ): Promise<string | undefined>
  saveCache(paths: string[], key: string): Promise<number>
}

/** Loads `@actions/cache` (heavy: only when a cache service is there). */
export async function loadCacheClient(): Promise<CacheClient> {
  const cache = await import('@actions/cache')
  return {
    restoreCache: (paths, key, restoreKeys) =>
      cache.restoreCache(paths, key, restoreKeys),
    saveCache: (paths, key) => cache.saveCache(paths, key)
  }
}

/** Bump when the layout of an entry changes, so old entries are not read. */
const KEY_VERSION = 'v1'

/** The events whose runs may save (see `savePolicy`). */
export const SAVING_EVENTS: readonly string[] = [
  'push',
  'pull_request',
  'merge_group',
  'schedule',
  'workflow_dispatch',
  'release',
  'create'
]

/** What the keys are made of, besides the target. */
export interface CacheFacts {
  /** `RUNNER_OS`-like: `Linux`, `macOS`, `Windows`. */
  runnerOs: string
  /** `RUNNER_ARCH`-like: `X64`, `ARM64`. */
  runnerArch: string
  /** `go1.26.8` */
  goVersion: string
  /**
   * Everything that changes what the compiler writes: CGO_ENABLED=0,
   * -trimpath, the flags and the tags. Not -ldflags: linking is cheap and
   * `-X main.version=…` changes on every release.
   */
  compileSettings: string[]
  /** The go.sum file's bytes ('' without one). */
  goSum: string
  /** Where the per-target GOCACHE directories go (under RUNNER_TEMP). */
  root: string
}

/** One target's cache: its GOCACHE directory and its keys. */
export interface CacheSlot {
  target: Target
  /** The GOCACHE of this target's builds. */
  dir: string
  key: string
  /** Tried in order when `key` misses: the same target with another go.sum. */
  restoreKeys: string[]
}

/** Whether this run may save, and why, in words for the log. */
export interface SavePolicy {
  save: boolean
  why: string
}

/** The cache stage's plan. */
export interface CachePlan {
  slots: CacheSlot[]
  policy: SavePolicy
  /** The most bytes (before compression) all entries of this run may hold. */
  maxBytes: number
}

const hash = (text: string, length: number): string =>
  createHash('sha256').update(text).digest('hex').slice(0, length)

/** A key-safe spelling (no commas: restore keys are comma-joined on GitHub). */
const keyPart = (text: string): string => text.replace(/[^\w.-]+/g, '_')

/** The keys and directories of every target (pure). */
export function planCache(
  targets: readonly Target[],
  facts: CacheFacts,
  policy: SavePolicy,
  maxBytes: number
): CachePlan {
  const settings = hash(JSON.stringify(facts.compileSettings), 12)
  const sum = facts.goSum ? hash(facts.goSum, 16) : 'no-go.sum'
  return {
    policy,
    maxBytes,
    slots: targets.map((target) => {
      const prefix = [
        'go-cross-build',
        KEY_VERSION,
        keyPart(facts.runnerOs),
        keyPart(facts.runnerArch),
        keyPart(facts.goVersion),
        target.id,
        settings
      ].join('-')
      return {
        target,
        dir: path.join(facts.root, target.id),
        key: `${prefix}-${sum}`,
        restoreKeys: [`${prefix}-`]
      }
    })
  }
}

/**
 * Which runs save. GitHub scopes a saved cache to the ref of the run that
 * saved it, and the default branch's caches are read by every branch and
 * pull request. Events that run in the default branch's scope while often
 * building code the repository has not reviewed (`pull_request_target`,
 * `workflow_run`, `issue_comment` and the like) would let that code write
 * caches every later run restores, so they never save; `pull_request`
 * saves only into the pull request's own scope, which nothing else reads.
 */
export function savePolicy(
  event: string | undefined,
  mode: 'auto' | 'always' | 'never' = 'auto'
): SavePolicy {
  if (mode === 'never') return { save: false, why: 'cache-save is never' }
  if (!event)
    return { save: false, why: 'no GITHUB_EVENT_NAME: not a workflow run' }
  if (mode === 'always')
    return { save: true, why: `cache-save is always (event ${event})` }
  if (SAVING_EVENTS.includes(event))
    return {
      save: true,
      why: `a ${event} run saves into its own ref's scope`
    }
  return {
    save: false,
    why: `a ${event} run may build code the repository has not reviewed while it writes the default branch's caches, so it only restores (set cache-save: always to override)`
  }
}

/** Why no cache service can be used here, or undefined when one can. */
export function cacheUnavailable(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL)
    return 'no cache service (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only on a runner)'
  if (!env.ACTIONS_CACHE_SERVICE_V2)
    return 'the runner offers only the retired cache service (ACTIONS_CACHE_SERVICE_V2 is not set)'
  return undefined
}

/** What restoring one target's cache did. */
export interface Restored {
  slot: CacheSlot
  hit: 'exact' | 'fallback' | 'miss'
  matchedKey?: string
  /** Bytes in the directory after the restore. */
  bytes: number
  files: number
  seconds: number
  /** Why it counts as a miss although an entry may exist. */
  warning?: string
}

/** What saving one target's cache did. */
export interface Saved {
  slot: CacheSlot
  status: 'saved' | 'unchanged' | 'not-saved' | 'over-budget' | 'failed'
  /** Bytes of the entry (before compression), after pruning. */
  bytes: number
  /** Restored files this run did not use, removed before saving. */
  pruned: number
  seconds: number
  detail?: string
}

/** Go refreshes a cache file's mtime when it uses it and the mtime is older than this. */
const GO_MTIME_INTERVAL_MS = 60 * 60 * 1000

/** Every regular file under `dir`, with its size and mtime. */
async function files(
  dir: string
): Promise<Array<{ file: string; size: number; mtimeMs: number }>> {
  const out: Array<{ file: string; size: number; mtimeMs: number }> = []
  // GOCACHE is 256 directories of many small files: list each directory's
  // files together, and the directories side by side (a sequential lstat
  // per file was most of a restore's time).
  const walk = async (d: string): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(d, { withFileTypes: true })
    } catch {
      return
    }
    await Promise.all(
      entries.map(async (e) => {
        const file = path.join(d, e.name)
        if (e.isDirectory()) return walk(file)
        if (!e.isFile()) return
        const st = await lstat(file).catch(() => undefined)
        if (st?.isFile()) out.push({ file, size: st.size, mtimeMs: st.mtimeMs })
      })
    )
  }
  await walk(dir)
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

/**
 * Ages every restored file past Go's refresh interval, so that each file a
 * build then uses gets a fresh mtime from Go itself, and the files it did
 * not use can be told apart and pruned before saving.
 */
async function markRestored(
  dir: string,
  now: number
): Promise<Array<{ file: string; size: number; mtimeMs: number }>> {
  const old = new Date(now - 2 * GO_MTIME_INTERVAL_MS)
  const listed = await files(dir)
  await mapLimit(listed, 64, (f) => utimes(f.file, old, old))
  return listed.map((f) => ({ ...f, mtimeMs: old.getTime() }))
}

/** Settles `promise` or rejects after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms)
      timer.unref()
    })
  ]).finally(() => clearTimeout(timer))
}

/** Options of the I/O functions. */
export interface CacheIoOptions {
  /** The longest one target's restore or save may take. */
  timeoutMs?: number
  now?: () => number
}

const ioDefaults = (o: CacheIoOptions): Required<CacheIoOptions> => ({
  now: o.now ?? Date.now,
  timeoutMs: o.timeoutMs ?? 5 * 60_000
})

/**
 * Restores every target's entry into its directory, one after the other
 * (the client extracts with `tar`, which keeps a core busy). A failure or a
 * timeout is a miss with a warning, never an error; a target whose restore
 * timed out builds in a fresh directory so that a late extraction cannot
 * race its build.
 */
export async function restoreSlots(
  plan: CachePlan,
  client: CacheClient,
  options: CacheIoOptions = {}
): Promise<Restored[]> {
  const { now, timeoutMs } = ioDefaults(options)
  // A few at once: one target's download overlaps another's extraction.
  return mapLimit(plan.slots, RESTORE_CONCURRENCY, async (slot): Promise<Restored> => {
    const started = now()
    await mkdir(slot.dir, { recursive: true })
    let matchedKey: string | undefined
    let warning: string | undefined
    try {
      matchedKey = await within(
        client.restoreCache([slot.dir], slot.key, slot.restoreKeys),
        timeoutMs,
        `restoring the cache of ${slot.target.name}`
      )
    } catch (error) {
      warning = `${slot.target.name}: the build cache was not restored (${error instanceof Error ? error.message : String(error)}); it builds cold`
      slot.dir = `${slot.dir}-cold`
      await rm(slot.dir, { recursive: true, force: true })
      await mkdir(slot.dir, { recursive: true })
    }
    const listed = await markRestored(slot.dir, now())
    return {
      slot,
      hit: !matchedKey ? 'miss' : matchedKey === slot.key ? 'exact' : 'fallback',
      matchedKey,
      bytes: listed.reduce((n, f) => n + f.size, 0),
      files: listed.length,
      seconds: (now() - started) / 1000,
      warning
    }
  })
}

/** Targets restored at once. */
const RESTORE_CONCURRENCY = 3

/**
 * Saves the entry of every target that did not hit its exact key, holding
 * only the files this run used (mtime at or after `runStartedMs`), within
 * the plan's byte budget, in target order. A failure is reported, never
 * thrown.
 */
export async function saveSlots(
  plan: CachePlan,
  restored: readonly Restored[],
  runStartedMs: number,
  client: CacheClient,
  options: CacheIoOptions = {}
): Promise<Saved[]> {
  const { now, timeoutMs } = ioDefaults(options)
  let budget = plan.maxBytes
  const out: Saved[] = []
  for (const r of restored) {
    const started = now()
    const saved = (status: Saved['status'], bytes: number, pruned: number, detail?: string): void =>
      void out.push({ slot: r.slot, status, bytes, pruned, seconds: (now() - started) / 1000, detail })
    if (!plan.policy.save) {
      saved('not-saved', 0, 0, plan.policy.why)
      continue
    }
    if (r.hit === 'exact') {
      saved('unchanged', r.bytes, 0, 'the exact key was restored; an entry never changes once saved')
      continue
    }
    if (r.warning) {
      saved('not-saved', 0, 0, 'its restore failed, so what it built is not known to be complete')
      continue
    }
    let pruned = 0
    let bytes = 0
    for (const f of await files(r.slot.dir)) {
      if (f.mtimeMs < runStartedMs - 1000) {
        await rm(f.file, { force: true })
        pruned++
      } else bytes += f.size
    }
    if (bytes === 0) {
      saved('not-saved', 0, pruned, 'nothing was written to it')
      continue
    }
    if (bytes > budget) {
      saved('over-budget', bytes, pruned, `${mib(bytes)} would pass the ${mib(plan.maxBytes)} budget of cache-max-mb (${mib(budget)} left)`)
      continue
    }
    try {
      const id = await within(client.saveCache([r.slot.dir], r.slot.key), timeoutMs, `saving the cache of ${r.slot.target.name}`)
      if (id === -1) {
        saved('failed', bytes, pruned, 'the cache service did not take it (see the warning above)')
        continue
      }
      budget -= bytes
      saved('saved', bytes, pruned)
    } catch (error) {
      saved('failed', bytes, pruned, error instanceof Error ? error.message : String(error))
    }
  }
  return out
}

/** `12.3 MiB` */
export function mib(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`
}
