/**
 * The build-machine path check through the pipeline from src/: a fixture
 * that embeds its build directory on purpose (an -ldflags -X value and a
 * //go:embed of a file written here), built by the real toolchain. With
 * trimpath on, every occurrence `grep -obaF` finds is an error finding
 * with its offset and likely cause, and the binary is not published; with
 * trimpath off, the check is skipped and says so.
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { INPUT_DEFAULTS, getInputs } from '../src/inputs/inputs.js'
import { streamLog } from '../src/log.js'
import { execute } from '../src/pipeline.js'
import { binariesOutput } from '../src/report/outputs.js'
import { summaryMarkdown } from '../src/report/report.js'
import { ROOT } from './support/action.js'

// The module is copied to a fresh directory, so the path it embeds is one
// no other file of the machine holds.
const moduleDir = mkdtempSync(path.join(tmpdir(), 'gcb-buildpath-'))
cpSync(path.join(ROOT, '__fixtures__', 'buildpath'), moduleDir, {
  recursive: true
})
writeFileSync(
  path.join(moduleDir, 'origin.txt'),
  `generated in ${moduleDir}/gen by go generate\n`
)
afterAll(() => rmSync(moduleDir, { recursive: true, force: true }))

/** Byte offsets of `needle` in `file`, as grep sees them. */
function grepOffsets(file: string, needle: string): number[] {
  try {
    return execFileSync('grep', ['-obaF', '--', needle, file], {
      encoding: 'latin1'
    })
      .trim()
      .split('\n')
      .map((l) => Number(l.split(':')[0]))
  } catch {
    return []
  }
}

async function run(out: string, trimpath: string) {
  const given: Record<string, string> = {
    ...INPUT_DEFAULTS,
    targets: 'linux/amd64',
    'working-directory': moduleDir,
    'output-dir': out,
    ldflags: `-s -w -X main.built=${moduleDir}/VERSION`,
    trimpath,
    upload: 'none',
    cache: 'false'
  }
  return execute(
    getInputs((n) => given[n]),
    streamLog(() => {})
  )
}

describe('build-machine paths', () => {
  it('trimpath: true: each path grep finds is an error finding with its offset and cause, and the binary is held back', async () => {
    const out = path.join(moduleDir, 'out-trim')
    const result = await run(out, 'true')
    const [b] = result.binaries
    const bin = b.build.path
    const offsets = grepOffsets(bin, `${moduleDir}/`)
    // the -X value and the embedded file
    expect(offsets).toHaveLength(2)
    const findings = (b.verification?.findings ?? []).filter(
      (f) => f.check === 'build-path'
    )
    expect(findings.map((f) => f.found)).toEqual(
      offsets.map(
        (o) => `the module directory ${moduleDir} at offset 0x${o.toString(16)}`
      )
    )
    expect(findings.every((f) => f.severity === 'error')).toBe(true)
    // Each names what it found around the path, and where it likely came from.
    for (const held of [`${moduleDir}/VERSION`, `${moduleDir}/gen by go generate`])
      expect(findings.filter((f) => f.hint.includes(held))).toHaveLength(1)
    for (const f of findings)
      expect(f.hint).toMatch(/an -ldflags -X value or a \/\/go:embed file/)
    expect(b.verification?.ok).toBe(false)
    expect(b.verification?.paths).toMatchObject({ state: 'hits', hits: 2 })

    // verify: true (the default) holds it back: nothing is packaged.
    expect(result.problems.map((p) => [p.stage, p.builds])).toEqual([
      ['inspect', [b.build.id]],
      ['inspect', [b.build.id]]
    ])
    expect(result.checksumsPath).toBeUndefined()
    expect(readdirSync(out)).toEqual([b.build.fileName])

    // What the user sees: the binaries output and the summary.
    const [output] = binariesOutput(result) as Record<string, unknown>[]
    expect(output.paths).toBe('2 hits')
    const summary = summaryMarkdown(result)
    expect(summary).toMatch(/\| ❌ 2 hits \|/)
  }, 180000)

  it('trimpath: false: nothing is reported, and the check says it was skipped', async () => {
    const out = path.join(moduleDir, 'out-full')
    const result = await run(out, 'false')
    const [b] = result.binaries
    // The paths are there (an untrimmed binary holds them by design)...
    expect(grepOffsets(b.build.path, `${moduleDir}/`).length).toBeGreaterThan(2)
    // ...and the check does not look.
    expect(result.problems).toEqual([])
    expect(
      (b.verification?.findings ?? []).filter((f) => f.check === 'build-path')
    ).toEqual([])
    expect(b.verification?.paths?.state).toBe('skipped')
    const [output] = binariesOutput(result) as Record<string, unknown>[]
    expect(output.paths).toBe('skipped (trimpath off)')
  }, 180000)
})
