/**
 * The release matrix (issue 9): the targets of one `targets` line spread
 * over legs of a GitHub Actions `strategy.matrix`, each leg a runner label
 * and the targets it builds. Pure: the caller expands `targets` with the
 * build's own parser and hands the result here.
 *
 * Legs are balanced by estimated cost with the longest-processing-time rule
 * (costliest target first, onto the cheapest leg so far; ties by order), so
 * the slowest leg, which sets the release's wall time, is as short as the
 * estimate allows. With `native`, every target goes to a runner that can
 * execute it (for smoke tests), cross-only targets to the Linux x64 runner.
 */
import { planRun } from '../inspect/smoke.js'
import type { Target } from '../types.js'

/** GitHub-hosted runner labels, by the platform they run on. */
export const DEFAULT_RUNNERS: Readonly<Record<string, string>> = {
  'linux/amd64': 'ubuntu-latest',
  'linux/arm64': 'ubuntu-24.04-arm',
  'darwin/arm64': 'macos-latest',
  'darwin/amd64': 'macos-15-intel',
  'windows/amd64': 'windows-latest',
  'windows/arm64': 'windows-11-arm'
}

/** The platform every target can be cross-compiled on, and the fallback runner. */
const BUILD_HOST = 'linux/amd64'

/** One leg of the matrix. */
export interface Leg {
  /** `leg-1` …, unique, safe in artifact names. */
  leg: string
  /** The runner label (`runs-on`). */
  runner: string
  /** The platform of that runner (`linux/arm64`). */
  host: string
  /** The leg's targets as a JSON array, for the build's `targets` input. */
  targets: string
  /** The same, as a list. */
  targetNames: string[]
  /** Sum of the estimated costs. */
  cost: number
}

/** The plan's answer. */
export interface Matrix {
  /** For `strategy.matrix`: `fromJSON(outputs.matrix)`. */
  matrix: { include: Leg[] }
  /** Things the user should know (legs raised to fit the runners...). */
  notes: string[]
}

/** Options of `planMatrix`. */
export interface MatrixOptions {
  /** How many legs the user asked for (at least 1). */
  legs: number
  /** Runner labels by platform, over `DEFAULT_RUNNERS`. */
  runners?: Readonly<Record<string, string>>
  /** Put each target on a runner that can execute it. */
  native?: boolean
  /** Main packages per target (each is one `go build`). */
  packages?: number
}

/**
 * Estimated cost of building one target, relative to linux/amd64. Every
 * target compiles the same package graph, so cold builds cost about the
 * same; targets smoke-tested under qemu cost a little more, and the
 * runners of macOS and Windows start slower.
 */
export function targetCost(target: Target, host: string, packages = 1): number {
  const [goos] = host.split('/')
  const runnerStart = goos === 'darwin' ? 0.3 : goos === 'windows' ? 0.2 : 0
  const viaQemu =
    planRun(target, platformOf(host)).how === 'qemu' && host !== `${target.goos}/${target.goarch}`
      ? 0.2
      : 0
  return packages * (1 + viaQemu) + runnerStart
}

function platformOf(name: string): { goos: string; goarch: string } {
  const [goos, goarch] = name.split('/')
  return { goos, goarch }
}

/** The runner platform a target goes to (pure). */
export function hostFor(
  target: Target,
  runners: Readonly<Record<string, string>>,
  native: boolean
): string {
  if (!native) return BUILD_HOST
  const hosts = Object.keys(runners)
  // Its own platform first, then one that runs it natively, then qemu.
  const own = `${target.goos}/${target.goarch}`
  if (hosts.includes(own)) return own
  const nativeHost = hosts.find((h) => planRun(target, platformOf(h)).how === 'native')
  if (nativeHost) return nativeHost
  return BUILD_HOST
}

/**
 * Splits `targets` into legs.
 *
 * @throws never: problems (no targets) come back as an empty matrix with a note
 */
export function planMatrix(targets: readonly Target[], options: MatrixOptions): Matrix {
  const runners = { ...DEFAULT_RUNNERS, ...(options.runners ?? {}) }
  const native = options.native ?? false
  const packages = options.packages ?? 1
  const notes: string[] = []
  // Group by runner platform, in the order the targets came.
  const groups = new Map<string, Target[]>()
  for (const t of targets) {
    const host = hostFor(t, runners, native)
    groups.set(host, [...(groups.get(host) ?? []), t])
  }
  let legs = Math.max(1, Math.floor(options.legs))
  if (groups.size > legs) {
    notes.push(
      `legs: ${legs} raised to ${groups.size}: native puts targets on ${groups.size} kinds of runner (${[...groups.keys()].map((h) => runners[h]).join(', ')})`
    )
    legs = groups.size
  }
  legs = Math.min(legs, targets.length)
  // Each group one leg, the rest to the group whose legs carry the most
  // cost each (highest averages first).
  const cost = new Map([...groups].map(([h, ts]) => [h, ts.reduce((n, t) => n + targetCost(t, h, packages), 0)]))
  const share = new Map([...groups.keys()].map((h) => [h, 1]))
  for (let extra = legs - groups.size; extra > 0; extra--) {
    let best: string | undefined
    for (const [h, n] of share) {
      if (n >= groups.get(h)!.length) continue
      if (best === undefined || cost.get(h)! / (n + 1) > cost.get(best)! / (share.get(best)! + 1)) best = h
    }
    if (best === undefined) break
    share.set(best, share.get(best)! + 1)
  }
  const include: Leg[] = []
  for (const [host, ts] of groups) {
    const bins = Array.from({ length: share.get(host)! }, () => ({ cost: 0, targets: [] as Target[] }))
    const order = ts
      .map((t, i) => ({ t, i, c: targetCost(t, host, packages) }))
      .sort((a, b) => b.c - a.c || a.i - b.i)
    for (const { t, c } of order) {
      const bin = bins.reduce((lo, b) => (b.cost < lo.cost ? b : lo))
      bin.cost += c
      bin.targets.push(t)
    }
    for (const bin of bins) {
      const names = ts.filter((t) => bin.targets.includes(t)).map((t) => t.name)
      include.push({
        leg: `leg-${include.length + 1}`,
        runner: runners[host],
        host,
        targets: JSON.stringify(names),
        targetNames: names,
        cost: Math.round(bin.cost * 100) / 100
      })
    }
  }
  if (!targets.length) notes.push('targets: nothing to build, so the matrix is empty')
  return { matrix: { include }, notes }
}

/**
 * Parses the `runners` input: one `goos/goarch: label` per line (`#`
 * comments allowed).
 */
export function parseRunners(text: string): { runners: Record<string, string>; errors: string[] } {
  const runners: Record<string, string> = {}
  const errors: string[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim()
    if (!line) return
    const m = /^([a-z0-9]+\/[a-z0-9]+)\s*:\s*([A-Za-z0-9._-]+)$/.exec(line)
    if (!m) {
      errors.push(
        `runners: line ${i + 1} is not "goos/goarch: runner-label" (for example "linux/arm64: ubuntu-24.04-arm")`
      )
      return
    }
    runners[m[1]] = m[2]
  })
  return { runners, errors }
}
