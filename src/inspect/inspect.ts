/**
 * Inspect stage: read every built binary and judge it against its target
 * (`verify.ts`), then, when asked, run the ones this runner can execute
 * (`smoke.ts`). The readers and runners are the edge; which findings and
 * smoke results are problems is decided here, by pure functions.
 */
import { splitWords } from '../inputs/flags.js'
import { mapLimit } from '../package/limit.js'
import type { Problem } from '../problem.js'
import type { BinaryReport, Build } from '../types.js'
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

/**
 * Read every built binary and judge it against its target.
 *
 * @param builds every build, in plan order
 * @param ldflags the `ldflags` input (a stripped binary is expected with `-s`)
 * @returns one report per build, with a verification for each that built
 */
export async function verifyBuilds(
  builds: readonly Build[],
  ldflags: string
): Promise<BinaryReport[]> {
  const expectStripped = asksForStripping(ldflags)
  return Promise.all(
    builds.map(async (build) =>
      build.status === 'built'
        ? {
            build,
            verification: await verifyBinary(build.target, build.path, {
              expectStripped
            })
          }
        : { build }
    )
  )
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
