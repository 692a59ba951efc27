/**
 * The Go toolchains the binary tests build with: the machine's own Go and
 * the next Go release, which the go command fetches through the module
 * proxy when `GOTOOLCHAIN` names it (about 76 MB, once per machine).
 *
 * On a developer's machine a toolchain that cannot be fetched skips the
 * tests that need it, with one line saying why. Under `.ci/run`
 * (`REQUIRE_TEST_TOOLS=1`) it fails instead, so CI can never pass by
 * skipping the next Go.
 */
import { execFileSync } from 'node:child_process'
import { toolsRequired } from './tools.js'

/** The next Go release the binary tests also build with. */
export const NEXT_GO = 'go1.27.3'

/** A Go toolchain selected through `GOTOOLCHAIN`. */
export interface Toolchain {
  /** The value of `GOTOOLCHAIN` that selects it (`local`, `go1.27.3`). */
  gotoolchain: string
  /** `go env GOVERSION` under it (`go1.26.8`); '' when unavailable. */
  version: string
  /** Why it is unavailable, when it is. */
  error: string | undefined
}

/** The environment for running `go` with toolchain `gotoolchain`. */
export function toolchainEnv(
  gotoolchain: string,
  env: NodeJS.ProcessEnv = process.env
): NodeJS.ProcessEnv {
  return { ...env, GOTOOLCHAIN: gotoolchain }
}

/**
 * Selects the toolchain `gotoolchain` names and asks it for its version,
 * which makes the go command fetch it through the module proxy the first
 * time. Never throws: a failure is in `error`.
 */
export function toolchain(gotoolchain: string, timeoutMs = 300_000): Toolchain {
  try {
    const version = execFileSync('go', ['env', 'GOVERSION'], {
      encoding: 'utf8',
      env: toolchainEnv(gotoolchain),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs
    }).trim()
    return { gotoolchain, version, error: undefined }
  } catch (error) {
    const e = error as { stderr?: string; message?: string }
    const reason = (e.stderr || e.message || String(error)).trim()
    const last = reason.split('\n').slice(-3).join(' ')
    return {
      gotoolchain,
      version: '',
      error: `GOTOOLCHAIN=${gotoolchain} go env GOVERSION failed: ${last}`
    }
  }
}

/**
 * The machine's Go, and the next Go when it is another release; the next Go
 * may be unavailable (see `error`).
 */
export function toolchains(next = NEXT_GO): Toolchain[] {
  const local = toolchain('local')
  if (local.error) throw new Error(local.error)
  if (local.version === next) return [local]
  return [local, toolchain(next)]
}

/**
 * `describe` when the toolchain is there. Otherwise, one failing test that
 * says why when tools are required (`REQUIRE_TEST_TOOLS=1`), or a skipped
 * block and one warning line saying why and how to fetch it.
 */
export function describeWithToolchain(
  title: string,
  tc: Toolchain,
  body: () => void
): void {
  if (!tc.error) {
    describe(title, body)
    return
  }
  const how =
    'the go command fetches it through the module proxy (GOPROXY); check network access to proxy.golang.org'
  if (toolsRequired()) {
    describe(title, () => {
      it('has the toolchain it needs', () => {
        throw new Error(`${tc.error}; ${how}`)
      })
    })
    return
  }
  console.warn(`skipped "${title}": ${tc.error}; ${how}`)
  // Not `body`: it would ask the missing toolchain for its targets.
  describe.skip(title, () => {
    it(`builds with ${tc.gotoolchain}`, () => {})
  })
}
