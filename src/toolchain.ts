/**
 * What the Go toolchain that will build says about itself: its version, its
 * host, and the platforms it can target (`go tool dist list -json`). Asked in
 * the working directory, so a `toolchain` line in go.mod is honoured.
 */
import { runProcess } from './process.js'
import { VARIANT_VARS, VARIANTS, type Platform } from './targets.js'
import type { VariantVar } from './types.js'

/** The Go toolchain as seen from the working directory. */
export interface Toolchain {
  /** The go command (`go`, or a path). */
  go: string
  /** `go1.26.8` */
  version: string
  /** The first line of `go version`. */
  versionLine: string
  hostOS: string
  hostArch: string
  /** GOFLAGS from `go env` (the job's and go env -w's). */
  goflags: string
  /** Path of go.mod, or '' outside a module. */
  gomod: string
  platforms: Platform[]
  /** The toolchain's built-in value of each variant variable, ignoring the job and go env -w. */
  variantDefaults: Partial<Record<VariantVar, string>>
}

/** Run a go subcommand and return stdout, or throw with the command's own words. */
async function goOutput(
  go: string,
  args: string[],
  cwd: string,
  env: Record<string, string>
): Promise<string> {
  let result
  try {
    result = await runProcess(go, args, { cwd, env })
  } catch (error) {
    throw new Error(
      `go: cannot run "${go}" (${(error as Error).message}). Install Go first (for example with actions/setup-go) or set the go input to the go command's path.`,
      { cause: error }
    )
  }
  if (result.exitCode !== 0)
    throw new Error(
      `go: "${go} ${args.join(' ')}" failed in ${cwd} with exit code ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`
    )
  return result.stdout
}

/**
 * The toolchain's built-in value of each variant variable: `go env` with
 * GOENV=off (no go env -w file) and the variable unset, asked once per
 * architecture family since go env prints only the current GOARCH's variant.
 */
async function builtInVariants(
  go: string,
  cwd: string,
  env: Record<string, string>
): Promise<Partial<Record<VariantVar, string>>> {
  const pristine: Record<string, string> = { ...env, GOENV: 'off' }
  for (const name of VARIANT_VARS) delete pristine[name]
  const arches = [...new Set(Object.values(VARIANTS).map((r) => r.variable))].map(
    (variable) =>
      [variable, Object.keys(VARIANTS).find((a) => VARIANTS[a].variable === variable)!] as const
  )
  const values = await Promise.all(
    arches.map(([variable, goarch]) =>
      goOutput(go, ['env', variable], cwd, { ...pristine, GOARCH: goarch, GOOS: 'linux' })
    )
  )
  return Object.fromEntries(arches.map(([variable], i) => [variable, values[i].trim()]))
}

/**
 * Ask the toolchain about itself.
 *
 * @param go the go command
 * @param cwd the module's directory
 * @param env the environment the builds will inherit
 */
export async function probeToolchain(
  go: string,
  cwd: string,
  env: Record<string, string>
): Promise<Toolchain> {
  const [versionLine, goEnv, dist, variantDefaults] = await Promise.all([
    goOutput(go, ['version'], cwd, env),
    goOutput(
      go,
      ['env', '-json', 'GOVERSION', 'GOHOSTOS', 'GOHOSTARCH', 'GOFLAGS', 'GOMOD'],
      cwd,
      env
    ),
    goOutput(go, ['tool', 'dist', 'list', '-json'], cwd, env),
    builtInVariants(go, cwd, env)
  ])
  const vars = JSON.parse(goEnv) as Record<string, string>
  const platforms = JSON.parse(dist) as Platform[]
  const gomod = vars.GOMOD ?? ''
  return {
    go,
    version: vars.GOVERSION,
    versionLine: versionLine.trim(),
    hostOS: vars.GOHOSTOS,
    hostArch: vars.GOHOSTARCH,
    goflags: vars.GOFLAGS ?? '',
    gomod: gomod === '/dev/null' || gomod === 'NUL' ? '' : gomod,
    platforms,
    variantDefaults
  }
}
