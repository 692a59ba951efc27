/**
 * Report stage, for the runner: the action's outputs, as a pure function of
 * the Result (the adapter in `main.ts` sets them).
 */
import { pathCheckText } from '../inspect/paths.js'
import type { Result } from '../types.js'

/** The `binaries` output: one object per binary. */
export function binariesOutput(result: Result): unknown[] {
  return result.binaries.map(({ build, verification, smoke, artifact, reproducible, sbom }) => ({
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
    paths: pathCheckText(verification?.paths),
    sbom: sbom ?? null,
    smoke: smoke ?? null,
    // `reproducible`, `differs at .rodata+0x1a2`, or `not checked`
    // (reproducible: off, a failed build, or a rebuild that failed)
    reproducible: reproducible?.text ?? 'not checked',
    rebuilt: reproducible?.rebuilt ?? null,
    artifact: artifact?.name ?? null
  }))
}

/** Every output of the action, by its name in action.yml. */
export function actionOutputs(result: Result): Record<string, string> {
  return {
    binaries: JSON.stringify(binariesOutput(result)),
    'output-dir': result.outputDir,
    artifacts: JSON.stringify(result.artifacts),
    checksums: result.checksumsPath ?? ''
  }
}
