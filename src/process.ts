/**
 * The one way this action starts a process: an argument vector, an explicit
 * environment, no shell, output captured and capped, time bounded.
 *
 * Every child is started in its own process group (POSIX) so that a timeout
 * or a cancellation kills the whole tree it started, grandchildren included;
 * on Windows `taskkill /T /F` does the same. Live children are kept in a
 * registry so that the action can kill them all when the runner cancels it
 * (see {@link installCancelHandlers}).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { constants } from 'node:os'

/** Signal name to number (SIGTERM → 15). */
const OS_SIGNALS = constants.signals as Record<string, number>

/** What a finished process left behind. */
export interface ProcessResult {
  /** The exit code; 128 + signal number when a signal ended it. */
  exitCode: number
  stdout: string
  stderr: string
  /** Whether it was killed for outliving `timeoutMs`. */
  timedOut: boolean
  /** The signal that ended it, if one did. */
  signal?: string
}

/** Options for {@link runProcess}. */
export interface RunOptions {
  cwd: string
  /** The child's whole environment (it replaces, not extends, the parent's). */
  env: Record<string, string>
  /** Kill the whole process tree after this many milliseconds (none when unset). */
  timeoutMs?: number
  /** Bytes kept of each of stdout and stderr (head and tail); default {@link MAX_OUTPUT_BYTES}. */
  maxOutputBytes?: number
  /** Kill the whole process tree when this aborts (the result comes back as usual). */
  signal?: AbortSignal
}

/** Bytes of stdout, and of stderr, kept per process by default: 1 MiB. */
export const MAX_OUTPUT_BYTES = 1 << 20

/**
 * The limit of a toolchain probe (`go version`, `go env`, `go tool dist
 * list`, `go list`): these answer in seconds, so two minutes means stuck.
 */
export const PROBE_TIMEOUT_MS = 2 * 60_000

/** Time between SIGTERM and SIGKILL when a process tree is killed. */
export const KILL_GRACE_MS = 2_000

/**
 * A bounded capture of a stream: the first half of the budget is kept as
 * the head, the last half as a rolling tail, and what falls between is
 * counted and replaced by one line `[... N bytes left out ...]`.
 */
export class CappedOutput {
  private readonly head: Buffer[] = []
  private headBytes = 0
  private readonly tail: Buffer[] = []
  private tailBytes = 0
  /** Bytes that were neither kept in the head nor in the tail. */
  leftOut = 0

  constructor(private readonly limit: number = MAX_OUTPUT_BYTES) {}

  /** Take one chunk. */
  push(chunk: Buffer): void {
    const headRoom = Math.floor(this.limit / 2) - this.headBytes
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom)
      this.head.push(Buffer.from(part))
      this.headBytes += part.length
      chunk = chunk.subarray(part.length)
      if (!chunk.length) return
    }
    const tailLimit = this.limit - Math.floor(this.limit / 2)
    if (chunk.length >= tailLimit) {
      this.leftOut += this.tailBytes + chunk.length - tailLimit
      this.tail.length = 0
      this.tail.push(Buffer.from(chunk.subarray(chunk.length - tailLimit)))
      this.tailBytes = tailLimit
      return
    }
    this.tail.push(Buffer.from(chunk))
    this.tailBytes += chunk.length
    while (this.tailBytes > tailLimit) {
      const first = this.tail[0]
      const excess = this.tailBytes - tailLimit
      if (first.length <= excess) {
        this.tail.shift()
        this.tailBytes -= first.length
        this.leftOut += first.length
      } else {
        this.tail[0] = first.subarray(excess)
        this.tailBytes -= excess
        this.leftOut += excess
      }
    }
  }

  /** The kept text, with the marker line where bytes were left out. */
  toString(): string {
    const head = Buffer.concat(this.head).toString('utf8')
    const tail = Buffer.concat(this.tail).toString('utf8')
    if (!this.leftOut) return head + tail
    return `${head}\n[... ${this.leftOut} bytes left out ...]\n${tail}`
  }
}

/** A child that has not been reaped yet. */
interface LiveChild {
  child: ChildProcess
  /** Kill its whole tree (TERM, then KILL after the grace). */
  kill: () => void
  /** Settles when the child has settled and its pipes are closed. */
  closed: Promise<void>
}

const live = new Set<LiveChild>()

/** How many children started by {@link runProcess} are still running. */
export function liveProcessCount(): number {
  return live.size
}

/** Send a signal to the process group led by `pid`, ignoring a gone group. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

/** Kill the tree of `child` now: taskkill /T /F on Windows, group signals elsewhere. */
function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid
  if (pid === undefined) return
  if (process.platform === 'win32') {
    const killer = spawn('taskkill', ['/T', '/F', '/PID', String(pid)], {
      stdio: 'ignore',
      windowsHide: true,
      shell: false
    })
    killer.on('error', () => child.kill('SIGKILL'))
    return
  }
  signalGroup(pid, signal)
}

/**
 * Run `command args...` to completion and capture its output. A command that
 * cannot be started (not found, not executable) rejects; a non-zero exit
 * or a timeout does not (see `timedOut`).
 *
 * On POSIX the child leads its own process group; when it exits, whatever it
 * left running in that group is killed too, so no process outlives the call.
 */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions
): Promise<ProcessResult> {
  const posix = process.platform !== 'win32'
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: false,
    windowsHide: true,
    windowsVerbatimArguments: false,
    detached: posix
  })
  const stdout = new CappedOutput(options.maxOutputBytes)
  const stderr = new CappedOutput(options.maxOutputBytes)
  child.stdout?.on('data', (d: Buffer) => stdout.push(d))
  child.stderr?.on('data', (d: Buffer) => stderr.push(d))

  let timedOut = false
  let grace: NodeJS.Timeout | undefined
  let settled = false
  const kill = (): void => {
    if (grace) return
    killTree(child, 'SIGTERM')
    grace = setTimeout(() => killTree(child, 'SIGKILL'), KILL_GRACE_MS)
  }
  const { signal } = options
  if (signal?.aborted) kill()
  signal?.addEventListener('abort', kill, { once: true })
  const timer =
    options.timeoutMs !== undefined
      ? setTimeout(() => {
          timedOut = true
          kill()
        }, options.timeoutMs)
      : undefined

  const result = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', (error) => {
      if (settled) return
      settled = true
      reject(error)
    })
    child.on('exit', () => {
      // The leader is gone: nothing it left in its group may live on (a
      // grandchild holding the pipes open would otherwise keep us waiting).
      if (posix && child.pid !== undefined) signalGroup(child.pid, 'SIGKILL')
    })
    child.on('close', (code, signal) => {
      if (settled) return
      settled = true
      resolve({
        exitCode:
          code ?? (signal ? 128 + (OS_SIGNALS[signal] ?? 0) : -1),
        stdout: stdout.toString(),
        stderr: stderr.toString(),
        timedOut,
        ...(signal ? { signal } : {})
      })
    })
  })
  const entry: LiveChild = {
    child,
    kill,
    closed: result.then(
      () => undefined,
      () => undefined
    )
  }
  live.add(entry)
  try {
    return await result
  } finally {
    if (timer) clearTimeout(timer)
    if (grace) clearTimeout(grace)
    signal?.removeEventListener('abort', kill)
    live.delete(entry)
  }
}

/**
 * Kill every live process tree started by {@link runProcess} and wait until
 * each has settled (at most `waitMs`; SIGKILL follows SIGTERM after
 * {@link KILL_GRACE_MS}).
 */
export async function killAllProcesses(waitMs = 10_000): Promise<void> {
  const children = [...live]
  for (const c of children) c.kill()
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    Promise.all(children.map((c) => c.closed)),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs)
    })
  ])
  if (timer) clearTimeout(timer)
}

/** Work to undo when the action is cancelled (partial outputs, temp files). */
const cleanups = new Set<() => Promise<unknown> | unknown>()

/**
 * Register something to undo if the action is cancelled mid-way, such as
 * removing a half-written binary.
 *
 * @returns a function that unregisters it (call it once the work is done)
 */
export function onCancel(cleanup: () => Promise<unknown> | unknown): () => void {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

let installed = false
let cancelLog: (message: string) => void = () => undefined

/**
 * Install, once, handlers for SIGTERM and SIGINT (what the runner sends when
 * a job is cancelled): kill every live process tree, wait for them, run the
 * registered cleanups, then exit with 128 + the signal's number. A later
 * call only changes where the message goes.
 *
 * @param log where to say what is happening (stderr by default)
 */
export function installCancelHandlers(
  log: (message: string) => void = (m) => process.stderr.write(`${m}\n`)
): void {
  cancelLog = log
  if (installed) return
  installed = true
  let cancelling = false
  const handler = (signal: NodeJS.Signals): void => {
    if (cancelling) return
    cancelling = true
    cancelLog(
      `Cancelled by ${signal}: stopping ${live.size} running process tree(s) and removing partial outputs.`
    )
    void (async () => {
      await killAllProcesses()
      await Promise.allSettled([...cleanups].map(async (c) => c()))
      process.exit(128 + (OS_SIGNALS[signal] ?? 15))
    })()
  }
  process.on('SIGTERM', handler)
  process.on('SIGINT', handler)
}
