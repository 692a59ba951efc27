/**
 * The vocabulary shared by every stage:
 *
 *   inputs ──> plan ──> build ──> inspect ──> package ──> upload ──> report
 *
 * A `Target` is what the user asked for, a `Build` is what `go build` made of
 * it, a `BinaryInfo` is what the file says it is, a `Finding` is a mismatch
 * between the two and an `Artifact` is what was uploaded. Each stage's output
 * has a name: `Inputs → Plan → Built → Inspected → Packaged → Uploaded →
 * Result`, and records pass between them by the planned binary's `id`.
 */
import type { MachinePath, PathScan } from './inspect/paths.js'
import type { Problem } from './problem.js'

/** The environment variable that carries an architecture's variant. */
export type VariantVar =
  | 'GOARM'
  | 'GOAMD64'
  | 'GOARM64'
  | 'GOMIPS'
  | 'GOMIPS64'
  | 'GO386'
  | 'GOPPC64'
  | 'GORISCV64'

/** One platform to build for, e.g. linux/arm/7. */
export interface Target {
  goos: string
  goarch: string
  /** The value of the arch's variant variable (`7`, `v3`, `softfloat`), or ''. */
  variant: string
  /** Canonical spelling: `linux/arm/7`, `linux/amd64`. */
  name: string
  /** File-name-safe spelling: `linux-arm-7`, `linux-amd64`. */
  id: string
}

/** One main package to build, and the name of its binary. */
export interface MainPackage {
  /** The package given to `go build`: its directory. */
  pattern: string
  /** Its import path (`example.com/tool/cmd/server`). */
  importPath: string
  /** The binary's base name without extension. */
  binaryName: string
}

/** What happened to one (target, package) pair. */
export type BuildStatus = 'built' | 'failed' | 'skipped'

/** The archive a binary is packed into before upload. */
export type ArchiveKind = 'none' | 'tar.gz' | 'zip'

/**
 * One binary the plan will produce, with every name it will ever have,
 * decided once before any build starts: the build writes `path`, the package
 * stage writes `deliverable` (and `sidecar`), the upload stage names the
 * artifact `artifact`. Later stages look it up by `id`, never by path.
 */
export interface PlannedBinary {
  /** Stable id: `<target id>/<binary name>` (`linux-arm-7/tool`). */
  id: string
  target: Target
  pkg: MainPackage
  /** Absolute path of the binary: output-dir plus `fileName`. */
  path: string
  /** File name of the binary: `<name>-<target id><ext>` (`tool-windows-amd64.exe`). */
  fileName: string
  /** The archive it is packed into. */
  archive: ArchiveKind
  /**
   * The file that is uploaded and listed in SHA256SUMS, relative to
   * output-dir: the archive, a copy named like the artifact (skip-archive),
   * or the binary itself. Also its line's name in SHA256SUMS.
   */
  deliverable: string
  /** `<deliverable>.sha256`, written for a per-target, service-zipped artifact. */
  sidecar?: string
  /** The artifact that will hold it (none with upload: none). */
  artifact?: string
  /**
   * Its SBOM with sbom: true, relative to output-dir: `<file>.cdx.json`,
   * named after the binary as the user gets it (the entry in its archive,
   * or the deliverable with archive: none). Written beside the binary;
   * packed into the archive when there is one, else listed in SHA256SUMS
   * and uploaded beside the deliverable.
   */
  sbom?: string
  /**
   * With skip-archive and no archive, the raw artifact of its own that
   * holds the SBOM (a raw artifact is one file), named after the file.
   */
  sbomArtifact?: string
}

/** The outcome of building one main package for one target. */
export interface Build extends PlannedBinary {
  status: BuildStatus
  /** Wall seconds spent in `go build`. */
  seconds: number
  /** Combined compiler output (stderr + stdout). */
  output: string
  /** Why it failed, in one line a person can act on. */
  error?: string
  size?: number
  sha256?: string
  /**
   * The binary file's identity when it was hashed (`fileStamp` in hash.ts):
   * the package stage reads the file again only when it no longer matches.
   */
  stamp?: string
  /**
   * The path check's scan of the very bytes that were hashed, made in the
   * same pass when the build stage was given the machine paths to look for.
   */
  pathScan?: { paths: readonly MachinePath[]; scan: PathScan }
}

/** A property read from a binary compared with what the target promised. */
export interface Finding {
  /** Short machine-readable name of the check (`machine`, `cgo`, `goarch`). */
  check: string
  expected: string
  found: string
  /** The likely cause and what to do about it. */
  hint: string
  /** 'error' fails verification; 'note' is reported only. */
  severity: 'error' | 'note'
}

/** An uploaded artifact. */
export interface Artifact {
  name: string
  id?: number
  url?: string
  digest?: string
  size?: number
  /** File names (relative to the output dir) of the binaries it holds. */
  binaries: string[]
}

/** What verification (header + build info) said about one binary. */
export interface Verification {
  /** A `file`-like one-liner: `ELF 64-bit LSB executable, ARM aarch64, statically linked, Go 1.26.8, CGO_ENABLED=0, stripped`. */
  format: string
  /** Structured facts read from the binary (container, machine, buildinfo...). */
  checks: Record<string, unknown>
  findings: Finding[]
  /** No finding of severity 'error'. */
  ok: boolean
  /** The build-machine path check (its hits are `build-path` findings). */
  paths?: PathCheck
}

/**
 * What the build-machine path check said about one binary: `clean`, `hits`
 * (how many occurrences in all), or `skipped` with trimpath off (an
 * untrimmed binary holds the build's paths by design).
 */
export interface PathCheck {
  state: 'clean' | 'hits' | 'skipped'
  /** Occurrences of build-machine paths in the file. */
  hits: number
  /** The directories looked for, as `label=dir`. */
  searched: string[]
}

/** The result of running a binary once after it was built. */
export interface SmokeResult {
  status: 'passed' | 'failed' | 'not-runnable'
  /** How it was run (`native`, `qemu-aarch64`) or why it was not, plus exit code / output tail. */
  detail: string
}

/** Everything known about one binary at the end of the run. */
export interface BinaryReport {
  build: Build
  verification?: Verification
  smoke?: SmokeResult
  /** The artifact that holds it, once uploaded. */
  artifact?: Artifact
  /** Why it was not uploaded, when it was not. */
  uploadError?: string
  /** What the reproducibility check said (absent with reproducible: off). */
  reproducible?: import('./reproduce/reproduce.js').ReproCheck
  /** Absolute path of its SBOM (`<file>.cdx.json`) in output-dir, once written. */
  sbom?: string
}

/** The build stage's output: one Build per planned binary, in plan order. */
export interface Built {
  builds: Build[]
  /** A failed or skipped build, or the stage itself failing. */
  problems: Problem[]
}

/** The inspect stage's output: what each binary is, and whether it runs. */
export interface Inspected {
  binaries: BinaryReport[]
  /** What the reproducibility rebuild did, when it ran. */
  reproducible?: import('./reproduce/reproduce.js').ReproReport
  /** Verification errors (with verify on) and failed smoke tests. */
  problems: Problem[]
}

/** One uploaded artifact and the ids of the builds it holds. */
export interface Upload {
  artifact: Artifact
  builds: string[]
}

/** The upload stage's output. */
export interface Uploaded {
  /** Uploaded artifacts, in package order. */
  uploads: Upload[]
  /** One per artifact that could not be uploaded, naming its builds. */
  problems: Problem[]
  /** Why nothing was uploaded, when nothing was tried. */
  skipped?: string
}

/** The whole run, as the report stage sees it. */
export interface Result {
  goVersion: string
  /** `linux/amd64` */
  host: string
  parallel: number
  /** Names of inherited variables dropped from every build's environment. */
  droppedEnv: string[]
  targets: Target[]
  /** Absolute directory of the module that was built (working-directory). */
  moduleDir: string
  outputDir: string
  binaries: BinaryReport[]
  artifacts: Artifact[]
  /** SHA256SUMS, when the package stage wrote it. */
  checksumsPath?: string
  /** Why nothing was uploaded (`upload: none`, no runtime token...). */
  uploadSkipped?: string
  /** Every problem of every stage after the plan, in stage order. */
  problems: Problem[]
  /** Whether an SBOM was asked for (`sbom` input); absent where no pipeline ran. */
  sbom?: boolean
  /** What the build cache did (absent where no pipeline ran it). */
  cache?: import('./cache/stage.js').CacheReport
  /** What the reproducibility rebuild did and cost (absent with reproducible: off). */
  reproducible?: import('./reproduce/reproduce.js').ReproReport
}

export type { Problem } from './problem.js'
export type { CacheReport } from './cache/stage.js'
export type { Inputs } from './inputs/parse.js'
export type { Plan } from './plan/plan.js'
export type { Packaged } from './package/package.js'
