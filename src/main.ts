/**
 * The action's adapter: inputs from the runner, the pipeline
 * (`pipeline.ts`), and outputs, annotations, the job summary and the step's
 * verdict back to the runner.
 */
import * as core from '@actions/core'
import { getInputs } from './inputs/inputs.js'
import { ANNOTATION_LIMIT, actionLog } from './log.js'
import { execute } from './pipeline.js'
import { problemLine } from './problem.js'
import { installCancelHandlers } from './process.js'
import { annotate, suspendGoMatcher } from './report/annotations.js'
import { actionOutputs } from './report/outputs.js'
import { verdictLine, writeSummary } from './report/report.js'

/**
 * The action's entry point. Throws nothing: every problem becomes one
 * failure of the step.
 */
export async function run(): Promise<void> {
  // Compiler errors become our own annotations, once each with every target
  // listed; setup-go's matcher would add one per target on top.
  const log = actionLog()
  const restoreMatcher = suspendGoMatcher()
  // Cancelling the job kills every process tree started and removes partial outputs.
  installCancelHandlers((message) => core.error(message))
  try {
    const result = await execute(getInputs(), log)
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
