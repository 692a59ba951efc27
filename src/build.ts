/**
 * Build stage: one `go build` per (target, main package), run in parallel up
 * to a bound, sharing Go's build cache, each with its own clean environment.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { targetEnvironment, type Env } from './environment.js'
import { runProcess } from './process.js'
import { binaryExtension } from './targets.js'
import type { Build, MainPackage, Target, VariantVar } from './types.js'

/** Everything `go build` needs, decided before the first build. */
export interface BuildPlan {
  go: string
  cwd: string
  outputDir: string
  targets: Target[]
  packages: MainPackage[]
  /** The inherited part of every build's environment. */
  baseEnv: Env
  /** Flags for every build, before the package (`-trimpath`, `-ldflags=...`). */
  buildFlags: string[]
  /** Builds at once. */
  parallel: number
  /** `go build -p`: packages each build compiles at once. */
  compileParallel: number
  failFast: boolean
  /** The platform of this process, for environment name rules. */
  platform?: NodeJS.Platform
  /** The toolchain's built-in variant values, for targets that name none. */
  variantDefaults?: Partial<Record<VariantVar, string>>
}

/** The environment of every go command run for this target. */
export function buildEnvironment(plan: BuildPlan, target: Target): Env {
  return targetEnvironment(plan.baseEnv, target, plan.platform, plan.variantDefaults)
}

/** Called as each build ends, in completion order (for log grouping). */
export type BuildListener = (build: Build) => void

/** The file name of a binary: `tool-linux-arm-7`, `tool-windows-amd64.exe`. */
export function binaryFileName(pkg: MainPackage, target: Target): string {
  return `${pkg.binaryName}-${target.id}${binaryExtension(target)}`
}

/** The `go build` flags shared by every target, from the inputs. */
export function commonBuildFlags(options: {
  trimpath: boolean
  ldflags: string
  tags: readonly string[]
  flags: readonly string[]
}): string[] {
  const out: string[] = []
  if (options.trimpath) out.push('-trimpath')
  if (options.ldflags) out.push(`-ldflags=${options.ldflags}`)
  if (options.tags.length) out.push(`-tags=${options.tags.join(',')}`)
  out.push(...options.flags)
  return out
}

/** Hash a file with SHA-256, streaming. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer)
  return hash.digest('hex')
}

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
      { cwd: plan.cwd, env: { ...env, CGO_ENABLED: cgo } }
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

/** Build one binary. Never throws: failures come back as a failed Build. */
async function buildOne(
  plan: BuildPlan,
  target: Target,
  pkg: MainPackage
): Promise<Build> {
  const fileName = binaryFileName(pkg, target)
  const output = path.join(plan.outputDir, fileName)
  const build: Build = {
    target,
    pkg,
    path: output,
    fileName,
    status: 'failed',
    seconds: 0,
    output: ''
  }
  const env = buildEnvironment(plan, target)
  const args = [
    'build',
    '-p',
    String(plan.compileParallel),
    ...plan.buildFlags,
    '-o',
    output,
    '--',
    pkg.pattern
  ]
  const started = performance.now()
  try {
    await rm(output, { force: true })
    const result = await runProcess(plan.go, args, { cwd: plan.cwd, env })
    build.seconds = (performance.now() - started) / 1000
    build.output = [result.stderr, result.stdout].filter(Boolean).join('\n')
    if (result.exitCode !== 0) {
      build.error = `${target.name}: go build ${pkg.binaryName} failed (exit code ${result.exitCode})`
      const culprits = await cgoCulprits(plan, target, pkg, build.output).catch(
        () => [] as string[]
      )
      if (culprits.length)
        build.error = `${target.name}: ${culprits.join(', ')} ${
          culprits.length > 1 ? 'require' : 'requires'
        } cgo, which this action keeps off. Use a pure-Go alternative or drop the target.`
      else if (/requires external \(cgo\) linking/.test(build.output))
        build.error = `${target.name}: Go can link this target only with cgo (external linking), which this action keeps off. Drop the target.`
      return build
    }
    const info = await stat(output)
    build.size = info.size
    build.sha256 = await sha256File(output)
    build.status = 'built'
  } catch (error) {
    build.seconds = (performance.now() - started) / 1000
    build.error = `${target.name}: could not run go build for ${pkg.binaryName}: ${(error as Error).message}`
  }
  return build
}

/**
 * Run every build of the plan, at most `parallel` at once. With `failFast`,
 * no new build starts after the first failure; those not started are
 * 'skipped'. Results come back in plan order (targets sorted, then packages).
 */
export async function buildAll(
  plan: BuildPlan,
  onDone: BuildListener = () => {}
): Promise<Build[]> {
  await mkdir(plan.outputDir, { recursive: true })
  const jobs: Array<{ target: Target; pkg: MainPackage }> = []
  for (const target of plan.targets)
    for (const pkg of plan.packages) jobs.push({ target, pkg })
  const results: Build[] = new Array(jobs.length)
  let next = 0
  let stop = false
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++
      if (i >= jobs.length) return
      const { target, pkg } = jobs[i]
      if (stop) {
        const fileName = binaryFileName(pkg, target)
        results[i] = {
          target,
          pkg,
          path: path.join(plan.outputDir, fileName),
          fileName,
          status: 'skipped',
          seconds: 0,
          output: '',
          error: `${target.name}: not built because an earlier build failed and fail-fast is on`
        }
        onDone(results[i])
        continue
      }
      results[i] = await buildOne(plan, target, pkg)
      if (results[i].status === 'failed' && plan.failFast) stop = true
      onDone(results[i])
    }
  }
  const workers = Math.max(1, Math.min(plan.parallel, jobs.length))
  await Promise.all(Array.from({ length: workers }, worker))
  return results
}

/**
 * How many packages each `go build` compiles at once, so that builds ×
 * compiles stay near the CPU count: the machine is never oversubscribed by
 * more than one build's worth, and a single build still uses every core.
 */
export function compileParallelism(cpus: number, parallel: number): number {
  return Math.max(1, Math.ceil(cpus / parallel))
}
