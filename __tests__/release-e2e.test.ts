/**
 * A release over many runners, end to end against the local artifact
 * service with one token per job of one workflow run: the plan's matrix,
 * three legs run through the real pipeline (each uploading its binaries and
 * its manifest with the real client), and the merge downloading everything
 * back with the real client. Then what goes wrong in real releases: a blob
 * altered in the store, a leg that never ran, a target delivered twice, and
 * a binary built for another architecture.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { getInputs } from '../src/inputs/inputs.js'
import { streamLog } from '../src/log.js'
import { mergeSummary, runArtifacts, uploadRelease } from '../src/merge/action.js'
import { mergeRelease } from '../src/merge/merge.js'
import { planMatrix } from '../src/matrix/matrix.js'
import { hostPlatform } from '../src/inspect/smoke.js'
import { execute } from '../src/pipeline.js'
import { parseTargets } from '../src/plan/targets.js'
import type { Result, Target } from '../src/types.js'
import { ROOT } from './support/action.js'
import { captureStdout, setEnv } from './support/artifact-files.js'
import { startArtifactService, type ArtifactService } from './support/artifact-service.js'
import { distList, goVersion } from './support/go.js'

const fixture = path.join(ROOT, '__fixtures__', 'hello')
const base = mkdtempSync(path.join(tmpdir(), 'gcb-release-'))
const host = hostPlatform()
/** The runner a leg reports outside a runner (no RUNNER_OS): the host. */
const HOST = `${host.goos}/${host.goarch}`
const TARGETS = 'linux/amd64 linux/arm64 linux/arm/7 windows/amd64 darwin/arm64 freebsd/amd64'

let svc: ArtifactService
let restoreEnv: (() => void) | undefined
let planned: Target[]

beforeAll(async () => {
  svc = await startArtifactService()
  planned = parseTargets(TARGETS, distList(), goVersion()).targets
}, 120000)

afterAll(async () => {
  restoreEnv?.()
  await svc?.stop()
  rmSync(base, { recursive: true, force: true })
})

/** Switches process.env to a job of the current run. */
function job(env: Record<string, string>): void {
  restoreEnv?.()
  restoreEnv = setEnv({ ...env, RUNNER_TEMP: mkdtempSync(path.join(base, 'temp-')) })
}

/** One leg: the build action's pipeline for the leg's targets. */
async function leg(
  name: string,
  targets: string,
  extra: Record<string, string> = {}
): Promise<Result> {
  job(svc.newJob())
  const values: Record<string, string> = {
    targets,
    'working-directory': fixture,
    'output-dir': mkdtempSync(path.join(base, `${name}-`)),
    archive: 'auto',
    leg: name,
    ...extra
  }
  const stop = captureStdout()
  try {
    return await execute(getInputs((n) => values[n]), streamLog(() => undefined))
  } finally {
    stop()
  }
}

/** The merge job. */
async function merge(targets: Target[] = planned) {
  job(svc.newJob())
  const releaseDir = path.join(mkdtempSync(path.join(base, 'merge-')), 'release')
  const stop = captureStdout()
  try {
    return await mergeRelease(targets, await runArtifacts(), {
      releaseDir,
      scratch: process.env.RUNNER_TEMP!
    })
  } finally {
    stop()
  }
}

/** Three legs from the plan's matrix, in a fresh run. */
async function threeLegs(): Promise<Result[]> {
  svc.newRun()
  const { matrix } = planMatrix(planned, { legs: 3 })
  expect(matrix.include).toHaveLength(3)
  const results: Result[] = []
  for (const l of matrix.include) results.push(await leg(l.leg, l.targetNames.join(' ')))
  for (const r of results) expect(r.problems).toEqual([])
  return results
}

describe('a release over three legs', () => {
  it('merges into one flat, verified directory that sha256sum -c accepts', async () => {
    await threeLegs()
    const m = await merge()
    expect(m.problems).toEqual([])
    const expected = planned
      .map((t) => `hello-${t.id}${t.goos === 'windows' ? '.zip' : '.tar.gz'}`)
      .sort()
    expect(m.files).toEqual(expected)
    expect(readdirSync(m.releaseDir).sort()).toEqual([...expected, 'SHA256SUMS'].sort())
    expect(
      execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: m.releaseDir, encoding: 'utf8' })
        .trim()
        .split('\n')
    ).toEqual(expected.map((f) => `${f}: OK`))
    expect(m.binaries.map((b) => [b.target, b.verified]).sort()).toEqual(planned.map((t) => [t.name, true]).sort())
    expect(new Set(m.legs.map((l) => l.leg))).toEqual(new Set(['leg-1', 'leg-2', 'leg-3']))
    // one job summary for the whole release, foreign text escaped
    const summary = mergeSummary(m)
    expect(summary).toMatch(/^## Release: 6 file\(s\) verified after download\n/)
    for (const t of planned) expect(summary).toMatch(new RegExp(`\\| ${t.name.replace(/\//g, '\\/')} \\| hello \\| leg-\\d \\| ${HOST.replace('/', '\\/')} \\|`))
    // the optional combined artifact: downloaded back, it checks
    const stop = captureStdout()
    try {
      const up = await uploadRelease(m, 'release')
      const client = new (await import('@actions/artifact')).DefaultArtifactClient()
      const back = mkdtempSync(path.join(base, 'back-'))
      const got = await client.downloadArtifact(up.id!, { path: back, expectedHash: `sha256:${up.digest}` })
      expect(got.digestMismatch).toBe(false)
      expect(readdirSync(back).sort()).toEqual([...expected, 'SHA256SUMS'].sort())
      expect(execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: back, encoding: 'utf8' })).toMatch(/: OK\n$/)
    } finally {
      stop()
    }
    // what a user downloads from the release runs, its SBOM beside it
    const x = mkdtempSync(path.join(base, 'x-'))
    execFileSync('tar', ['-xzf', path.join(m.releaseDir, 'hello-linux-amd64.tar.gz'), '-C', x])
    expect(readdirSync(x).sort()).toEqual(['hello-linux-amd64', 'hello-linux-amd64.cdx.json'])
    expect(execFileSync(path.join(x, 'hello-linux-amd64'), { encoding: 'utf8' })).toBe('hello, world\n')
  }, 600000)

  it('carries an SBOM that is a release file of its own (raw uploads, no archive) into release-dir and SHA256SUMS', async () => {
    svc.newRun()
    const amd64 = planned.find((t) => t.name === 'linux/amd64')!
    const r = await leg('leg-1', amd64.name, { archive: 'none', 'skip-archive': 'true' })
    expect(r.problems).toEqual([])
    // the binary and its SBOM, each a raw artifact of its own
    expect(r.artifacts.map((a) => a.name).sort()).toEqual(['hello-linux-amd64', 'hello-linux-amd64.cdx.json'])
    const m = await merge([amd64])
    expect(m.problems).toEqual([])
    expect(m.files).toEqual(['hello-linux-amd64', 'hello-linux-amd64.cdx.json'])
    expect(readdirSync(m.releaseDir).sort()).toEqual(['SHA256SUMS', 'hello-linux-amd64', 'hello-linux-amd64.cdx.json'])
    expect(
      execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: m.releaseDir, encoding: 'utf8' })
    ).toBe('hello-linux-amd64: OK\nhello-linux-amd64.cdx.json: OK\n')
    // the SBOM that arrived is the one the leg wrote
    const sbom = JSON.parse(readFileSync(path.join(m.releaseDir, 'hello-linux-amd64.cdx.json'), 'utf8'))
    expect(sbom.metadata.component.components[0].hashes).toEqual([
      { alg: 'SHA-256', content: r.binaries[0].build.sha256 }
    ])
  }, 600000)

  it('fails naming the target when a blob was altered in the store after upload', async () => {
    await threeLegs()
    const victim = svc.artifacts().find((a) => a.name === 'hello-linux-arm64')!
    const bytes = await svc.download(victim.name)
    bytes[bytes.length - 30] ^= 0xff
    await svc.tamper(victim.name, bytes)
    const m = await merge()
    expect(m.problems).toEqual([
      expect.stringMatching(/^linux\/arm64: artifact hello-linux-arm64 differs from the digest the artifact service recorded at upload/)
    ])
    expect(m.files).not.toContain('hello-linux-arm64.tar.gz')
    expect(readdirSync(m.releaseDir)).not.toContain('hello-linux-arm64.tar.gz')
  }, 600000)

  it('fails naming the targets of a leg that never ran', async () => {
    svc.newRun()
    const { matrix } = planMatrix(planned, { legs: 3 })
    for (const l of matrix.include.slice(0, 2)) await leg(l.leg, l.targetNames.join(' '))
    const m = await merge()
    const lost = matrix.include[2].targetNames
    expect(m.problems.sort()).toEqual(lost.map((t) => expect.stringMatching(new RegExp(`^${t.replace(/\//g, '\\/')}: no leg delivered it`))).sort())
    expect(m.files).toHaveLength(planned.length - lost.length)
  }, 600000)

  it('fails naming a target delivered twice, and a binary built for another architecture', async () => {
    svc.newRun()
    // A wrapper around go that ignores GOARCH, in a leg that does not verify.
    const wrapperDir = mkdtempSync(path.join(base, 'wrapper-'))
    const wrapper = path.join(wrapperDir, 'go')
    const realGo = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim() + '/bin/go'
    writeFileSync(wrapper, `#!/bin/sh\nGOARCH=amd64 exec ${JSON.stringify(realGo)} "$@"\n`)
    chmodSync(wrapper, 0o755)
    await leg('leg-1', 'linux/amd64 windows/amd64 darwin/arm64 freebsd/amd64 linux/arm/7')
    await leg('leg-2', 'linux/arm64', { go: wrapper, verify: 'false' })
    await leg('leg-3', 'linux/amd64', { 'artifact-name': '{name}-{target}-again' })
    const m = await merge()
    expect(m.problems).toEqual([
      expect.stringMatching(/^linux\/amd64: delivered 2 times \(leg-1, leg-3\)/),
      expect.stringMatching(/^linux\/arm64: inspected again after the download, it is not what linux\/arm64 needs: .*x86-64/)
    ])
    expect(m.files).not.toContain('hello-linux-arm64.tar.gz')
    expect(m.files).not.toContain('hello-linux-amd64.tar.gz')
  }, 600000)
})

