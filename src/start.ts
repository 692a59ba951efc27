/**
 * The start of a run: the plan (toolchain probe and `go list`) and the
 * module download it starts. Nothing here loads a toolkit package, so the
 * action's entry (src/index.ts) can start the plan from the runner's
 * INPUT_* variables while the rest of the bundle (@actions/core with its
 * HTTP client, about 60 ms) is still being evaluated; the adapter adopts
 * that plan only when `core.getInput` reads the same values.
 */
import { moduleDownload, type ModuleDownload } from './build/modules.js'
import { parseInputs, type InputGetter, type Inputs } from './inputs/parse.js'
import { makePlan, type Plan } from './plan/plan.js'

/** A plan being made, and the module download its toolchain probe started. */
export interface StartedPlan {
  /** The inputs the plan is made for. */
  inputs: Inputs
  download: ModuleDownload
  /** Rejects with InputError for inputs the plan refuses. */
  plan: Promise<Plan>
}

/**
 * Start making the plan for validated inputs; the module download starts
 * as soon as the toolchain has answered.
 *
 * @param inherited the environment the run inherited
 */
export function startPlan(
  inputs: Inputs,
  inherited: NodeJS.ProcessEnv = process.env
): StartedPlan {
  const download = moduleDownload()
  const plan = makePlan(inputs, inherited, {
    onToolchain: (toolchain, run) => download.start(toolchain, run)
  })
  // Whoever adopts the plan awaits it; one left unadopted must not be an
  // unhandled rejection.
  plan.catch(() => undefined)
  return { inputs, download, plan }
}

/** A plan started from the runner's variables, before the toolkit is loaded. */
export interface EarlyStart extends StartedPlan {
  /**
   * Whether every input the early parse read has the same value through
   * `raw` (the runner's reader); when not, the early plan is abandoned.
   */
  adoptable(raw: InputGetter): boolean
  /**
   * Waits for the early plan to settle (its go commands are short) and
   * stops the module download it started: no process is left.
   */
  abandon(): Promise<void>
}

/**
 * Start the plan from INPUT_* variables, read the way `core.getInput`
 * reads them (trimmed; a missing variable is "not given"). Inputs that do
 * not parse start nothing: the adapter reports them. Nothing is logged and
 * no secret is registered here; the adapter's own parse does both.
 */
export function startEarly(env: NodeJS.ProcessEnv = process.env): EarlyStart | undefined {
  const read = new Map<string, string | undefined>()
  const raw: InputGetter = (name) => {
    const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim()
    read.set(name, value)
    return value
  }
  let inputs: Inputs
  try {
    inputs = parseInputs(raw, () => undefined)
  } catch {
    return undefined
  }
  const started = startPlan(inputs, env)
  return {
    ...started,
    adoptable: (other) => [...read].every(([name, value]) => other(name) === value),
    async abandon() {
      await started.download.abandon()
      await started.plan.catch(() => undefined)
    }
  }
}
