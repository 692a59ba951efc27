/**
 * The plan sub-action (`OWNER/go-cross-build/plan@v1`): reads its inputs,
 * expands `targets` with the build's own parser against the toolchain's
 * target list, and sets the `matrix` output for `strategy.matrix`.
 */
import * as core from '@actions/core'
import * as path from 'node:path'
import { actionLog } from '../log.js'
import { baseEnvironment } from '../plan/environment.js'
import { parseTargets } from '../plan/targets.js'
import { probeToolchain } from '../plan/toolchain.js'
import { parseRunners, planMatrix } from './matrix.js'

/** The most legs a matrix may have (GitHub allows 256 jobs per matrix). */
export const MAX_LEGS = 256

/** Reads an input by name from the runner. */
type Read = (name: string) => string

/** The checked inputs of the plan sub-action. */
export interface PlanInputs {
  targets: string
  legs: number
  runners: Record<string, string>
  native: boolean
  go: string
  workingDirectory: string
}

/** Parses the inputs; every problem names its input and how to fix it. */
export function planInputs(read: Read): PlanInputs {
  const errors: string[] = []
  const legsText = read('legs').trim() || '4'
  const legs = /^\d+$/.test(legsText) ? Number(legsText) : NaN
  if (!(legs >= 1 && legs <= MAX_LEGS))
    errors.push(`legs: "${legsText}" is not a whole number from 1 to ${MAX_LEGS}; give how many jobs to split the targets into, e.g. 4`)
  const nativeText = read('native').trim().toLowerCase() || 'false'
  if (nativeText !== 'true' && nativeText !== 'false')
    errors.push(`native: "${nativeText}" is not true or false`)
  const runners = parseRunners(read('runners'))
  errors.push(...runners.errors)
  if (errors.length) throw new Error(errors.join('\n'))
  return {
    targets: read('targets'),
    legs,
    runners: runners.runners,
    native: nativeText === 'true',
    go: read('go').trim() || 'go',
    workingDirectory: path.resolve(read('working-directory').trim() || '.')
  }
}

/** The sub-action's entry point: never throws, every problem fails the step. */
export async function run(read: Read = (name) => core.getInput(name)): Promise<void> {
  const log = actionLog()
  try {
    const inputs = planInputs(read)
    const env = baseEnvironment(process.env, {}).env
    const toolchain = await probeToolchain(inputs.go, inputs.workingDirectory, env)
    const parsed = parseTargets(inputs.targets, toolchain.platforms, toolchain.version)
    if (parsed.errors.length) throw new Error(parsed.errors.join('\n'))
    for (const note of parsed.notes) log.info(`note: ${log.value(note)}`)
    const { matrix, notes } = planMatrix(parsed.targets, {
      legs: inputs.legs,
      runners: inputs.runners,
      native: inputs.native
    })
    for (const note of notes) log.info(`note: ${log.value(note)}`)
    for (const leg of matrix.include)
      log.info(`${leg.leg} on ${log.value(leg.runner)} (cost ${leg.cost}): ${leg.targetNames.join(', ')}`)
    core.setOutput('matrix', JSON.stringify(matrix))
    core.setOutput('legs', String(matrix.include.length))
    core.setOutput('targets', JSON.stringify(parsed.targets.map((t) => t.name)))
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
