/**
 * The action's adapter: inputs from the runner, the pipeline
 * (`pipeline.ts`), and outputs, annotations, the job summary and the step's
 * verdict back to the runner.
 */
import * as core from '@actions/core'
import { actionInputs, getInputs } from './inputs/inputs.js'
import { ANNOTATION_LIMIT, actionLog } from './log.js'
import { execute } from './pipeline.js'
import { problemLine } from './problem.js'
import { installCancelHandlers } from './process.js'
import { annotate, suspendGoMatcher } from './report/annotations.js'
import { actionOutputs } from './report/outputs.js'
import { verdictLine, writeSummary } from './report/report.js'
import type { EarlyStart } from './start.js'

/**
 * The action's entry point. Throws nothing: every problem becomes one
 * failure of the step.
 *
 * @param early the plan src/index.ts started from the INPUT_* variables,
 *   used when `core.getInput` reads the same values
 */
export async function run(early?: EarlyStart): Promise<void> {
  // Compiler errors become our own annotations, once each with every target
  // listed; setup-go's matcher would add one per target on top.
  const log = actionLog()
  const restoreMatcher = suspendGoMatcher()
  // Cancelling the job kills every process tree started and removes partial outputs.
  installCancelHandlers((message) => core.error(message))
  try {
    // The early plan stands only if the toolkit reads the inputs it read.
    const adopted = early?.adoptable(actionInputs) ? early : undefined
    if (!adopted) await early?.abandon()
    // Parsed again here, with env values masked before anything logs them.
    const inputs = getInputs()
    const result = adopted
      ? await execute(adopted.inputs, log, adopted)
      : await execute(inputs, log)
    for (const [name, value] of Object.entries(actionOutputs(result)))
      core.setOutput(name, value)
    annotate(
      result.binaries,
      {
        moduleDir: result.moduleDir,
        workspace: process.env.GITHUB_WORKSPACE ?? process.cwd()
      },
      log
    )
    await writeSummary(result, log)
    log.info(verdictLine(result))
    if (log.omitted())
      log.info(
        `${log.omitted()} annotation(s) left out (at most ${ANNOTATION_LIMIT} per step); the log above has every message.`
      )
    if (result.problems.length)
      core.setFailed(
        `${result.problems.length} problem(s):\n${result.problems.map(problemLine).join('\n')}`
      )
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    restoreMatcher()
  }
}
