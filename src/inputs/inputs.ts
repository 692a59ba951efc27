/**
 * Inputs stage: the only reader of the action's inputs. Parsing and
 * validation are in `parse.ts`; this module adds the runner's side, where
 * inputs come from (`core.getInput`) and the masking of `env` values.
 */
import * as core from '@actions/core'
import { parseInputs, type InputGetter, type Inputs } from './parse.js'

export * from './parse.js'

/**
 * The runner's way: `core.getInput`, which reads INPUT_<NAME>. A runner
 * always passes every input (action.yml defaults included); outside one
 * (the demo, local runs) a missing variable means "not given".
 */
export const actionInputs: InputGetter = (name) =>
  process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] === undefined
    ? undefined
    : core.getInput(name)

/**
 * Read and validate the engine's inputs; values of `env` long enough to
 * mean something are registered as secrets before anything can log them.
 *
 * @param raw reads one input (undefined when not given); defaults are applied here
 * @throws InputError with one line per problem
 */
export function getInputs(raw: InputGetter = actionInputs): Inputs {
  return parseInputs(raw, (secret) => core.setSecret(secret))
}
