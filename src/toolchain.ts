/**
 * What the Go toolchain that will build says about itself: its version, its
 * host, and the platforms it can target (`go tool dist list -json`). Asked in
 * the working directory, so a `toolchain` line in go.mod is honoured.
 */
import { runProcess } from './process.js'
import type { Platform } from './targets.js'

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
  const [versionLine, goEnv, dist] = await Promise.all([
    goOutput(go, ['version'], cwd, env),
    goOutput(
      go,
      ['env', '-json', 'GOVERSION', 'GOHOSTOS', 'GOHOSTARCH', 'GOFLAGS', 'GOMOD'],
      cwd,
      env
    ),
    goOutput(go, ['tool', 'dist', 'list', '-json'], cwd, env)
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
    platforms
  }
}
