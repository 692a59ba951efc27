/**
 * A local stand-in for GitHub's artifact service, for end-to-end tests of
 * uploads with the real `@actions/artifact` client:
 *
 * - the Twirp JSON endpoints
 *   `/twirp/github.actions.results.api.v1.ArtifactService/{CreateArtifact,
 *   FinalizeArtifact, ListArtifacts, GetSignedArtifactURL, DeleteArtifact}`
 *   with the field names of the client's generated protobuf types
 *   (snake_case, int64 as strings, wrappers as bare values);
 * - blobs in a real Azure Blob server (Azurite, started here on 127.0.0.1 at a
 *   free port), reached through SAS URLs, as on GitHub;
 * - the rules that matter: the runtime token's `scp` claim must grant
 *   `Actions.Results:<runId>:<jobId>` (401 `unauthenticated` without it,
 *   403 `permission_denied` for another run or job); names are checked like
 *   the service does (400 `invalid_argument`) and are unique in the run once
 *   finalized (409 `already_exists`); Finalize checks the size and the
 *   sha256 against the blob (400 when they differ);
 * - failure injection: `failNext('CreateArtifact', 2)` answers the next two
 *   calls with 503 `unavailable`.
 *
 * Usage:
 *   const svc = await startArtifactService()
 *   Object.assign(process.env, svc.env)   // what a runner gives an action
 *   ...
 *   await svc.download('hello-linux-amd64')   // the blob's bytes
 *   await svc.stop()
 */

import {
  BlobServiceClient,
  BlobSASPermissions,
  ContainerClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential
} from '@azure/storage-blob'
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CACHE_METHODS,
  cacheService,
  type CacheMethod,
  type CacheStandIn
} from './cache-service.js'

/** Azurite's well-known development account. */
const ACCOUNT = 'devstoreaccount1'
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
const CONTAINER = 'actions-results'
const SERVICE = 'github.actions.results.api.v1.ArtifactService'
const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService'

/** The Twirp methods of the artifact and cache services. */
export type TwirpMethod =
  | 'CreateArtifact'
  | 'FinalizeArtifact'
  | 'ListArtifacts'
  | 'GetSignedArtifactURL'
  | 'DeleteArtifact'
  | CacheMethod

const METHODS: readonly TwirpMethod[] = [
  'CreateArtifact',
  'FinalizeArtifact',
  'ListArtifacts',
  'GetSignedArtifactURL',
  'DeleteArtifact'
]

/** An artifact as the service keeps it. */
export interface StoredArtifact {
  id: number
  name: string
  runId: string
  jobId: string
  blobName: string
  finalized: boolean
  /** From FinalizeArtifact. */
  size?: number
  /** `sha256:<hex>`, from FinalizeArtifact. */
  digest?: string
  mimeType?: string
  /** RFC 3339, from CreateArtifact's expires_at. */
  expiresAt?: string
  version?: number
  createdAt: Date
}

/** One request the service answered. */
export interface ServiceCall {
  method: string
  status: number
  /** The artifact name in the request, if any. */
  name?: string
}

/** A running service and its blob store. */
export interface ArtifactService {
  /** The results service origin with a trailing slash (ACTIONS_RESULTS_URL). */
  url: string
  /** Azurite's blob endpoint (`http://127.0.0.1:<port>/devstoreaccount1`). */
  blobEndpoint: string
  /** The current workflow run's backend id. */
  readonly runId: string
  /** The current job's backend id. */
  readonly jobId: string
  /**
   * The variables a runner gives a JavaScript action for the current job:
   * ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, GITHUB_SERVER_URL,
   * GITHUB_REPOSITORY, GITHUB_RUN_ID.
   */
  readonly env: Record<string, string>
  /**
   * Starts a new workflow run (fresh ids, no artifacts, no calls, no
   * pending failures) and returns its `env`.
   * Tokens of earlier runs are refused from then on (403), as on GitHub.
   */
  newRun(): Record<string, string>
  /**
   * Starts another job of the current run (a new job id, the run's
   * artifacts kept) and returns its `env`, as each job of a workflow gets.
   */
  newJob(): Record<string, string>
  /** Replaces the stored bytes of a finalized artifact (a tampered store). */
  tamper(name: string, bytes: Buffer): Promise<void>
  /** Every answered call of the current run, in order. */
  calls: ServiceCall[]
  /** Answer the next `times` calls of `method` with an error (default 503). */
  failNext(method: TwirpMethod, times: number, status?: number): void
  /** The most uploads that were created but not finalized at one time. */
  peakInFlight(): number
  /** Finalized artifacts of the current run, by id. */
  artifacts(): StoredArtifact[]
  /** The finalized artifact of that name. */
  artifact(name: string): StoredArtifact | undefined
  /** The bytes stored for a finalized artifact (a zip unless uploaded raw). */
  download(name: string): Promise<Buffer>
  /** The cache service at the same URL (entries survive newRun). */
  cache: CacheStandIn
  /** Stops the service and Azurite, and removes Azurite's directory. */
  stop(): Promise<void>
}

/** Options for {@link startArtifactService}. */
export interface ServiceOptions {
  runId?: string
  jobId?: string
  /** GITHUB_REPOSITORY in `env`. */
  repository?: string
  /** GITHUB_RUN_ID in `env`. */
  githubRunId?: string
}

/**
 * An unsigned JWT whose `scp` claim is given (the client only decodes it).
 *
 * @param scp The scopes, space-separated.
 */
export function runtimeToken(scp: string): string {
  const part = (o: object): string =>
    Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp, iat: 1 })}.`
}

/**
 * Starts Azurite and the Twirp service, both on 127.0.0.1 at free ports.
 *
 * @param options Run and job ids (random by default).
 * @returns The running service.
 */
export async function startArtifactService(
  options: ServiceOptions = {}
): Promise<ArtifactService> {
  const runId = options.runId ?? randomUUID()
  const jobId = options.jobId ?? randomUUID()
  const azurite = await startAzurite()
  try {
    return await startTwirp(azurite, runId, jobId, options)
  } catch (error) {
    await azurite.stop()
    throw error
  }
}

/**
 * A URL on 127.0.0.1 where nothing listens (for "service down" tests).
 */
export async function unusedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((r) => server.close(() => r()))
  return `http://127.0.0.1:${port}/`
}

interface Azurite {
  endpoint: string
  container: ContainerClient
  credential: StorageSharedKeyCredential
  stop(): Promise<void>
}

async function startAzurite(): Promise<Azurite> {
  const location = await mkdtemp(join(tmpdir(), 'azurite-'))
  const bin = fileURLToPath(
    new URL('../../node_modules/.bin/azurite-blob', import.meta.url)
  )
  const child = spawn(
    bin,
    [
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--skipApiVersionCheck',
      '--loose',
      '--disableTelemetry',
      '--inMemoryPersistence',
      '--silent'
    ],
    // in memory: nothing is written, but run it in a scratch directory anyway
    { cwd: location, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    await rm(location, { recursive: true, force: true })
  }
  try {
    const endpoint = await waitForListen(child)
    const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY)
    const container = new BlobServiceClient(
      endpoint,
      credential
    ).getContainerClient(CONTAINER)
    await container.create()
    return { endpoint, container, credential, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

function waitForListen(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = ''
    const timer = setTimeout(
      () => fail(new Error(`Azurite did not start in 60 s:\n${output}`)),
      60000
    )
    const fail = (error: Error): void => {
      clearTimeout(timer)
      reject(error)
    }
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const m = /successfully listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(
        output
      )
      if (m) {
        clearTimeout(timer)
        // keep draining the pipes so Azurite never blocks on a full buffer
        resolvePromise(`${m[1]}/${ACCOUNT}`)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', fail)
    child.once('exit', (code) =>
      fail(new Error(`Azurite exited with ${code}:\n${output}`))
    )
  })
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    msg: string
  ) {
    super(msg)
  }
}

type Body = Record<string, unknown>

/** Whether an upload's content type is a zip (the client's default). */
function isZip(mimeType: string | undefined): boolean {
  return mimeType === undefined || mimeType === 'application/zip'
}

async function startTwirp(
  azurite: Azurite,
  firstRunId: string,
  firstJobId: string,
  options: ServiceOptions
): Promise<ArtifactService> {
  let runId = firstRunId
  let jobId = firstJobId
  const store: StoredArtifact[] = []
  const calls: ServiceCall[] = []
  const failures = new Map<string, { times: number; status: number }>()
  let nextId = 1000
  let peak = 0

  const sasUrl = (
    blobName: string,
    permissions: string,
    contentDisposition?: string
  ): string => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName,
        contentDisposition,
        permissions: BlobSASPermissions.parse(permissions),
        protocol: SASProtocol.HttpsAndHttp,
        startsOn: new Date(Date.now() - 5 * 60 * 1000),
        expiresOn: new Date(Date.now() + 60 * 60 * 1000)
      },
      azurite.credential
    ).toString()
    return `${azurite.container.getBlockBlobClient(blobName).url}?${sas}`
  }

  const finalized = (name: string): StoredArtifact | undefined =>
    store.find((a) => a.finalized && a.runId === runId && a.name === name)

  const cache = cacheService({
    sasUrl: (blobName, permissions) => sasUrl(blobName, permissions),
    blobSize: async (blobName) =>
      (
        await azurite.container
          .getBlockBlobClient(blobName)
          .getProperties()
          .catch(() => undefined)
      )?.contentLength,
    error: (status, code, message) => new TwirpError(status, code, message)
  })

  const handlers: Record<TwirpMethod, (body: Body) => Promise<Body>> = {
    ...cache.handlers,
    async CreateArtifact(body) {
      const name = checkName(body['name'])
      if (finalized(name)) {
        throw new TwirpError(
          409,
          'already_exists',
          `an artifact with this name already exists on the workflow run: ${name}`
        )
      }
      // an unfinished upload of the same job may start again
      const pending = store.findIndex(
        (a) => !a.finalized && a.runId === runId && a.name === name
      )
      if (pending >= 0) {
        const old = store[pending]
        if (old.jobId !== jobId) {
          throw new TwirpError(
            409,
            'already_exists',
            `upload in progress: ${name}`
          )
        }
        store.splice(pending, 1)
        await azurite.container.deleteBlob(old.blobName).catch(() => undefined)
      }
      const id = nextId++
      const artifact: StoredArtifact = {
        id,
        name,
        runId,
        jobId,
        blobName: `${runId}/${jobId}/${id}`,
        finalized: false,
        mimeType:
          typeof body['mime_type'] === 'string' ? body['mime_type'] : undefined,
        expiresAt:
          typeof body['expires_at'] === 'string'
            ? body['expires_at']
            : undefined,
        version:
          typeof body['version'] === 'number' ? body['version'] : undefined,
        createdAt: new Date()
      }
      store.push(artifact)
      peak = Math.max(peak, store.filter((a) => !a.finalized).length)
      return { ok: true, signed_upload_url: sasUrl(artifact.blobName, 'cw') }
    },

    async FinalizeArtifact(body) {
      const name = checkName(body['name'])
      const artifact = store.find(
        (a) => !a.finalized && a.runId === runId && a.name === name
      )
      if (!artifact) {
        throw new TwirpError(
          404,
          'not_found',
          `no upload in progress for ${name}`
        )
      }
      const blob = azurite.container.getBlockBlobClient(artifact.blobName)
      const bytes = await blob.downloadToBuffer().catch(() => {
        throw new TwirpError(
          400,
          'invalid_argument',
          `no blob was uploaded for ${name}`
        )
      })
      const size = Number(body['size'] ?? '0')
      if (size !== bytes.length) {
        throw new TwirpError(
          400,
          'invalid_argument',
          `size ${size} does not match the uploaded ${bytes.length} bytes`
        )
      }
      const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`
      if (body['hash'] !== undefined && body['hash'] !== digest) {
        throw new TwirpError(
          400,
          'invalid_argument',
          `hash ${String(body['hash'])} does not match the uploaded ${digest}`
        )
      }
      artifact.finalized = true
      artifact.size = size
      artifact.digest = digest
      return { ok: true, artifact_id: String(artifact.id) }
    },

    async ListArtifacts(body) {
      const nameFilter = body['name_filter']
      const idFilter = body['id_filter']
      const found = store.filter(
        (a) =>
          a.finalized &&
          a.runId === runId &&
          (nameFilter === undefined || a.name === nameFilter) &&
          (idFilter === undefined || String(a.id) === String(idFilter))
      )
      return {
        artifacts: found.map((a) => ({
          workflow_run_backend_id: a.runId,
          workflow_job_run_backend_id: a.jobId,
          database_id: String(a.id),
          name: a.name,
          size: String(a.size ?? 0),
          created_at: a.createdAt.toISOString(),
          ...(a.digest ? { digest: a.digest } : {})
        }))
      }
    },

    async GetSignedArtifactURL(body) {
      const name = checkName(body['name'])
      const artifact = finalized(name)
      if (!artifact)
        throw new TwirpError(404, 'not_found', `no artifact named ${name}`)
      // The download names the file as the client named it on upload: a
      // raw artifact after itself, a zipped one <name>.zip.
      const file =
        isZip(artifact.mimeType) && !name.endsWith('.zip') ? `${name}.zip` : name
      return {
        signed_url: sasUrl(
          artifact.blobName,
          'r',
          `attachment; filename*=UTF-8''${encodeURIComponent(file)}`
        )
      }
    },

    async DeleteArtifact(body) {
      const name = checkName(body['name'])
      const artifact = finalized(name)
      if (!artifact)
        throw new TwirpError(404, 'not_found', `no artifact named ${name}`)
      await azurite.container.deleteBlob(artifact.blobName)
      store.splice(store.indexOf(artifact), 1)
      return { ok: true, artifact_id: String(artifact.id) }
    }
  }

  const authorize = (
    req: IncomingMessage,
    body: Body,
    artifactCall: boolean,
    method: string
  ): void => {
    const auth = req.headers['authorization'] ?? ''
    const token = /^Bearer (.+)$/.exec(auth)?.[1]
    if (!token)
      throw new TwirpError(401, 'unauthenticated', 'missing bearer token')
    let scp = ''
    try {
      const claims = JSON.parse(
        Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')
      ) as { scp?: unknown }
      scp = typeof claims.scp === 'string' ? claims.scp : ''
    } catch {
      throw new TwirpError(401, 'unauthenticated', 'the token is not a JWT')
    }
    const scopes = scp
      .split(' ')
      .filter((s) => s.startsWith('Actions.Results:'))
    if (scopes.length === 0) {
      throw new TwirpError(
        401,
        'unauthenticated',
        'the token has no Actions.Results scope'
      )
    }
    const wanted = `Actions.Results:${runId}:${jobId}`
    // Cache calls carry no run ids; the token's scope is all they need.
    if (!artifactCall) return
    if (!scopes.includes(wanted)) {
      throw new TwirpError(
        403,
        'permission_denied',
        'the token is not valid for this run and job'
      )
    }
    // Any job of the run may read the run's artifacts (a release job
    // downloads what the legs uploaded); only its own job may write.
    const reads = method === 'ListArtifacts' || method === 'GetSignedArtifactURL'
    if (
      body['workflow_run_backend_id'] !== runId ||
      (!reads && body['workflow_job_run_backend_id'] !== jobId)
    ) {
      throw new TwirpError(
        403,
        'permission_denied',
        'the request names another workflow run or job than the token'
      )
    }
  }

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const service = [SERVICE, CACHE_SERVICE].find((s) =>
      path.startsWith(`/twirp/${s}/`)
    )
    const method = service ? path.slice(`/twirp/${service}/`.length) : ''
    const methods: readonly string[] =
      service === CACHE_SERVICE ? CACHE_METHODS : METHODS
    let name: string | undefined
    const answer = (status: number, payload: unknown): void => {
      calls.push({ method, status, name })
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(payload))
    }
    try {
      if (req.method !== 'POST')
        throw new TwirpError(405, 'bad_route', 'use POST')
      if (!methods.includes(method)) {
        throw new TwirpError(404, 'bad_route', `no such method: ${path}`)
      }
      const raw = await readBody(req)
      let body: Body
      try {
        body = JSON.parse(raw) as Body
      } catch {
        throw new TwirpError(400, 'malformed', 'the body is not JSON')
      }
      name = typeof body['name'] === 'string' ? body['name'] : undefined
      const injected = failures.get(method)
      if (injected && injected.times > 0) {
        injected.times--
        throw new TwirpError(injected.status, 'unavailable', 'injected failure')
      }
      authorize(req, body, service === SERVICE, method)
      answer(200, await handlers[method as TwirpMethod](body))
    } catch (error) {
      if (error instanceof TwirpError) {
        answer(error.status, { code: error.code, msg: error.message })
      } else {
        answer(500, { code: 'internal', msg: String(error) })
      }
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}/`

  const env = (): Record<string, string> => ({
    ACTIONS_RUNTIME_TOKEN: runtimeToken(
      `Actions.ExampleScope Actions.Results:${runId}:${jobId}`
    ),
    ACTIONS_RESULTS_URL: url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: options.repository ?? 'octo-org/hello',
    GITHUB_RUN_ID: options.githubRunId ?? '4242',
    ...cache.standIn.env
  })

  return {
    url,
    blobEndpoint: azurite.endpoint,
    get runId() {
      return runId
    },
    get jobId() {
      return jobId
    },
    get env() {
      return env()
    },
    newRun() {
      runId = randomUUID()
      jobId = randomUUID()
      failures.clear()
      calls.length = 0
      peak = 0
      return env()
    },
    newJob() {
      jobId = randomUUID()
      failures.clear()
      return env()
    },
    async tamper(name, bytes) {
      const artifact = finalized(name)
      if (!artifact) throw new Error(`no artifact named ${name}`)
      await azurite.container
        .getBlockBlobClient(artifact.blobName)
        .uploadData(bytes)
    },
    peakInFlight: () => peak,
    calls,
    failNext(method, times, status = 503) {
      failures.set(method, { times, status })
    },
    artifacts: () =>
      store
        .filter((a) => a.finalized && a.runId === runId)
        .sort((a, b) => a.id - b.id),
    artifact: (name) => finalized(name),
    cache: cache.standIn,
    async download(name) {
      const artifact = finalized(name)
      if (!artifact) throw new Error(`no artifact named ${name}`)
      return azurite.container
        .getBlockBlobClient(artifact.blobName)
        .downloadToBuffer()
    },
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
      await azurite.stop()
    }
  }
}

/** The service's name check (the same characters as the client refuses). */
function checkName(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new TwirpError(400, 'invalid_argument', 'name is required')
  }
  if (/[":<>|*?\r\n\\/]/.test(value)) {
    throw new TwirpError(
      400,
      'invalid_argument',
      `invalid artifact name: ${value}`
    )
  }
  return value
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
