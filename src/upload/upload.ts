/**
 * The upload stage: creates one workflow artifact per package with
 * `@actions/artifact`, a few at a time, retrying what the client does not
 * retry, and checking that raw uploads carried exactly the verified bytes.
 * Files on disk are never removed or changed here.
 */

import {
  ArtifactNotFoundError,
  DefaultArtifactClient,
  FilesNotFoundError,
  GHESNotSupportedError,
  type ArtifactClient
} from '@actions/artifact'
import { actionLog, type Log } from '../log.js'
import { errorMessage, type Problem } from '../problem.js'
import type { Artifact, Uploaded } from '../types.js'
import { mapLimit } from '../package/limit.js'
import { uploadSkipReason, type PublishOptions } from '../package/options.js'
import type { Package, Packaged } from '../package/package.js'

/** The parts of the artifact client the upload stage uses. */
export type UploadClient = Pick<
  ArtifactClient,
  'uploadArtifact' | 'deleteArtifact'
>

/** Knobs for {@link uploadPackages}; the defaults suit a runner. */
export interface UploadDeps {
  /** Default: `new DefaultArtifactClient()`. */
  client?: UploadClient
  /** Uploads in flight at once. Default 4. */
  concurrency?: number
  /** Tries per artifact for errors the client does not retry. Default 3. */
  attempts?: number
  /** Wait before the second try; doubles each time. Default 2000 ms. */
  retryDelayMs?: number
  /**
   * Where this stage reads the runner variables. Default `process.env`,
   * which the client itself always reads.
   */
  env?: NodeJS.ProcessEnv
  /** Where the upload lines go. Default: the action's log. */
  log?: Log
}

/**
 * Uploads every package as a workflow artifact.
 *
 * Nothing is tried (and `skipped` says why) with upload: none, with nothing to
 * upload, or outside a runner (no ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL).
 * A token without the `Actions.Results:<run>:<job>` scope, or a GitHub
 * Enterprise Server, gives one failure and no upload.
 *
 * @param packaged The package stage's result.
 * @param opts Validated publish options.
 * @param deps Optional client and retry knobs (tests).
 * @returns The uploads with the build ids each holds, and one problem per
 *   artifact that failed, naming its builds.
 */
export async function uploadPackages(
  packaged: Packaged,
  opts: PublishOptions,
  deps: UploadDeps = {}
): Promise<Uploaded> {
  const env = deps.env ?? process.env
  const skipped = uploadSkipReason(opts, packaged, env)
  if (skipped !== undefined) return { uploads: [], problems: [], skipped }

  const blocker = environmentProblem(env)
  if (blocker !== undefined) {
    const problem: Problem = {
      subject: 'upload',
      what: blocker,
      fix: `Files are kept in ${packaged.outputDir}.`,
      stage: 'upload',
      builds: packaged.packages.flatMap((p) => p.builds)
    }
    return { uploads: [], problems: [problem] }
  }

  const client = deps.client ?? new DefaultArtifactClient()
  const settings: Required<Omit<UploadDeps, 'client' | 'env'>> = {
    concurrency: deps.concurrency ?? 4,
    attempts: deps.attempts ?? 3,
    retryDelayMs: deps.retryDelayMs ?? 2000,
    log: deps.log ?? actionLog()
  }
  const outcomes = await mapLimit(
    packaged.packages,
    settings.concurrency,
    (p) => uploadOne(client, p, opts, settings, env)
  )

  const result: Uploaded = { uploads: [], problems: [] }
  for (const [i, outcome] of outcomes.entries()) {
    const p = packaged.packages[i]
    if ('error' in outcome)
      result.problems.push({
        subject: `artifact ${p.name} (${p.binaries.join(', ')})`,
        what: outcome.error,
        fix: `The file${p.files.length > 1 ? 's are' : ' is'} kept in ${packaged.outputDir}.`,
        stage: 'upload',
        builds: p.builds
      })
    else result.uploads.push({ artifact: outcome, builds: p.builds })
  }
  return result
}

/**
 * Why no upload can work in this environment, or undefined.
 * (Checks what the client would otherwise fail on once per artifact.)
 */
export function environmentProblem(env: NodeJS.ProcessEnv): string | undefined {
  const server = env['GITHUB_SERVER_URL'] || 'https://github.com'
  let host = ''
  try {
    host = new URL(server).hostname.toLowerCase()
  } catch {
    return `GITHUB_SERVER_URL "${server}" is not a URL.`
  }
  if (
    host !== 'github.com' &&
    !host.endsWith('.ghe.com') &&
    !host.endsWith('.localhost')
  ) {
    return `the artifact service used by @actions/artifact v2+ is not available on GitHub Enterprise Server (${server}); set upload: none and upload with actions/upload-artifact@v3 instead.`
  }
  const scope = resultsScope(env['ACTIONS_RUNTIME_TOKEN'] ?? '')
  if (scope === undefined) {
    return 'ACTIONS_RUNTIME_TOKEN has no "Actions.Results:<run>:<job>" scope, so artifacts cannot be created; run the action as a step of a job (not in a container action or with a token of your own).'
  }
  return undefined
}

/**
 * The `Actions.Results:<run>:<job>` scope of a runtime token, if it has one
 * (the signature is not checked; the service does that).
 */
export function resultsScope(
  token: string
): { runId: string; jobId: string } | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  const scp = (claims as { scp?: unknown } | null)?.scp
  if (typeof scp !== 'string') return undefined
  for (const scope of scp.split(' ')) {
    const parts = scope.split(':')
    if (parts[0] === 'Actions.Results' && parts.length === 3) {
      return { runId: parts[1], jobId: parts[2] }
    }
  }
}

type Settings = {
  concurrency: number
  attempts: number
  retryDelayMs: number
  log: Log
}

async function uploadOne(
  client: UploadClient,
  p: Package,
  opts: PublishOptions,
  settings: Settings,
  env: NodeJS.ProcessEnv
): Promise<Artifact | { error: string }> {
  if (opts.overwrite) {
    try {
      await client.deleteArtifact(p.name)
      settings.log.info(
        `Deleted the existing artifact ${settings.log.value(p.name)} (overwrite: true).`
      )
    } catch (error) {
      if (!(error instanceof ArtifactNotFoundError)) {
        return {
          error: `could not delete the existing artifact for overwrite: ${errorMessage(error)}`
        }
      }
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await client.uploadArtifact(
        p.name,
        p.files,
        p.rootDirectory,
        {
          retentionDays: opts.retentionDays,
          compressionLevel: opts.compressionLevel,
          skipArchive: p.raw
        }
      )
      if (p.raw && p.sha256 !== undefined && res.digest !== p.sha256) {
        return {
          error: `the service received bytes with sha256 ${res.digest ?? '(none)'}, but the verified file has ${p.sha256}; the file changed during the upload. Delete the artifact and re-run the step.`
        }
      }
      settings.log.info(
        `Uploaded artifact ${settings.log.value(p.name)} (id ${res.id ?? '?'}, ${res.size ?? '?'} bytes).`
      )
      return {
        name: p.name,
        id: res.id,
        url: artifactUrl(env, res.id),
        digest: res.digest,
        size: res.size,
        binaries: p.binaries
      }
    } catch (error) {
      const text = errorMessage(error)
      const hint = hintFor(text)
      if (!isRetryable(error) || attempt >= settings.attempts) {
        const tries = attempt > 1 ? ` (after ${attempt} tries)` : ''
        return { error: `upload failed${tries}: ${sentence(text)}${hint}` }
      }
      const wait = settings.retryDelayMs * 2 ** (attempt - 1)
      settings.log.warning(
        `Upload of artifact ${p.name} failed (try ${attempt} of ${settings.attempts}): ${oneLine(text)}; trying again in ${wait} ms.`
      )
      await new Promise((r) => setTimeout(r, wait))
    }
  }
}

/**
 * The artifact's page, when the runner's variables say where it is:
 * `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}/artifacts/${id}`.
 */
export function artifactUrl(
  env: NodeJS.ProcessEnv,
  id: number | undefined
): string | undefined {
  const server = env['GITHUB_SERVER_URL']
  const repo = env['GITHUB_REPOSITORY']
  const run = env['GITHUB_RUN_ID']
  if (!server || !repo || !run || id === undefined) return undefined
  return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}/artifacts/${id}`
}

/**
 * Whether a client error is worth another try: not when the client already
 * retried, when the service said no for good (4xx), or for usage errors.
 * The client's own error classes are checked by class; its service calls
 * rethrow every failure (status, quota, network) as a plain
 * `Error('Failed to <method>: ...')`, so for those only the message tells.
 */
export function isRetryable(error: unknown): boolean {
  if (
    error instanceof FilesNotFoundError ||
    error instanceof GHESNotSupportedError
  )
    return false
  const permanent = [
    /Received non-retryable error/,
    /Failed to make request after \d+ attempts/,
    /storage quota has been hit/,
    /Failed to get backend IDs/,
    /artifact name is not valid/i,
    /ENOTFOUND/
  ]
  const text = errorMessage(error)
  return !permanent.some((re) => re.test(text))
}

/**
 * What to do about an upload failure. A 409 or 401/403 reaches us only as
 * text (`Failed request: (409) Conflict`) inside the client's plain Error.
 */
function hintFor(text: string): string {
  if (/\(409\)/.test(text) || /already exists/i.test(text)) {
    return ' An artifact of this name already exists in this workflow run: set overwrite: true to replace it, or give each job its own artifact-name (in a matrix, include a matrix value).'
  }
  if (/\((401|403)\)/.test(text)) {
    return ' The artifact service refused the runtime token; the step must run in the job that owns it.'
  }
  if (/Unable to make request/.test(text)) {
    return ' The artifact service could not be reached; on a self-hosted runner, check access to the GitHub endpoints.'
  }
  return ''
}

/** The first line, ending with a full stop. */
function sentence(text: string): string {
  const line = oneLine(text)
  return /[.!?]$/.test(line) ? line : `${line}.`
}

function oneLine(text: string): string {
  return text.split('\n')[0].trim()
}
