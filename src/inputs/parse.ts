/**
 * Inputs stage, without the runner: parses and validates the inputs a
 * getter reads, which the table of inputs (src/inputs/table.ts) names with
 * their defaults and kinds. It loads no toolkit package, so the action's
 * entry can parse the inputs and start the plan before the rest of the
 * bundle is evaluated (src/index.ts); `inputs.ts` is the runner's reader,
 * with masking. Every
 * input's text is checked first (src/inputs/text.ts), then each is
 * validated here, syntax only, before anything runs; every problem is
 * reported at once, one line each. What needs the toolchain (targets,
 * packages) is validated in the plan stage, still before any build.
 */
import { availableParallelism } from 'node:os'
import { parseEnvInput, type Env } from '../plan/environment.js'
import { buildFlagProblems, linkerFlagProblems, splitWords } from './flags.js'
import { parsePublishInputs, type PublishOptions } from '../package/options.js'
import { ProblemError, problemLine, type Problem } from '../problem.js'
import { INPUT_TABLE, inputSpec, textRule } from './table.js'
import { textProblems } from './text.js'

export { INPUT_DEFAULTS, INPUT_TABLE, type InputName } from './table.js'

/** Reads one input's raw value: undefined when not given at all. */
export type InputGetter = (name: string) => string | undefined

/** The validated inputs of the build engine. */
export interface Inputs {
  /** Raw `targets` (parsed against the toolchain in the plan stage). */
  targets: string
  workingDirectory: string
  packages: string[]
  binaryName: string
  outputDir: string
  ldflags: string
  trimpath: boolean
  tags: string[]
  flags: string[]
  env: Env
  go: string
  parallel: number
  failFast: boolean
  /** `build-timeout` in milliseconds: the longest one target's go build may run. */
  buildTimeoutMs: number
  verify: boolean
  smokeTest: boolean
  smokeArgs: string[]
  /** How binaries are packaged and uploaded. */
  publish: PublishOptions
  /** This job's leg of a release over many runners, or ''. */
  leg: string
  /** Keep a build cache per target in the runner's cache service. */
  cache: boolean
  /** `cache-max-mb` in bytes. */
  cacheMaxBytes: number
  cacheSave: 'auto' | 'always' | 'never'
  /** `reproducible`: rebuild every target elsewhere and compare (assert fails, report only says). */
  reproducible: 'assert' | 'report' | 'off'
  /** Input values with defaults applied, for stages that validate their own inputs (publish). */
  get: (name: string) => string
}

/** What a leg may be called (it becomes part of an artifact name). */
export const LEG_NAME = /^[A-Za-z0-9._-]{1,100}$/

/** Thrown when inputs are invalid; the message has one line per problem. */
export class InputError extends ProblemError {
  constructor(problems: readonly (Problem | string)[]) {
    super(problems)
    this.name = 'InputError'
  }
}

/**
 * A getter that falls back to the action.yml default for inputs not given,
 * and for empty ones except where empty means "nothing".
 */
export function withDefaults(get: InputGetter): (name: string) => string {
  return (name) => {
    const raw = get(name)
    const value = raw?.trim() ?? ''
    const spec = inputSpec(name)
    if (value || (raw !== undefined && spec?.emptyIsValue)) return value
    return spec?.default ?? ''
  }
}

/** Parse a boolean the way the toolkit spells them (true/True/TRUE...). */
function parseBoolean(name: string, value: string, problems: string[]): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  problems.push(`${name}: "${value}" is not a boolean; use true or false`)
  return false
}

/** Seconds per unit of a duration input. */
const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 }

/**
 * Parse a duration input: a whole number with `s`, `m` or `h` (`90s`, `30m`,
 * `1h`), or a bare whole number of minutes. At least one second, at most a
 * day.
 *
 * @returns milliseconds, or undefined after pushing a problem that names the input
 */
export function parseDuration(
  name: string,
  value: string,
  problems: string[]
): number | undefined {
  const m = /^(\d{1,7})\s*([smh]?)$/.exec(value)
  const seconds = m ? Number(m[1]) * DURATION_UNITS[m[2] || 'm'] : NaN
  if (!m || seconds < 1 || seconds > 86_400) {
    problems.push(
      `${name}: "${value}" is not a duration between 1s and 24h; write a whole number with s, m or h (90s, 30m, 1h), or a number of minutes`
    )
    return undefined
  }
  return seconds * 1000
}

/** A duration in ms as the input would spell it: 90s, 30m, 1h. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds % 60 === 0) return `${seconds / 60}m`
  return seconds >= 1 ? `${seconds}s` : `${ms}ms`
}

/**
 * The shortest `env` value registered as a secret: masking "0" or "off"
 * would blank every such word of the log while protecting nothing.
 */
export const MIN_MASKED_LENGTH = 4

/** Split a list input on commas, spaces and newlines. */
function listOf(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean)
}

/**
 * Parse and validate the engine's inputs.
 *
 * @param raw reads one input (undefined when not given); defaults are applied here
 * @param mask registers a value of `env` as a secret, before anything logs it
 * @throws InputError with one line per problem
 */
export function parseInputs(
  raw: InputGetter,
  mask: (secret: string) => void
): Inputs {
  const get = withDefaults(raw)
  // Text safety first: no parser sees, and no message echoes, a control
  // character or a megabyte of text.
  const unsafe = INPUT_TABLE.flatMap((spec) =>
    textProblems(spec.name, get(spec.name), textRule(spec))
  )
  if (unsafe.length) throw new InputError(unsafe)
  const problems: string[] = []
  const words = (name: string): string[] => {
    try {
      return splitWords(get(name))
    } catch (e) {
      problems.push(
        `${name}: ${(e as Error).message} in ${JSON.stringify(get(name))}; close the quote or escape it with a backslash`
      )
      return []
    }
  }

  const binaryName = get('binary-name')
  if (/[\\/]/.test(binaryName) || binaryName === '.' || binaryName === '..')
    problems.push(
      `binary-name: "${binaryName}" contains a path separator; give a plain file name (the directory is output-dir)`
    )
  else if (/[\0<>:"|?*]/.test(binaryName))
    problems.push(
      `binary-name: "${binaryName}" has a character that is not allowed in file names on Windows (<>:"|?*); choose another name`
    )

  const ldflags = get('ldflags')
  problems.push(...linkerFlagProblems(words('ldflags'), 'ldflags'))
  const flags = words('flags')
  problems.push(...buildFlagProblems(flags, 'flags'))

  const tags = listOf(get('tags'))
  for (const tag of tags)
    if (!/^[A-Za-z0-9_.-]+$/.test(tag))
      problems.push(
        `tags: "${tag}" is not a build tag; tags are letters, digits, _ . and -, separated by commas or spaces`
      )

  const env = parseEnvInput(raw('env') ?? '')
  // Before anything can log them: values of env are the user's, maybe secrets.
  for (const value of Object.values(env.env)) {
    const secret = value.trim()
    if (secret.length >= MIN_MASKED_LENGTH) mask(secret)
  }
  problems.push(...env.errors)
  if (env.env.GOFLAGS)
    problems.push(
      ...buildFlagProblems(splitWords(env.env.GOFLAGS), 'env (GOFLAGS)', false)
    )

  let parallel = availableParallelism()
  const parallelText = get('parallel')
  if (parallelText) {
    if (!/^\d+$/.test(parallelText) || Number(parallelText) < 1)
      problems.push(
        `parallel: "${parallelText}" is not a whole number of builds at once; use 1 or more, or leave it empty for the CPU count (${availableParallelism()})`
      )
    else parallel = Number(parallelText)
  }

  const leg = get('leg')
  if (leg && !LEG_NAME.test(leg))
    problems.push(
      `leg: "${leg}" is not a leg name; use letters, digits, . _ and - (up to 100), such as the plan's matrix.leg`
    )

  const cacheMb = get('cache-max-mb')
  if (!/^\d{1,7}$/.test(cacheMb))
    problems.push(
      `cache-max-mb: "${cacheMb}" is not a whole number of MiB; use for example 3072, or 0 to save nothing`
    )
  const cacheSave = get('cache-save')
  if (!['auto', 'always', 'never'].includes(cacheSave))
    problems.push(
      `cache-save: "${cacheSave}" is not auto, always or never`
    )

  const reproducible = get('reproducible')
  if (!['assert', 'report', 'off'].includes(reproducible))
    problems.push(
      `reproducible: "${reproducible}" is not assert, report or off; use assert to fail a binary whose rebuild differs, report to only say so, or off`
    )

  let publish: PublishOptions | undefined
  try {
    publish = parsePublishInputs(get)
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e
    problems.push(...e.problems.map(problemLine))
  }

  const inputs: Inputs = {
    targets: get('targets'),
    workingDirectory: get('working-directory'),
    packages: listOf(get('package')),
    binaryName,
    outputDir: get('output-dir'),
    ldflags,
    trimpath: parseBoolean('trimpath', get('trimpath'), problems),
    tags,
    flags,
    env: env.env,
    go: get('go'),
    parallel,
    failFast: parseBoolean('fail-fast', get('fail-fast'), problems),
    buildTimeoutMs:
      parseDuration('build-timeout', get('build-timeout'), problems) ?? 0,
    verify: parseBoolean('verify', get('verify'), problems),
    smokeTest: parseBoolean('smoke-test', get('smoke-test'), problems),
    smokeArgs: words('smoke-args'),
    publish: publish!,
    leg,
    cache: parseBoolean('cache', get('cache'), problems),
    cacheMaxBytes: Number(cacheMb) * 1024 * 1024,
    cacheSave: cacheSave as Inputs['cacheSave'],
    reproducible: reproducible as Inputs['reproducible'],
    get
  }
  if (problems.length) throw new InputError(problems)
  return inputs
}
