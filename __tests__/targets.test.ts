import { DEFAULT_TARGETS, linksWithoutCgo, makeTarget, parseTargets } from '../src/plan/targets.js'
import { distList } from './support/go.js'

const names = (input: string): string[] => {
  const plan = parseTargets(input, distList(), 'go1.26')
  expect(plan.errors).toEqual([])
  return plan.targets.map((t) => t.name)
}

const errorsOf = (input: string): string[] =>
  parseTargets(input, distList(), 'go1.26').errors

describe('parseTargets: accepted forms', () => {
  it.each<[string, string, string[]]>([
    ['comma separated', 'linux/amd64,windows/arm64', ['linux/amd64', 'windows/arm64']],
    ['space separated', 'linux/amd64 windows/arm64', ['linux/amd64', 'windows/arm64']],
    ['newline separated', 'linux/amd64\n  windows/arm64\n', ['linux/amd64', 'windows/arm64']],
    ['mixed separators', ' linux/amd64 ,\n windows/arm64 ,', ['linux/amd64', 'windows/arm64']],
    ['sorted and deduplicated', 'windows/amd64 linux/amd64 linux/amd64', ['linux/amd64', 'windows/amd64']],
    ['GOARM number', 'linux/arm/7', ['linux/arm/7']],
    ['OCI spelling v7', 'linux/arm/v7', ['linux/arm/7']],
    ['v7 and 7 are one target', 'linux/arm/v7 linux/arm/7', ['linux/arm/7']],
    ['GOARM with float suffix', 'linux/arm/6,hardfloat', ['linux/arm/6,hardfloat']],
    ['GOAMD64', 'linux/amd64/v3', ['linux/amd64/v3']],
    ['GOARM64', 'linux/arm64/v8.2', ['linux/arm64/v8.2']],
    ['GOARM64 OCI v8', 'linux/arm64/v8', ['linux/arm64/v8.0']],
    ['GOARM64 with suffixes', 'linux/arm64/v8.0,lse,crypto', ['linux/arm64/v8.0,lse,crypto']],
    ['GOMIPS', 'linux/mipsle/softfloat', ['linux/mipsle/softfloat']],
    ['GOMIPS64', 'linux/mips64/hardfloat', ['linux/mips64/hardfloat']],
    ['GO386', 'linux/386/softfloat', ['linux/386/softfloat']],
    ['GOPPC64', 'linux/ppc64le/power9', ['linux/ppc64le/power9']],
    ['GORISCV64', 'linux/riscv64/rva22u64', ['linux/riscv64/rva22u64']],
    ['variants sort after the plain target', 'linux/arm/7 linux/arm linux/arm/5', ['linux/arm', 'linux/arm/5', 'linux/arm/7']],
    ['glob on goos', 'darwin/*', ['darwin/amd64', 'darwin/arm64']],
    ['glob on goarch', 'windows/* !windows/386', ['windows/amd64', 'windows/arm64']],
    ['case-insensitive', 'Linux/AMD64', ['linux/amd64']],
    ['exclusion of one variant only', 'linux/arm/6 linux/arm/7 !linux/arm/6', ['linux/arm/7']],
    ['exclusion without variant drops every variant', 'linux/arm/6 linux/arm/7 linux/amd64 !linux/arm', ['linux/amd64']],
    ['exclusion before inclusion still excludes', '!windows/386 windows/386 windows/amd64', ['windows/amd64']],
    ['JSON strings', '["linux/amd64", "linux/arm/v7"]', ['linux/amd64', 'linux/arm/7']],
    ['JSON objects', '[{"goos":"linux","goarch":"arm","goarm":"7"},{"goos":"darwin","goarch":"arm64"}]', ['darwin/arm64', 'linux/arm/7']],
    ['JSON object with numeric goarm', '[{"goos":"linux","goarch":"arm","goarm":6}]', ['linux/arm/6']],
    ['JSON object with generic variant key', '[{"goos":"linux","goarch":"amd64","variant":"v2"}]', ['linux/amd64/v2']],
    ['JSON object with empty variant', '[{"goos":"linux","goarch":"arm","goarm":""}]', ['linux/arm']],
    ['JSON mixes strings, exclusions and objects', '["linux/*", "!linux/mips*", {"goos":"windows","goarch":"amd64"}, "!linux/[l-z]*"]', ['linux/386', 'linux/amd64', 'linux/arm', 'linux/arm64', 'windows/amd64']],
    ['empty means the default', '', DEFAULT_TARGETS.split(/, /).sort()]
  ])('%s: %j', (_, input, expected) => {
    expect(names(input)).toEqual(expected)
  })

  it('"first-class" is exactly the toolchain\'s FirstClass ports', () => {
    const expected = distList()
      .filter((p) => p.FirstClass)
      .map((p) => `${p.GOOS}/${p.GOARCH}`)
      .sort()
    expect(names('first-class')).toEqual(expected)
    expect(expected).toContain('linux/amd64')
  })

  it('"all" is every target that links without cgo, and says what it left out', () => {
    const plan = parseTargets('all', distList())
    const expected = distList()
      .filter((p) => linksWithoutCgo(p.GOOS, p.GOARCH))
      .map((p) => `${p.GOOS}/${p.GOARCH}`)
    expect(plan.targets.map((t) => t.name).sort()).toEqual(expected.sort())
    expect(plan.targets.length).toBe(distList().length - 5)
    expect(plan.notes.join('\n')).toMatch(/leaves out android\/amd64: Go links it only with cgo/)
    expect(plan.notes.join('\n')).toMatch(/ios\/arm64/)
  })

  it('"all !first-class" leaves the secondary ports', () => {
    const got = names('all !first-class')
    expect(got).not.toContain('linux/amd64')
    expect(got).toContain('linux/riscv64')
  })

  it('ids are file-name safe', () => {
    expect(makeTarget('linux', 'arm', '6,hardfloat').id).toBe('linux-arm-6-hardfloat')
    expect(makeTarget('linux', 'arm64', 'v8.2').id).toBe('linux-arm64-v8.2')
  })
})

describe('parseTargets: errors name the input, the value and the fix', () => {
  it.each<[string, string, RegExp]>([
    ['typo in goarch', 'linux/amd46', /targets: "linux\/amd46" is not a Go target \(go1\.26\); did you mean linux\/amd64\?/],
    ['typo in goos', 'lniux/arm64', /"lniux\/arm64" is not a Go target .*did you mean linux\/arm64\?/],
    ['unknown goos', 'beos/amd64', /"beos\/amd64" is not a Go target .*GOOS "beos" is unknown/],
    ['removed port', 'windows/arm', /"windows\/arm" is not a Go target .*did you mean windows\/arm64\?/],
    ['missing arch', 'linux', /"linux" is not of the form goos\/goarch/],
    ['too many parts', 'linux/arm/7/x', /not of the form goos\/goarch/],
    ['bad GOARM', 'linux/arm/8', /"linux\/arm\/8": "8" is not a valid GOARM for arm: GOARM must be one of 5, 6, 7/],
    ['bad GOAMD64 with hint', 'linux/amd64/v5', /"v5" is not a valid GOAMD64 for amd64: GOAMD64 must be one of v1, v2, v3, v4/],
    ['bad GOARM64', 'linux/arm64/v10.0', /not a valid GOARM64/],
    ['bad suffix', 'linux/arm64/v8.0,sve', /"v8.0,sve" is not a valid GOARM64 .*optionally followed by ,lse or ,crypto/],
    ['GOARM 5 is soft-float only', 'linux/arm/5,hardfloat', /GOARM=5 is soft-float only/],
    ['variant on an arch without one', 'linux/s390x/z15', /s390x has no variant/],
    ['mips typo', 'linux/mipsle/softflaot', /GOMIPS .*did you mean softfloat\?/],
    ['glob matching nothing', 'plan10/*', /"plan10\/\*" matches no target/],
    ['explicit target that needs cgo', 'android/amd64', /"android\/amd64" cannot be built with CGO_ENABLED=0.*or use android\/arm64/],
    ['ios needs cgo', 'ios/arm64', /"ios\/arm64" cannot be built with CGO_ENABLED=0/],
    ['empty after exclusions', 'linux/amd64 !linux/*', /leaves no target to build after the exclusions/],
    ['invalid JSON', '[linux/amd64]', /looks like a JSON array but is not valid JSON/],
    ['JSON item of a wrong type', '[42]', /JSON item 1 is 42/],
    ['JSON unknown key with hint', '[{"goos":"linux","goarch":"arm","gorm":"7"}]', /unknown key "gorm".*did you mean "goarm"\?/],
    ['JSON missing goarch', '[{"goos":"linux"}]', /needs both "goos" and "goarch"/],
    ['JSON variant key of another arch', '[{"goos":"linux","goarch":"amd64","goarm":"7"}]', /"goarm" does not apply to amd64; use "goamd64"/],
    ['JSON two variants', '[{"goos":"linux","goarch":"arm","goarm":"7","variant":"6"}]', /give one variant/]
  ])('%s: %j', (_, input, message) => {
    expect(errorsOf(input).join('\n')).toMatch(message)
  })

  it('reports every problem, one line each', () => {
    const errors = errorsOf('linux/amd46 linux/arm/9 darwin/arm64 beos/x86')
    expect(errors).toHaveLength(3)
  })
})

describe('parseTargets: hostile input is refused naming targets', () => {
  it.each<[string, string, RegExp]>([
    ['nesting far past the bound', '['.repeat(100_000) + ']'.repeat(100_000), /^targets: the JSON nests arrays or objects more than 3 levels deep/],
    ['one level too deep', '[[[["linux/amd64"]]]]', /more than 3 levels deep/],
    ['nesting inside an object', '[{"goos": {"a": [1]}}]', /more than 3 levels deep/],
    ['a glob longer than picomatch is allowed', `linux/${'*'.repeat(1000)}`, /^targets: ".*….*" is 1006 characters long, more than the 256/],
    ['a long word', 'x'.repeat(70_000), /^targets: ".*" is 70000 characters long/],
    ['a JSON escape of a bidi control', '["linux/amd64\\u202e"]', /^targets: "linux\/amd64\\u202e" holds U\+202E RIGHT-TO-LEFT OVERRIDE/],
    ['a JSON escape in an object', '[{"goos": "linux\\u0007", "goarch": "amd64"}]', /^targets: .* holds U\+0007 BELL/]
  ])('%s', (_, input, message) => {
    const errors = errorsOf(input)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0]).toMatch(message)
    expect(errors.join('\n').length).toBeLessThan(1000)
  })

  it('counts depth without being fooled by brackets in strings', () => {
    expect(names('["linux/[amd]64", {"goos": "linux", "goarch": "arm64", "variant": ""}]'.replace('[amd]', 'amd'))).toEqual(['linux/amd64', 'linux/arm64'])
    expect(errorsOf('["[[[[", {"goos": "linux", "goarch": "amd64"}]').join()).not.toMatch(/levels deep/)
  })
})
