/**
 * The build stage's first step: download the module graph once, before the
 * fan-out, so that parallel builds do not race to fetch the same modules.
 * It starts as soon as the toolchain probe has answered, while `go list`
 * still runs ({@link moduleDownload}), and the build stage waits for it.
 */
import { existsSync } from 'node:fs'
import * as path from 'node:path'
import type { Toolchain } from '../plan/toolchain.js'
import { runProcess, type ProcessResult } from '../process.js'

/**
 * Whether `go mod download` is needed: not outside a module, and not for a
 * vendored module (a vendor/modules.txt, or -mod=vendor in GOFLAGS).
 */
export function needsModuleDownload(toolchain: Pick<Toolchain, 'gomod' | 'goflags'>): boolean {
  const gomod = toolchain.gomod
  if (!gomod) return false
  const vendored = existsSync(
    path.join(path.dirname(gomod), 'vendor', 'modules.txt')
  )
  return !vendored && !/-mod=vendor/.test(toolchain.goflags)
}

/** Where and how `go mod download` runs. */
export interface DownloadRun {
  go: string
  cwd: string
  /** The child's whole environment (the plan's base environment, CGO_ENABLED=0). */
  env: Record<string, string>
  timeoutMs?: number
}

/** One run's module download, started early and awaited by the build stage. */
export interface ModuleDownload {
  /** Starts `go mod download` when the toolchain needs it (once; later calls are ignored). */
  start(toolchain: Pick<Toolchain, 'gomod' | 'goflags'>, run: DownloadRun): void
  /**
   * Waits for the download `start` began (nothing, when it was not needed).
   *
   * @throws Error naming the directory, what happened and what to check
   */
  finish(): Promise<void>
  /** Stops a download whose plan failed, and waits until it has stopped. */
  abandon(): Promise<void>
}

type Outcome = { run: DownloadRun; result?: ProcessResult; error?: unknown }

/** A {@link ModuleDownload} for one run. */
export function moduleDownload(): ModuleDownload {
  let started: Promise<Outcome | undefined> | undefined
  const stop = new AbortController()
  const begin = (
    toolchain: Pick<Toolchain, 'gomod' | 'goflags'>,
    run: DownloadRun
  ): Promise<Outcome | undefined> =>
    needsModuleDownload(toolchain)
      ? runProcess(run.go, ['mod', 'download'], {
          cwd: run.cwd,
          env: run.env,
          timeoutMs: run.timeoutMs,
          signal: stop.signal
        }).then(
          (result) => ({ run, result }),
          (error: unknown) => ({ run, error })
        )
      : Promise.resolve(undefined)
  return {
    start(toolchain, run) {
      // once, and never after abandon(): an abandoned plan may still answer
      if (!stop.signal.aborted) started ??= begin(toolchain, run)
    },
    async finish() {
      const outcome = await started
      if (outcome) judge(outcome)
    },
    async abandon() {
      stop.abort()
      await started
    }
  }
}

/** Throws the download's failure as one sentence a person can act on. */
function judge({ run, result, error }: Outcome): void {
  if (error !== undefined) throw error
  if (!result) return
  if (result.timedOut)
    throw new Error(
      `go mod download did not finish within the build-timeout limit in ${run.cwd} and was killed. Raise build-timeout, or check the job's network/GOPROXY settings.`
    )
  if (result.exitCode !== 0)
    throw new Error(
      `go mod download failed in ${run.cwd}: ${result.stderr.trim()}. Check the module's go.mod and the job's network/GOPROXY settings.`
    )
}
