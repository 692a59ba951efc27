/**
 * Tests that need a tool this machine may lack (qemu-user, readelf, file).
 *
 * On a developer's machine a missing tool skips the tests that need it, with
 * one line naming the tool and the command that installs it. Under
 * `.ci/run` (`REQUIRE_TEST_TOOLS=1`) a missing tool fails instead, so CI can
 * never pass by skipping.
 */
import { findOnPath } from '../../src/inspect/smoke.js'

/** A command a test needs, and how to install it. */
export interface Tool {
  name: string
  /** The command that installs it, e.g. `apt-get install -y qemu-user`. */
  install: string
}

/** The tools of `tools` that are not on PATH, each named once. */
export async function missingTools(tools: readonly Tool[]): Promise<Tool[]> {
  const seen = new Set<string>()
  const missing: Tool[] = []
  for (const tool of tools) {
    if (seen.has(tool.name)) continue
    seen.add(tool.name)
    if (!(await findOnPath(tool.name))) missing.push(tool)
  }
  return missing
}

/** Whether a missing tool fails the run instead of skipping (set by .ci/run). */
export function toolsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.REQUIRE_TEST_TOOLS === '1'
}

/**
 * `describe` when every tool is there. Otherwise a skipped block and one
 * warning line per missing tool, or, when tools are required, a block with
 * one failing test that names them.
 */
export function describeWithTools(
  title: string,
  missing: readonly Tool[],
  body: () => void
): void {
  if (!missing.length) {
    describe(title, body)
    return
  }
  const names = missing.map((t) => `${t.name} (${t.install})`).join(', ')
  if (toolsRequired()) {
    describe(title, () => {
      it('has the tools it needs', () => {
        throw new Error(
          `missing on PATH: ${names}; .ci/run installs them, so its install step failed`
        )
      })
    })
    return
  }
  console.warn(`skipped "${title}": missing on PATH: ${names}`)
  describe.skip(title, body)
}
