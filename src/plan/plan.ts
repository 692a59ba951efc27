/**
 * Plan stage: everything decided before the first build, from the inputs and
 * what the toolchain says. Every problem found here fails the step before any
 * build starts, all of them listed at once.
 */
import { existsSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import * as path from 'node:path'
import { baseEnvironment, type Env } from './environment.js'
import { buildFlagProblems, splitWords } from '../inputs/flags.js'
import { InputError, type Inputs } from '../inputs/parse.js'
import {
  errorMessage,
  lineProblem,
  ProblemError,
  type Problem
} from '../problem.js'
import type { MainPackage, PlannedBinary, Target, VariantVar } from '../types.js'
import { nameBinaries } from './names.js'
import { resolvedPathProblems } from '../inputs/text.js'
import { goflagsSource, programFlagWarnings } from './goflags.js'
import { resolvePackages } from './packages.js'
import { parseTargets } from './targets.js'
import { probeToolchain, type Toolchain } from './toolchain.js'
import { memoryParallelism, readMemory } from './memory.js'
import { checkPlace } from './workspace.js'

/** Everything `go build` needs, decided before the first build. */
export interface BuildPlan {
  go: string
  cwd: string
  outputDir: string
  targets: Target[]
  packages: MainPackage[]
  /**
   * Every binary to build, with all its names: for each target (in order),
   * each package (in order).
   */
  binaries: PlannedBinary[]
  /** The inherited part of every build's environment. */
  baseEnv: Env
  /** Flags for every build, before the package (`-trimpath`, `-ldflags=...`). */
  buildFlags: string[]
  /** Builds at once. */
  parallel: number
  /** `go build -p`: packages each build compiles at once. */
  compileParallel: number
  /**
   * The most `-p` one build may get: a build that starts when fewer targets
   * are left than builds run at once gets more than `compileParallel`, up to
   * this ({@link compileParallelAt}): the CPUs, or less when memory is short.
   * Unset: every build gets `compileParallel`.
   */
  maxCompileParallel?: number
  failFast: boolean
  /** `build-timeout`: the longest one target's go build may run (none when unset). */
  timeoutMs?: number
  /** The platform of this process, for environment name rules. */
  platform?: NodeJS.Platform
  /** The toolchain's built-in variant values, for targets that name none. */
  variantDefaults?: Partial<Record<VariantVar, string>>
  /** GOCACHE per target id, when the cache stage gave each target its own. */
  gocache?: Record<string, string>
  /** How each target's GOCACHE was restored, by target id (for the start order). */
  cacheHits?: Record<string, 'exact' | 'fallback' | 'miss'>
}

/** The `go build` flags shared by every target, from the inputs. */
export function commonBuildFlags(options: {
  trimpath: boolean
  ldflags: string
  tags: readonly string[]
  flags: readonly string[]
}): string[] {
  const out: string[] = []
  if (options.trimpath) out.push('-trimpath')
  if (options.ldflags) out.push(`-ldflags=${options.ldflags}`)
  if (options.tags.length) out.push(`-tags=${options.tags.join(',')}`)
  out.push(...options.flags)
  return out
}

/**
 * How many packages each `go build` compiles at once, so that builds ×
 * compiles stay near the CPU count: the machine is never oversubscribed by
 * more than one build's worth, and a single build still uses every core.
 */
export function compileParallelism(cpus: number, parallel: number): number {
  return Math.max(1, Math.ceil(cpus / parallel))
}

/**
 * `go build -p` for a build that starts when `left` targets (this one
 * included) are still to start: `base`, the cores' share of one build
 * ({@link compileParallelism}), while every slot will be refilled; in the
 * last wave, when no target will take the slots that free up, `max` (the
 * cores) divided among the builds left, so the last build to start may use
 * every core once the others end. Start order puts the short builds last.
 */
export function compileParallelAt(
  base: number,
  max: number,
  left: number
): number {
  return Math.min(max, Math.max(base, Math.ceil(max / Math.max(1, left))))
}

/**
 * The most compile and link processes alive at once when `builds` run
 * together under {@link compileParallelAt}: all but one at the cores'
 * share, the last one started with up to every core.
 */
export function mostProcesses(cpus: number, builds: number): number {
  const base = compileParallelism(cpus, builds)
  return (builds - 1) * base + compileParallelAt(base, cpus, 1)
}

/** The plan, and what the report says about how it was made. */
export interface Plan {
  build: BuildPlan
  toolchain: Toolchain
  /** Inherited variables removed from every build's environment. */
  dropped: string[]
  /** Inherited credentials and INPUT_* variables withheld from every child (names only). */
  withheld: string[]
  /** Things worth saying that are not errors. */
  notes: string[]
  /** Things to warn about that do not stop the run (an output-dir outside the workspace). */
  warnings: string[]
}

/** What a caller may start while the plan is still being made. */
export interface PlanHooks {
  /**
   * Called once the toolchain has answered, while `go list` may still run,
   * with the module's go command, directory and host environment
   * (CGO_ENABLED=0): the module download starts here.
   */
  onToolchain?: (
    toolchain: Toolchain,
    run: { go: string; cwd: string; env: Record<string, string>; timeoutMs?: number }
  ) => void
}

/**
 * Make the plan: probe the toolchain, parse targets, resolve packages, and
 * name every binary (file, archive, checksum entry, artifact).
 *
 * @throws InputError listing every problem
 */
export async function makePlan(
  inputs: Inputs,
  inherited: NodeJS.ProcessEnv = process.env,
  hooks: PlanHooks = {}
): Promise<Plan> {
  const cwd = path.resolve(inputs.workingDirectory)
  if (!existsSync(cwd) || !statSync(cwd).isDirectory())
    throw new InputError([
      `working-directory: "${inputs.workingDirectory}" is not a directory (resolved to ${cwd}); give the directory of your Go module, relative to the workspace`
    ])
  const { env: baseEnv, dropped, withheld } = baseEnvironment(
    inherited,
    inputs.env
  )
  const hostEnv = { ...baseEnv, CGO_ENABLED: '0' }
  // `go list` needs nothing the probe finds out, so both run at once; a
  // toolchain that fails the probe is reported as such, not as a list error.
  const listFlags = inputs.tags.length ? [`-tags=${inputs.tags.join(',')}`] : []
  const listing = settle(
    resolvePackages({
      go: inputs.go,
      cwd,
      env: hostEnv,
      patterns: inputs.packages,
      binaryName: inputs.binaryName,
      listFlags
    })
  )
  const toolchain = await probeToolchain(inputs.go, cwd, hostEnv).catch(
    async (error: unknown) => {
      await listing
      throw error
    }
  )
  hooks.onToolchain?.(toolchain, {
    go: inputs.go,
    cwd,
    env: hostEnv,
    timeoutMs: inputs.buildTimeoutMs
  })

  const problems: (Problem | string)[] = []
  const outputDir = path.resolve(cwd, inputs.outputDir)
  problems.push(...resolvedPathProblems('output-dir', outputDir))
  const places = [
    checkPlace(
      'output-dir',
      inputs.outputDir,
      outputDir,
      inherited.GITHUB_WORKSPACE,
      [inherited.RUNNER_TEMP]
    ),
    checkPlace(
      'working-directory',
      inputs.workingDirectory,
      cwd,
      inherited.GITHUB_WORKSPACE,
      [],
      'build from files'
    )
  ]
  problems.push(...places.flatMap((p) => p.problems))
  let goflagsWords: string[] = []
  try {
    goflagsWords = splitWords(toolchain.goflags)
  } catch {
    goflagsWords = toolchain.goflags.split(/\s+/)
  }
  problems.push(
    ...buildFlagProblems(goflagsWords, 'GOFLAGS', false).map(
      (p) =>
        `${p} GOFLAGS comes from the job's environment or "go env -w"; unset it for this step.`
    )
  )
  const targets = parseTargets(inputs.targets, toolchain.platforms, toolchain.version)
  problems.push(...targets.errors)

  let packages: Awaited<ReturnType<typeof resolvePackages>> = []
  const listed = await listing
  if (listed.ok) packages = listed.value
  else {
    const error = listed.error
    problems.push(
      ...(error instanceof ProblemError
        ? error.problems
        : [lineProblem(errorMessage(error))])
    )
  }
  const named = nameBinaries(inputs.publish, targets.targets, packages, outputDir)

  const cpus = availableParallelism()
  // one go build per target, building all of its main packages, as many
  // at once as the cores ask for and the memory allows
  const memory = memoryParallelism(
    Math.max(1, Math.min(inputs.parallel, targets.targets.length)),
    readMemory(inherited),
    (n) => mostProcesses(cpus, n)
  )
  const parallel = memory.parallel
  const compileParallel = Math.max(
    1,
    Math.min(compileParallelism(cpus, parallel), Math.floor(memory.processes / parallel))
  )
  // the last build to start may take the cores the others leave, within memory
  const maxCompileParallel = Math.max(
    compileParallel,
    Math.min(cpus, memory.processes - (parallel - 1) * compileParallel)
  )
  const plan: Plan = {
    toolchain,
    dropped,
    withheld,
    notes: [...targets.notes, ...(memory.note ? [memory.note] : [])],
    warnings: [
      ...places.flatMap((p) => p.warnings),
      ...programFlagWarnings(
        toolchain.goflags,
        goflagsSource(hostEnv, inputs.env, toolchain.goenv)
      )
    ],
    build: {
      go: inputs.go,
      cwd,
      outputDir,
      targets: targets.targets,
      packages,
      binaries: named.binaries,
      baseEnv,
      buildFlags: commonBuildFlags(inputs),
      parallel,
      compileParallel,
      maxCompileParallel,
      failFast: inputs.failFast,
      timeoutMs: inputs.buildTimeoutMs,
      variantDefaults: toolchain.variantDefaults
    }
  }
  if (!problems.length) problems.push(...named.problems)
  if (problems.length) throw new InputError(problems)
  return plan
}

/** A promise's outcome as a value: it never rejects, so it can wait unobserved. */
function settle<T>(
  promise: Promise<T>
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error })
  )
}
