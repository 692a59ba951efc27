/**
 * Build-machine paths in binaries: the streaming scanner on files made to
 * put a path across a chunk border, and on real Go binaries built with and
 * without a path smuggled in through -ldflags -X, cross-checked with
 * `grep -obaF`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sha256File } from '../src/hash.js'
import {
  MAX_PATH_HITS,
  PathScanner,
  buildMachinePaths,
  machinePaths,
  pathFindings,
  scanForPaths
} from '../src/inspect/paths.js'
import { ROOT } from './support/action.js'

const dir = mkdtempSync(path.join(tmpdir(), 'gcb-paths-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const MiB = 1 << 20

describe('machinePaths', () => {
  it.each([
    ['a Windows path in both spellings', 'D:\\a\\repo\\repo', ['D:\\a\\repo\\repo', 'D:/a/repo/repo']],
    ['a trailing separator dropped', '/home/runner/', ['/home/runner']],
    ['a root too short to search for', '/', []],
    ['a drive root too short', 'C:\\', []],
    ['unset', undefined, []]
  ])('%s', (_, input, expected) => {
    expect(machinePaths([{ label: 'X', dir: input }]).map((p) => p.dir)).toEqual(expected)
  })

  it('names each directory once, under its first label', () => {
    expect(
      machinePaths([
        { label: 'the module directory', dir: '/home/runner/work/x' },
        { label: 'GITHUB_WORKSPACE', dir: '/home/runner/work/x/' }
      ])
    ).toEqual([{ label: 'the module directory', dir: '/home/runner/work/x' }])
  })

  it('splits GOPATH lists and takes HOME from the environment', () => {
    const labels = buildMachinePaths({
      moduleDir: '/w/mod',
      gopath: ['/gp/one', '/gp/two'].join(path.delimiter),
      env: { HOME: '/home/me', RUNNER_TEMP: '/tmp/runner' }
    }).map((p) => `${p.label}=${p.dir}`)
    expect(labels).toEqual([
      'the module directory=/w/mod',
      'GOPATH=/gp/one',
      'GOPATH=/gp/two',
      'RUNNER_TEMP=/tmp/runner',
      'HOME=/home/me'
    ])
  })
})

describe('scanForPaths', () => {
  const home = '/home/runner'
  const work = '/home/runner/work/app/app'
  const paths = machinePaths([
    { label: 'HOME', dir: home },
    { label: 'the module directory', dir: work }
  ])

  it.each([
    ['at the start', 0],
    ['across the first chunk border', MiB - 7],
    ['right after the border', MiB],
    ['at the very end', 3 * MiB - work.length - 1]
  ])('finds a path %s, once', async (_, at) => {
    const bytes = Buffer.alloc(3 * MiB, 0x41)
    bytes.write(`${work}/main.go`.slice(0, work.length + 1), at, 'latin1')
    const file = path.join(dir, `one-${at}.bin`)
    writeFileSync(file, bytes)
    const scan = await scanForPaths(file, paths)
    expect(scan.total).toBe(1)
    expect(scan.hits.map((h) => [h.label, h.offset])).toEqual([['the module directory', at]])
  })

  it('counts HOME where it is not the prefix of a longer path, and keeps only the first hits', async () => {
    const parts = [`${home}/.config/x`, ...Array.from({ length: 30 }, (_, i) => `${work}\\f${i}`)]
    const file = path.join(dir, 'many.bin')
    writeFileSync(file, Buffer.from(parts.join('\0'), 'latin1'))
    const scan = await scanForPaths(file, paths)
    expect(scan.total).toBe(31)
    expect(scan.hits).toHaveLength(MAX_PATH_HITS)
    expect(scan.hits[0]).toMatchObject({ label: 'HOME', offset: 0, text: `${home}/.config/x` })
    const findings = pathFindings(scan, 'app')
    expect(findings.filter((f) => f.severity === 'error')).toHaveLength(MAX_PATH_HITS)
    expect(findings.at(-1)).toMatchObject({ severity: 'note', hint: 'app: 21 more occurrence(s) of build-machine paths left out.' })
  })

  it('takes a directory only before a separator, and the longest of those sharing a start', async () => {
    // /opt/tool is a string prefix of /opt/toolbox without being its parent:
    // one pass looks for both, and each hit is named by what really matches
    const shared = machinePaths([
      { label: 'A', dir: '/opt/tool' },
      { label: 'B', dir: '/opt/toolbox' },
      { label: 'C', dir: '/srv/x1' }
    ])
    const text = ['/opt/toolbox/f', '/opt/tool/g', '/opt/tools/h', '/opt/toolbox', '/srv/x1\\w', '/srv/x10/y'].join('\0')
    const file = path.join(dir, 'shared.bin')
    writeFileSync(file, Buffer.from(text, 'latin1'))
    const scan = await scanForPaths(file, shared)
    expect(scan.hits.map((h) => [h.label, h.offset])).toEqual([
      ['B', 0],
      ['A', text.indexOf('/opt/tool/g')],
      ['C', text.indexOf('/srv/x1\\')]
    ])
    expect(scan.counts).toEqual({ A: 1, B: 1, C: 1 })
  })

  it('finds nothing in a file without the paths, and nothing when there is nothing to look for', async () => {
    const file = path.join(dir, 'clean.bin')
    writeFileSync(file, Buffer.alloc(2 * MiB + 5, 0x2f))
    expect(await scanForPaths(file, paths)).toEqual({ hits: [], total: 0, counts: {} })
    expect(await scanForPaths(file, [])).toEqual({ hits: [], total: 0, counts: {} })
  })
})

describe('real Go binaries', () => {
  const fixture = path.join(ROOT, '__fixtures__', 'hello')
  const goEnv = (name: string): string =>
    execFileSync('go', ['env', name], { encoding: 'utf8' }).trim()
  const paths = buildMachinePaths({
    moduleDir: fixture,
    goroot: goEnv('GOROOT'),
    gopath: goEnv('GOPATH'),
    gomodcache: goEnv('GOMODCACHE'),
    env: process.env
  })
  const build = (name: string, flags: string[]): string => {
    const out = path.join(dir, name)
    execFileSync('go', ['build', '-o', out, ...flags, '.'], {
      cwd: fixture,
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' }
    })
    return out
  }
  /** Byte offsets of `needle` in `file`, as grep sees them. */
  const grepOffsets = (file: string, needle: string): number[] => {
    try {
      return execFileSync('grep', ['-obaF', '--', needle, file], { encoding: 'latin1' })
        .trim()
        .split('\n')
        .map((l) => Number(l.split(':')[0]))
    } catch {
      return []
    }
  }

  it('finds the module path an -ldflags -X value smuggled into a trimmed binary, where grep finds it', async () => {
    const bin = build('smuggled', ['-trimpath', `-ldflags=-s -w -X main.version=${fixture}/VERSION`])
    const scan = await scanForPaths(bin, paths)
    expect(scan.hits.map((h) => h.offset)).toEqual(grepOffsets(bin, `${fixture}/`))
    expect(scan.total).toBe(1)
    const [finding] = pathFindings(scan, 'smuggled')
    expect(finding).toMatchObject({ check: 'build-path', severity: 'error' })
    expect(finding.hint).toContain(`the module directory (${fixture})`)
    expect(finding.hint).toContain(`${fixture}/VERSION`)
    expect(finding.hint).toMatch(/-ldflags -X/)
  }, 120000)

  it('finds nothing in the same program built with -trimpath alone', async () => {
    const bin = build('clean', ['-trimpath', '-ldflags=-s -w'])
    expect(await scanForPaths(bin, paths)).toEqual({ hits: [], total: 0, counts: {} })
  }, 120000)

  it('finds GOROOT source paths in a binary built without -trimpath', async () => {
    const bin = build('untrimmed', [])
    const scan = await scanForPaths(bin, paths)
    const goroot = goEnv('GOROOT')
    expect(scan.counts.GOROOT).toBe(grepOffsets(bin, `${goroot}/`).length)
    expect(scan.counts['the module directory']).toBe(grepOffsets(bin, `${fixture}/`).length)
    expect(scan.hits.some((h) => h.label === 'GOROOT' && /\.go\b/.test(h.text))).toBe(true)
    expect(pathFindings(scan, 'untrimmed')[0].hint).toMatch(/-trimpath did not reach/)
  }, 120000)

  it('scans the bytes it hashes in the same pass (the build stage) as scanForPaths reads them', async () => {
    const bin = build('untrimmed-hashed', [])
    const hashed = await sha256File(bin, () => new PathScanner(paths))
    expect(hashed.sha256).toBe(createHash('sha256').update(readFileSync(bin)).digest('hex'))
    const scan = hashed.sink!.finish()
    expect(scan).toEqual(await scanForPaths(bin, paths))
    expect(scan.counts.GOROOT).toBe(grepOffsets(bin, `${goEnv('GOROOT')}/`).length)
    // chunks of any size, cut anywhere, find the same
    const bytes = readFileSync(bin)
    const odd = new PathScanner(paths)
    for (let at = 0, n = 1; at < bytes.length; at += n, n = 1 + ((n * 7 + 13) % 300_007))
      odd.push(bytes.subarray(at, at + n))
    expect(odd.finish()).toEqual(scan)
  }, 120000)
})
