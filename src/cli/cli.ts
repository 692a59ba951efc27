#!/usr/bin/env node
/**
 * `go-cross-build`: the action's engine from a terminal, so that a developer
 * can reproduce locally what CI will do.
 *
 *   go-cross-build --targets linux/arm64,windows/amd64
 *
 * Every action input is a flag of the same name (`--working-directory`,
 * `--ldflags`, ...), from the one table of inputs (src/inputs/table.ts)
 * that the action reads too; boolean inputs also have `--no-<name>`. Flags go
 * through the action's own validation (`getInputs`), with the action.yml
 * defaults, except that `upload` defaults to `none` here: a flag left out
 * gets exactly the default the runner would give it. The run's log is the
 * action's log written for a terminal (`src/log.ts`: groups as `▸ title`,
 * annotations as `error: file:line: message`, control characters in
 * foreign text shown as escapes); the report at the end is the job
 * summary's table. On a runner (`GITHUB_ACTIONS=true`) it logs as the
 * action does.
 * Exit code: 0 when everything built and verified, 1 when something
 * failed, 2 for a usage or input error, 128 + the signal's number when
 * SIGTERM or SIGINT stopped it (its process trees killed first).
 */
import { realpathSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError, getInputs } from '../inputs/inputs.js'
import { INPUT_TABLE, cliFlag, type InputSpec } from '../inputs/table.js'
import { actionLog, streamLog, terminalText, type Log } from '../log.js'
import { execute } from '../pipeline.js'
import { installCancelHandlers } from '../process.js'
import { terminalReport } from '../report/report.js'
import { closest } from '../plan/targets.js'
import type { Result } from '../types.js'

/** The command's name, as `bin` in package.json installs it. */
export const COMMAND = 'go-cross-build'

/** Where the CLI's defaults differ from the action's (the table's `cliDefault`). */
export const CLI_DEFAULTS: Readonly<Record<string, string>> = Object.fromEntries(
  INPUT_TABLE.flatMap((i) => (i.cliDefault === undefined ? [] : [[i.name, i.cliDefault]]))
)

/** A command line the CLI cannot make sense of. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** What the command line asked for. */
export interface CliArgs {
  /** Input values given on the command line, by input name. */
  values: Record<string, string>
  help: boolean
  /** Also show the action's debug lines. */
  verbose: boolean
  /**
   * Reads one input for `getInputs`: the flag, the CLI default, or
   * undefined, so that `getInputs` applies the action.yml default exactly
   * as the runner does (an unset `ldflags` is `-s -w`, not empty).
   */
  get: (name: string) => string | undefined
}

/**
 * Parse a command line against the table of inputs (src/inputs/table.ts).
 * `--name value` and `--name=value` for every input; `--name`/`--no-name`
 * for boolean inputs; repeated list flags (`--targets`, `--package`,
 * `--tags`, `--env`) add up, joined as the table says; positional words
 * are targets.
 *
 * @param table the inputs; their names are the flags
 * @throws UsageError for an unknown flag or a missing value
 */
export function parseCliArgs(
  argv: readonly string[],
  table: readonly InputSpec[] = INPUT_TABLE
): CliArgs {
  const names = table.map((i) => i.name)
  const spec = (name: string): InputSpec | undefined =>
    table.find((i) => i.name === name)
  const isBoolean = (name: string): boolean => spec(name)?.kind === 'boolean'
  const values: Record<string, string> = {}
  let help = false
  let verbose = false
  const set = (name: string, value: string): void => {
    const sep = spec(name)?.join
    values[name] =
      sep && values[name] !== undefined ? values[name] + sep + value : value
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      for (const word of argv.slice(i + 1)) set('targets', word)
      break
    }
    if (arg === '-h' || arg === '--help') {
      help = true
      continue
    }
    if (arg === '-v' || arg === '--verbose') {
      verbose = true
      continue
    }
    if (!arg.startsWith('-')) {
      set('targets', arg)
      continue
    }
    const m = /^--([a-z0-9-]+)(?:=([\s\S]*))?$/.exec(arg)
    if (!m)
      throw new UsageError(`${arg}: not a flag; flags look like --name value`)
    const [, flag, inline] = m
    if (names.includes(flag)) {
      if (isBoolean(flag) && inline === undefined) {
        const next = argv[i + 1]
        if (next === 'true' || next === 'false') {
          set(flag, next)
          i++
        } else set(flag, 'true')
        continue
      }
      if (inline !== undefined) set(flag, inline)
      else if (i + 1 < argv.length) set(flag, argv[++i])
      else throw new UsageError(`--${flag} needs a value`)
      continue
    }
    const negated = flag.startsWith('no-') ? flag.slice(3) : undefined
    if (negated && names.includes(negated) && isBoolean(negated)) {
      if (inline !== undefined)
        throw new UsageError(
          `--${flag} takes no value; use --${negated}=${inline}`
        )
      set(negated, 'false')
      continue
    }
    const guess = closest(flag, [
      ...names,
      ...names.filter(isBoolean).map((n) => `no-${n}`),
      'help',
      'verbose'
    ])
    throw new UsageError(
      `--${flag} is not a flag of ${COMMAND}${guess ? `; did you mean --${guess}?` : ''}`
    )
  }
  const get = (name: string): string | undefined =>
    values[name] ?? spec(name)?.cliDefault
  return { values, help, verbose, get }
}

/** Words of `text` in lines of at most `width` columns, each after `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(indent + line)
  return lines
}

/**
 * The `--help` text, generated from the table of inputs: each flag as the
 * CLI spells it with the default it gets, then the input's description
 * from action.yml.
 */
export function usage(table: readonly InputSpec[] = INPUT_TABLE): string {
  const flags = table.flatMap((i) => {
    const value = i.cliDefault ?? i.default
    const head = `  ${cliFlag(i)}${value === '' ? '' : `  default: ${value}`}`
    return [head, ...wrap(i.description, 80, '      ')]
  })
  return [
    `Usage: ${COMMAND} [flags] [target...]`,
    '',
    'Cross-compile a Go module for a matrix of targets with CGO disabled and',
    'verify every binary, exactly as the GitHub Action does. Every action',
    'input is a flag of the same name; positional words are targets.',
    '',
    `Example: ${COMMAND} --targets linux/arm64,windows/amd64 --working-directory ./app`,
    '',
    'Flags:',
    ...flags,
    '  -v, --verbose',
    '      Also show debug lines.',
    '  -h, --help',
    '      Show this help.',
    '',
    'Exit code: 0 all built and verified, 1 something failed, 2 bad flags or',
    'inputs, 128 + the signal number (130, 143) when interrupted.',
    ''
  ].join('\n')
}

/** Where the CLI writes: the report and log, and errors. */
export interface CliIO {
  out: (text: string) => void
  err: (text: string) => void
  /** Gets the run's result, for a caller that embeds the CLI (tests). */
  result: (result: Result) => void
}

/**
 * Run the CLI.
 *
 * @param argv the arguments after the command name
 * @returns the exit code: 0 success, 1 a build, verification or upload
 *   failed, 2 bad flags or inputs
 */
export async function main(
  argv: readonly string[],
  io?: Partial<CliIO>
): Promise<number> {
  const stdout = process.stdout.write.bind(process.stdout)
  const stderr = process.stderr.write.bind(process.stderr)
  const out = io?.out ?? ((text: string) => void stdout(text))
  const rawErr = io?.err ?? ((text: string) => void stderr(text))
  // Messages quote flags and input values: show control characters.
  const err = (text: string): void => rawErr(terminalText(text))

  let args: CliArgs
  try {
    args = parseCliArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    err(`${COMMAND}: ${error.message}\nRun ${COMMAND} --help for the flags.\n`)
    return 2
  }
  if (args.help) {
    out(usage())
    return 0
  }

  // On a runner the workflow commands mean something: log as the action.
  const log: Log =
    process.env.GITHUB_ACTIONS === 'true'
      ? actionLog()
      : streamLog(out, { verbose: args.verbose })
  try {
    const inputs = getInputs(args.get)
    const result = await execute(inputs, log)
    io?.result?.(result)
    out('\n' + terminalText(terminalReport(result)))
    return result.problems.length ? 1 : 0
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof InputError) {
      err(`${COMMAND}: invalid flags:\n${message.replace(/^/gm, '  ')}\n`)
      return 2
    }
    err(`${COMMAND}: ${message}\n`)
    return 1
  }
}

/** True when this file is the program node was asked to run. */
function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return (
      realpathSync(path.resolve(script)) ===
      realpathSync(fileURLToPath(import.meta.url))
    )
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  // Ctrl-C or a kill stops every process tree started, removes partial
  // outputs and exits 128 + the signal's number, as the action does.
  installCancelHandlers((message) =>
    process.stderr.write(`${COMMAND}: ${terminalText(message)}\n`)
  )
  process.exitCode = await main(process.argv.slice(2))
}
