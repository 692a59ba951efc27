import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  baseEnvironment,
  WITHHELD_VARIABLES,
  parseEnvInput,
  targetEnvironment
} from '../src/plan/environment.js'
import { makeTarget, VARIANT_VARS } from '../src/plan/targets.js'
import { probeToolchain } from '../src/plan/toolchain.js'

const polluted: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: '/home/runner',
  CC: 'clang',
  CXX: 'clang++',
  CGO_ENABLED: '1',
  CGO_CFLAGS: '-O2',
  CGO_CPPFLAGS: '-DX',
  CGO_CXXFLAGS: '-O3',
  CGO_FFLAGS: '-g',
  CGO_LDFLAGS: '-lm',
  CGO_CFLAGS_ALLOW: '.*',
  PKG_CONFIG: 'pkgconf',
  PKG_CONFIG_PATH: '/opt/lib/pkgconfig',
  PKG_CONFIG_LIBDIR: '/opt/lib',
  PKG_CONFIG_SYSROOT_DIR: '/sysroot',
  GOOS: 'plan9',
  GOARCH: 'mips',
  GOARM: '5',
  GOAMD64: 'v4',
  GOARM64: 'v9.0',
  GOMIPS: 'softfloat',
  GOMIPS64: 'softfloat',
  GO386: 'softfloat',
  GOPPC64: 'power10',
  GORISCV64: 'rva23u64',
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off'
}

describe('baseEnvironment', () => {
  it('drops the C toolchain and cgo variables and names them', () => {
    const { env, dropped } = baseEnvironment(polluted, {}, 'linux')
    expect(dropped).toEqual([
      'CC',
      'CGO_CFLAGS',
      'CGO_CFLAGS_ALLOW',
      'CGO_CPPFLAGS',
      'CGO_CXXFLAGS',
      'CGO_FFLAGS',
      'CGO_LDFLAGS',
      'CXX',
      'PKG_CONFIG',
      'PKG_CONFIG_LIBDIR',
      'PKG_CONFIG_PATH',
      'PKG_CONFIG_SYSROOT_DIR'
    ])
    for (const name of dropped) expect(env).not.toHaveProperty(name)
    expect(env.GOPROXY).toBe('off')
    expect(env.GOFLAGS).toBe('-mod=mod')
    expect(env.HOME).toBe('/home/runner')
  })

  it('matches names case-insensitively on Windows', () => {
    const { env, dropped } = baseEnvironment(
      { Path: 'C:\\Go\\bin', cc: 'gcc', Pkg_Config_Path: 'x' },
      { PATH: 'C:\\tools' },
      'win32'
    )
    expect(dropped).toEqual(['Pkg_Config_Path', 'cc'])
    expect(env).toEqual({ PATH: 'C:\\tools' })
  })

  it('withholds the runner credentials and every INPUT_* variable, naming them', () => {
    const runner = {
      HOME: '/home/runner',
      ACTIONS_RUNTIME_TOKEN: 't',
      ACTIONS_RUNTIME_URL: 'u',
      ACTIONS_RESULTS_URL: 'u',
      ACTIONS_CACHE_URL: 'u',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'u',
      GITHUB_TOKEN: 't',
      INPUT_ENV: 'A=1',
      INPUT_TARGETS: 'linux/amd64',
      GITHUB_WORKSPACE: '/w'
    }
    const { env, withheld } = baseEnvironment(runner, {}, 'linux')
    expect(env).toEqual({ HOME: '/home/runner', GITHUB_WORKSPACE: '/w' })
    expect(withheld).toEqual(
      [...WITHHELD_VARIABLES, 'INPUT_ENV', 'INPUT_TARGETS'].sort()
    )
  })

  it('withholds credentials whatever their case on Windows', () => {
    const { env, withheld } = baseEnvironment(
      { Path: 'C:\\Go', github_token: 't', Input_Go: 'go' },
      {},
      'win32'
    )
    expect(env).toEqual({ Path: 'C:\\Go' })
    expect(withheld).toEqual(['Input_Go', 'github_token'])
  })

  it('passes a withheld variable given in the env input, and does not list it', () => {
    const { env, withheld } = baseEnvironment(
      { GITHUB_TOKEN: 'runner', ACTIONS_RUNTIME_TOKEN: 'r' },
      { GITHUB_TOKEN: 'mine' },
      'linux'
    )
    expect(env).toEqual({ GITHUB_TOKEN: 'mine' })
    expect(withheld).toEqual(['ACTIONS_RUNTIME_TOKEN'])
  })

  it('applies the env input after the inherited variables', () => {
    const { env } = baseEnvironment(polluted, { GOPROXY: 'direct', FOO: 'bar' }, 'linux')
    expect(env.GOPROXY).toBe('direct')
    expect(env.FOO).toBe('bar')
  })
})

describe('targetEnvironment', () => {
  const { env: base } = baseEnvironment(polluted, {}, 'linux')

  it.each<[string, string, string, Record<string, string>]>([
    ['linux', 'amd64', '', { GOOS: 'linux', GOARCH: 'amd64', GOAMD64: '' }],
    ['linux', 'amd64', 'v3', { GOOS: 'linux', GOARCH: 'amd64', GOAMD64: 'v3' }],
    ['linux', 'arm', '7', { GOARCH: 'arm', GOARM: '7' }],
    ['linux', 'arm64', 'v8.2', { GOARCH: 'arm64', GOARM64: 'v8.2' }],
    ['linux', 'mipsle', 'softfloat', { GOARCH: 'mipsle', GOMIPS: 'softfloat' }],
    ['windows', '386', '', { GOOS: 'windows', GOARCH: '386', GO386: '' }],
    ['js', 'wasm', '', { GOOS: 'js', GOARCH: 'wasm' }]
  ])('%s/%s/%s sets every variant variable, the target last', (goos, goarch, variant, expected) => {
    const env = targetEnvironment(base, makeTarget(goos, goarch, variant), 'linux')
    expect(env).toMatchObject({ ...expected, CGO_ENABLED: '0' })
    for (const name of VARIANT_VARS)
      expect(env[name]).toBe(expected[name] ?? '')
    const keys = Object.keys(env)
    expect(keys.slice(-1)).toEqual(['CGO_ENABLED'])
    expect(env.CC).toBeUndefined()
  })

  it('is what the real go command sees', () => {
    const env = targetEnvironment(base, makeTarget('linux', 'arm', '6'), 'linux')
    const out = execFileSync(
      'go',
      ['env', 'GOOS', 'GOARCH', 'GOARM', 'GOAMD64', 'CGO_ENABLED', 'CC'],
      { env, encoding: 'utf8' }
    ).split('\n')
    // the job's GOAMD64=v4 does not leak in: it is explicitly empty
    expect(out.slice(0, 5)).toEqual(['linux', 'arm', '6', '', '0'])
    // CC falls back to Go's default, not the job's clang
    expect(out[5]).not.toBe('clang')
  })
})

describe('values saved with go env -w', () => {
  it('do not leak into a target that names no variant', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'goenv-'))
    const goenv = path.join(dir, 'env')
    writeFileSync(goenv, 'GOAMD64=v4\nGOARM=5\nGOARM64=v9.5\n')
    const { env: base } = baseEnvironment({ ...process.env, GOENV: goenv }, {}, 'linux')
    const { variantDefaults: defaults } = await probeToolchain('go', process.cwd(), base)
    expect(defaults).toMatchObject({ GOAMD64: 'v1', GOARM: '7', GOARM64: 'v8.0' })
    const seen = (goarch: string, variant = ''): string =>
      execFileSync('go', ['env', 'GOAMD64', 'GOARM', 'GOARM64'], {
        env: targetEnvironment(base, makeTarget('linux', goarch, variant), 'linux', defaults),
        encoding: 'utf8'
      })
    // without the defaults, the saved values would win over the empty variables
    expect(seen('amd64').split('\n')[0]).toBe('v1')
    expect(seen('arm').split('\n')[1]).toBe('7')
    expect(seen('arm64').split('\n')[2]).toBe('v8.0')
    expect(seen('arm', '6').split('\n')[1]).toBe('6')
    // proof that the env file is read at all
    expect(
      execFileSync('go', ['env', 'GOAMD64'], { env: { ...base, GOENV: goenv }, encoding: 'utf8' }).trim()
    ).toBe('v4')
  })
})

describe('parseEnvInput', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments', () => {
    expect(parseEnvInput('A=1\n\n# note\nB = two\nC=x=y\nCGO_ENABLED=0\n').env).toEqual({
      A: '1',
      B: ' two',
      C: 'x=y'
    })
  })

  it.each<[string, RegExp]>([
    ['CGO_ENABLED=1', /env: line 1 \(CGO_ENABLED\): CGO_ENABLED other than 0 is refused/],
    ['GOOS=linux', /GOOS is set per target by the action; choose it with the targets input/],
    ['GOARM=7', /GOARM is set per target/],
    ['NOEQUALS', /is not KEY=VALUE/],
    ['=x', /is not KEY=VALUE/],
    ['1BAD=x', /is not KEY=VALUE/]
  ])('%j is refused', (text, message) => {
    expect(parseEnvInput(text).errors.join('\n')).toMatch(message)
  })

  it.each(['TOKEN s3cr3t-value', 'CGO_ENABLED=s3cr3t-value', 'GOOS=s3cr3t-value'])(
    'never quotes the value of a refused line (%j)',
    (text) => {
      const { errors } = parseEnvInput(`A=1\n${text}`)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(/^env: line 2\b/)
      expect(errors[0]).not.toContain('s3cr3t')
    }
  )
})
