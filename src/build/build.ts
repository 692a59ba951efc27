/**
 * Build stage: one `go build` per target (all its main packages at once),
 * run in parallel up to a bound, sharing Go's build cache, each with its own
 * clean environment.
 */
import { mkdtemp, rename, rm } from 'node:fs/promises'
import * as path from 'node:path'
import { sha256File } from '../hash.js'
import { PathScanner, type MachinePath } from '../inspect/paths.js'
import { formatDuration } from '../inputs/parse.js'
import { makeDirectory } from '../files.js'
import { removeStaleChecksums } from '../package/stale.js'
import { targetEnvironment, type Env } from '../plan/environment.js'
import { compileParallelAt, type BuildPlan } from '../plan/plan.js'
import type { Problem } from '../problem.js'
import { onCancel, PROBE_TIMEOUT_MS, runProcess } from '../process.js'
import type {
  Build,
  BuildStatus,
  MainPackage,
  PlannedBinary,
  Target
} from '../types.js'

/** The environment of every go command run for this target. */
export function buildEnvironment(plan: BuildPlan, target: Target): Env {
  const env = targetEnvironment(plan.baseEnv, target, plan.platform, plan.variantDefaults)
  const gocache = plan.gocache?.[target.id]
  return gocache ? { ...env, GOCACHE: gocache } : env
}

/** Called as each build ends, in completion order (for log grouping). */
export type BuildListener = (build: Build) => void

/**
 * Explain a failed build when a dependency needs cgo: list the packages that
 * have cgo files under CGO_ENABLED=1 and break under CGO_ENABLED=0 (an error
 * from go list, or named in the compiler's output). Standard-library packages
 * with cgo files (net, os/user) build fine without it and are never named.
 */
export async function cgoCulprits(
  plan: BuildPlan,
  target: Target,
  pkg: MainPackage,
  compilerOutput: string
): Promise<string[]> {
  const env = buildEnvironment(plan, target)
  const template =
    '{{.ImportPath}}\t{{.Standard}}\t{{len .CgoFiles}}\t{{if .Error}}1{{else}}0{{end}}\t{{len .GoFiles}}'
  const tags = plan.buildFlags.filter((f) => f.startsWith('-tags='))
  const list = (cgo: string): Promise<string> =>
    runProcess(
      plan.go,
      ['list', '-e', '-deps', ...tags, '-f', template, '--', pkg.pattern],
      {
        cwd: plan.cwd,
        env: { ...env, CGO_ENABLED: cgo },
        timeoutMs: PROBE_TIMEOUT_MS
      }
    ).then((r) => r.stdout)
  const [withCgo, withoutCgo] = await Promise.all([list('1'), list('0')])
  const rows = (out: string): Map<string, string[]> =>
    new Map(
      out
        .split(/\r?\n/)
        .filter(Boolean)
        .map((l) => l.split('\t'))
        .map((cols) => [cols[0], cols])
    )
  const on = rows(withCgo)
  const off = rows(withoutCgo)
  const culprits: string[] = []
  for (const [importPath, cols] of on) {
    const [, standard, cgoFiles] = cols
    if (standard === 'true' || Number(cgoFiles) === 0) continue
    const without = off.get(importPath)
    const broken = without && without[3] === '1'
    const named =
      compilerOutput.includes(`# ${importPath}\n`) ||
      compilerOutput.includes(`# ${importPath}\r\n`) ||
      compilerOutput.includes(`"${importPath}"`)
    if (broken || named) culprits.push(importPath)
  }
  return culprits.sort()
}

/**
 * The file name `go build -o DIR/` gives a main package's binary: the last
 * element of its import path, skipping a major-version element (cmd/go's
 * exeFromImportPath), plus .exe for windows.
 */
export function goExecName(importPath: string, goos: string): string {
  const parts = importPath.split('/')
  let elem = parts[parts.length - 1]
  if (parts.length > 1 && /^v([2-9]|[1-9][0-9]+)$/.test(elem))
    elem = parts[parts.length - 2]
  return elem + (goos === 'windows' ? '.exe' : '')
}

/** Phrase a failed build's error, naming the dependency that needs cgo. */
async function explainFailure(
  plan: BuildPlan,
  target: Target,
  pkg: MainPackage,
  exitCode: number,
  output: string
): Promise<string> {
  const culprits = await cgoCulprits(plan, target, pkg, output).catch(() => [] as string[])
  if (culprits.length)
    return `${target.name}: ${culprits.join(', ')} ${
      culprits.length > 1 ? 'require' : 'requires'
    } cgo, which this action keeps off. Use a pure-Go alternative or drop the target.`
  if (/requires external \(cgo\) linking/.test(output))
    return `${target.name}: Go can link this target only with cgo (external linking), which this action keeps off. Drop the target.`
  return `${target.name}: go build ${pkg.binaryName} failed (exit code ${exitCode})`
}

/**
 * The record of one planned binary's build: the one way a Build is made
 * (the build stage starts from it; tests make theirs with it too).
 *
 * @param binary the planned binary, with its names
 * @param status what happened
 * @param outcome what else is known (seconds, output, error, size, sha256, stamp)
 */
export function buildRecord(
  binary: PlannedBinary,
  status: BuildStatus,
  outcome: Partial<
    Pick<Build, 'seconds' | 'output' | 'error' | 'size' | 'sha256' | 'stamp'>
  > = {}
): Build {
  return { ...binary, status, seconds: 0, output: '', ...outcome }
}

/** The build stage's problems: one per failed or skipped build. */
export function buildProblems(builds: readonly Build[]): Problem[] {
  return builds
    .filter((b) => b.status !== 'built')
    .map((b) => ({
      what: b.error ?? `${b.target.name}: ${b.status}`,
      fix: '',
      stage: 'build' as const,
      builds: [b.id]
    }))
}

/** The planned binaries of one target, in package order. */
function binariesOf(plan: BuildPlan, target: Target): PlannedBinary[] {
  return plan.binaries.filter((b) => b.target.id === target.id)
}

/**
 * Build every main package for one target in one `go build`, as a person
 * would (`go build -o DIR/ ./cmd/a ./cmd/b`): the package graph is loaded
 * once and the links overlap. go writes into a fresh staging directory
 * (mkdtemp, inside the output directory so the rename stays on one file
 * system); each binary is renamed to its final path only once the build
 * succeeded, so a binary appears there complete or not at all, and the
 * rename replaces a symlink planted at that path instead of writing through
 * it. `exited` is told as soon as go build ends, before the binaries are
 * renamed and hashed, whether it succeeded; `spawned` once go build has
 * been started. With `machinePaths`, the pass that hashes a binary also
 * scans it for them (`pathScan`). Never throws: failures come
 * back as failed Builds.
 */
async function buildTarget(
  plan: BuildPlan,
  target: Target,
  compileParallel: number,
  exited: (ok: boolean) => void = () => {},
  spawned: () => void = () => {},
  machinePaths?: readonly MachinePath[]
): Promise<Build[]> {
  const builds = binariesOf(plan, target).map((b) => buildRecord(b, 'failed'))
  const single = builds.length === 1
  let staging = ''
  const env = buildEnvironment(plan, target)
  const goArgs = (out: string): string[] => [
    'build',
    '-p',
    String(compileParallel),
    ...plan.buildFlags,
    '-o',
    out,
    '--',
    ...builds.map((b) => b.pkg.pattern)
  ]
  const built = (b: Build): string =>
    path.join(staging, single ? b.fileName : goExecName(b.pkg.importPath, target.goos))
  const started = performance.now()
  const finish = (): number => (performance.now() - started) / 1000
  // A cancelled run leaves no half-written binary behind.
  const forget = onCancel(() =>
    Promise.allSettled([
      ...builds.map((b) => rm(b.path, { force: true })),
      ...(staging ? [rm(staging, { recursive: true, force: true })] : [])
    ])
  )
  try {
    for (const b of builds) await rm(b.path, { force: true })
    staging = await mkdtemp(path.join(plan.outputDir, `.go-cross-build-${target.id}-`))
    const out = single ? built(builds[0]) : staging + path.sep
    const running = runProcess(plan.go, goArgs(out), {
      cwd: plan.cwd,
      env,
      timeoutMs: plan.timeoutMs
    })
    // runProcess spawns before its first await
    spawned()
    const result = await running
    // the cores are free: the next build may start while this one's
    // binaries are renamed and hashed
    exited(!result.timedOut && result.exitCode === 0)
    const seconds = finish()
    const output = [result.stderr, result.stdout].filter(Boolean).join('\n')
    for (const b of builds) {
      b.seconds = seconds
      b.output = output
    }
    if (result.timedOut) {
      const limit = formatDuration(plan.timeoutMs ?? 0)
      for (const b of builds) {
        await rm(b.path, { force: true })
        b.error = `${target.name}: go build ${b.pkg.binaryName} was stopped after ${limit}, the build-timeout limit (its whole process tree was killed); raise build-timeout if the build needs longer, or find what hangs`
      }
      return builds
    }
    if (result.exitCode !== 0) {
      for (const b of builds)
        b.error = await explainFailure(plan, target, b.pkg, result.exitCode, output)
      return builds
    }
    for (const b of builds) {
      await rename(built(b), b.path)
      // one read: the hash, and the path check's scan of the same bytes
      const { sha256, size, stamp, sink } = await sha256File(
        b.path,
        machinePaths && (() => new PathScanner(machinePaths))
      )
      b.size = size
      b.sha256 = sha256
      b.stamp = stamp
      if (machinePaths && sink) b.pathScan = { paths: machinePaths, scan: sink.finish() }
      b.status = 'built'
    }
  } catch (error) {
    for (const b of builds) {
      if (b.status === 'built') continue
      b.seconds = finish()
      b.error = `${target.name}: could not build ${b.pkg.binaryName}: ${(error as Error).message}`
    }
  } finally {
    forget()
    if (staging) await rm(staging, { recursive: true, force: true }).catch(() => {})
  }
  return builds
}

/**
 * The order builds start in: longest first, so that the last ones to start,
 * which run in the tail where cores fall idle, are the short ones. Every
 * target builds the same packages, so what sets a build's length apart is
 * its cache: a target whose GOCACHE missed compiles everything, a fallback
 * restore part of it, an exact hit little. Equal ones keep plan order.
 */
export function startOrder(plan: BuildPlan): number[] {
  const rank = { miss: 0, fallback: 1, exact: 2 } as const
  const warmth = plan.targets.map((t) => {
    const hit = plan.cacheHits?.[t.id]
    return hit ? rank[hit] : 0
  })
  return plan.targets
    .map((_, i) => i)
    .sort((a, b) => warmth[a] - warmth[b] || a - b)
}

/**
 * Run every build of the plan, one `go build` per target, at most
 * `parallel` at once, longest first ({@link startOrder}), each with the
 * `-p` of {@link compileParallelAt} for the targets left when it starts.
 * A slot takes its next target as soon as go build ends; the binaries are
 * renamed and hashed meanwhile, and `onDone` hears of each build once that
 * is done. `more.onFirstWave` is called once as many builds as run at once
 * have been spawned (the time to load what later stages need). With
 * `failFast`, no new build starts after the first failure; those not
 * started are 'skipped'. Results come back in plan order (targets sorted,
 * then packages).
 */
export async function buildAll(
  plan: BuildPlan,
  onDone: BuildListener = () => {},
  more: {
    /** Called once the first builds have all been spawned. */
    onFirstWave?: () => void
    /** Scan each binary for these while it is hashed (see `Build.pathScan`). */
    machinePaths?: readonly MachinePath[]
  } = {}
): Promise<Build[]> {
  const { onFirstWave = () => {}, machinePaths } = more
  await makeDirectory(plan.outputDir)
  // no checksum file of an earlier run may outlive this one's builds
  await removeStaleChecksums(plan.outputDir)
  const results: Build[][] = new Array(plan.targets.length)
  const order = startOrder(plan)
  let next = 0
  let stop = false
  const workers = Math.max(1, Math.min(plan.parallel, plan.targets.length))
  // told once as many builds as run at once have been spawned
  let spawns = 0
  const spawned = (): void => {
    if (++spawns === workers) onFirstWave()
  }
  const worker = async (): Promise<void> => {
    for (;;) {
      const started = next++
      if (started >= order.length) return
      const i = order[started]
      const target = plan.targets[i]
      if (stop) {
        results[i] = binariesOf(plan, target).map((b) =>
          buildRecord(b, 'skipped', {
            error: `${target.name}: not built because an earlier build failed and fail-fast is on`
          })
        )
        for (const b of results[i]) onDone(b)
      } else {
        const p = compileParallelAt(
          plan.compileParallel,
          plan.maxCompileParallel ?? plan.compileParallel,
          order.length - started
        )
        let exited!: (ok: boolean) => void
        const ended = new Promise<boolean>((resolve) => (exited = resolve))
        const done = buildTarget(plan, target, p, exited, spawned, machinePaths).then((builds) => {
          results[i] = builds
          for (const b of builds) onDone(b)
          const ok = builds.every((b) => b.status === 'built')
          if (plan.failFast && !ok) stop = true
          return ok
        })
        finishing.push(done)
        // the slot is free once go build ends (or the build gave up before it)
        const ok = await Promise.race([ended, done])
        if (plan.failFast && !ok) stop = true
      }
    }
  }
  const finishing: Promise<boolean>[] = []
  await Promise.all(Array.from({ length: workers }, worker))
  await Promise.all(finishing)
  return results.flat()
}
