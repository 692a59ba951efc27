/**
 * The action, stage by stage:
 *
 *   inputs ──> plan ──> build ──> inspect ──> package ──> upload ──> report
 */
import * as core from '@actions/core'
import { ANNOTATION_LIMIT, actionLog, type Log } from './log.js'
import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { buildAll } from './build/build.js'
import { getInputs, type Inputs } from './inputs/inputs.js'
import { makePlan, type Plan } from './plan/plan.js'
import { annotate, suspendGoMatcher } from './report/annotations.js'
import { splitWords } from './inputs/flags.js'
import { installCancelHandlers, runProcess } from './process.js'
import { smokeTest } from './inspect/smoke.js'
import { verifyBinary } from './inspect/verify.js'
import { verdictLine, writeSummary } from './report/report.js'
import { checkPlannedNames, uploadSkipReason } from './package/options.js'
import { packageBinaries } from './package/package.js'
import type { BinaryReport, Build, RunResult } from './types.js'

/** Seconds since `start`, for the timing line. */
function since(start: number): number {
  return (performance.now() - start) / 1000
}

/** Log what is about to happen, once. */
function logPlan(plan: Plan, log: Log): void {
  const b = plan.build
  const v = log.value
  log.info(v(plan.toolchain.versionLine))
  log.info(
    `host: ${v(plan.toolchain.hostOS)}/${v(plan.toolchain.hostArch)} (go env GOHOSTOS GOHOSTARCH)`
  )
  log.info(
    `plan: ${b.targets.length} target(s) × ${b.packages.length} package(s) = ${
      b.targets.length * b.packages.length
    } binaries; ${b.parallel} go build(s) at once, each with -p ${b.compileParallel}; CGO_ENABLED=0`
  )
  log.info(`targets: ${b.targets.map((t) => t.name).join(', ')}`)
  log.info(
    `packages: ${b.packages.map((p) => `${v(p.binaryName)} (${v(path.relative(b.cwd, p.pattern) || '.')})`).join(', ')}`
  )
  log.info(`output: ${v(b.outputDir)}`)
  log.info(
    plan.dropped.length
      ? `dropped from the inherited environment: ${plan.dropped.map(v).join(', ')}`
      : 'dropped from the inherited environment: nothing (no C toolchain or cgo variables were set)'
  )
  if (plan.withheld.length)
    log.info(
      `withheld from every child process (credentials and action inputs; pass one on with the env input if a build needs it): ${plan.withheld.map(v).join(', ')}`
    )
  for (const note of plan.notes) log.info(`note: ${v(note)}`)
  for (const warning of plan.warnings) log.warning(v(warning))
}

/**
 * Download the module graph once, before the fan-out, so that parallel
 * builds do not race to fetch the same modules. Skipped outside a module and
 * for vendored modules.
 */
async function downloadModules(plan: Plan): Promise<void> {
  const b = plan.build
  if (!plan.toolchain.gomod) return
  if (
    existsSync(path.join(path.dirname(plan.toolchain.gomod), 'vendor', 'modules.txt')) ||
    /-mod=vendor/.test(plan.toolchain.goflags)
  )
    return
  const result = await runProcess(b.go, ['mod', 'download'], {
    cwd: b.cwd,
    env: { ...b.baseEnv, CGO_ENABLED: '0' },
    timeoutMs: b.timeoutMs
  })
  if (result.timedOut)
    throw new Error(
      `go mod download did not finish within the build-timeout limit in ${b.cwd} and was killed. Raise build-timeout, or check the job's network/GOPROXY settings.`
    )
  if (result.exitCode !== 0)
    throw new Error(
      `go mod download failed in ${b.cwd}: ${result.stderr.trim()}. Check the module's go.mod and the job's network/GOPROXY settings.`
    )
}

/** Log one build's outcome in its own folded group. */
function logBuild(build: Build, log: Log): void {
  const name = `${build.target.name} ${log.value(build.fileName)}`
  const title =
    build.status === 'built'
      ? `✓ ${name} (${build.seconds.toFixed(1)} s, ${build.size} bytes)`
      : build.status === 'skipped'
        ? `- ${name} skipped`
        : `✗ ${name} failed`
  log.startGroup(title)
  if (build.output) log.foreign(build.output.trimEnd())
  if (build.error) log.foreign(build.error)
  if (build.sha256) log.info(`sha256 ${build.sha256}  ${log.value(build.path)}`)
  log.endGroup()
}

/** Whether the ldflags ask for a stripped binary (`-s`; Go then drops DWARF too). */
function asksForStripping(ldflags: string): boolean {
  try {
    return splitWords(ldflags).some((w) => w === '-s' || w === '-s=true')
  } catch {
    return false
  }
}

/**
 * Inspect stage: read every built binary and judge it against its target.
 * With `verify: false` findings are reported as warnings and fail nothing.
 *
 * @returns one failure line per error finding (when verify is on)
 */
async function inspectAll(
  binaries: BinaryReport[],
  inputs: Inputs,
  log: Log
): Promise<string[]> {
  const failures: string[] = []
  const expectStripped = asksForStripping(inputs.ldflags)
  const built = binaries.filter((b) => b.build.status === 'built')
  await Promise.all(
    built.map(async (b) => {
      b.verification = await verifyBinary(b.build.target, b.build.path, { expectStripped })
    })
  )
  log.startGroup(`Verification of ${built.length} binar${built.length === 1 ? 'y' : 'ies'}`)
  for (const b of built) {
    const v = b.verification!
    log.info(`${v.ok ? '✓' : '✗'} ${log.value(b.build.fileName)}: ${log.value(v.format)}`)
    for (const f of v.findings) log.info(`    ${f.severity}: ${log.value(f.hint)}`)
  }
  log.endGroup()
  for (const b of built)
    for (const f of b.verification!.findings) {
      if (f.severity !== 'error') continue
      if (inputs.verify) {
        failures.push(f.hint)
        log.error(f.hint, { title: `${b.build.target.name}: verification failed (${f.check})` })
      } else {
        log.warning(`${f.hint} (verify is false, so this does not fail the step)`, {
          title: `${b.build.target.name}: verification finding (${f.check})`
        })
      }
    }
  return failures
}

/**
 * Smoke stage: run each verified binary that this runner can execute, a
 * bounded number at a time. Binaries it cannot run are reported, never failed.
 */
async function smokeAll(
  binaries: BinaryReport[],
  inputs: Inputs,
  parallel: number,
  env: Record<string, string>,
  log: Log
): Promise<string[]> {
  const runnable = binaries.filter(
    (b) => b.build.status === 'built' && (b.verification?.ok ?? true)
  )
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < runnable.length; i = next++) {
      const b = runnable[i]
      b.smoke = await smokeTest(b.build.target, b.build.path, inputs.smokeArgs, {
        env
      })
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker))
  const failures: string[] = []
  log.startGroup(`Smoke test: ${[inputs.smokeArgs.length ? '' : '(no arguments)', ...inputs.smokeArgs.map(log.value)].join(' ').trim()}`)
  for (const b of runnable) {
    const s = b.smoke!
    if (s.status === 'failed')
      log.foreignBlock(`${s.status.padEnd(12)} ${log.value(b.build.fileName)}:`, s.detail)
    else log.info(`${s.status.padEnd(12)} ${log.value(b.build.fileName)}: ${log.value(s.detail)}`)
    if (s.status === 'failed')
      failures.push(`${b.build.target.name}: smoke test of ${b.build.fileName} failed: ${s.detail}`)
  }
  log.endGroup()
  return failures
}

/**
 * Run the whole pipeline for validated inputs.
 *
 * @returns what happened to every binary; never throws for a failed build
 *   (those are listed in `failures`), only for problems found before any
 *   build starts
 */
export async function execute(
  inputs: Inputs,
  log: Log = actionLog()
): Promise<RunResult> {
  const timing: Record<string, number> = {}
  let t = performance.now()
  const plan = await makePlan(inputs, process.env, (p) =>
    checkPlannedNames(
      inputs.publish,
      p.build.targets.flatMap((target) =>
        p.build.packages.map((pkg) => ({ target, binaryName: pkg.binaryName }))
      )
    )
  )
  timing.plan = since(t)
  logPlan(plan, log)

  t = performance.now()
  await downloadModules(plan)
  timing.download = since(t)

  t = performance.now()
  const builds = await buildAll(plan.build, (b) => logBuild(b, log))
  timing.build = since(t)

  const binaries: BinaryReport[] = builds.map((build) => ({ build }))
  const failures = builds
    .filter((b) => b.status !== 'built')
    .map((b) => b.error ?? `${b.target.name}: ${b.status}`)

  t = performance.now()
  failures.push(...(await inspectAll(binaries, inputs, log)))
  timing.verify = since(t)
  if (inputs.smokeTest) {
    t = performance.now()
    failures.push(
      ...(await smokeAll(
        binaries,
        inputs,
        plan.build.parallel,
        plan.build.baseEnv,
        log
      ))
    )
    timing.smoke = since(t)
  }

  // Only what built, passed verification (unless verify is off) and did not
  // fail its smoke test is packaged and uploaded; everything else stays on
  // disk and in the report.
  t = performance.now()
  const publishable = binaries.filter(
    (b) =>
      b.build.status === 'built' &&
      (!inputs.verify || (b.verification?.ok ?? true)) &&
      b.smoke?.status !== 'failed'
  )
  const packaged = await packageBinaries(
    publishable.map((b) => b.build),
    inputs.publish,
    plan.build.outputDir
  )
  failures.push(...packaged.failures)
  timing.package = since(t)
  t = performance.now()
  // The artifact client is heavy to load (about a second of a warm run):
  // load it only when something will really be uploaded.
  const skipped = uploadSkipReason(inputs.publish, packaged, process.env)
  const uploaded = skipped
    ? { artifacts: [], failures: [], failed: [], skipped }
    : await (await import('./upload/upload.js')).uploadPackages(
        packaged,
        inputs.publish,
        { log }
      )
  timing.upload = since(t)
  failures.push(...uploaded.failures)
  if (uploaded.skipped) log.info(`upload: skipped, ${log.value(uploaded.skipped)}`)
  const key = (file: string): string =>
    path.relative(plan.build.outputDir, file).split(path.sep).join('/')
  for (const report of binaries) {
    const k = key(report.build.path)
    report.artifact = uploaded.artifacts.find((a) => a.binaries.includes(k))
    report.uploadError = uploaded.failed.find((f) => f.binaries.includes(k))?.error
  }

  log.debug(
    `timing ${Object.entries(timing)
      .map(([k, v]) => `${k}=${v.toFixed(3)}s`)
      .join(' ')}`
  )
  return {
    goVersion: plan.toolchain.version,
    host: `${plan.toolchain.hostOS}/${plan.toolchain.hostArch}`,
    parallel: plan.build.parallel,
    droppedEnv: plan.dropped,
    targets: plan.build.targets,
    moduleDir: plan.build.cwd,
    outputDir: plan.build.outputDir,
    binaries,
    artifacts: uploaded.artifacts,
    checksumsPath: packaged.checksumsPath,
    uploadSkipped: uploaded.skipped,
    failures
  }
}

/** The `binaries` output: one object per binary. */
export function binariesOutput(result: RunResult): unknown[] {
  return result.binaries.map(({ build, verification, smoke, artifact }) => ({
    target: build.target.name,
    id: build.target.id,
    goos: build.target.goos,
    goarch: build.target.goarch,
    variant: build.target.variant,
    package: build.pkg.binaryName,
    path: build.path,
    name: build.fileName,
    status: build.status,
    size: build.size ?? null,
    sha256: build.sha256 ?? null,
    seconds: Number(build.seconds.toFixed(3)),
    error: build.error ?? null,
    format: verification?.format ?? null,
    checks: verification?.checks ?? null,
    findings: verification?.findings ?? [],
    verified: verification ? verification.ok : null,
    smoke: smoke ?? null,
    artifact: artifact?.name ?? null
  }))
}

/**
 * The action's entry point: inputs from the runner, outputs, annotations and
 * the job summary to the runner. Throws nothing: every problem becomes one
 * failure of the step.
 */
export async function run(): Promise<void> {
  // Compiler errors become our own annotations, once each with every target
  // listed; setup-go's matcher would add one per target on top.
  const log = actionLog()
  const restoreMatcher = suspendGoMatcher()
  // Cancelling the job kills every process tree started and removes partial outputs.
  installCancelHandlers((message) => core.error(message))
  try {
    const inputs = getInputs()
    const result = await execute(inputs, log)
    core.setOutput('binaries', JSON.stringify(binariesOutput(result)))
    core.setOutput('output-dir', result.outputDir)
    core.setOutput('artifacts', JSON.stringify(result.artifacts))
    core.setOutput('checksums', result.checksumsPath ?? '')
    annotate(
      result.binaries,
      {
        moduleDir: result.moduleDir,
        workspace: process.env.GITHUB_WORKSPACE ?? process.cwd()
      },
      log
    )
    await writeSummary(result, log)
    log.info(verdictLine(result))
    if (log.omitted())
      log.info(
        `${log.omitted()} annotation(s) left out (at most ${ANNOTATION_LIMIT} per step); the log above has every message.`
      )
    if (result.failures.length)
      core.setFailed(
        `${result.failures.length} problem(s):\n${result.failures.join('\n')}`
      )
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    restoreMatcher()
  }
}
