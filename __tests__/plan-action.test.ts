/**
 * The plan sub-action as a workflow meets it: its committed bundle run with
 * INPUT_* variables, its `matrix` output parsed as `fromJSON` would, and
 * checked against the build's own expansion of the same targets line.
 */
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { parseTargets } from '../src/plan/targets.js'
import { ROOT, runAction } from './support/action.js'
import { distList, goVersion } from './support/go.js'

const plan = (inputs: Record<string, string>) =>
  runAction(
    { targets: '', legs: '4', runners: '', native: 'false', go: 'go', 'working-directory': '.', ...inputs },
    {},
    ROOT,
    'dist/plan/index.js'
  )

describe('the plan sub-action', () => {
  it('its action.yml runs the plan bundle on node24', () => {
    const yml = readFileSync(path.join(ROOT, 'plan', 'action.yml'), 'utf8')
    expect(yml).toMatch(/using: 'node24'/)
    expect(yml).toMatch(/main: '\.\.\/dist\/plan\/index\.js'/)
  })

  it.each([
    ['all, !android/*, !ios/*', '5', 'false'],
    ['linux/*, windows/amd64, !linux/mips*', '3', 'true'],
    ['', '2', 'false']
  ])('targets %j over %s legs (native %s): the build expansion, each target once', async (targets, legs, native) => {
    const run = await plan({ targets, legs, native })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const matrix = JSON.parse(run.outputs.matrix) as { include: Array<{ leg: string; runner: string; targets: string }> }
    const expected = parseTargets(targets, distList(), goVersion()).targets.map((t) => t.name)
    const planned = matrix.include.flatMap((l) => JSON.parse(l.targets) as string[])
    expect([...planned].sort()).toEqual([...expected].sort())
    expect(JSON.parse(run.outputs.targets)).toEqual(expected)
    expect(Number(run.outputs.legs)).toBe(matrix.include.length)
    expect(new Set(matrix.include.map((l) => l.leg)).size).toBe(matrix.include.length)
  }, 60000)

  it.each([
    [{ legs: '0' }, /legs: "0" is not a whole number from 1 to 256/],
    [{ native: 'yes' }, /native: "yes" is not true or false/],
    [{ runners: 'linux/arm64 = box' }, /runners: line 1 is not "goos\/goarch: runner-label"/],
    [{ targets: 'linux/amd46' }, /did you mean linux\/amd64\?/]
  ])('refuses %j by name', async (inputs, message) => {
    const run = await plan(inputs)
    expect(run.exitCode).not.toBe(0)
    expect(run.stdout).toMatch(message)
    expect(run.outputs.matrix).toBeUndefined()
  }, 60000)
})
