/**
 * Planning stage, part three: which main packages to build and what their
 * binaries are called, asked of `go list` before any build starts.
 */
import * as path from 'node:path'
import { PROBE_TIMEOUT_MS, runProcess } from '../process.js'
import type { MainPackage } from '../types.js'
import { ProblemError } from '../problem.js'

/** One line of our `go list` template. */
interface Listed {
  importPath: string
  name: string
  dir: string
  modulePath: string
  moduleDir: string
  error: string
}

const TEMPLATE =
  '{{.ImportPath}}\t{{.Name}}\t{{.Dir}}\t{{with .Module}}{{.Path}}\t{{.Dir}}{{else}}\t{{end}}\t{{with .Error}}{{.Err}}{{end}}'

function parseListed(stdout: string): Listed[] {
  return stdout
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line) => {
      const [importPath, name, dir, modulePath, moduleDir, ...error] = line.split('\t')
      return {
        importPath,
        name,
        dir,
        modulePath,
        moduleDir,
        error: error.join('\t').trim()
      }
    })
}

/**
 * The default binary name of a main package: its directory's name, or for
 * the module's root package the module path's last element (skipping a
 * major-version suffix such as /v2).
 */
export function defaultBinaryName(p: {
  importPath: string
  dir: string
  modulePath: string
  moduleDir: string
}): string {
  const samePath = (a: string, b: string): boolean =>
    path.resolve(a).toLowerCase() === path.resolve(b).toLowerCase()
  if (p.modulePath && p.moduleDir && samePath(p.dir, p.moduleDir)) {
    const parts = p.modulePath.split('/')
    let last = parts[parts.length - 1]
    if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]
    return last
  }
  return path.basename(p.dir)
}

/** Whether a package pattern may match several packages. */
function isWildcard(pattern: string): boolean {
  return pattern.includes('...')
}

/**
 * Resolve the `package` input to main packages with their binary names.
 *
 * @throws ProblemError listing every problem (missing package, not main,
 *   clashing names) before any build starts
 */
export async function resolvePackages(options: {
  go: string
  cwd: string
  env: Record<string, string>
  patterns: readonly string[]
  binaryName: string
  /** Extra flags that change what go list sees (tags, -mod). */
  listFlags: readonly string[]
}): Promise<MainPackage[]> {
  const { go, cwd, env, patterns, binaryName, listFlags } = options
  const problems: string[] = []
  // -find: the named packages only, not their imports. What is asked here
  // (import path, name, directory, module) needs no more, and loading the
  // whole import graph would fetch modules on a cold runner before the
  // download that runs beside it; an import that cannot be resolved is the
  // compiler's to report, with its own message.
  const result = await runProcess(
    go,
    ['list', '-e', '-find', ...listFlags, '-f', TEMPLATE, '--', ...patterns],
    { cwd, env, timeoutMs: PROBE_TIMEOUT_MS }
  )
  if (result.timedOut)
    throw new Error(
      `package: go list ${patterns.join(' ')} did not answer within ${PROBE_TIMEOUT_MS / 60_000} minutes in ${cwd} and was killed. Check working-directory and package, and the job's network/GOPROXY settings.`
    )
  const listed = parseListed(result.stdout)
  if (result.exitCode !== 0 && listed.length === 0)
    throw new Error(
      `package: go list ${patterns.join(' ')} failed in ${cwd}: ${result.stderr.trim()}. Check working-directory and package.`
    )
  const mains: MainPackage[] = []
  const byPattern = new Map<string, Listed[]>()
  // go list -e prints one line per package in pattern order; attribute each
  // explicit pattern by position, wildcard patterns by what they yield.
  const explicit = patterns.filter((p) => !isWildcard(p))
  if (!patterns.some(isWildcard)) {
    explicit.forEach((p, i) => byPattern.set(p, listed[i] ? [listed[i]] : []))
  }
  for (const p of listed) {
    if (p.error) {
      const shown = patterns.find((pat) => byPattern.get(pat)?.includes(p)) ?? p.importPath
      problems.push(
        `package: "${shown}" cannot be built: ${p.error.split('\n')[0]}. Give a main package relative to working-directory (${cwd}), e.g. . or ./cmd/tool.`
      )
      continue
    }
    if (p.name !== 'main') {
      if (!patterns.some(isWildcard)) {
        const shown = patterns.find((pat) => byPattern.get(pat)?.includes(p)) ?? p.importPath
        problems.push(
          `package: "${shown}" (${p.importPath}) is package ${p.name}, not a main package; only main packages build binaries.`
        )
      }
      continue
    }
    mains.push({ pattern: p.dir, importPath: p.importPath, binaryName: defaultBinaryName(p) })
  }
  if (!problems.length && mains.length === 0)
    problems.push(
      `package: "${patterns.join(' ')}" holds no main package in ${cwd}; point it at the directory of a package main.`
    )
  if (binaryName) {
    if (mains.length > 1)
      problems.push(
        `binary-name: "${binaryName}" can name one binary, but package gives ${mains.length} (${mains
          .map((m) => m.binaryName)
          .join(', ')}); leave binary-name empty to name each after its directory.`
      )
    else if (mains.length === 1) mains[0].binaryName = binaryName
  }
  const names = new Map<string, number>()
  for (const m of mains) names.set(m.binaryName, (names.get(m.binaryName) ?? 0) + 1)
  for (const [name, count] of names)
    if (count > 1)
      problems.push(
        `package: ${count} main packages would all make a binary named "${name}"; build them in separate steps with binary-name, or rename a directory.`
      )
  if (problems.length) throw new ProblemError(problems)
  return mains
}
