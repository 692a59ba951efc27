/**
 * What may be published: the policy between the inspect and package stages.
 * Pure.
 */
import type { BinaryReport, Build } from '../types.js'

/**
 * The builds to package and upload: what built, passed verification (unless
 * verify is off) and did not fail its smoke test. Everything else stays on
 * disk and in the report.
 *
 * @param binaries every binary, as the inspect stage left them
 * @param verify the `verify` input: whether a failed verification holds a
 *   binary back
 * @returns their builds, in the order given
 */
export function publishable(
  binaries: readonly BinaryReport[],
  verify: boolean
): Build[] {
  return binaries
    .filter(
      (b) =>
        b.build.status === 'built' &&
        (!verify || (b.verification?.ok ?? true)) &&
        b.smoke?.status !== 'failed'
    )
    .map((b) => b.build)
}
