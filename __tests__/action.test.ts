/**
 * End to end: the committed bundle, run as a runner would, on the Go fixture
 * modules, with the real toolchain; results cross-checked with `file` and
 * `go version -m`.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { binariesOf, ROOT, runAction } from './support/action.js'

const fixture = (name: string): string => path.join(ROOT, '__fixtures__', name)
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'gcb-out-'))

/** `go version -m` of a binary, as build setting name → value. */
function buildSettings(file: string): Record<string, string> {
  const out = execFileSync('go', ['version', '-m', file], { encoding: 'utf8' })
  const settings: Record<string, string> = {}
  for (const line of out.split('\n')) {
    const m = /^\s+build\s+([^=]+)=(.*)$/.exec(line)
    if (m) settings[m[1]] = m[2]
  }
  return settings
}

const fileType = (file: string): string =>
  execFileSync('file', ['-b', file], { encoding: 'utf8' }).trim()

/** The job's environment at its worst: a C toolchain and leftover variants. */
const POLLUTED = {
  CC: 'clang',
  CXX: 'clang++',
  CGO_ENABLED: '1',
  CGO_CFLAGS: '-O2',
  PKG_CONFIG_PATH: '/opt/lib/pkgconfig',
  GOOS: 'plan9',
  GOARCH: 'mips',
  GOARM: '5',
  GOAMD64: 'v4',
  GOARM64: 'v9.5'
}

describe('the bundle on the default six-target matrix', () => {
  const out = tmp()
  let run: Awaited<ReturnType<typeof runAction>>

  beforeAll(async () => {
    run = await runAction(
      {
        'working-directory': fixture('hello'),
        'output-dir': out,
        verify: 'true',
        upload: 'none'
      },
      POLLUTED
    )
  })

  it('succeeds and logs the plan, the toolchain and what it dropped', () => {
    expect(run.stdout).toMatch(/go version go1\.\d+/)
    expect(run.stdout).toMatch(/host: linux\/amd64/)
    expect(run.stdout).toMatch(
      /dropped from the inherited environment: CC, CGO_CFLAGS, CXX, PKG_CONFIG_PATH/
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs['output-dir']).toBe(out)
  })

  it('builds one binary per target, each in its own log group', () => {
    const binaries = binariesOf(run)
    expect(binaries.map((b) => b.target)).toEqual([
      'darwin/amd64',
      'darwin/arm64',
      'linux/amd64',
      'linux/arm64',
      'windows/amd64',
      'windows/arm64'
    ])
    expect(binaries.map((b) => b.name)).toEqual([
      'hello-darwin-amd64',
      'hello-darwin-arm64',
      'hello-linux-amd64',
      'hello-linux-arm64',
      'hello-windows-amd64.exe',
      'hello-windows-arm64.exe'
    ])
    expect(run.stdout.match(/::group::/g)?.length).toBeGreaterThanOrEqual(6)
  })

  it('reports size, sha256 and seconds that match the files', () => {
    for (const b of binariesOf(run)) {
      const bytes = readFileSync(b.path as string)
      expect(b.status).toBe('built')
      expect(b.size).toBe(bytes.length)
      expect(b.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
      expect(b.seconds).toBeGreaterThan(0)
      expect(path.dirname(b.path as string)).toBe(out)
    }
  })

  it.each([
    ['hello-linux-amd64', /^ELF 64-bit LSB executable, x86-64.*statically linked/],
    ['hello-linux-arm64', /^ELF 64-bit LSB executable, ARM aarch64.*statically linked/],
    ['hello-darwin-amd64', /^Mach-O 64-bit x86_64 executable/],
    ['hello-darwin-arm64', /^Mach-O 64-bit arm64 executable/],
    ['hello-windows-amd64.exe', /^PE32\+ executable.*x86-64/],
    ['hello-windows-arm64.exe', /^PE32\+ executable.*Aarch64/]
  ])('file(1) agrees that %s is %s', (name, expected) => {
    expect(fileType(path.join(out, name))).toMatch(expected)
  })

  it('the job environment did not leak into the builds (go version -m)', () => {
    for (const b of binariesOf(run)) {
      const s = buildSettings(b.path as string)
      expect(s.CGO_ENABLED).toBe('0')
      expect(s.GOOS).toBe(b.goos)
      expect(s.GOARCH).toBe(b.goarch)
      expect(s['-trimpath']).toBe('true')
      if (b.goarch === 'amd64') expect(s.GOAMD64).toBe('v1')
      if (b.goarch === 'arm64') expect(s.GOARM64).toBe('v8.0')
    }
  })
})

describe('the bundle on the fixture modules', () => {
  it('net and os/user build static with CGO off, variants reach the compiler', async () => {
    const out = tmp()
    const run = await runAction({
      'working-directory': fixture('netuser'),
      'output-dir': out,
      targets: 'linux/amd64/v3, linux/arm/v6',
      ldflags: '',
      upload: 'none'
    })
    expect(run.exitCode).toBe(0)
    const [amd64, arm] = binariesOf(run)
    expect(amd64.name).toBe('netuser-linux-amd64-v3')
    expect(fileType(amd64.path as string)).toMatch(/statically linked/)
    expect(buildSettings(amd64.path as string)).toMatchObject({ CGO_ENABLED: '0', GOAMD64: 'v3' })
    expect(fileType(arm.path as string)).toMatch(/ELF 32-bit LSB executable, ARM.*statically linked/)
    expect(buildSettings(arm.path as string)).toMatchObject({ CGO_ENABLED: '0', GOARM: '6' })
    const nm = execFileSync('go', ['tool', 'nm', amd64.path as string], { encoding: 'utf8' })
    // runtime/cgo (and its C half, x_cgo_*) is linked in only with cgo on
    expect(nm).not.toMatch(/runtime\/cgo|x_cgo_/)
    // the pure-Go resolver and user lookup are what got linked
    expect(nm).toMatch(/ net\.\(\*Resolver\)\.goLookupHostOrder$/m)
    expect(nm).toMatch(/ os\/user\.Current$/m)
  })

  it('names the dependency that needs cgo', async () => {
    const out = tmp()
    const run = await runAction({
      'working-directory': fixture('needscgo'),
      'output-dir': out,
      targets: 'linux/amd64 linux/arm64',
      upload: 'none'
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::2 problem\(s\):%0Alinux\/amd64: example\.com\/cgodep requires cgo, which this action keeps off\. Use a pure-Go alternative or drop the target\.%0Alinux\/arm64: example\.com\/cgodep requires cgo/
    )
    expect(binariesOf(run).map((b) => b.status)).toEqual(['failed', 'failed'])
  })

  it('a compile error fails every target, lists each, and keeps the output', async () => {
    const run = await runAction({
      'working-directory': fixture('broken'),
      'output-dir': tmp(),
      targets: 'linux/amd64 windows/amd64',
      upload: 'none'
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/undefined: undefinedName/)
    expect(run.stdout).toMatch(/linux\/amd64: go build broken failed \(exit code 1\)/)
    expect(run.stdout).toMatch(/windows\/amd64: go build broken failed/)
    for (const b of binariesOf(run)) expect(b.error).toMatch(/failed/)
  })

  it('fail-fast stops starting builds after the first failure', async () => {
    const run = await runAction({
      'working-directory': fixture('broken'),
      'output-dir': tmp(),
      targets: 'linux/amd64 linux/arm64 linux/riscv64',
      parallel: '1',
      'fail-fast': 'true',
      upload: 'none'
    })
    expect(run.exitCode).toBe(1)
    expect(binariesOf(run).map((b) => b.status)).toEqual(['failed', 'skipped', 'skipped'])
  })

  it('two main packages give two binaries per target', async () => {
    const out = tmp()
    const run = await runAction({
      'working-directory': fixture('twomains'),
      'output-dir': out,
      package: './cmd/...',
      targets: 'linux/amd64 darwin/arm64',
      upload: 'none'
    })
    expect(run.exitCode).toBe(0)
    expect(binariesOf(run).map((b) => b.name)).toEqual([
      'client-darwin-arm64',
      'server-darwin-arm64',
      'client-linux-amd64',
      'server-linux-amd64'
    ])
    expect(execFileSync(path.join(out, 'server-linux-amd64'), { encoding: 'utf8' })).toBe(
      'hello, server\n'
    )
  })

  it('ldflags with quotes reach the linker as one -X value', async () => {
    const out = tmp()
    const run = await runAction({
      'working-directory': fixture('hello'),
      'output-dir': out,
      targets: 'linux/amd64',
      ldflags: `-s -w -X 'main.version=1.0 beta'`,
      'binary-name': 'greeter',
      upload: 'none'
    })
    expect(run.exitCode).toBe(0)
    const bin = path.join(out, 'greeter-linux-amd64')
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe('hello 1.0 beta\n')
  })
})

describe('bad input fails the step before any build, and loses nothing', () => {
  it.each<[string, Record<string, string>, Record<string, string>, RegExp[]]>([
    [
      'several problems at once',
      { targets: 'linux/amd46, linux/arm/9', parallel: '0', 'binary-name': 'a/b' },
      {},
      [
        /binary-name: "a\/b" contains a path separator/,
        /parallel: "0" is not a whole number/
      ]
    ],
    [
      'unknown target with a did-you-mean, and a bad variant',
      { targets: 'linux/amd46, linux/arm/9' },
      {},
      [
        /targets: "linux\/amd46" is not a Go target \(go1\.\d+\.\d+\); did you mean linux\/amd64\?/,
        /targets: "linux\/arm\/9": "9" is not a valid GOARM/
      ]
    ],
    ['a missing package', { package: './cmd/nope' }, {}, [/package: "\.\/cmd\/nope" cannot be built/]],
    ['a library package', { package: 'os' }, {}, [/package: "os" \(os\) is package os, not a main package/]],
    ['an empty list after exclusions', { targets: 'linux/* !linux/*' }, {}, [/leaves no target to build after the exclusions/]],
    ['GOFLAGS=-race in the job', {}, { GOFLAGS: '-race' }, [/GOFLAGS: "-race" is refused.*unset it for this step/]],
    ['CGO_ENABLED=1 in env', { env: 'CGO_ENABLED=1' }, {}, [/env: line 1 \(CGO_ENABLED\): CGO_ENABLED other than 0 is refused/]],
    ['a go command that does not exist', { go: '/nonexistent/go' }, {}, [/go: cannot run "\/nonexistent\/go"/]],
    ['a working-directory that does not exist', { 'working-directory': '/nonexistent' }, {}, [/working-directory: "\/nonexistent" is not a directory/]]
  ])('%s', async (_, inputs, env, messages) => {
    const out = tmp()
    const kept = path.join(out, 'kept-from-an-earlier-step')
    mkdirSync(out, { recursive: true })
    writeFileSync(kept, 'do not lose me')
    const run = await runAction(
      { 'working-directory': fixture('hello'), 'output-dir': out, upload: 'none', ...inputs },
      env
    )
    expect(run.exitCode).toBe(1)
    for (const m of messages) expect(run.stdout).toMatch(m)
    expect(run.stdout).not.toMatch(/::group::/)
    expect(readFileSync(kept, 'utf8')).toBe('do not lose me')
    expect(existsSync(path.join(out, 'hello-linux-amd64'))).toBe(false)
  })
})
