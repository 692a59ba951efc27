/**
 * Report stage, as the run goes: the log lines a person reads while the
 * stages work (the plan, each build in its own group, the verification and
 * smoke results). Each function only writes what a stage already decided.
 */
import * as path from 'node:path'
import type { Log } from '../log.js'
import type { Plan } from '../plan/plan.js'
import type { BinaryReport, Build } from '../types.js'

/** Log what is about to happen, once. */
export function logPlan(plan: Plan, log: Log): void {
  const b = plan.build
  const v = log.value
  log.info(v(plan.toolchain.versionLine))
  log.info(
    `host: ${v(plan.toolchain.hostOS)}/${v(plan.toolchain.hostArch)} (go env GOHOSTOS GOHOSTARCH)`
  )
  log.info(
    `plan: ${b.targets.length} target(s) × ${b.packages.length} package(s) = ${
      b.targets.length * b.packages.length
    } binaries; ${b.parallel} go build(s) at once, each with -p ${b.compileParallel}${
      b.maxCompileParallel && b.maxCompileParallel > b.compileParallel && b.targets.length > 1
        ? ` (more in the last wave, up to -p ${b.maxCompileParallel} for the last to start)`
        : ''
    }; CGO_ENABLED=0`
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

/** Log one build's outcome in its own folded group. */
export function logBuild(build: Build, log: Log): void {
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

/**
 * Log what verification found: one line per binary in a group, then each
 * error finding as an error annotation (verify on) or a warning (verify off).
 */
export function logVerification(
  binaries: readonly BinaryReport[],
  verify: boolean,
  log: Log
): void {
  const verified = binaries.filter((b) => b.verification)
  log.startGroup(
    `Verification of ${verified.length} binar${verified.length === 1 ? 'y' : 'ies'}`
  )
  for (const b of verified) {
    const v = b.verification!
    log.info(
      `${v.ok ? '✓' : '✗'} ${log.value(b.build.fileName)}: ${log.value(v.format)}`
    )
    for (const f of v.findings) log.info(`    ${f.severity}: ${log.value(f.hint)}`)
  }
  log.endGroup()
  for (const b of verified)
    for (const f of b.verification!.findings) {
      if (f.severity !== 'error') continue
      if (verify)
        log.error(f.hint, {
          title: `${b.build.target.name}: verification failed (${f.check})`
        })
      else
        log.warning(
          `${f.hint} (verify is false, so this does not fail the step)`,
          { title: `${b.build.target.name}: verification finding (${f.check})` }
        )
    }
}

/** Log each smoke test's result in one group. */
export function logSmoke(
  binaries: readonly BinaryReport[],
  args: readonly string[],
  log: Log
): void {
  log.startGroup(
    `Smoke test: ${[args.length ? '' : '(no arguments)', ...args.map(log.value)].join(' ').trim()}`
  )
  for (const b of binaries) {
    const s = b.smoke
    if (!s) continue
    const file = log.value(b.build.fileName)
    if (s.status === 'failed')
      log.foreignBlock(`${s.status.padEnd(12)} ${file}:`, s.detail)
    else log.info(`${s.status.padEnd(12)} ${file}: ${log.value(s.detail)}`)
  }
  log.endGroup()
}
