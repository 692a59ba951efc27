/**
 * smoke: runs a built binary once, natively when the host can execute it,
 * under qemu-user for foreign Linux targets when `qemu-<arch>` is on PATH,
 * and reports the rest as not runnable. No shell: an argument vector, a
 * timeout that kills the binary's whole process tree, output captured, and
 * the same base environment as go (no runner credentials, no inputs).
 */
import { access, constants } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { baseEnvironment, type Env } from '../plan/environment.js'
import { runProcess } from '../process.js'
import type { SmokeResult, Target } from '../types.js'

/** Node's `process.arch` → GOARCH. */
const NODE_ARCH: Record<string, string> = {
  x64: 'amd64',
  ia32: '386',
  arm: 'arm',
  arm64: 'arm64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
  ppc64: 'ppc64le',
  riscv64: 'riscv64',
  s390x: 's390x'
}

/** Node's `process.platform` → GOOS. */
const NODE_OS: Record<string, string> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  netbsd: 'netbsd',
  aix: 'aix',
  sunos: 'solaris'
}

/** GOARCH → qemu-user binary name. */
export const QEMU: Record<string, string> = {
  '386': 'qemu-i386',
  amd64: 'qemu-x86_64',
  arm: 'qemu-arm',
  arm64: 'qemu-aarch64',
  loong64: 'qemu-loongarch64',
  mips: 'qemu-mips',
  mipsle: 'qemu-mipsel',
  mips64: 'qemu-mips64',
  mips64le: 'qemu-mips64el',
  ppc64: 'qemu-ppc64',
  ppc64le: 'qemu-ppc64le',
  riscv64: 'qemu-riscv64',
  s390x: 'qemu-s390x'
}

/** The host as GOOS/GOARCH. */
export function hostPlatform(
  platform: string = process.platform,
  arch: string = process.arch
): { goos: string; goarch: string } {
  return {
    goos: NODE_OS[platform] ?? platform,
    goarch: NODE_ARCH[arch] ?? arch
  }
}

/** How a target can run on a host. */
export type RunPlan =
  | { how: 'native' }
  | { how: 'qemu'; qemu: string }
  | { how: 'none'; reason: string }

/**
 * Decides how `target` could run on `host` (pure; qemu availability is
 * checked by the caller). Only pairs known to work are native: a host's own
 * arch, 386 on amd64 Linux and Windows, and amd64 on arm64 Windows (its
 * emulation layer). Rosetta on macOS may be missing, so it is not assumed.
 */
export function planRun(
  target: Target,
  host: { goos: string; goarch: string }
): RunPlan {
  if (target.goos === host.goos) {
    if (target.goarch === host.goarch) return { how: 'native' }
    if (
      host.goarch === 'amd64' &&
      target.goarch === '386' &&
      (host.goos === 'linux' || host.goos === 'windows')
    ) {
      return { how: 'native' }
    }
    if (
      host.goos === 'windows' &&
      host.goarch === 'arm64' &&
      (target.goarch === 'amd64' || target.goarch === '386')
    ) {
      return { how: 'native' }
    }
  }
  if (target.goos === 'linux' && host.goos === 'linux' && QEMU[target.goarch]) {
    return { how: 'qemu', qemu: QEMU[target.goarch] }
  }
  return {
    how: 'none',
    reason: `not runnable here: a ${target.goos}/${target.goarch} binary cannot run on this ${host.goos}/${host.goarch} runner${target.goos === 'linux' && host.goos === 'linux' ? ' (no qemu-user for this arch)' : ''}`
  }
}

/** Finds an executable named `name` on PATH, or undefined. */
export async function findOnPath(
  name: string,
  path: string = process.env.PATH ?? ''
): Promise<string | undefined> {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

function tail(s: string, n = 400): string {
  const t = s.trim()
  return t.length > n ? `…${t.slice(-n)}` : t
}

/**
 * Runs the binary at `path` built for `target` with `args`, natively or
 * under qemu-user, and checks that it exits 0 within `timeoutMs`.
 *
 * @param opts.env the base environment of the builds (`baseEnvironment`);
 *   by default the runner's, with credentials and inputs withheld
 */
export async function smokeTest(
  target: Target,
  path: string,
  args: string[],
  opts: { timeoutMs?: number; env?: Env } = {}
): Promise<SmokeResult> {
  const plan = planRun(target, hostPlatform())
  if (plan.how === 'none')
    return { status: 'not-runnable', detail: plan.reason }
  let file = path
  let argv = args
  let how = 'native'
  const env: Env = { ...(opts.env ?? baseEnvironment(process.env, {}).env) }
  if (plan.how === 'qemu') {
    const qemu = await findOnPath(plan.qemu, env.PATH ?? process.env.PATH)
    if (!qemu) {
      return {
        status: 'not-runnable',
        detail: `not runnable here: ${plan.qemu} is not on PATH (install qemu-user to run ${target.goos}/${target.goarch} binaries)`
      }
    }
    file = qemu
    argv = [path, ...args]
    how = plan.qemu
    // qemu-user crashes Go's 386 runtime unless async preemption is off.
    if (target.goarch === '386') {
      env.GODEBUG = [env.GODEBUG, 'asyncpreemptoff=1'].filter(Boolean).join(',')
    }
  }
  const timeout = opts.timeoutMs ?? 30_000
  let result
  try {
    result = await runProcess(file, argv, {
      cwd: process.cwd(),
      env,
      timeoutMs: timeout
    })
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    return {
      status: 'failed',
      detail: `${how}: could not start (${e.code ?? e.message})`
    }
  }
  const output = tail(`${result.stdout}${result.stderr}`)
  if (!result.timedOut && result.exitCode === 0 && !result.signal)
    return {
      status: 'passed',
      detail: `${how}: exit 0${output ? `: ${output}` : ''}`
    }
  const why = result.timedOut
    ? `timed out after ${timeout} ms`
    : result.signal
      ? `killed by ${result.signal}`
      : `exit ${result.exitCode}`
  return {
    status: 'failed',
    detail: `${how}: ${why}${output ? `: ${output}` : ''}`
  }
}
