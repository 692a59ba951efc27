/**
 * Test helpers for the publish stages: real Go binaries, archive listings
 * with the system tools (`tar`, `unzip`, `zipinfo`, `sha256sum`), extraction
 * of downloaded artifacts, and process.env changes that are undone.
 */

import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { buildRecord } from '../../src/build/build.js'
import { sha256File } from '../../src/hash.js'
import {
  parsePublishInputs,
  type PublishOptions
} from '../../src/package/options.js'
import { nameBinaries } from '../../src/plan/names.js'
import { makeTarget, variantVariable } from '../../src/plan/targets.js'
import type { Build, PlannedBinary, Target } from '../../src/types.js'

const run = promisify(execFile)

/**
 * Runs a program (no shell) and returns its stdout.
 *
 * @throws when it exits non-zero, with its stderr.
 */
export async function tool(
  file: string,
  args: string[],
  cwd?: string
): Promise<string> {
  const { stdout } = await run(file, args, { cwd, maxBuffer: 64 << 20 })
  return stdout
}

/** A new empty temp directory. */
export function tempDir(prefix = 'publish-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** Hex SHA-256 of bytes. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** A Target from `goos/goarch[/variant]`. */
export function target(name: string): Target {
  const [goos, goarch, variant = ''] = name.split('/')
  return makeTarget(goos, goarch, variant)
}

/**
 * Publish options from input values (defaults for the rest, except sbom:
 * false unless given, since the fake builds here have no Go build info to
 * make one from; the SBOM is tested where real builds are packaged).
 */
export function publishOptions(
  values: Record<string, string> = {}
): PublishOptions {
  const given: Record<string, string> = { sbom: 'false', ...values }
  return parsePublishInputs((name) => given[name] ?? '')
}

/**
 * The plan's binary for `name` on a target, named by the real naming
 * function for the given publish options.
 */
export function plannedBinary(
  outputDir: string,
  spec: string,
  name = 'hello',
  opts: PublishOptions = publishOptions()
): PlannedBinary {
  const pkg = {
    pattern: '.',
    importPath: `example.com/${name}`,
    binaryName: name
  }
  const named = nameBinaries(opts, [target(spec)], [pkg], outputDir)
  return named.binaries[0]
}

/**
 * Builds a hello program with the real Go toolchain (CGO_ENABLED=0,
 * -trimpath, -ldflags=-s -w) for each target, into the file the plan
 * names (`<outputDir>/<name>-<target id>[.exe]`), as the build stage would.
 *
 * @returns One 'built' Build per target, with size and sha256.
 */
export async function buildHello(
  outputDir: string,
  targets: string[],
  name = 'hello'
): Promise<Build[]> {
  const src = await tempDir('hello-src-')
  await writeFile(join(src, 'go.mod'), 'module example.com/hello\n\ngo 1.22\n')
  await writeFile(
    join(src, 'main.go'),
    'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n'
  )
  try {
    const builds: Build[] = []
    await mkdir(outputDir, { recursive: true })
    for (const spec of targets) {
      const t = target(spec)
      const planned = plannedBinary(outputDir, spec, name)
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        CGO_ENABLED: '0',
        GOOS: t.goos,
        GOARCH: t.goarch,
        GOFLAGS: ''
      }
      const variantVar = variantVariable(t.goarch)
      if (variantVar && t.variant) env[variantVar] = t.variant
      const started = Date.now()
      await run(
        'go',
        ['build', '-trimpath', '-ldflags=-s -w', '-o', planned.path, '.'],
        { cwd: src, env }
      )
      const bytes = await readFile(planned.path)
      builds.push(
        buildRecord(planned, 'built', {
          seconds: (Date.now() - started) / 1000,
          size: bytes.length,
          sha256: sha256(bytes)
        })
      )
    }
    return builds
  } finally {
    await rm(src, { recursive: true, force: true })
  }
}

/**
 * A 'built' Build for a file with the given bytes (no compiler), written to
 * the file the plan names for these publish options.
 */
export async function fakeBuild(
  outputDir: string,
  spec: string,
  content: string | Buffer,
  name = 'hello',
  opts: PublishOptions = publishOptions()
): Promise<Build> {
  const planned = plannedBinary(outputDir, spec, name, opts)
  await mkdir(outputDir, { recursive: true })
  const bytes = Buffer.from(content)
  await writeFile(planned.path, bytes, { mode: 0o755 })
  // hashed as the build stage hashes what go build wrote
  const { size, sha256, stamp } = await sha256File(planned.path)
  return buildRecord(planned, 'built', { size, sha256, stamp })
}

/** Every file under a directory, relative and `/`-separated, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort()
}

/**
 * Extracts zip bytes (a downloaded artifact) into `dest` with `unzip`.
 *
 * @returns The directory and the files in it, relative and sorted.
 */
export async function unzipBytes(
  bytes: Buffer,
  dest: string
): Promise<{ dir: string; files: string[] }> {
  await mkdir(dest, { recursive: true })
  const scratch = await tempDir('zip-')
  try {
    const zip = join(scratch, 'artifact.zip')
    await writeFile(zip, bytes)
    await tool('unzip', ['-q', '-o', zip, '-d', dest])
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  return { dir: dest, files: await listFiles(dest) }
}

/** One line of `tar -tvzf` or `zipinfo`: permissions and name. */
export interface ListedEntry {
  mode: string
  name: string
}

/** Entries of a tar.gz, as `tar -tvzf` lists them. */
export async function tarEntries(archive: string): Promise<ListedEntry[]> {
  const out = await tool('tar', ['-tvzf', archive])
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const f = line.trim().split(/\s+/)
      return { mode: f[0], name: f[f.length - 1] }
    })
}

/** Entries of a zip, as `zipinfo` lists them (mode and name columns). */
export async function zipEntries(archive: string): Promise<ListedEntry[]> {
  const out = await tool('zipinfo', [archive])
  return out
    .split('\n')
    .filter((line) => /^[-dl?][rwxsStT-]{9}\s/.test(line))
    .map((line) => {
      const f = line.trim().split(/\s+/)
      return { mode: f[0], name: f[f.length - 1] }
    })
}

/**
 * Sets environment variables (undefined deletes) and returns a function that
 * puts the whole of process.env back as it was.
 */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = { ...process.env }
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  return () => {
    for (const k of Object.keys(process.env)) {
      if (!(k in saved)) delete process.env[k]
    }
    Object.assign(process.env, saved)
  }
}

/** The runner variables that tell @actions/artifact where to upload. */
export const RUNNER_VARS = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'GITHUB_SERVER_URL',
  'GITHUB_REPOSITORY',
  'GITHUB_RUN_ID',
  'GITHUB_RETENTION_DAYS'
] as const

/**
 * Collects what is written to stdout (where @actions/core logs) instead of
 * printing it. Call the returned function to stop and get the text.
 */
export function captureStdout(): () => string {
  const original = process.stdout.write.bind(process.stdout)
  let text = ''
  process.stdout.write = ((chunk: string | Uint8Array): boolean => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  }) as typeof process.stdout.write
  return () => {
    process.stdout.write = original
    return text
  }
}
