/**
 * The cache half of the local results service: the Twirp JSON endpoints
 * `/twirp/github.actions.results.api.v1.CacheService/{CreateCacheEntry,
 * FinalizeCacheEntryUpload, GetCacheEntryDownloadURL}` that `@actions/cache`
 * 6.x speaks when `ACTIONS_CACHE_SERVICE_V2` is set, with the archives in the
 * same Azurite as the artifacts, reached through SAS URLs.
 *
 * The rules that matter, as GitHub documents them: a key is immutable once
 * saved (a second CreateCacheEntry for it answers ok: false); a lookup tries
 * the exact key, then each restore key as a prefix, newest entry first; the
 * entry's `version` must match; and scopes: an entry saved on a ref is seen
 * from that ref, entries of the default branch from every ref.
 * `startArtifactService` serves these at the same URL as the artifact
 * endpoints (one ACTIONS_RESULTS_URL, as on a runner).
 */

/** One cache entry as the service keeps it. */
export interface CacheEntry {
  id: number
  key: string
  version: string
  /** The ref that saved it (`refs/heads/main`, `refs/pull/7/merge`). */
  ref: string
  blobName: string
  finalized: boolean
  size?: number
  createdAt: number
}

/** The Twirp methods of the cache service. */
export const CACHE_METHODS = [
  'CreateCacheEntry',
  'FinalizeCacheEntryUpload',
  'GetCacheEntryDownloadURL'
] as const

/** A cache method's name. */
export type CacheMethod = (typeof CACHE_METHODS)[number]

/** What the cache service offers a test. */
export interface CacheStandIn {
  /** Every finalized entry, oldest first. */
  entries(): CacheEntry[]
  /** The ref the next requests come from (default `refs/heads/main`). */
  setRef(ref: string): void
  /** The variables that turn the v2 client on (merged into the service's env). */
  readonly env: Record<string, string>
}

type Body = Record<string, unknown>

/** What the cache handlers need from the service around them. */
export interface CacheBackend {
  /** A SAS URL for a blob with the given permissions. */
  sasUrl(blobName: string, permissions: string): string
  /** The size of a blob, or undefined when nothing was uploaded. */
  blobSize(blobName: string): Promise<number | undefined>
  /** An error answer (status, Twirp code, message). */
  error(status: number, code: string, message: string): Error
}

const DEFAULT_BRANCH = 'refs/heads/main'

/** The cache handlers and the test's view of their state. */
export function cacheService(backend: CacheBackend): {
  handlers: Record<CacheMethod, (body: Body) => Promise<Body>>
  standIn: CacheStandIn
} {
  const entries: CacheEntry[] = []
  let ref = DEFAULT_BRANCH
  let nextId = 1
  let clock = 0

  const visible = (e: CacheEntry): boolean =>
    e.finalized && (e.ref === ref || e.ref === DEFAULT_BRANCH)
  const text = (body: Body, field: string): string => {
    const v = body[field]
    if (typeof v !== 'string' || v === '')
      throw backend.error(400, 'invalid_argument', `${field} is required`)
    return v
  }

  const handlers: Record<CacheMethod, (body: Body) => Promise<Body>> = {
    async CreateCacheEntry(body) {
      const key = text(body, 'key')
      const version = text(body, 'version')
      if (entries.some((e) => e.key === key && e.version === version && e.ref === ref && e.finalized))
        return { ok: false, signed_upload_url: '', message: '' }
      const id = nextId++
      const entry: CacheEntry = {
        id,
        key,
        version,
        ref,
        blobName: `cache/${id}`,
        finalized: false,
        createdAt: ++clock
      }
      entries.push(entry)
      return { ok: true, signed_upload_url: backend.sasUrl(entry.blobName, 'cw') }
    },

    async FinalizeCacheEntryUpload(body) {
      const key = text(body, 'key')
      const version = text(body, 'version')
      const entry = entries.find(
        (e) => !e.finalized && e.key === key && e.version === version && e.ref === ref
      )
      if (!entry) return { ok: false, entry_id: '0', message: `no upload in progress for ${key}` }
      const size = await backend.blobSize(entry.blobName)
      if (size === undefined || String(size) !== String(body['size_bytes']))
        throw backend.error(400, 'invalid_argument', `size ${String(body['size_bytes'])} does not match the uploaded ${size} bytes`)
      entry.finalized = true
      entry.size = size
      return { ok: true, entry_id: String(entry.id) }
    },

    async GetCacheEntryDownloadURL(body) {
      const key = text(body, 'key')
      const version = text(body, 'version')
      const restoreKeys = Array.isArray(body['restore_keys'])
        ? (body['restore_keys'] as unknown[]).filter((k): k is string => typeof k === 'string')
        : []
      const candidates = entries
        .filter((e) => visible(e) && e.version === version)
        // the current ref's entries before the default branch's, newest first
        .sort((a, b) => Number(b.ref === ref) - Number(a.ref === ref) || b.createdAt - a.createdAt)
      const match =
        candidates.find((e) => e.key === key) ??
        restoreKeys
          .map((prefix) => candidates.find((e) => e.key.startsWith(prefix)))
          .find((e) => e !== undefined)
      if (!match) return { ok: false, signed_download_url: '', matched_key: '' }
      return {
        ok: true,
        signed_download_url: backend.sasUrl(match.blobName, 'r'),
        matched_key: match.key
      }
    }
  }

  return {
    handlers,
    standIn: {
      entries: () => entries.filter((e) => e.finalized).sort((a, b) => a.createdAt - b.createdAt),
      setRef: (r) => void (ref = r),
      env: { ACTIONS_CACHE_SERVICE_V2: 'true' }
    }
  }
}
