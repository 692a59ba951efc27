/**
 * The release matrix: targets expanded by the build's own parser against the
 * real toolchain's target list, spread over legs; every target exactly once,
 * balanced, deterministic, native runners when asked.
 */
import {
  DEFAULT_RUNNERS,
  parseRunners,
  planMatrix,
  targetCost
} from '../src/matrix/matrix.js'
import { parseTargets } from '../src/plan/targets.js'
import { distList, goVersion } from './support/go.js'

function expand(input: string) {
  const plan = parseTargets(input, distList(), goVersion())
  expect(plan.errors).toEqual([])
  return plan.targets
}

describe('planMatrix', () => {
  it.each([
    ['all', 3],
    ['linux/*, !linux/mips*', 4],
    ['first-class', 2],
    ['linux/amd64 linux/arm/6 linux/arm/7 windows/*', 5],
    ['darwin/arm64', 3]
  ])('%s over %i legs: each target of the build expansion exactly once, in its order', (input, legs) => {
    const targets = expand(input)
    const { matrix } = planMatrix(targets, { legs })
    const planned = matrix.include.flatMap((l) => JSON.parse(l.targets) as string[])
    expect([...planned].sort()).toEqual(targets.map((t) => t.name).sort())
    expect(new Set(planned).size).toBe(planned.length)
    expect(matrix.include).toHaveLength(Math.min(legs, targets.length))
    for (const leg of matrix.include) {
      expect(leg.runner).toBe('ubuntu-latest')
      const order = targets.map((t) => t.name).filter((n) => leg.targetNames.includes(n))
      expect(leg.targetNames).toEqual(order)
    }
    // balanced: no leg carries more than one target's cost above another
    const costs = matrix.include.map((l) => l.cost)
    const biggest = Math.max(...targets.map((t) => targetCost(t, 'linux/amd64')))
    expect(Math.max(...costs) - Math.min(...costs)).toBeLessThanOrEqual(biggest + 1e-9)
  })

  it('is deterministic', () => {
    const targets = expand('all')
    expect(JSON.stringify(planMatrix(targets, { legs: 5, native: true }))).toBe(
      JSON.stringify(planMatrix([...targets], { legs: 5, native: true }))
    )
  })

  it('with native, puts each target on a runner that can execute it and raises legs to fit', () => {
    const targets = expand(
      'linux/amd64 linux/386 linux/arm64 linux/arm/7 darwin/arm64 darwin/amd64 windows/amd64 windows/386 windows/arm64 freebsd/amd64 js/wasm'
    )
    const { matrix, notes } = planMatrix(targets, { legs: 2, native: true })
    const where = Object.fromEntries(
      matrix.include.flatMap((l) => l.targetNames.map((n) => [n, l.runner]))
    )
    expect(where).toEqual({
      'linux/amd64': 'ubuntu-latest',
      'linux/386': 'ubuntu-latest',
      'linux/arm/7': 'ubuntu-latest',
      'freebsd/amd64': 'ubuntu-latest',
      'js/wasm': 'ubuntu-latest',
      'linux/arm64': 'ubuntu-24.04-arm',
      'darwin/arm64': 'macos-latest',
      'darwin/amd64': 'macos-15-intel',
      'windows/amd64': 'windows-latest',
      'windows/386': 'windows-latest',
      'windows/arm64': 'windows-11-arm'
    })
    expect(matrix.include).toHaveLength(6)
    expect(notes.join('\n')).toMatch(/legs: 2 raised to 6/)
  })

  it('gives spare legs to the runner with the most work', () => {
    const targets = expand('linux/* darwin/arm64')
    const { matrix } = planMatrix(targets, { legs: 4, native: true })
    const byRunner = matrix.include.map((l) => l.runner)
    expect(byRunner.filter((r) => r === 'ubuntu-latest')).toHaveLength(2)
    expect(byRunner).toContain('macos-latest')
    expect(byRunner).toContain('ubuntu-24.04-arm')
  })

  it('takes runner labels from the runners input', () => {
    const { runners, errors } = parseRunners(
      'linux/arm64: my-arm-box  # self-hosted\n\nlinux/amd64: ubuntu-24.04\n'
    )
    expect(errors).toEqual([])
    const { matrix } = planMatrix(expand('linux/amd64 linux/arm64'), { legs: 1, native: true, runners })
    expect(matrix.include.map((l) => l.runner).sort()).toEqual(['my-arm-box', 'ubuntu-24.04'])
    expect(DEFAULT_RUNNERS['linux/arm64']).toBe('ubuntu-24.04-arm')
  })

  it.each(['linux/arm64 = x', 'linux: ubuntu', 'linux/arm64: two words'])(
    'refuses the runners line %j naming the line and the form',
    (line) => {
      expect(parseRunners(`linux/amd64: ubuntu-latest\n${line}`).errors).toEqual([
        'runners: line 2 is not "goos/goarch: runner-label" (for example "linux/arm64: ubuntu-24.04-arm")'
      ])
    }
  )

  it('an empty target list gives an empty matrix and says so', () => {
    expect(planMatrix([], { legs: 3 })).toEqual({
      matrix: { include: [] },
      notes: ['targets: nothing to build, so the matrix is empty']
    })
  })
})
