/**
 * Every name a binary will have, decided once, in the plan, before any
 * build starts: its file, its archive, the file SHA256SUMS lists, its
 * `.sha256` sidecar and its artifact. The build, package and upload stages
 * use these names and never derive their own. Pure: no files, no network.
 */
import * as path from 'node:path'
import { CHECKSUMS_FILE } from '../package/checksums.js'
import {
  archiveFormatFor,
  artifactName,
  checkArtifactNames,
  combinedArtifactName,
  DEFAULT_PER_TARGET_NAME,
  nameVars,
  type PublishOptions
} from '../package/options.js'
import { lineProblem, type Problem } from '../problem.js'
import type { MainPackage, PlannedBinary, Target } from '../types.js'
import { binaryExtension } from './targets.js'

/** The named binaries of a plan, and what is wrong with their names. */
export interface NamedBinaries {
  /** One per (target, package), targets first, in the order given. */
  binaries: PlannedBinary[]
  /** Invalid or clashing names; empty when every name is fine. */
  problems: Problem[]
}

/**
 * The file name of a binary's SBOM: `tool.exe` → `tool.exe.cdx.json`
 * (CycloneDX's recommended `.cdx.json` suffix, after the whole name so that
 * the SBOMs of `tool` and `tool.exe` never meet). Here, with every other
 * name, so that the plan needs no SBOM library to name it.
 */
export function sbomFileName(binaryFileName: string): string {
  return `${binaryFileName}.cdx.json`
}

/** The id of a planned binary: `<target id>/<binary name>`. */
export function binaryId(target: Target, pkg: MainPackage): string {
  return `${target.id}/${pkg.binaryName}`
}

/**
 * Name every binary of a plan: one per target and main package.
 *
 * @param opts the validated publish options (archive, upload, artifact-name)
 * @param targets the targets, in plan order
 * @param packages the main packages, in plan order
 * @param outputDir the absolute output directory
 * @returns the binaries with all their names, and the names' problems
 */
export function nameBinaries(
  opts: PublishOptions,
  targets: readonly Target[],
  packages: readonly MainPackage[],
  outputDir: string
): NamedBinaries {
  const combined =
    opts.upload === 'combined'
      ? combinedArtifactName(
          opts,
          packages.map((p) => p.binaryName)
        )
      : undefined
  const binaries = targets.flatMap((target) =>
    packages.map((pkg) => nameBinary(opts, target, pkg, outputDir, combined))
  )
  return { binaries, problems: nameProblems(opts, binaries, combined) }
}

/** Every name of one binary. */
function nameBinary(
  opts: PublishOptions,
  target: Target,
  pkg: MainPackage,
  outputDir: string,
  combined: string | undefined
): PlannedBinary {
  const ext = binaryExtension(target)
  const fileName = `${pkg.binaryName}-${target.id}${ext}`
  const archive = archiveFormatFor(opts.archive, target.goos)
  // archives and raw copies are named like the per-target artifact, so that
  // files from many targets can sit in one directory
  const template =
    opts.upload === 'per-target' ? opts.artifactName : DEFAULT_PER_TARGET_NAME
  const base = artifactName(template, nameVars(target, pkg.binaryName))
  // with skip-archive the service names the artifact after its one file
  const raw = opts.upload === 'per-target' && opts.skipArchive
  const deliverable =
    archive !== 'none' ? `${base}.${archive}` : raw ? `${base}${ext}` : fileName
  // named after the binary the user unpacks or downloads
  const sbom = opts.sbom
    ? sbomFileName(archive === 'none' ? deliverable : fileName)
    : undefined
  return {
    id: binaryId(target, pkg),
    target,
    pkg,
    path: path.join(outputDir, fileName),
    fileName,
    archive,
    deliverable,
    sidecar:
      opts.upload === 'per-target' && !raw ? `${deliverable}.sha256` : undefined,
    artifact:
      opts.upload === 'none' ? undefined : (combined ?? (raw ? deliverable : base)),
    sbom,
    sbomArtifact: sbom && raw && archive === 'none' ? sbom : undefined
  }
}

/**
 * What is wrong with the names: artifact names the service refuses or that
 * repeat, and files that would overwrite one another in output-dir.
 */
function nameProblems(
  opts: PublishOptions,
  binaries: readonly PlannedBinary[],
  combined: string | undefined
): Problem[] {
  const artifacts =
    opts.upload === 'none' || binaries.length === 0
      ? []
      : combined !== undefined
        ? [combined]
        : binaries.flatMap((b) => [
            b.artifact ?? '',
            ...(b.sbomArtifact ? [b.sbomArtifact] : [])
          ])
  const problems = checkArtifactNames(artifacts).map((line) =>
    lineProblem(line, { stage: 'plan' })
  )
  if (problems.length) return problems
  const owners = new Map<string, PlannedBinary>()
  for (const b of binaries) owners.set(b.fileName, b)
  for (const b of binaries) {
    for (const file of [b.deliverable, b.sidecar, b.sbom]) {
      if (file === undefined || file === b.fileName) continue
      const owner = owners.get(file)
      if (owner === undefined && file !== CHECKSUMS_FILE) {
        owners.set(file, b)
        continue
      }
      problems.push({
        subject: `${b.target.name} ${b.pkg.binaryName}`,
        what: `its file ${file} would replace ${owner ? `the one of ${owner.target.name} ${owner.pkg.binaryName}` : "the step's checksums file"}.`,
        fix: 'Add {target} (and {name}) to artifact-name.',
        stage: 'plan',
        builds: [b.id]
      })
    }
  }
  return problems
}
