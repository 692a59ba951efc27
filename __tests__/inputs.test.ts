import { availableParallelism } from 'node:os'
import { buildFlagProblems } from '../src/inputs/flags.js'
import { getInputs, INPUT_DEFAULTS, InputError } from '../src/inputs/inputs.js'

const from =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name]

describe('getInputs', () => {
  it('applies action.yml defaults to empty inputs', () => {
    const inputs = getInputs(from({}))
    expect(inputs).toMatchObject({
      targets: INPUT_DEFAULTS.targets,
      workingDirectory: '.',
      packages: ['.'],
      binaryName: '',
      outputDir: 'dist',
      ldflags: '-s -w',
      trimpath: true,
      tags: [],
      flags: [],
      env: {},
      go: 'go',
      parallel: availableParallelism(),
      failFast: false,
      buildTimeoutMs: 30 * 60_000,
      verify: true,
      smokeTest: false,
      smokeArgs: ['--version']
    })
  })

  it('an explicit empty ldflags means no linker flags; other empties mean the default', () => {
    const inputs = getInputs(from({ ldflags: '', 'smoke-args': '', package: '', trimpath: '' }))
    expect(inputs.ldflags).toBe('')
    expect(inputs.smokeArgs).toEqual([])
    expect(inputs.packages).toEqual(['.'])
    expect(inputs.trimpath).toBe(true)
  })

  it('parses lists, flags with quotes, env lines and booleans', () => {
    const inputs = getInputs(
      from({
        package: './cmd/a, ./cmd/b\n./cmd/c',
        tags: 'netgo, osusergo',
        flags: `-v -gcflags='all=-N -l'`,
        env: 'GOPROXY=off\nFOO=a b',
        parallel: '3',
        trimpath: 'False',
        'fail-fast': 'TRUE'
      })
    )
    expect(inputs.packages).toEqual(['./cmd/a', './cmd/b', './cmd/c'])
    expect(inputs.tags).toEqual(['netgo', 'osusergo'])
    expect(inputs.flags).toEqual(['-v', '-gcflags=all=-N -l'])
    expect(inputs.env).toEqual({ GOPROXY: 'off', FOO: 'a b' })
    expect(inputs.parallel).toBe(3)
    expect(inputs.trimpath).toBe(false)
    expect(inputs.failFast).toBe(true)
  })

  it.each<[Record<string, string>, RegExp]>([
    [{ parallel: '0' }, /parallel: "0" is not a whole number of builds at once; use 1 or more/],
    [{ parallel: '3abc' }, /parallel: "3abc" is not a whole number/],
    [{ parallel: '-1' }, /parallel: "-1"/],
    [{ 'binary-name': 'bin/tool' }, /binary-name: "bin\/tool" contains a path separator/],
    [{ 'binary-name': 'bin\\tool' }, /binary-name: .* contains a path separator/],
    [{ 'binary-name': 'a:b' }, /binary-name: "a:b" has a character that is not allowed/],
    [{ trimpath: 'yes' }, /trimpath: "yes" is not a boolean; use true or false/],
    [{ verify: '1' }, /verify: "1" is not a boolean/],
    [{ flags: '-race' }, /flags: "-race" is refused: the race detector .* needs cgo/],
    [{ flags: '-msan' }, /flags: "-msan" is refused/],
    [{ flags: '--asan' }, /flags: "--asan" is refused/],
    [{ flags: '-buildmode=c-shared' }, /flags: "-buildmode=c-shared" is refused: that build mode needs cgo/],
    [{ flags: '-buildmode plugin' }, /"-buildmode=plugin" is refused/],
    [{ flags: '-o out' }, /flags: "-o" is refused here: the action chooses each binary's path/],
    [{ flags: '-ldflags=-s' }, /flags: "-ldflags" is refused here: use the ldflags input/],
    [{ flags: "-X 'unclosed" }, /flags: unclosed single quote/],
    [{ ldflags: '-linkmode=external' }, /ldflags: "-linkmode=external" is refused: external linking uses the C linker/],
    [{ ldflags: '-s -linkmode external' }, /ldflags: "-linkmode=external" is refused/],
    [{ env: 'CGO_ENABLED=1' }, /env: line 1 \(CGO_ENABLED\): CGO_ENABLED other than 0 is refused/],
    [{ 'build-timeout': '0' }, /build-timeout: "0" is not a duration between 1s and 24h; write a whole number with s, m or h/],
    [{ 'build-timeout': '30 minutes' }, /build-timeout: "30 minutes" is not a duration/],
    [{ 'build-timeout': '1.5h' }, /build-timeout: "1.5h" is not a duration/],
    [{ 'build-timeout': '25h' }, /build-timeout: "25h" is not a duration/],
    [{ env: 'GOFLAGS=-race' }, /env \(GOFLAGS\): "-race" is refused/],
    [{ tags: 'ok bad;tag' }, /tags: "bad;tag" is not a build tag/]
  ])('%j is refused before any build', (values, message) => {
    let error: unknown
    try {
      getInputs(from(values))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(message)
  })

  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['45', 2_700_000]
  ])('reads build-timeout %j as %i ms', (value, ms) => {
    expect(getInputs(from({ 'build-timeout': value })).buildTimeoutMs).toBe(ms)
  })

  it('registers env values as secrets before anything logs them', () => {
    const written: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    }) as typeof process.stdout.write
    try {
      getInputs(from({ env: 'API_KEY=s3cr3t-value\nGOPROXY=off' }))
    } finally {
      process.stdout.write = write
    }
    expect(written.join('')).toContain('::add-mask::s3cr3t-value')
    // Too short to be a secret worth blanking every "off" of the log for.
    expect(written.join('')).not.toContain('::add-mask::off')
  })

  it('lists every problem at once, one line each', () => {
    let error: InputError | undefined
    try {
      getInputs(from({ parallel: '0', trimpath: 'maybe', flags: '-race' }))
    } catch (e) {
      error = e as InputError
    }
    expect(error?.problems).toHaveLength(3)
    expect(error?.message.split('\n')).toHaveLength(3)
  })

  it('lets -race=false, -buildmode=pie and internal linking through', () => {
    expect(buildFlagProblems(['-race=false', '-buildmode=pie', '-v'], 'flags')).toEqual([])
    expect(() => getInputs(from({ ldflags: '-linkmode=internal -s' }))).not.toThrow()
  })
})
