/**
 * The one way a stage says something went wrong: a `Problem` names what it
 * is about (an input, a target, an artifact), what is wrong and how to fix
 * it. Stages return lists of problems; only the input and plan stages throw
 * them, as a `ProblemError`, before any build starts.
 */

/** The stage that found a problem. */
export type Stage =
  | 'inputs'
  | 'plan'
  | 'build'
  | 'inspect'
  | 'smoke'
  | 'package'
  | 'upload'

/** One thing that went wrong, phrased for the person who can fix it. */
export interface Problem {
  /**
   * What the problem is about, as the line starts: an input
   * (`artifact-name`), a target (`linux/arm64`), an artifact.
   */
  subject?: string
  /** The offending value, when an input's value is wrong. */
  value?: string
  /** What is wrong. */
  what: string
  /** How to fix it ('' when `what` already says). */
  fix: string
  stage?: Stage
  /** The ids of the planned binaries it concerns (none: the whole run). */
  builds?: readonly string[]
}

/**
 * A problem from a line already phrased whole (what is wrong and how to fix
 * it in one sentence, as the input and plan checks write them).
 */
export function lineProblem(
  line: string,
  more: Omit<Problem, 'what' | 'fix'> = {}
): Problem {
  return { ...more, what: line, fix: '' }
}

/** The problem as one line: `subject: "value" what fix`. */
export function problemLine(problem: Problem): string {
  const head = problem.subject === undefined ? '' : `${problem.subject}: `
  const value = problem.value === undefined ? '' : `"${problem.value}" `
  const fix = problem.fix ? ` ${problem.fix}` : ''
  return `${head}${value}${problem.what}${fix}`
}

/** Problems that stop the run before any build starts, all at once. */
export class ProblemError extends Error {
  /** Every problem found, in the order found. */
  readonly problems: readonly Problem[]

  /**
   * @param problems the problems (a string is a line already phrased whole)
   * @param options `cause`: the error that revealed them
   * @param heading an optional first line above the problems
   */
  constructor(
    problems: readonly (Problem | string)[],
    options?: { cause?: unknown; heading?: string }
  ) {
    const list = problems.map((p) => (typeof p === 'string' ? lineProblem(p) : p))
    const lines = list.map(problemLine)
    super(
      options?.heading
        ? [options.heading, ...lines.map((l) => `  ${l}`)].join('\n')
        : lines.join('\n'),
      options?.cause === undefined ? undefined : { cause: options.cause }
    )
    this.name = 'ProblemError'
    this.problems = list
  }
}

/**
 * An error's message, whatever was thrown (an Error of another realm, such
 * as a test's VM context, is still read by its message).
 */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message : String(error)
}
