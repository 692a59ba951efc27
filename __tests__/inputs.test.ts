import { availableParallelism } from 'node:os'
import { buildFlagProblems } from '../src/flags.js'
import { getInputs, INPUT_DEFAULTS, InputError } from '../src/inputs.js'

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
    [{ env: 'CGO_ENABLED=1' }, /env: line 1 .*CGO_ENABLED=1 is refused/],
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
