/**
 * The build stage's first step: download the module graph once, before the
 * fan-out, so that parallel builds do not race to fetch the same modules.
 */
import { existsSync } from 'node:fs'
import * as path from 'node:path'
import type { Plan } from '../plan/plan.js'
import { runProcess } from '../process.js'

/**
 * Whether the plan needs `go mod download`: not outside a module, and not
 * for a vendored module (a vendor/modules.txt, or -mod=vendor in GOFLAGS).
 */
export function needsModuleDownload(plan: Plan): boolean {
  const gomod = plan.toolchain.gomod
  if (!gomod) return false
  const vendored = existsSync(
    path.join(path.dirname(gomod), 'vendor', 'modules.txt')
  )
  return !vendored && !/-mod=vendor/.test(plan.toolchain.goflags)
}

/**
 * Run `go mod download` in the module, when the plan needs it.
 *
 * @throws Error naming the directory, what happened and what to check
 */
export async function downloadModules(plan: Plan): Promise<void> {
  if (!needsModuleDownload(plan)) return
  const b = plan.build
  const result = await runProcess(b.go, ['mod', 'download'], {
    cwd: b.cwd,
    env: { ...b.baseEnv, CGO_ENABLED: '0' },
    timeoutMs: b.timeoutMs
  })
  if (result.timedOut)
    throw new Error(
      `go mod download did not finish within the build-timeout limit in ${b.cwd} and was killed. Raise build-timeout, or check the job's network/GOPROXY settings.`
    )
  if (result.exitCode !== 0)
    throw new Error(
      `go mod download failed in ${b.cwd}: ${result.stderr.trim()}. Check the module's go.mod and the job's network/GOPROXY settings.`
    )
}
