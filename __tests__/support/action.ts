/**
 * Run the committed bundle exactly as a runner would: `node dist/index.js`
 * with INPUT_* variables and temporary GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
 * files.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname ?? __dirname, '..', '..')

/** What one run of the action left behind. */
export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** Parse a GITHUB_OUTPUT file (`name<<delimiter` blocks and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i])
      outputs[heredoc[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=')
      outputs[lines[i].slice(0, eq)] = lines[i].slice(eq + 1)
    }
  }
  return outputs
}

/**
 * Run `node dist/index.js` with the given inputs (names as in action.yml).
 *
 * @param inputs action inputs; unset ones get the runner's defaults from
 *   action.yml only if the caller passes them (a runner always does), so
 *   tests pass what they mean
 * @param env extra environment (merged over a copy of this process's)
 * @param bundle the bundle to run, from the repository root (a sub-action's)
 */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  cwd: string = ROOT,
  bundle = 'dist/index.js'
): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'action-run-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const childEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('INPUT_') && !k.startsWith('ACTIONS_'))
      childEnv[k] = v
  delete childEnv.NODE_OPTIONS
  childEnv.GITHUB_OUTPUT = outputFile
  childEnv.GITHUB_STEP_SUMMARY = summaryFile
  for (const [name, value] of Object.entries(inputs))
    childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k]
    else childEnv[k] = v
  }
  const child = spawn(process.execPath, [path.join(ROOT, bundle)], {
    cwd,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exitCode = await new Promise<number>((resolve) =>
    child.on('close', (code) => resolve(code ?? -1))
  )
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8')
  }
}

/** The parsed `binaries` output of a run. */
export function binariesOf(run: ActionRun): Array<Record<string, unknown>> {
  return JSON.parse(run.outputs.binaries ?? '[]') as Array<Record<string, unknown>>
}
