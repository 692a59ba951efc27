/**
 * output-dir and working-directory against GITHUB_WORKSPACE, with real
 * directories and symlinks, and through the real plan stage.
 */
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { getInputs, InputError } from '../src/inputs/inputs.js'
import { makePlan } from '../src/plan/plan.js'
import { checkPlace, realPathOf } from '../src/plan/workspace.js'
import { ROOT } from './support/action.js'

const base = mkdtempSync(path.join(tmpdir(), 'gcb-ws-'))
const workspace = path.join(base, 'ws')
const outside = path.join(base, 'elsewhere')
const runnerTemp = path.join(base, 'runner-temp')
mkdirSync(workspace)
mkdirSync(outside)
mkdirSync(runnerTemp)
symlinkSync(outside, path.join(workspace, 'out-link'))
symlinkSync(path.join(workspace, 'real'), path.join(workspace, 'in-link'))
mkdirSync(path.join(workspace, 'real'))

describe('checkPlace', () => {
  it.each<[string, string, 'ok' | 'warning' | 'problem']>([
    ['a directory in the workspace', 'dist', 'ok'],
    ['a directory that does not exist yet', 'a/b/c', 'ok'],
    ['a symlink that stays inside', 'in-link/dist', 'ok'],
    ['../ out of the workspace', '../elsewhere/x', 'warning'],
    ['an absolute path elsewhere', outside, 'warning'],
    ['RUNNER_TEMP', path.join(runnerTemp, 'bin'), 'ok'],
    ['a symlink that leads out', 'out-link', 'problem'],
    ['below a symlink that leads out', 'out-link/sub', 'problem']
  ])('%s', (_, given, want) => {
    const r = checkPlace(
      'output-dir',
      given,
      path.resolve(workspace, given),
      workspace,
      [runnerTemp]
    )
    expect(r.problems.length > 0 ? 'problem' : r.warnings.length ? 'warning' : 'ok').toBe(want)
    for (const line of [...r.problems, ...r.warnings]) {
      expect(line).toMatch(/^output-dir: /)
      expect(line).toContain(realPathOf(outside))
    }
  })

  it('says nothing outside a runner', () => {
    expect(checkPlace('output-dir', '/x', '/x', undefined)).toEqual({
      problems: [],
      warnings: []
    })
  })
})

describe('the plan refuses an output-dir that is a symlink out of the workspace', () => {
  const fixture = path.join(ROOT, '__fixtures__', 'hello')
  const plan = (outputDir: string) =>
    makePlan(
      getInputs((name) =>
        ({
          targets: 'linux/amd64',
          'working-directory': fixture,
          'output-dir': outputDir
        })[name]
      ),
      { ...process.env, GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp }
    )

  it('refuses the symlink before any build', async () => {
    const error = await plan(path.join(workspace, 'out-link')).catch((e) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message).toMatch(
      /^output-dir: .* goes through the symlink .*out-link, which leads out of the workspace/m
    )
  })

  it('warns about a plain directory outside, with its real path', async () => {
    const p = await plan(path.join(outside, 'bin'))
    expect(p.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`resolves to ${path.join(realPathOf(outside), 'bin')}`)
      ])
    )
  })
})
