/**
 * The plan the action's entry starts from INPUT_* variables before the
 * toolkit is loaded (src/start.ts): the same plan the adapter would make,
 * adopted only when `core.getInput` reads every value the early parse read.
 */
import * as path from 'node:path'
import { actionInputs, getInputs } from '../src/inputs/inputs.js'
import { makePlan } from '../src/plan/plan.js'
import { liveProcessCount } from '../src/process.js'
import { startEarly } from '../src/start.js'
import { ROOT } from './support/action.js'

const hello = path.join(ROOT, '__fixtures__', 'hello')

/** This process's environment with only the given INPUT_* variables. */
function envWith(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('INPUT_')) env[k] = v
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return env
}

describe('startEarly', () => {
  it('makes the plan the adapter would make, from the same variables (values trimmed as core.getInput trims them)', async () => {
    const env = envWith({
      'working-directory': `  ${hello}\n`,
      targets: 'linux/amd64 windows/arm64',
      'binary-name': 'hi',
      env: 'FOO=bar\n'
    })
    const early = startEarly(env)
    expect(early).toBeDefined()
    const saved = process.env
    process.env = env
    try {
      expect(early!.adoptable(actionInputs)).toBe(true)
      const inputs = getInputs()
      expect(early!.inputs).toEqual({ ...inputs, get: expect.any(Function) })
      const [made, own] = await Promise.all([early!.plan, makePlan(inputs, env)])
      expect(JSON.stringify(made)).toBe(JSON.stringify(own))
      expect(made.build.binaries.map((b) => b.fileName)).toEqual(['hi-linux-amd64', 'hi-windows-arm64.exe'])
    } finally {
      process.env = saved
    }
    await early!.download.finish()
  }, 60000)

  it('is not adoptable when the runner reads any value differently', async () => {
    const early = startEarly(envWith({ 'working-directory': hello, targets: 'linux/amd64' }))
    expect(early!.adoptable((name) => (name === 'targets' ? 'linux/arm64' : undefined))).toBe(false)
    // an input the early parse read as "not given" but the runner passes
    const given = (name: string): string | undefined =>
      name === 'working-directory' ? hello : name === 'targets' ? 'linux/amd64' : undefined
    expect(early!.adoptable(given)).toBe(true)
    expect(early!.adoptable((name) => (name === 'tags' ? 'x' : given(name)))).toBe(false)
    await early!.abandon()
    await early!.plan
    expect(liveProcessCount()).toBe(0)
  }, 60000)

  it('starts nothing for inputs that do not parse: the adapter reports them', () => {
    const before = liveProcessCount()
    expect(startEarly(envWith({ 'working-directory': hello, parallel: '0' }))).toBeUndefined()
    expect(liveProcessCount()).toBe(before)
  })

  it('a plan that fails is a rejection for whoever adopts it, never an unhandled one', async () => {
    const early = startEarly(envWith({ 'working-directory': hello, targets: 'plan9/sparc' }))
    await expect(early!.plan).rejects.toThrow(/plan9\/sparc/)
    await early!.abandon()
  }, 60000)
})
