/**
 * What the Go toolchain that will build says about itself: its version, its
 * host, and the platforms it can target (`go tool dist list -json`). Asked in
 * the working directory, so a `toolchain` line in go.mod is honoured.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROBE_TIMEOUT_MS, runProcess } from '../process.js'
import { VARIANT_VARS, VARIANTS, type Platform } from './targets.js'
import type { VariantVar } from '../types.js'

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
  /** `go env GOENV`: the file go env -w writes, or `off`. */
  goenv: string
  /** Path of go.mod, or '' outside a module. */
  gomod: string
  /** `go env GOROOT`, GOPATH (a list) and GOMODCACHE: where the build machine keeps Go and modules. */
  goroot: string
  gopath: string
  gomodcache: string
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
    result = await runProcess(go, args, { cwd, env, timeoutMs: PROBE_TIMEOUT_MS })
  } catch (error) {
    throw new Error(
      `go: cannot run "${go}" (${(error as Error).message}). Install Go first (for example with actions/setup-go) or set the go input to the go command's path.`,
      { cause: error }
    )
  }
  if (result.timedOut)
    throw new Error(
      `go: "${go} ${args.join(' ')}" did not answer within ${PROBE_TIMEOUT_MS / 60_000} minutes in ${cwd} and was killed. Check that the go input names a working go command and that go.mod's toolchain line does not start a download that hangs (GOTOOLCHAIN).`
    )
  if (result.exitCode !== 0)
    throw new Error(
      `go: "${go} ${args.join(' ')}" failed in ${cwd} with exit code ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`
    )
  return result.stdout
}

/**
 * The variant variables saved in Go's env files (`go env -w` writes GOENV;
 * the toolchain ships $GOROOT/go.env). An empty variable in the environment
 * does not hide them, so they are the only way a variant can leak into a
 * build whose environment sets the variable empty.
 */
function savedVariants(files: readonly string[]): VariantVar[] {
  const saved = new Set<VariantVar>()
  for (const file of files) {
    if (!file || file === 'off') continue
    let text = ''
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*([A-Z0-9_]+)\s*=\s*(\S.*)$/.exec(line)
      if (m && (VARIANT_VARS as readonly string[]).includes(m[1]))
        saved.add(m[1] as VariantVar)
    }
  }
  return [...saved]
}

/**
 * The toolchain's built-in value of the given variant variables: `go env`
 * with GOENV=off (no go env -w file) and the variable unset, asked once per
 * variable since go env prints only the current GOARCH's variant.
 */
async function builtInVariants(
  go: string,
  cwd: string,
  env: Record<string, string>,
  variables: readonly VariantVar[]
): Promise<Partial<Record<VariantVar, string>>> {
  const pristine: Record<string, string> = { ...env, GOENV: 'off' }
  for (const name of VARIANT_VARS) delete pristine[name]
  const values = await Promise.all(
    variables.map((variable) => {
      const goarch = Object.keys(VARIANTS).find((a) => VARIANTS[a].variable === variable)!
      return goOutput(go, ['env', variable], cwd, { ...pristine, GOARCH: goarch, GOOS: 'linux' })
    })
  )
  return Object.fromEntries(variables.map((variable, i) => [variable, values[i].trim()]))
}

/**
 * Ask the toolchain about itself: three go commands at once, and more only
 * when Go's env files save a variant variable.
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
  const [versionLine, goEnv, dist] = await Promise.all([
    goOutput(go, ['version'], cwd, env),
    goOutput(
      go,
      [
        'env',
        '-json',
        'GOVERSION',
        'GOHOSTOS',
        'GOHOSTARCH',
        'GOFLAGS',
        'GOMOD',
        'GOENV',
        'GOROOT',
        'GOPATH',
        'GOMODCACHE'
      ],
      cwd,
      env
    ),
    goOutput(go, ['tool', 'dist', 'list', '-json'], cwd, env)
  ])
  const vars = JSON.parse(goEnv) as Record<string, string>
  const platforms = JSON.parse(dist) as Platform[]
  const gomod = vars.GOMOD ?? ''
  const saved = savedVariants([vars.GOENV, vars.GOROOT ? join(vars.GOROOT, 'go.env') : ''])
  return {
    go,
    version: vars.GOVERSION,
    versionLine: versionLine.trim(),
    hostOS: vars.GOHOSTOS,
    hostArch: vars.GOHOSTARCH,
    goflags: vars.GOFLAGS ?? '',
    goenv: vars.GOENV ?? '',
    gomod: gomod === '/dev/null' || gomod === 'NUL' ? '' : gomod,
    goroot: vars.GOROOT ?? '',
    gopath: vars.GOPATH ?? '',
    gomodcache: vars.GOMODCACHE ?? '',
    platforms,
    variantDefaults: saved.length ? await builtInVariants(go, cwd, env, saved) : {}
  }
}
