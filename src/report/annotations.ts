/**
 * Annotations: every Go compiler error of a failed build becomes one error
 * annotation on its file and line, once, however many targets it failed in.
 *
 * Why our own annotations and not the problem matcher that actions/setup-go
 * registers (owner `go`, `^\s*(.+\.go):(?:(\d+):(\d+):)? (.*)`)? The matcher
 * sees each log line alone: an error that breaks twelve targets would be
 * twelve annotations, and it resolves `./main.go` against the workspace, not
 * against `working-directory`, so the file is dropped whenever the module is
 * not at the repository root. We parse the output ourselves, resolve paths
 * against the module directory, deduplicate, and list the targets.
 *
 * Never both: the build log still shows the raw compiler output, so the
 * `go` matcher is removed (`::remove-matcher owner=go::`) before the first
 * build and registered again, with setup-go's exact definition, when the
 * step is done, so later steps (`go test`, `go vet`) keep it.
 *
 * The parsing is pure (`parseCompilerOutput`, `collectAnnotations`); the
 * effects (`annotate`, `suspendGoMatcher`) are thin.
 */
import { EOL } from 'node:os'
import * as path from 'node:path'
import { writeFileAtomicSync } from '../files.js'
import { ANNOTATION_LIMIT, actionLog, type Log } from '../log.js'
import { shortList } from './report.js'
import type { BinaryReport } from '../types.js'

/** One `file:line:col: message` line of Go compiler output. */
export interface CompilerMessage {
  /** The path as the compiler printed it (`./main.go`, `..\x\y.go`). */
  file: string
  line: number
  /** Absent for `file:line: message` (some linker and vet lines). */
  column?: number
  /** The message, with its indented continuation lines (`have`/`want`). */
  message: string
  /** The package of the preceding `# pkg` header, if any. */
  pkg?: string
}

/** `path/file.go:12:5: message`, `C:\x\y.go:3: message`. */
const LOCATION = /^\s*(.+?\.go):(\d+)(?::(\d+))?: (.*)$/

/**
 * Parse Go compiler output into located messages. `# pkg` headers name the
 * package of the lines after them; tab-indented lines continue the message
 * above them; anything else (`go: ...`, `too many errors`) is skipped.
 */
export function parseCompilerOutput(output: string): CompilerMessage[] {
  const messages: CompilerMessage[] = []
  let pkg: string | undefined
  let last: CompilerMessage | undefined
  for (const raw of output.split(/\r?\n/)) {
    if (raw.startsWith('# ')) {
      pkg = raw.slice(2).trim()
      last = undefined
      continue
    }
    const m = LOCATION.exec(raw)
    if (m) {
      last = {
        file: m[1],
        line: Number(m[2]),
        ...(m[3] ? { column: Number(m[3]) } : {}),
        message: m[4].trim(),
        ...(pkg ? { pkg } : {})
      }
      messages.push(last)
      continue
    }
    if (last && /^\t/.test(raw) && raw.trim()) last.message += `\n${raw.trim()}`
    else last = undefined
  }
  return messages
}

/** Where relative compiler paths start from, and what they are relative to. */
export interface PathContext {
  /** The directory `go build` ran in (the module's working-directory). */
  moduleDir: string
  /** The repository root (`GITHUB_WORKSPACE`); annotations name files relative to it. */
  workspace: string
  /** Path rules to apply; defaults to this process's platform. */
  platform?: NodeJS.Platform
}

/**
 * The repository-relative path (forward slashes) of a file the compiler
 * named, or undefined when it lies outside the workspace (the module cache,
 * GOROOT).
 */
export function repoPath(file: string, ctx: PathContext): string | undefined {
  const p =
    (ctx.platform ?? process.platform) === 'win32' ? path.win32 : path.posix
  const absolute = p.resolve(ctx.moduleDir, file)
  const relative = p.relative(p.resolve(ctx.workspace), absolute)
  if (!relative || relative.startsWith('..') || p.isAbsolute(relative))
    return undefined
  return relative.split(p.sep).join('/')
}

/** One annotation: a distinct (file, line, column, message) and where it failed. */
export interface Annotation {
  title: string
  message: string
  /** Repository-relative; absent when the file is outside the workspace. */
  file?: string
  startLine?: number
  startColumn?: number
  /** Names of the targets whose builds printed it, in result order. */
  targets: string[]
}

/**
 * Every distinct compiler error of every failed build, once, with the list
 * of targets it failed in: `undefined: foo (linux/amd64, windows/arm64, +10
 * more)`. Files outside the workspace keep their location in the message.
 */
export function collectAnnotations(
  binaries: readonly BinaryReport[],
  ctx: PathContext
): Annotation[] {
  const found = new Map<
    string,
    { file?: string; msg: CompilerMessage; targets: string[] }
  >()
  for (const b of binaries) {
    if (b.build.status !== 'failed') continue
    for (const msg of parseCompilerOutput(b.build.output)) {
      const file = repoPath(msg.file, ctx)
      const where = file ?? msg.file
      const key = [where, msg.line, msg.column ?? '', msg.message].join('\0')
      let entry = found.get(key)
      if (!entry) {
        entry = { file, msg, targets: [] }
        found.set(key, entry)
      }
      if (!entry.targets.includes(b.build.target.name))
        entry.targets.push(b.build.target.name)
    }
  }
  return [...found.values()].map(({ file, msg, targets }) => {
    const location = file
      ? ''
      : `${msg.file}:${msg.line}${msg.column ? `:${msg.column}` : ''}: `
    return {
      title: `go build failed${msg.pkg ? ` in ${msg.pkg}` : ''}`,
      message: `${location}${msg.message} (${shortList(targets)})`,
      ...(file
        ? {
            file,
            startLine: msg.line,
            ...(msg.column ? { startColumn: msg.column } : {})
          }
        : {}),
      targets
    }
  })
}

/** What `annotate` did. */
export interface Annotated {
  /** Annotations sent. */
  emitted: number
  /** Distinct compiler errors left out, over the limit. */
  omitted: number
}

/**
 * Emit one error annotation per distinct compiler error of the failed
 * builds, at most `limit` of them (a third of the step's limit by default,
 * leaving room for verification findings and the step's failure); the rest
 * are counted on the log (`log.omit`) and named in one log line.
 */
export function annotate(
  binaries: readonly BinaryReport[],
  ctx: PathContext,
  log: Pick<Log, 'error' | 'info' | 'omit'> = actionLog(),
  limit = Math.floor(ANNOTATION_LIMIT / 3) * 2
): Annotated {
  const annotations = collectAnnotations(binaries, ctx)
  const emitted = Math.min(annotations.length, Math.max(0, limit))
  for (const a of annotations.slice(0, emitted)) {
    const { title, file, startLine, startColumn } = a
    log.error(a.message, { title, file, startLine, startColumn })
  }
  const omitted = annotations.length - emitted
  if (omitted) {
    log.omit(omitted)
    log.info(
      `${omitted} more distinct compiler error(s) were not annotated (at most ${emitted} are); the build log above has every one.`
    )
  }
  return { emitted, omitted }
}

/** actions/setup-go's problem matcher, exactly as it registers it. */
export const GO_PROBLEM_MATCHER = {
  problemMatcher: [
    {
      owner: 'go',
      pattern: [
        {
          regexp: '^\\s*(.+\\.go):(?:(\\d+):(\\d+):)? (.*)',
          file: 1,
          line: 2,
          column: 3,
          message: 4
        }
      ]
    }
  ]
}

/**
 * Stop the `go` problem matcher from turning the raw compiler output in the
 * log into duplicate annotations. Only on a runner (`GITHUB_ACTIONS=true`).
 *
 * @returns a function that registers the matcher again (call it in a
 *   `finally`), so that later steps of the job keep their annotations
 */
export function suspendGoMatcher(
  write: (text: string) => void = (text) => process.stdout.write(text),
  env: NodeJS.ProcessEnv = process.env,
  log: Pick<Log, 'debug' | 'value'> = actionLog()
): () => void {
  if (env.GITHUB_ACTIONS !== 'true') return () => {}
  write(`::remove-matcher owner=go::${EOL}`)
  return () => {
    const dir = env.RUNNER_TEMP
    if (!dir) return
    const file = path.join(dir, 'go-cross-build-go-matcher.json')
    try {
      writeFileAtomicSync(file, JSON.stringify(GO_PROBLEM_MATCHER))
      write(`::add-matcher::${file}${EOL}`)
    } catch (error) {
      log.debug(
        `could not register the go problem matcher again: ${log.value((error as Error).message)}`
      )
    }
  }
}
