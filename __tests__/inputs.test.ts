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
    [{ tags: 'ok bad;tag' }, /tags: "bad;tag" is not a build tag/],
    [{ reproducible: 'true' }, /reproducible: "true" is not assert, report or off; use assert to fail/],
    [{ reproducible: 'Assert' }, /reproducible: "Assert" is not assert, report or off/]
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

describe('text safety: names and paths are refused by name, before any parsing', () => {
  const refusal = (values: Record<string, string>): string => {
    try {
      getInputs(from(values))
    } catch (e) {
      expect(e).toBeInstanceOf(InputError)
      return (e as Error).message
    }
    throw new Error(`${JSON.stringify(values)} was accepted`)
  }

  it.each<[string, string, string, RegExp]>([
    ['binary-name', 'hello\u202ehs', 'RLO', /^binary-name: "hello\\u202ehs" holds U\+202E RIGHT-TO-LEFT OVERRIDE at character 6; .*Remove them/],
    ['binary-name', 'tool\u001b[31m', 'ESC', /^binary-name: .* holds U\+001B ESCAPE at character 5/],
    ['binary-name', 'bell\u0007', 'BEL', /^binary-name: .* holds U\+0007 BELL at character 5/],
    ['binary-name', 'a\nb', 'LF', /^binary-name: "a\\nb" holds U\+000A LINE FEED at character 2/],
    ['binary-name', 'a\rb', 'CR', /holds U\+000D CARRIAGE RETURN/],
    ['binary-name', 'a\u0085b', 'NEL', /holds U\+0085 NEXT LINE/],
    ['binary-name', 'a\u2028b', 'LS', /holds U\+2028 LINE SEPARATOR/],
    ['binary-name', 'a\u2029b', 'PS', /holds U\+2029 PARAGRAPH SEPARATOR/],
    ['binary-name', 'a\u007fb', 'DEL', /holds U\+007F DELETE/],
    ['binary-name', 'a\u009bb', 'C1', /holds U\+009B CONTROL SEQUENCE INTRODUCER/],
    ['binary-name', 'a\u061cb', 'ALM', /holds U\+061C ARABIC LETTER MARK/],
    ['binary-name', 'a\u200eb', 'LRM', /holds U\+200E LEFT-TO-RIGHT MARK/],
    ['binary-name', 'a\u200fb', 'RLM', /holds U\+200F RIGHT-TO-LEFT MARK/],
    ['binary-name', 'a\u2066b\u2069', 'LRI', /holds U\+2066 LEFT-TO-RIGHT ISOLATE at character 2 \(and 1 more/],
    ['binary-name', 'a\u0000b', 'NUL', /holds U\+0000 NULL/],
    ['output-dir', 'out\n::error::x', 'LF', /^output-dir: .* holds U\+000A LINE FEED at character 4/],
    ['output-dir', 'dist\u202e', 'RLO', /^output-dir: .* holds U\+202E/],
    ['working-directory', 'app\u0007', 'BEL', /^working-directory: .* holds U\+0007 BELL/],
    ['go', 'go\u001b', 'ESC', /^go: .* holds U\+001B ESCAPE/],
    ['artifact-name', '{name}\u202e', 'RLO', /^artifact-name: .* holds U\+202E/],
    ['artifact-name', 'a\tb', 'tab', /^artifact-name: .* holds U\+0009 CHARACTER TABULATION/],
    ['package', './cmd/a\u202e ./cmd/b', 'RLO', /^package: .* holds U\+202E/],
    ['package', './cmd/a\n./cmd/\u0007b', 'BEL after a line break', /^package: .* holds U\+0007 BELL at character 15;/],
    ['targets', 'linux/amd64\u202e', 'RLO', /^targets: .* holds U\+202E/],
    ['targets', 'linux/amd64\u2028windows/amd64', 'LS', /^targets: .* holds U\+2028 LINE SEPARATOR/],
    ['tags', 'a\u0008b', 'BS', /^tags: .* holds U\+0008 BACKSPACE/],
    ['flags', '-v\u001b', 'ESC', /^flags: .* holds U\+001B/],
    ['env', 'A=b\u202e', 'RLO', /^env: .* holds U\+202E/]
  ])('%s %j (%s)', (name, value, _, message) => {
    expect(refusal({ [name]: value })).toMatch(message)
  })

  it.each<[string, string, RegExp]>([
    ['output-dir', 'a'.repeat(4097), /^output-dir: the value is 4097 bytes long \(".*….*"\), more than the 4 KiB this input may hold; shorten it$/],
    ['output-dir', `x/${'a'.repeat(256)}/y`, /^output-dir: the path component "a+…a+" is 256 bytes long; file systems allow at most 255 bytes per component/],
    ['working-directory', 'é'.repeat(2049), /^working-directory: the value is 4098 bytes long/],
    ['binary-name', 'a'.repeat(256), /^binary-name: the value is 256 bytes long .* more than the 255 bytes/],
    ['artifact-name', 'a'.repeat(256), /^artifact-name: the value is 256 bytes long/],
    ['package', `./${'p'.repeat(300)}`, /^package: the path component .* is 300 bytes long/],
    ['targets', 'linux/amd64 '.repeat(6000), /^targets: the value is \d+ bytes long .* more than the 64 KiB/],
    ['parallel', '1'.repeat(300), /^parallel: the value is 300 bytes long/]
  ])('%s longer than its bound', (name, value, message) => {
    expect(refusal({ [name]: value })).toMatch(message)
  })

  it('shows the value cut short, and never a raw control character', () => {
    const message = refusal({ 'binary-name': `${'a'.repeat(500)}\u001b` })
    expect(message.length).toBeLessThan(600)
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/)
  })

  it.each([
    ['targets', 'linux/amd64,\r\n\twindows/amd64\n'],
    ['package', './cmd/a\r\n./cmd/b'],
    ['env', 'A=1\r\nB=2'],
    ['binary-name', 'tool-ü-日本'],
    ['output-dir', `dist/${'a'.repeat(255)}`]
  ])('accepts %s %j', (name, value) => {
    expect(() => getInputs(from({ [name]: value }))).not.toThrow()
  })

  it.each(['.', '..'])('artifact-name %j is refused', (value) => {
    expect(refusal({ 'artifact-name': value })).toMatch(
      new RegExp(`^artifact-name: "\\${value.split('').join('\\')}" names the current or parent directory`)
    )
  })
})
