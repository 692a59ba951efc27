import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  CLI_DEFAULTS,
  UsageError,
  main,
  parseCliArgs,
  usage
} from '../src/cli/cli.js'
import { INPUT_DEFAULTS, getInputs } from '../src/inputs/inputs.js'
import { INPUT_TABLE, cliFlag } from '../src/inputs/table.js'
import { streamLog } from '../src/log.js'
import { execute } from '../src/pipeline.js'
import { binariesOutput } from '../src/report/outputs.js'
import type { Result } from '../src/types.js'
import { binariesOf, runAction } from './support/action.js'

const hello = path.resolve('__fixtures__', 'hello')

describe('parseCliArgs', () => {
  it.each<[string, string[], Record<string, string>]>([
    ['nothing', [], {}],
    [
      '--name value',
      ['--targets', 'linux/arm64,windows/amd64'],
      { targets: 'linux/arm64,windows/amd64' }
    ],
    [
      '--name=value',
      ['--ldflags=-s -w -X main.version=1'],
      { ldflags: '-s -w -X main.version=1' }
    ],
    [
      'a value that looks like a flag',
      ['--ldflags', '-s -w'],
      { ldflags: '-s -w' }
    ],
    [
      'repeated lists add up',
      ['--targets', 'linux/arm64', '--targets=darwin/*', 'windows/amd64'],
      { targets: 'linux/arm64, darwin/*, windows/amd64' }
    ],
    [
      'repeated packages add up',
      ['--package', './cmd/a', '--package', './cmd/b'],
      { package: './cmd/a ./cmd/b' }
    ],
    ['a boolean alone is true', ['--smoke-test'], { 'smoke-test': 'true' }],
    [
      '--no-<boolean>',
      ['--no-trimpath', '--no-verify'],
      { trimpath: 'false', verify: 'false' }
    ],
    [
      'a boolean with a value',
      ['--verify', 'false', '--fail-fast=true'],
      { verify: 'false', 'fail-fast': 'true' }
    ],
    [
      'a boolean does not eat the next word',
      ['--verify', 'linux/amd64'],
      { verify: 'true', targets: 'linux/amd64' }
    ],
    [
      'later wins for single values',
      ['--upload', 'combined', '--upload', 'per-target'],
      { upload: 'per-target' }
    ],
    ['-- ends the flags', ['--', '--not-a-flag'], { targets: '--not-a-flag' }],
    ['an empty value', ['--binary-name='], { 'binary-name': '' }]
  ])('%s', (_, argv, values) => {
    expect(parseCliArgs(argv).values).toEqual(values)
  })

  it('reads flags first, then the CLI defaults, then leaves the rest to getInputs', () => {
    const { get } = parseCliArgs(['--working-directory', 'app'])
    expect(get('working-directory')).toBe('app')
    expect(get('upload')).toBe('none')
    // Unset: getInputs applies the action.yml default, as on a runner.
    expect(get('targets')).toBeUndefined()
    expect(get('ldflags')).toBeUndefined()
  })

  it('sees --help and --verbose', () => {
    expect(parseCliArgs(['-h'])).toMatchObject({
      help: true,
      verbose: false
    })
    expect(parseCliArgs(['--verbose'])).toMatchObject({
      help: false,
      verbose: true
    })
  })

  it.each<[string[], RegExp]>([
    [
      ['--target', 'linux/amd64'],
      /^--target is not a flag of go-cross-build; did you mean --targets\?$/
    ],
    [['--verfy'], /did you mean --verify\?/],
    [['--no-verfy'], /did you mean --no-verify\?/],
    [['--no-ldflags'], /--no-ldflags is not a flag/],
    [['--frobnicate'], /^--frobnicate is not a flag of go-cross-build$/],
    [['--ldflags'], /^--ldflags needs a value$/],
    [['-x'], /^-x: not a flag/],
    [['--no-verify=true'], /takes no value/]
  ])('%j is refused', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError)
    expect(() => parseCliArgs(argv)).toThrow(message)
  })
})

describe('usage', () => {
  it('has a flag for every input of the table, with the default the CLI uses and the description', () => {
    const text = usage()
    const lines = text.split('\n')
    for (const input of INPUT_TABLE) {
      const shown = CLI_DEFAULTS[input.name] ?? input.default
      const at = lines.findIndex((l) =>
        new RegExp(`^  --(\\[no-\\])?${input.name}( |$)`).test(l)
      )
      expect(at).toBeGreaterThanOrEqual(0)
      expect(lines[at]).toBe(
        `  ${cliFlag(input)}${shown ? `  default: ${shown}` : ''}`
      )
      // The description follows, wrapped, word for word.
      const description: string[] = []
      for (let i = at + 1; lines[i]?.startsWith('      '); i++)
        description.push(lines[i].trim())
      expect(description.join(' ')).toBe(input.description.replace(/\s+/g, ' '))
      expect(Math.max(...description.map((l) => l.length + 6))).toBeLessThanOrEqual(80)
    }
    expect(text).toContain('  --[no-]verify  default: true')
    expect(text).toContain('  --upload <mode>  default: none')
  })

  it('every flag of the table parses, and nothing else is a flag', () => {
    for (const input of INPUT_TABLE) {
      const given = input.kind === 'boolean' ? 'false' : 'x'
      expect(parseCliArgs([`--${input.name}=${given}`]).values).toEqual({
        [input.name]: given
      })
    }
    expect(() => parseCliArgs(['--not-an-input=1'])).toThrow(UsageError)
  })
})

describe('main', () => {
  let out: string
  let err: string
  let dir: string
  const io = {
    out: (t: string) => void (out += t),
    err: (t: string) => void (err += t)
  }
  beforeEach(() => {
    out = ''
    err = ''
    dir = mkdtempSync(path.join(tmpdir(), 'cli-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('prints the help and exits 0', async () => {
    await expect(main(['--help'], io)).resolves.toBe(0)
    expect(out).toMatch(/^Usage: go-cross-build \[flags\] \[target\.\.\.\]/)
    expect(err).toBe('')
  })

  it('exits 2 on an unknown flag', async () => {
    await expect(main(['--targts', 'linux/amd64'], io)).resolves.toBe(2)
    expect(err).toBe(
      'go-cross-build: --targts is not a flag of go-cross-build; did you mean --targets?\nRun go-cross-build --help for the flags.\n'
    )
    expect(out).toBe('')
  })

  it("exits 2 with the action's own message for an invalid input", async () => {
    await expect(
      main(['--parallel', '0', '--working-directory', hello], io)
    ).resolves.toBe(2)
    expect(err).toMatch(
      /^go-cross-build: invalid flags:\n {2}parallel: "0" is not a whole number/
    )
  })

  it('builds the example for two targets, prints the report and exits 0', async () => {
    const code = await main(
      [
        '--targets',
        'linux/arm64,windows/amd64',
        '--working-directory',
        hello,
        '--output-dir',
        dir
      ],
      io
    )
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(existsSync(path.join(dir, 'hello-linux-arm64'))).toBe(true)
    expect(existsSync(path.join(dir, 'hello-windows-amd64.exe'))).toBe(true)
    // The action's log, with workflow commands made readable.
    expect(out).not.toMatch(/^::/m)
    expect(out).toMatch(/^▸ .*linux\/arm64/m)
    // The report: a row per binary, where they are, and the verdict.
    expect(out).toMatch(/^TARGET +BINARY +STATUS/m)
    expect(out).toMatch(/^linux\/arm64 +hello-linux-arm64 +built/m)
    expect(out).toMatch(/^windows\/amd64 +hello-windows-amd64\.exe +built/m)
    expect(out).toContain(`binaries: ${dir}`)
    expect(out).toMatch(
      /\n2 binaries built( and verified)? for 2 targets; 0 failed; .*\n$/
    )
  })

  it('exits 1 and shows the compiler error when the module does not compile', async () => {
    const mod = path.join(dir, 'broken')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(mod)
    writeFileSync(
      path.join(mod, 'go.mod'),
      'module example.com/broken\n\ngo 1.21\n'
    )
    writeFileSync(
      path.join(mod, 'main.go'),
      'package main\n\nfunc main() {\n\tundefinedThing()\n}\n'
    )
    const code = await main(
      [
        'linux/arm64',
        'windows/amd64',
        '--working-directory',
        mod,
        '--output-dir',
        path.join(dir, 'out')
      ],
      io
    )
    expect(code).toBe(1)
    expect(out).toMatch(/^linux\/arm64 +broken-linux-arm64 +build failed/m)
    expect(out).toContain('✗ linux/arm64 (broken), windows/amd64 (broken):')
    expect(
      out.match(/\.\/main\.go:4:2: undefined: undefinedThing/g)?.length
    ).toBeGreaterThanOrEqual(1)
    expect(out).toMatch(
      /\n0 of 2 binaries built for 2 targets; 2 failed \(linux\/arm64: build, windows\/amd64: build\); .*\n$/
    )
  })

  it('shows control characters of foreign text as escapes, never raw', async () => {
    await expect(
      main(['--parallel', '0\u001b[31m\u202e', '--working-directory', hello], io)
    ).resolves.toBe(2)
    expect(err).toContain('\\x1b[31m\\u202e')
    expect(err).not.toMatch(/[\u001b\u202e]/)
  })

  it('builds byte for byte what the action builds when a flag is left out (ldflags -s -w)', async () => {
    const cliDir = path.join(dir, 'cli')
    const actionDir = path.join(dir, 'action')
    expect(
      await main(
        ['linux/amd64', '--working-directory', hello, '--output-dir', cliDir],
        io
      )
    ).toBe(0)
    // The runner passes every input, each with its action.yml default.
    const given: Record<string, string> = {
      ...INPUT_DEFAULTS,
      targets: 'linux/amd64',
      'working-directory': hello,
      'output-dir': actionDir,
      upload: 'none'
    }
    const result = await execute(
      getInputs((name) => given[name]),
      streamLog(() => {})
    )
    expect(result.problems).toEqual([])
    const cli = readFileSync(path.join(cliDir, 'hello-linux-amd64'))
    const action = readFileSync(path.join(actionDir, 'hello-linux-amd64'))
    expect(cli.equals(action)).toBe(true)
    // And it is the stripped binary --help promises: no symbol table.
    expect(cli.includes(Buffer.from('.symtab'))).toBe(false)
  })
})

describe('the action and the CLI, given the same inputs', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'same-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  /** A value, other than the default where that can build, for every input. */
  const values = (outputDir: string): Record<string, string> => ({
    targets: 'linux/amd64, windows/arm64',
    'working-directory': hello,
    package: '.',
    'binary-name': 'same',
    'output-dir': outputDir,
    ldflags: '-s -w -X main.version=1.2.3',
    trimpath: 'false',
    tags: 'netgo,osusergo',
    flags: '-buildvcs=false',
    env: 'GOFLAGS=-mod=mod',
    go: 'go',
    parallel: '2',
    'fail-fast': 'true',
    'build-timeout': '10m',
    verify: 'true',
    'smoke-test': 'true',
    'smoke-args': '--version',
    upload: 'none',
    'artifact-name': '{name}-{target}-x',
    archive: 'tar.gz',
    'skip-archive': 'false',
    'retention-days': '7',
    'compression-level': '5',
    overwrite: 'true',
    sbom: 'true',
    cache: 'true',
    'cache-max-mb': '100',
    'cache-save': 'never',
    reproducible: 'off',
    leg: 'leg-7'
  })

  /** The CLI's command line for inputs, spelled from the table of inputs. */
  const flagsFor = (given: Record<string, string>): string[] =>
    INPUT_TABLE.map((input) =>
      input.kind === 'boolean'
        ? given[input.name] === 'true'
          ? `--${input.name}`
          : `--no-${input.name}`
        : `--${input.name}=${given[input.name]}`
    )

  /** The `binaries` output without what differs by place and time. */
  const comparable = (binaries: unknown[]): unknown[] =>
    binaries.map((b) => {
      const { path: _path, seconds: _seconds, sbom, ...rest } = b as Record<string, unknown>
      return { ...rest, sbom: path.basename(String(sbom)) }
    })

  it('build byte-identical binaries and report the same binaries output', async () => {
    const actionDir = path.join(dir, 'action')
    const cliDir = path.join(dir, 'cli')
    // Every input of the table is given, so a new input must be added here.
    expect(Object.keys(values(actionDir)).sort()).toEqual(
      INPUT_TABLE.map((i) => i.name).sort()
    )
    const action = await runAction(values(actionDir), {
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: dir,
      GITHUB_WORKSPACE: path.resolve('.')
    })
    expect(action.exitCode).toBe(0)

    let result: Result | undefined
    let out = ''
    let err = ''
    const code = await main(flagsFor(values(cliDir)), {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      result: (r) => void (result = r)
    })
    expect(err).toBe('')
    expect(code).toBe(0)

    const fromAction = binariesOf(action)
    const fromCli = JSON.parse(JSON.stringify(binariesOutput(result!))) as unknown[]
    expect(fromAction).toHaveLength(2)
    expect(comparable(fromCli)).toEqual(comparable(fromAction))
    for (const b of fromAction) {
      const name = String(b.name)
      expect(readFileSync(path.join(cliDir, name)).equals(readFileSync(path.join(actionDir, name)))).toBe(true)
      // and the same SBOM, byte for byte
      const sbom = `${name}.cdx.json`
      expect(path.basename(String(b.sbom))).toBe(sbom)
      expect(readFileSync(path.join(cliDir, sbom)).equals(readFileSync(path.join(actionDir, sbom)))).toBe(true)
    }
    expect(fromAction.map((b) => b.name).sort()).toEqual([
      'same-linux-amd64',
      'same-windows-arm64.exe'
    ])
  }, 240_000)
})
