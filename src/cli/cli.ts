#!/usr/bin/env node
/**
 * `go-cross-build`: the action's engine from a terminal, so that a developer
 * can reproduce locally what CI will do.
 *
 *   go-cross-build --targets linux/arm64,windows/amd64
 *
 * Every action input is a flag of the same name (`--working-directory`,
 * `--ldflags`, ...); boolean inputs also have `--no-<name>`. Flags go
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
import { INPUT_DEFAULTS, InputError, getInputs } from '../inputs/inputs.js'
import { actionLog, streamLog, terminalText, type Log } from '../log.js'
import { execute } from '../main.js'
import { installCancelHandlers } from '../process.js'
import { terminalReport } from '../report/report.js'
import { closest } from '../plan/targets.js'

/** The command's name, as `bin` in package.json installs it. */
export const COMMAND = 'go-cross-build'

/** Where the CLI's defaults differ from the action's. */
export const CLI_DEFAULTS: Readonly<Record<string, string>> = { upload: 'none' }

/** Inputs whose values several flags add up to, and how they are joined. */
const LISTS: Readonly<Record<string, string>> = {
  targets: ', ',
  package: ' ',
  tags: ',',
  env: '\n'
}

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

/** An input is a boolean when action.yml gives it a boolean default. */
function isBoolean(defaults: Readonly<Record<string, string>>, name: string) {
  return defaults[name] === 'true' || defaults[name] === 'false'
}

/**
 * Parse a command line against a table of input names and their defaults
 * (the action's `INPUT_DEFAULTS`). `--name value` and `--name=value` for
 * every input; `--name`/`--no-name` for boolean inputs; repeated `--targets`,
 * `--package`, `--tags` and `--env` add up; positional words are targets.
 *
 * @throws UsageError for an unknown flag or a missing value
 */
export function parseCliArgs(
  argv: readonly string[],
  defaults: Readonly<Record<string, string>>,
  cliDefaults: Readonly<Record<string, string>> = CLI_DEFAULTS
): CliArgs {
  const names = Object.keys(defaults)
  const values: Record<string, string> = {}
  let help = false
  let verbose = false
  const set = (name: string, value: string): void => {
    const sep = LISTS[name]
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
      if (isBoolean(defaults, flag) && inline === undefined) {
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
    if (negated && names.includes(negated) && isBoolean(defaults, negated)) {
      if (inline !== undefined)
        throw new UsageError(
          `--${flag} takes no value; use --${negated}=${inline}`
        )
      set(negated, 'false')
      continue
    }
    const guess = closest(flag, [
      ...names,
      ...names.filter((n) => isBoolean(defaults, n)).map((n) => `no-${n}`),
      'help',
      'verbose'
    ])
    throw new UsageError(
      `--${flag} is not a flag of ${COMMAND}${guess ? `; did you mean --${guess}?` : ''}`
    )
  }
  const get = (name: string): string | undefined =>
    values[name] ?? cliDefaults[name]
  return { values, help, verbose, get }
}

/** The `--help` text, generated from the same table as the flags. */
export function usage(
  defaults: Readonly<Record<string, string>>,
  cliDefaults: Readonly<Record<string, string>> = CLI_DEFAULTS
): string {
  const rows = Object.keys(defaults).map((name) => {
    const value = cliDefaults[name] ?? defaults[name]
    const flag = isBoolean(defaults, name)
      ? `--[no-]${name}`
      : `--${name} <value>`
    return [flag, value === '' ? '' : `default: ${value}`]
  })
  const width = Math.max(...rows.map(([f]) => f.length))
  return [
    `Usage: ${COMMAND} [flags] [target...]`,
    '',
    'Cross-compile a Go module for a matrix of targets with CGO disabled and',
    'verify every binary, exactly as the GitHub Action does. Every action',
    'input is a flag of the same name; see the README for what each one does.',
    '',
    `Example: ${COMMAND} --targets linux/arm64,windows/amd64 --working-directory ./app`,
    '',
    'Flags:',
    ...rows.map(([flag, note]) => `  ${flag.padEnd(width)}  ${note}`.trimEnd()),
    `  ${'-v, --verbose'.padEnd(width)}  also show debug lines`,
    `  ${'-h, --help'.padEnd(width)}  show this help`,
    '',
    'Exit code: 0 all built and verified, 1 something failed, 2 bad flags or inputs.',
    ''
  ].join('\n')
}

/** Where the CLI writes: the report and log, and errors. */
export interface CliIO {
  out: (text: string) => void
  err: (text: string) => void
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
    args = parseCliArgs(argv, INPUT_DEFAULTS)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    err(`${COMMAND}: ${error.message}\nRun ${COMMAND} --help for the flags.\n`)
    return 2
  }
  if (args.help) {
    out(usage(INPUT_DEFAULTS))
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
    out('\n' + terminalText(terminalReport(result)))
    return result.failures.length ? 1 : 0
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
