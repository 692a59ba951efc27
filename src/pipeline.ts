/**
 * The pipeline both adapters run (the action's `main.ts`, the CLI):
 *
 *   inputs ──> plan ──> build ──> inspect ──> package ──> upload ──> report
 *
 * Each stage takes the previous one's output and returns its own, with the
 * problems it found; records pass between stages by the planned binary's
 * id. Only the plan throws (bad inputs, before any build). A stage that
 * fails past the plan becomes one more problem, and the run still returns
 * a Result for what exists.
 */
import { buildAll, buildProblems, buildRecord } from './build/build.js'
import type { ModuleDownload } from './build/modules.js'
import { restoreCache, saveCache, type CacheReport } from './cache/stage.js'
import type { Inputs } from './inputs/inputs.js'
import {
  earlyVerifier,
  smokeBinaries,
  smokeProblems,
  verificationProblems,
  verifyBuilds,
  type EarlyVerifier,
  type VerifyOptions
} from './inspect/inspect.js'
import { buildMachinePaths } from './inspect/paths.js'
import { actionLog, type Log } from './log.js'
import { uploadSkipReason } from './package/options.js'
import { packageBinaries, preloadPackaging } from './package/package.js'
import { publishable } from './package/publishable.js'
import { manifestOf } from './merge/manifest.js'
import type { Plan } from './plan/plan.js'
import { reproduceBuilds } from './reproduce/reproduce.js'
import { errorMessage, type Problem, type Stage } from './problem.js'
import { startPlan, type StartedPlan } from './start.js'
import {
  logBuild,
  logPlan,
  logSmoke,
  logVerification
} from './report/progress.js'
import type {
  BinaryReport,
  Build,
  Built,
  Inspected,
  Packaged,
  Result,
  Uploaded
} from './types.js'

/**
 * Run the whole pipeline for validated inputs.
 *
 * @param started the plan already being made for these same inputs (the
 *   action's entry starts it before the toolkit is loaded); by default it
 *   starts here
 * @returns what happened to every binary, with every problem of every
 *   stage; never throws for a failed build, package or upload
 * @throws InputError for problems found before any build starts
 */
export async function execute(
  inputs: Inputs,
  log: Log = actionLog(),
  started: StartedPlan = startPlan(inputs)
): Promise<Result> {
  if (started.inputs !== inputs)
    throw new Error('execute: the started plan was made for other inputs')
  const clock = stopwatch()
  // the module download starts once the toolchain has answered, beside go list
  const download = started.download
  const plan = await clock
    .time('plan', () => started.plan)
    .catch(async (error: unknown) => {
      await download.abandon()
      throw error
    })
  logPlan(plan, log)
  const cache = await clock.time('cache-restore', () =>
    restoreCache(plan, inputs, process.env, log)
  )
  const buildsStarted = Date.now()
  // While the builds run: the packaging code loads (once the first builds
  // are spawned, not before), and each binary is verified as soon as its
  // build ends.
  const verifyOptions = verifyOptionsFor(plan, inputs)
  const early = earlyVerifier(verifyOptions)
  const built = await build(plan, download, clock, log, early.start, {
    onFirstWave: () => preloadPackaging(inputs.publish),
    machinePaths: verifyOptions.machinePaths
  })
  // Saving runs beside the rest of the run: it reads only the caches.
  const cacheSaved = saveCache(cache, buildsStarted, log)
  const inspected = await inspect(built, plan, inputs, clock, log, {
    verifyOptions,
    early
  })
  const packed = await clock.time('package', () =>
    pack(inspected, plan, inputs)
  )
  const uploaded = await clock.time('upload', () =>
    upload(packed, inputs, log)
  )
  const leg = await clock.time('manifest', () =>
    legManifest(plan, inspected, packed, uploaded, inputs, log)
  )
  const cacheReport = await clock.time('cache-save', () => cacheSaved)
  log.debug(`timing ${clock.line()}`)
  return result(plan, [built, inspected, packed, uploaded, leg], {
    cache: cacheReport,
    reproducible: inspected.reproducible,
    binaries: inspected.binaries,
    checksumsPath: packed.packaged?.checksumsPath,
    sboms: packed.packaged?.sboms ?? {},
    sbom: inputs.publish.sbom,
    uploaded
  })
}

/** Build stage: the module download, then every planned binary. */
async function build(
  plan: Plan,
  download: ModuleDownload,
  clock: Stopwatch,
  log: Log,
  onBuilt: (build: Build) => void,
  more: Parameters<typeof buildAll>[2]
): Promise<Built> {
  try {
    await clock.time('download', () => download.finish())
    const builds = await clock.time('build', () =>
      buildAll(
        plan.build,
        (b) => {
          logBuild(b, log)
          onBuilt(b)
        },
        more
      )
    )
    return { builds, problems: buildProblems(builds) }
  } catch (error) {
    const problem = stageProblem('build', error, plan.build.binaries)
    return {
      builds: plan.build.binaries.map((b) =>
        buildRecord(b, 'failed', { error: problemText(problem) })
      ),
      problems: [problem]
    }
  }
}

/** Inspect stage: verification, then the smoke test when asked. */
async function inspect(
  built: Built,
  plan: Plan,
  inputs: Inputs,
  clock: Stopwatch,
  log: Log,
  verifying: { verifyOptions: VerifyOptions; early: EarlyVerifier }
): Promise<Inspected> {
  // What is left to verify once every build has ended: the last binary,
  // and any a stage failure left out of the early start.
  const checked = await clock.time('verify', () =>
    verifyBuilds(built.builds, verifying.verifyOptions, verifying.early)
  )
  // The rebuild's findings join verification's, so they fail a binary and
  // keep it from being published as any other error finding does.
  const reproduced = await clock.time('reproduce', () =>
    reproduceBuilds(plan, checked, inputs.reproducible, log, {
      firstBuildSeconds: clock.seconds('build')
    })
  )
  const verified = reproduced.binaries
  const reproducible = reproduced.report
  logVerification(verified, inputs.verify, log)
  const problems = verificationProblems(verified, inputs.verify)
  if (!inputs.smokeTest) return { binaries: verified, problems, reproducible }
  const smoked = await clock.time('smoke', () =>
    smokeBinaries(
      verified,
      inputs.smokeArgs,
      plan.build.parallel,
      plan.build.baseEnv
    )
  )
  logSmoke(smoked, inputs.smokeArgs, log)
  return {
    binaries: smoked,
    problems: [...problems, ...smokeProblems(smoked)],
    reproducible
  }
}

/** How the binaries are judged: the ldflags, and the build machine's paths with trimpath on. */
function verifyOptionsFor(plan: Plan, inputs: Inputs): VerifyOptions {
  return {
    ldflags: inputs.ldflags,
    machinePaths: inputs.trimpath
      ? buildMachinePaths({
          moduleDir: plan.build.cwd,
          goroot: plan.toolchain.goroot,
          gopath: plan.toolchain.gopath,
          gomodcache: plan.toolchain.gomodcache,
          env: process.env
        })
      : undefined
  }
}

/** The package stage's output, or why there is none. */
interface Packed {
  packaged?: Packaged
  problems: Problem[]
}

/** Package stage: what is publishable, under the plan's names. */
async function pack(
  inspected: Inspected,
  plan: Plan,
  inputs: Inputs
): Promise<Packed> {
  const builds = publishable(inspected.binaries, inputs.verify)
  try {
    // a smoke test ran binaries of this run after they were hashed
    const packaged = await packageBinaries(
      builds,
      inputs.publish,
      plan.build.outputDir,
      inputs.smokeTest
    )
    return { packaged, problems: packaged.problems }
  } catch (error) {
    return { problems: [stageProblem('package', error, builds)] }
  }
}

/** Upload stage: the artifact client loads only when something is uploaded. */
async function upload(
  { packaged }: Packed,
  inputs: Inputs,
  log: Log
): Promise<Uploaded> {
  if (!packaged)
    return { uploads: [], problems: [], skipped: 'nothing was packaged' }
  // The artifact client is heavy to load (about a second of a warm run):
  // load it only when something will really be uploaded.
  const skipped = uploadSkipReason(inputs.publish, packaged, process.env)
  if (skipped) {
    log.info(`upload: skipped, ${log.value(skipped)}`)
    return { uploads: [], problems: [], skipped }
  }
  try {
    const { uploadPackages } = await import('./upload/upload.js')
    return await uploadPackages(packaged, inputs.publish, { log })
  } catch (error) {
    const ids = packaged.packages.flatMap((p) => p.builds)
    return { uploads: [], problems: [stageProblem('upload', error, ids)] }
  }
}

/**
 * With `leg`, the manifest of what this job built, verified and uploaded,
 * uploaded as an artifact of its own for the merge sub-action. Only when
 * something was uploaded: a leg that uploaded nothing has nothing to merge.
 */
async function legManifest(
  plan: Plan,
  inspected: Inspected,
  { packaged }: Packed,
  uploaded: Uploaded,
  inputs: Inputs,
  log: Log
): Promise<{ problems: Problem[] }> {
  if (!inputs.leg || !packaged || uploaded.uploads.length === 0)
    return { problems: [] }
  try {
    const { uploadManifest } = await import('./upload/manifest.js')
    const manifest = manifestOf({
      leg: inputs.leg,
      runner: `${process.env.RUNNER_OS ?? plan.toolchain.hostOS}/${process.env.RUNNER_ARCH ?? plan.toolchain.hostArch}${process.env.RUNNER_NAME ? ` (${process.env.RUNNER_NAME})` : ''}`,
      goVersion: plan.toolchain.version,
      binaries: inspected.binaries,
      files: packaged.files,
      uploads: uploaded.uploads
    })
    return await uploadManifest(manifest, inputs.publish, log)
  } catch (error) {
    return { problems: [stageProblem('upload', error, [])] }
  }
}

/**
 * The run's result: the plan's facts, every stage's problems in stage order,
 * and each binary joined with its upload by build id.
 */
function result(
  plan: Plan,
  stages: readonly { problems: readonly Problem[] }[],
  last: {
    cache: CacheReport
    reproducible?: Inspected['reproducible']
    binaries: readonly BinaryReport[]
    checksumsPath?: string
    /** Each build's SBOM in output-dir, by build id. */
    sboms: Readonly<Record<string, string>>
    sbom: boolean
    uploaded: Uploaded
  }
): Result {
  const { uploaded } = last
  const binaries: BinaryReport[] = last.binaries.map((b) => ({
    ...b,
    // the artifact holding the binary, not a raw SBOM artifact of its own
    artifact: uploaded.uploads.find(
      (u) => u.builds.includes(b.build.id) && u.artifact.binaries.length > 0
    )?.artifact,
    uploadError: uploaded.problems.find((p) => p.builds?.includes(b.build.id))
      ?.what,
    sbom: last.sboms[b.build.id]
  }))
  return {
    goVersion: plan.toolchain.version,
    host: `${plan.toolchain.hostOS}/${plan.toolchain.hostArch}`,
    parallel: plan.build.parallel,
    droppedEnv: plan.dropped,
    targets: plan.build.targets,
    moduleDir: plan.build.cwd,
    outputDir: plan.build.outputDir,
    binaries,
    artifacts: uploaded.uploads.map((u) => u.artifact),
    checksumsPath: last.checksumsPath,
    sbom: last.sbom,
    uploadSkipped: uploaded.skipped,
    cache: last.cache,
    reproducible: last.reproducible,
    problems: stages.flatMap((s) => s.problems)
  }
}

/** A stage that threw: one problem for every binary it concerned. */
function stageProblem(
  stage: Stage,
  error: unknown,
  builds: readonly (string | { id: string })[]
): Problem {
  const message = errorMessage(error).trim()
  return {
    subject: stage,
    what: `stopped: ${/[.!?]$/.test(message) ? message : `${message}.`}`,
    fix: 'The step reports what exists so far; fix the cause and re-run.',
    stage,
    builds: builds.map((b) => (typeof b === 'string' ? b : b.id))
  }
}

/** The problem as the line a failed build record carries. */
function problemText(problem: Problem): string {
  return `${problem.subject}: ${problem.what}`
}

/** A timer of stages. */
type Stopwatch = ReturnType<typeof stopwatch>

/** Seconds per stage, for the debug timing line. */
function stopwatch() {
  const seconds: Record<string, number> = {}
  return {
    async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
      const start = performance.now()
      try {
        return await work()
      } finally {
        seconds[stage] = (performance.now() - start) / 1000
      }
    },
    /** Seconds the stage took (0 when it did not run). */
    seconds: (stage: string): number => seconds[stage] ?? 0,
    line: (): string =>
      Object.entries(seconds)
        .map(([k, v]) => `${k}=${v.toFixed(3)}s`)
        .join(' ')
  }
}
