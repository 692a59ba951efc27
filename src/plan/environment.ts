/**
 * Planning stage, part two: the environment of every `go` process.
 *
 * Inherited first, target last: start from the runner's environment, drop the
 * C toolchain and cgo variables, withhold the runner's credentials and the
 * action's inputs (least privilege), apply the user's `env` input, set every
 * variant variable explicitly (empty when unused) so nothing leaks in from the
 * job, then GOOS, GOARCH, the variant and CGO_ENABLED=0.
 */
import { VARIANT_VARS, variantVariable } from './targets.js'
import type { Target, VariantVar } from '../types.js'

/** Variables removed from every build's environment. */
export const DROPPED_VARIABLES: readonly string[] = [
  'CC',
  'CXX',
  'CGO_CFLAGS',
  'CGO_CPPFLAGS',
  'CGO_CXXFLAGS',
  'CGO_FFLAGS',
  'CGO_LDFLAGS',
  'PKG_CONFIG',
  'PKG_CONFIG_PATH',
  'PKG_CONFIG_LIBDIR',
  'PKG_CONFIG_SYSROOT_DIR'
]

/**
 * Variables of the runner that no child of the action inherits: credentials
 * for the runner's own services and the job's token. Every `INPUT_*`
 * variable (the action's inputs) is withheld as well. Names are matched
 * case-insensitively. A variable given in the `env` input is passed on
 * anyway: that is the user's explicit choice (`GITHUB_TOKEN: ${{ ... }}`).
 */
export const WITHHELD_VARIABLES: readonly string[] = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'GITHUB_TOKEN'
]

/** The prefix of the action's input variables, all withheld from children. */
export const WITHHELD_PREFIX = 'INPUT_'

/** Whether a variable of the runner is withheld from every child. */
export function isWithheld(name: string): boolean {
  const upper = name.toUpperCase()
  return WITHHELD_VARIABLES.includes(upper) || upper.startsWith(WITHHELD_PREFIX)
}

/** Variables the action sets itself; the `env` input may not set them. */
export const TARGET_VARIABLES: readonly string[] = [
  'GOOS',
  'GOARCH',
  'CGO_ENABLED',
  ...VARIANT_VARS
]

/** A process environment: name to value. */
export type Env = Record<string, string>

/**
 * Whether a variable of the job's environment is dropped: the listed C
 * toolchain and pkg-config variables, and every other `CGO_*` flag variable
 * (`CGO_CFLAGS_ALLOW` and friends).
 */
function isDropped(name: string): boolean {
  const upper = name.toUpperCase()
  if (DROPPED_VARIABLES.includes(upper)) return true
  return upper.startsWith('CGO_') && upper !== 'CGO_ENABLED'
}

/**
 * The inherited part, shared by every child (go and smoke-tested binaries):
 * the job's environment minus the C toolchain, minus the runner's
 * credentials and the action's inputs ({@link WITHHELD_VARIABLES}), plus the
 * user's `env` input, which wins over both.
 *
 * @param inherited the runner's environment (`process.env`)
 * @param extra the `env` input, already validated
 * @param platform `process.platform`: names are case-insensitive on win32
 * @returns the base environment, the names that were dropped (C toolchain)
 *   and the names that were withheld (credentials, inputs) and not given
 *   back by `env`; names only, never values
 */
export function baseEnvironment(
  inherited: NodeJS.ProcessEnv,
  extra: Env,
  platform: NodeJS.Platform = process.platform
): { env: Env; dropped: string[]; withheld: string[] } {
  const env: Env = {}
  const dropped: string[] = []
  const withheld: string[] = []
  const given = (name: string): boolean =>
    Object.keys(extra).some(
      (key) =>
        key === name ||
        (platform === 'win32' && key.toUpperCase() === name.toUpperCase())
    )
  for (const [name, value] of Object.entries(inherited)) {
    if (value === undefined) continue
    if (isDropped(name)) {
      dropped.push(name)
      continue
    }
    if (isWithheld(name)) {
      if (!given(name)) withheld.push(name)
      continue
    }
    env[name] = value
  }
  for (const [name, value] of Object.entries(extra))
    setVar(env, name, value, platform)
  return { env, dropped: dropped.sort(), withheld: withheld.sort() }
}

/**
 * Set a variable last in order, replacing any spelling of it on
 * case-insensitive platforms.
 */
function setVar(env: Env, name: string, value: string, platform: NodeJS.Platform): void {
  for (const key of Object.keys(env))
    if (key === name || (platform === 'win32' && key.toUpperCase() === name.toUpperCase()))
      delete env[key]
  env[name] = value
}

/**
 * The environment for one target: the base, every variant variable empty,
 * then GOOS, GOARCH, the target's variant and CGO_ENABLED=0 last.
 *
 * An empty variable does not hide a value saved with `go env -w` (Go reads
 * its env file for empty variables), so the target's own variant variable is
 * set to the toolchain's default when the target names no variant.
 *
 * @param defaults the toolchain's built-in variant values (`GOENV=off go env`)
 */
export function targetEnvironment(
  base: Env,
  target: Target,
  platform: NodeJS.Platform = process.platform,
  defaults: Partial<Record<VariantVar, string>> = {}
): Env {
  const env: Env = { ...base }
  for (const name of VARIANT_VARS) setVar(env, name, '', platform)
  setVar(env, 'GOOS', target.goos, platform)
  setVar(env, 'GOARCH', target.goarch, platform)
  const variable = variantVariable(target.goarch)
  if (variable) {
    const fallback =
      variable === 'GOARM' && target.goos === 'android' ? '7' : defaults[variable]
    const value = target.variant || fallback
    if (value) setVar(env, variable, value, platform)
  }
  setVar(env, 'CGO_ENABLED', '0', platform)
  return env
}

/**
 * Parse the `env` input: `KEY=VALUE` lines, blank lines and `#` comments
 * ignored. Refuses what would undo the action's guarantees.
 *
 * @returns the variables, and one problem per bad line
 */
export function parseEnvInput(text: string): { env: Env; errors: string[] } {
  const env: Env = {}
  const errors: string[] = []
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim()
    if (!line || line.startsWith('#')) return
    const eq = line.indexOf('=')
    const name = eq < 0 ? line : line.slice(0, eq).trim()
    // Name a bad line by its number and key, never by its value: values
    // may be secrets.
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      errors.push(
        `env: line ${i + 1} is not KEY=VALUE (its text is not shown, it may hold a secret); write one variable per line, e.g. GOPROXY=off`
      )
      return
    }
    const where = `env: line ${i + 1} (${name})`
    const value = line.slice(eq + 1)
    const upper = name.toUpperCase()
    if (upper === 'CGO_ENABLED') {
      if (value.trim() !== '0')
        errors.push(
          `${where}: CGO_ENABLED other than 0 is refused: this action always builds with CGO_ENABLED=0. Remove the line; for cgo builds use a toolchain with a C cross-compiler instead.`
        )
      return
    }
    if (TARGET_VARIABLES.includes(upper)) {
      errors.push(
        `${where}: ${upper} is set per target by the action; choose it with the targets input instead (e.g. linux/arm/7)`
      )
      return
    }
    env[name] = value
  })
  return { env, errors }
}
