/**
 * Plan stage: everything decided before the first build, from the inputs and
 * what the toolchain says. Every problem found here fails the step before any
 * build starts, all of them listed at once.
 */
import { existsSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import * as path from 'node:path'
import {
  commonBuildFlags,
  compileParallelism,
  type BuildPlan
} from '../build/build.js'
import { baseEnvironment } from './environment.js'
import { buildFlagProblems, splitWords } from '../inputs/flags.js'
import { InputError, type Inputs } from '../inputs/inputs.js'
import { resolvedPathProblems } from '../inputs/text.js'
import { goflagsSource, programFlagWarnings } from './goflags.js'
import { resolvePackages } from './packages.js'
import { parseTargets } from './targets.js'
import { probeToolchain, type Toolchain } from './toolchain.js'
import { checkPlace } from './workspace.js'

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

/**
 * Make the plan: probe the toolchain, parse targets, resolve packages.
 *
 * @param extraChecks more validation that needs the plan (artifact names):
 *   returns problems, one line each
 * @throws InputError listing every problem
 */
export async function makePlan(
  inputs: Inputs,
  inherited: NodeJS.ProcessEnv = process.env,
  extraChecks: (plan: Plan) => string[] = () => []
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
  const toolchain = await probeToolchain(inputs.go, cwd, hostEnv)

  const problems: string[] = []
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

  const listFlags = inputs.tags.length ? [`-tags=${inputs.tags.join(',')}`] : []
  let packages: Awaited<ReturnType<typeof resolvePackages>> = []
  try {
    packages = await resolvePackages({
      go: inputs.go,
      cwd,
      env: hostEnv,
      patterns: inputs.packages,
      binaryName: inputs.binaryName,
      listFlags
    })
  } catch (error) {
    problems.push(...(error as Error).message.split('\n'))
  }

  const cpus = availableParallelism()
  // one go build per target, building all of its main packages
  const parallel = Math.max(1, Math.min(inputs.parallel, targets.targets.length))
  const plan: Plan = {
    toolchain,
    dropped,
    withheld,
    notes: targets.notes,
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
      baseEnv,
      buildFlags: commonBuildFlags(inputs),
      parallel,
      compileParallel: compileParallelism(cpus, parallel),
      failFast: inputs.failFast,
      timeoutMs: inputs.buildTimeoutMs,
      variantDefaults: toolchain.variantDefaults
    }
  }
  if (!problems.length) problems.push(...extraChecks(plan))
  if (problems.length) throw new InputError(problems)
  return plan
}
