import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { buildAll, goExecName } from '../src/build/build.js'
import { parsePublishInputs } from '../src/package/options.js'
import { baseEnvironment } from '../src/plan/environment.js'
import { nameBinaries } from '../src/plan/names.js'
import { commonBuildFlags, compileParallelism } from '../src/plan/plan.js'
import { defaultBinaryName, resolvePackages } from '../src/plan/packages.js'
import { makeTarget } from '../src/plan/targets.js'
import { ROOT } from './support/action.js'

const defaults = parsePublishInputs(() => '')

const fixture = (name: string): string => path.join(ROOT, '__fixtures__', name)

describe('naming', () => {
  it.each<[string, string, string, string, string]>([
    ['module root', 'example.com/hello', '/src/hello', '/src/hello', 'hello'],
    ['major version suffix', 'github.com/acme/tool/v2', '/src/tool', '/src/tool', 'tool'],
    ['sub-directory', 'example.com/twomains', '/src/t/cmd/server', '/src/t', 'server'],
    ['outside a module', '', '/src/x/prog', '', 'prog']
  ])('%s', (_, modulePath, dir, moduleDir, expected) => {
    expect(defaultBinaryName({ importPath: 'x', modulePath, dir, moduleDir })).toBe(expected)
  })

  it.each<[string, string, string, string]>([
    ['linux', 'amd64', '', 'tool-linux-amd64'],
    ['linux', 'arm', '7', 'tool-linux-arm-7'],
    ['linux', 'arm', '6,softfloat', 'tool-linux-arm-6-softfloat'],
    ['windows', 'arm64', '', 'tool-windows-arm64.exe'],
    ['js', 'wasm', '', 'tool-js-wasm.wasm'],
    ['wasip1', 'wasm', '', 'tool-wasip1-wasm.wasm']
  ])('%s/%s/%s → %s', (goos, goarch, variant, expected) => {
    const pkg = { pattern: '.', importPath: 'example.com/tool', binaryName: 'tool' }
    const [b] = nameBinaries(defaults, [makeTarget(goos, goarch, variant)], [pkg], '/out').binaries
    expect(b.fileName).toBe(expected)
    expect(b.path).toBe(path.join('/out', expected))
  })
})

describe('goExecName mirrors the names go build -o DIR/ writes', () => {
  it.each<[string, string, string]>([
    ['example.com/twomains/cmd/server', 'linux', 'server'],
    ['example.com/tool/v2', 'linux', 'tool'],
    ['example.com/tool/v1', 'linux', 'v1'],
    ['example.com/tool/v0', 'windows', 'v0.exe'],
    ['example.com/tool/v10', 'windows', 'tool.exe'],
    ['hello', 'js', 'hello']
  ])('%s for %s → %s', (importPath, goos, expected) => {
    expect(goExecName(importPath, goos)).toBe(expected)
  })
})

describe('scheduling policy', () => {
  it.each<[number, number, number]>([
    [2, 2, 1],
    [2, 1, 2],
    [4, 3, 2],
    [16, 6, 3],
    [1, 4, 1]
  ])('%i CPUs, %i builds at once → go build -p %i', (cpus, parallel, p) => {
    expect(compileParallelism(cpus, parallel)).toBe(p)
  })

  it('puts the common flags before the package, ldflags as one argument', () => {
    expect(
      commonBuildFlags({ trimpath: true, ldflags: "-s -w -X 'a=b c'", tags: ['netgo', 'x'], flags: ['-v'] })
    ).toEqual(['-trimpath', "-ldflags=-s -w -X 'a=b c'", '-tags=netgo,x', '-v'])
    expect(commonBuildFlags({ trimpath: false, ldflags: '', tags: [], flags: [] })).toEqual([])
  })
})

describe('resolvePackages (real go list)', () => {
  const env = { ...baseEnvironment(process.env, {}).env, CGO_ENABLED: '0' }
  const resolve = (dir: string, patterns: string[], binaryName = '') =>
    resolvePackages({ go: 'go', cwd: fixture(dir), env, patterns, binaryName, listFlags: [] })

  it('names the root package after the module', async () => {
    expect(await resolve('hello', ['.'])).toEqual([
      { pattern: fixture('hello'), importPath: 'example.com/hello', binaryName: 'hello' }
    ])
  })

  it('expands ./cmd/... to every main package, skipping libraries', async () => {
    const mains = await resolve('twomains', ['./...'])
    expect(mains.map((m) => m.binaryName)).toEqual(['client', 'server'])
  })

  it('refuses binary-name with several packages, and unknown packages', async () => {
    await expect(resolve('twomains', ['./cmd/server', './cmd/client'], 'x')).rejects.toThrow(
      /binary-name: "x" can name one binary, but package gives 2 \(server, client\)/
    )
    await expect(resolve('twomains', ['./internal/greet'])).rejects.toThrow(
      /"\.\/internal\/greet" \(example\.com\/twomains\/internal\/greet\) is package greet, not a main package/
    )
    await expect(resolve('twomains', ['./internal/...'])).rejects.toThrow(/holds no main package/)
    await expect(resolve('twomains', ['./nothing/...'])).rejects.toThrow(/"\.\/nothing\/\.\.\." cannot be built: .*no such file/)
  })
})

describe('buildAll (real go build)', () => {
  it('builds in parallel and returns results in plan order', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'buildall-'))
    const seen: string[] = []
    const targets = [makeTarget('linux', 'amd64'), makeTarget('linux', 'arm64')]
    const packages = [{ pattern: fixture('hello'), importPath: 'example.com/hello', binaryName: 'hello' }]
    const builds = await buildAll(
      {
        go: 'go',
        cwd: fixture('hello'),
        outputDir: out,
        targets,
        packages,
        binaries: nameBinaries(defaults, targets, packages, out).binaries,
        baseEnv: baseEnvironment(process.env, {}).env,
        buildFlags: commonBuildFlags({ trimpath: true, ldflags: '-s -w', tags: [], flags: [] }),
        parallel: 2,
        compileParallel: 1,
        failFast: false
      },
      (b) => seen.push(b.target.name)
    )
    expect(builds.map((b) => [b.target.name, b.status])).toEqual([
      ['linux/amd64', 'built'],
      ['linux/arm64', 'built']
    ])
    expect(seen.sort()).toEqual(['linux/amd64', 'linux/arm64'])
    expect(builds[0].sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(builds.map((b) => [b.id, path.basename(b.path)])).toEqual([
      ['linux-amd64/hello', 'hello-linux-amd64'],
      ['linux-arm64/hello', 'hello-linux-arm64']
    ])
  })
})
