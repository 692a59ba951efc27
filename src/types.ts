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
  /** The package pattern given to `go build` (`.`, `./cmd/tool`). */
  pattern: string
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
