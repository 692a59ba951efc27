/**
 * The one way this action starts a process: an argument vector, an explicit
 * environment, no shell, output captured.
 */
import * as exec from '@actions/exec'

/** What a finished process left behind. */
export interface ProcessResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Options for {@link runProcess}. */
export interface RunOptions {
  cwd: string
  /** The child's whole environment (it replaces, not extends, the parent's). */
  env: Record<string, string>
}

/**
 * Run `command args...` to completion and capture its output. A command that
 * cannot be started (not found, not executable) rejects; a non-zero exit
 * does not.
 */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions
): Promise<ProcessResult> {
  const { exitCode, stdout, stderr } = await exec.getExecOutput(
    command,
    [...args],
    {
      cwd: options.cwd,
      env: options.env,
      silent: true,
      ignoreReturnCode: true,
      windowsVerbatimArguments: false
    }
  )
  return { exitCode, stdout, stderr }
}
