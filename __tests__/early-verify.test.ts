/**
 * Verification as each build ends: the pipeline hands every finished build
 * to an EarlyVerifier while the other builds run, and the verify stage then
 * takes those reports instead of reading the binaries again. Real builds of
 * the hello fixture through the real plan and build stage.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { buildAll } from '../src/build/build.js'
import { INPUT_DEFAULTS, getInputs } from '../src/inputs/inputs.js'
import { earlyVerifier, verifyBuilds } from '../src/inspect/inspect.js'
import { makePlan } from '../src/plan/plan.js'
import type { Build } from '../src/types.js'
import { ROOT } from './support/action.js'

const hello = path.join(ROOT, '__fixtures__', 'hello')
const base = mkdtempSync(path.join(tmpdir(), 'gcb-early-'))

async function planFor(name: string) {
  const values: Record<string, string> = {
    ...INPUT_DEFAULTS,
    targets: 'linux/amd64, windows/arm64',
    'working-directory': hello,
    'output-dir': path.join(base, name),
    upload: 'none',
    cache: 'false',
    parallel: '1'
  }
  return makePlan(getInputs((n) => values[n]), process.env)
}

describe('verification as each build ends', () => {
  it('starts when a build ends, before the next one does, and the verify stage uses that report', async () => {
    const plan = await planFor('early')
    const opts = { ldflags: '-s -w' }
    const early = earlyVerifier(opts)
    // parallel: 1: the second build starts once the first go build has
    // ended; the first is handed over once its binary is hashed
    const handed: Build[] = []
    const builds = await buildAll(plan.build, (b) => {
      handed.push(b)
      early.start(b)
    })
    expect(handed.map((b) => b.status)).toEqual(['built', 'built'])
    const started = await Promise.all(handed.map((b) => early.started(b)))
    expect(started.map((r) => r?.verification?.ok)).toEqual([true, true])
    // Replace the first binary: a verify stage that read it again would
    // now fail it; the one that takes the early report does not.
    writeFileSync(handed[0].path, 'not a binary any more')
    const reports = await verifyBuilds(builds, opts, early)
    for (const report of reports)
      expect(report).toBe(started[handed.findIndex((b) => b === report.build)])
  })

  it('verifies what was not handed over, and leaves a build that did not build unread', async () => {
    const plan = await planFor('late')
    const opts = { ldflags: '-s -w' }
    const builds = await buildAll(plan.build)
    const early = earlyVerifier(opts)
    const failed: Build = { ...builds[1], status: 'failed', error: 'test: did not build' }
    early.start(failed)
    expect(early.started(failed)).toBeUndefined()
    writeFileSync(builds[0].path, 'not a binary any more')
    const [first, second] = await verifyBuilds([builds[0], failed], opts, early)
    expect(first.verification?.ok).toBe(false)
    expect(first.verification?.findings.map((f) => f.severity)).toContain('error')
    expect(second).toEqual({ build: failed })
  })
})
