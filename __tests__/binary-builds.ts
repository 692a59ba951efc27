/**
 * Test support for the binary tests: builds the hello fixture with the real
 * Go toolchain for a target, two builds at a time, into a temp dir, with the
 * default GOCACHE so that every test shares the cache.
 */
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { makeTarget, VARIANT_VARS, variantVariable } from '../src/plan/targets.js'
import type { Target } from '../src/types.js'

/** The hello fixture module. */
export const HELLO = resolve('__fixtures__/hello')

/** Makes a `Target` from its parts. */
export function target(goos: string, goarch: string, variant = ''): Target {
  return makeTarget(goos, goarch, variant)
}

/** Every target `go tool dist list` knows (of the Go that `env` selects). */
export function distList(env: NodeJS.ProcessEnv = process.env): Target[] {
  const out = execFileSync('go', ['tool', 'dist', 'list', '-json'], {
    encoding: 'utf8',
    env
  })
  return (JSON.parse(out) as { GOOS: string; GOARCH: string }[]).map((t) =>
    target(t.GOOS, t.GOARCH)
  )
}

/** The Go version (`go1.26.8`) of the go on PATH, or of the one `env` picks. */
export function goVersion(env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('go', ['env', 'GOVERSION'], {
    encoding: 'utf8',
    env
  }).trim()
}

/** One build's outcome. */
export interface Built {
  target: Target
  stripped: boolean
  ok: boolean
  path: string
  output: string
}

const CLEARED = [
  'GOFLAGS',
  'GOOS',
  'GOARCH',
  'CGO_ENABLED',
  ...VARIANT_VARS
]

/** The clean environment for building `t`. */
export function buildEnv(
  t: Target,
  extra: Record<string, string> = {}
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const k of CLEARED) delete env[k]
  env.CGO_ENABLED = '0'
  env.GOOS = t.goos
  env.GOARCH = t.goarch
  const v = variantVariable(t.goarch)
  if (v && t.variant) env[v] = t.variant
  return { ...env, ...extra }
}

let dir: string | undefined

/** The temp dir that holds the binaries of this test file. */
export function outDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'binary-test-'))
  return dir
}

/** Removes this test file's temp dir. */
export function removeOutDir(): void {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
}

/**
 * Builds hello for `t` (with -trimpath, and -ldflags=-s -w when stripped).
 * `tag` goes into the file name, to keep builds of several toolchains apart.
 */
export function buildHello(
  t: Target,
  stripped: boolean,
  goCommand = 'go',
  env: NodeJS.ProcessEnv = buildEnv(t),
  tag = ''
): Promise<Built> {
  const path = join(
    outDir(),
    `hello-${tag ? `${tag}-` : ''}${t.id}${stripped ? '' : '-debug'}${t.goos === 'windows' ? '.exe' : ''}`
  )
  const args = [
    'build',
    '-trimpath',
    ...(stripped ? ['-ldflags=-s -w'] : []),
    '-o',
    path,
    '.'
  ]
  return new Promise((done) => {
    execFile(
      goCommand,
      args,
      { cwd: HELLO, env, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        done({
          target: t,
          stripped,
          ok: !error,
          path,
          output: `${stderr}${stdout}`
        })
      }
    )
  })
}

/** Runs `jobs` two at a time (the machine has two cores). */
export async function twoAtATime<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++
      results[i] = await jobs[i]()
    }
  }
  await Promise.all([worker(), worker()])
  return results
}
