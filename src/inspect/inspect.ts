/**
 * Inspect stage: read every built binary and judge it against its target
 * (`verify.ts`), then, when asked, run the ones this runner can execute
 * (`smoke.ts`). The readers and runners are the edge; which findings and
 * smoke results are problems is decided here, by pure functions.
 */
import { splitWords } from '../inputs/flags.js'
import { mapLimit } from '../package/limit.js'
import type { Problem } from '../problem.js'
import type { BinaryReport, Build, PathCheck, Verification } from '../types.js'
import {
  pathFindings,
  scanForPaths,
  type MachinePath
} from './paths.js'
import { smokeTest } from './smoke.js'
import { verifyBinary } from './verify.js'

/** Whether the ldflags ask for a stripped binary (`-s`; Go then drops DWARF too). */
export function asksForStripping(ldflags: string): boolean {
  try {
    return splitWords(ldflags).some((w) => w === '-s' || w === '-s=true')
  } catch {
    return false
  }
}

/** How the binaries are judged, from the inputs and the plan. */
export interface VerifyOptions {
  /** The `ldflags` input (a stripped binary is expected with `-s`). */
  ldflags: string
  /**
   * The build machine's directories to look for in each binary, or
   * undefined with trimpath off (then the check is skipped).
   */
  machinePaths?: readonly MachinePath[]
}

/**
 * Read every built binary and judge it against its target, then (with
 * trimpath on) stream it once for build-machine paths: each hit is one more
 * error finding of the verification.
 *
 * @param builds every build, in plan order
 * @returns one report per build, with a verification for each that built
 */
export async function verifyBuilds(
  builds: readonly Build[],
  opts: VerifyOptions,
  early?: EarlyVerifier
): Promise<BinaryReport[]> {
  return mapLimit(
    builds,
    4,
    (build) => early?.started(build) ?? verifyOne(build, opts)
  )
}

/** One build's report: its verification when it built, with the path check. */
async function verifyOne(
  build: Build,
  opts: VerifyOptions
): Promise<BinaryReport> {
  if (build.status !== 'built') return { build }
  const verification = await verifyBinary(build.target, build.path, {
    expectStripped: asksForStripping(opts.ldflags)
  })
  return {
    build,
    verification: await checkPaths(verification, build, opts.machinePaths)
  }
}

/**
 * Verification that starts as each build ends, while the other builds are
 * still running, so that only the last binary's is left when they are all
 * done. `start` is the build stage's listener; `verifyBuilds` takes what it
 * started and verifies the rest.
 */
export interface EarlyVerifier {
  /** Starts verifying a build that built (once per build; others are left for later). */
  start(build: Build): void
  /** The report started for this very build record, if any. */
  started(build: Build): Promise<BinaryReport> | undefined
}

/** An EarlyVerifier judging by `opts`. */
export function earlyVerifier(opts: VerifyOptions): EarlyVerifier {
  const reports = new Map<Build, Promise<BinaryReport>>()
  return {
    start(build) {
      if (build.status !== 'built' || reports.has(build)) return
      const report = verifyOne(build, opts)
      // Awaited by verifyBuilds; never left to reject unobserved meanwhile.
      report.catch(() => {})
      reports.set(build, report)
    },
    started: (build) => reports.get(build)
  }
}

/** The verification with the path check's findings and result added. */
async function checkPaths(
  verification: Verification,
  build: Build,
  paths: readonly MachinePath[] | undefined
): Promise<Verification> {
  const searched = (paths ?? []).map((p) => `${p.label}=${p.dir}`)
  if (paths === undefined)
    return { ...verification, paths: { state: 'skipped', hits: 0, searched } }
  let scan
  try {
    // the scan the build stage made of the hashed bytes, when it was asked
    // for these very paths
    scan =
      build.pathScan?.paths === paths
        ? build.pathScan.scan
        : await scanForPaths(build.path, paths)
  } catch {
    // An unreadable file already has its own error finding.
    return verification
  }
  const findings = [
    ...verification.findings,
    ...pathFindings(scan, build.fileName)
  ]
  const check: PathCheck = {
    state: scan.total ? 'hits' : 'clean',
    hits: scan.total,
    searched
  }
  return {
    ...verification,
    findings,
    ok: !findings.some((f) => f.severity === 'error'),
    paths: check
  }
}

/**
 * The problems verification found: one per error finding, when verify is
 * on. With verify off, findings are reported as warnings and fail nothing.
 */
export function verificationProblems(
  binaries: readonly BinaryReport[],
  verify: boolean
): Problem[] {
  if (!verify) return []
  return binaries.flatMap((b) =>
    (b.verification?.findings ?? [])
      .filter((f) => f.severity === 'error')
      .map((f) => ({
        what: f.hint,
        fix: '',
        stage: 'inspect' as const,
        builds: [b.build.id]
      }))
  )
}

/** The binaries the smoke test runs: built, and not failed by verification. */
export function smokeCandidates(
  binaries: readonly BinaryReport[]
): BinaryReport[] {
  return binaries.filter(
    (b) => b.build.status === 'built' && (b.verification?.ok ?? true)
  )
}

/**
 * Run each smoke candidate once, a bounded number at a time. Binaries this
 * runner cannot run come back `not-runnable`, never failed.
 *
 * @returns the reports, each candidate's with its smoke result
 */
export async function smokeBinaries(
  binaries: readonly BinaryReport[],
  args: readonly string[],
  parallel: number,
  env: Record<string, string>
): Promise<BinaryReport[]> {
  const runnable = new Set(smokeCandidates(binaries))
  return mapLimit(binaries, Math.max(1, parallel), async (b) =>
    runnable.has(b)
      ? {
          ...b,
          smoke: await smokeTest(b.build.target, b.build.path, [...args], {
            env
          })
        }
      : b
  )
}

/** One problem per failed smoke test. */
export function smokeProblems(binaries: readonly BinaryReport[]): Problem[] {
  return binaries
    .filter((b) => b.smoke?.status === 'failed')
    .map((b) => ({
      subject: b.build.target.name,
      what: `smoke test of ${b.build.fileName} failed: ${b.smoke?.detail}`,
      fix: '',
      stage: 'smoke' as const,
      builds: [b.build.id]
    }))
}
