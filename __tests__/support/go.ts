/**
 * Test helpers around the real Go toolchain.
 */
import { execFileSync } from 'node:child_process'
import type { Platform } from '../../src/plan/targets.js'

let platforms: Platform[] | undefined

/** `go tool dist list -json` of the Go on PATH (cached per test file). */
export function distList(): Platform[] {
  platforms ??= JSON.parse(
    execFileSync('go', ['tool', 'dist', 'list', '-json'], { encoding: 'utf8' })
  ) as Platform[]
  return platforms
}

/** `go env GOVERSION`. */
export function goVersion(): string {
  return execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim()
}
