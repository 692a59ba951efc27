/**
 * Where the action may write: checks of `output-dir` and
 * `working-directory` against the runner's workspace, decided before any
 * build. A path that resolves outside `GITHUB_WORKSPACE` is allowed but
 * said aloud with its real path; a symlink that leads out of the workspace
 * is refused, since writing there would land wherever the link points.
 */
import { lstatSync, realpathSync } from 'node:fs'
import * as path from 'node:path'

/** What the check found: problems refuse the run, warnings are logged. */
export interface PlaceCheck {
  problems: string[]
  warnings: string[]
}

/** `child` is `parent` or below it. */
function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/**
 * The real path of `p`: symlinks in its existing part resolved, the part
 * that does not exist yet appended as it is.
 */
export function realPathOf(p: string): string {
  const missing: string[] = []
  let current = path.resolve(p)
  for (;;) {
    try {
      return path.join(realpathSync.native(current), ...missing.reverse())
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return path.resolve(p)
      missing.push(path.basename(current))
      current = parent
    }
  }
}

/** Whether any existing component of `p` below `root` is a symlink. */
function symlinkBelow(root: string, p: string): string | undefined {
  const rel = path.relative(root, p)
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined
  let current = root
  for (const part of rel.split(path.sep).filter(Boolean)) {
    current = path.join(current, part)
    try {
      if (lstatSync(current).isSymbolicLink()) return current
    } catch {
      return undefined
    }
  }
  return undefined
}

/**
 * Check one directory input against the workspace.
 *
 * @param input the input's name, for messages
 * @param given the value as the user wrote it
 * @param resolved its absolute path
 * @param workspace GITHUB_WORKSPACE, or undefined outside a runner
 * @param also other roots where the directory may be without a word
 *   (RUNNER_TEMP for output-dir)
 * @param use what the action does there, for the warning (`write`)
 */
export function checkPlace(
  input: string,
  given: string,
  resolved: string,
  workspace: string | undefined,
  also: readonly (string | undefined)[] = [],
  use = 'write'
): PlaceCheck {
  const out: PlaceCheck = { problems: [], warnings: [] }
  if (!workspace) return out
  const ws = realPathOf(workspace)
  const real = realPathOf(resolved)
  const roots = [ws, ...also.filter((a): a is string => !!a).map(realPathOf)]
  if (roots.some((root) => isInside(root, real))) return out
  const link = symlinkBelow(path.resolve(workspace), path.resolve(resolved))
  if (link) {
    out.problems.push(
      `${input}: ${JSON.stringify(given)} goes through the symlink ${link}, which leads out of the workspace to ${real}; the action does not write through symlinks. Give a real directory inside the workspace.`
    )
    return out
  }
  out.warnings.push(
    `${input}: ${JSON.stringify(given)} resolves to ${real}, outside the workspace ${ws}; the action will ${use} there.`
  )
  return out
}
