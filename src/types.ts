/**
 * The vocabulary shared by every stage:
 *
 *   inputs ──> plan ──> build ──> inspect ──> package ──> upload ──> report
 *
 * A `Target` is what the user asked for, a `Build` is what `go build` made of
 * it, a `BinaryInfo` is what the file says it is, a `Finding` is a mismatch
 * between the two and an `Artifact` is what was uploaded.
 */

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

/** The outcome of building one main package for one target. */
export interface Build {
  target: Target
  pkg: MainPackage
  /** Absolute path of the binary (exists when status is 'built'). */
  path: string
  /** File name of the binary (`tool.exe`). */
  fileName: string
  status: BuildStatus
  /** Wall seconds spent in `go build`. */
  seconds: number
  /** Combined compiler output (stderr + stdout). */
  output: string
  /** Why it failed, in one line a person can act on. */
  error?: string
  size?: number
  sha256?: string
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
}

/** The whole run, as the report stage sees it. */
export interface RunResult {
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
  checksumsPath?: string
  /** Why nothing was uploaded (`upload: none`, no runtime token...). */
  uploadSkipped?: string
  /** One line per failure (build, verification, upload), already phrased for people. */
  failures: string[]
}
