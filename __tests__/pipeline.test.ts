/**
 * The pipeline from src/ (not through dist/): the real fixture through every
 * stage, and what happens when a stage past the plan fails: the run still
 * returns a Result, and the action still sets its outputs and writes the
 * summary, with the failure listed.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { INPUT_DEFAULTS, InputError, getInputs } from '../src/inputs/inputs.js'
import { streamLog } from '../src/log.js'
import { run } from '../src/main.js'
import { execute } from '../src/pipeline.js'
import { problemLine } from '../src/problem.js'
import { ROOT, parseOutputFile } from './support/action.js'
import { RUNNER_VARS, setEnv } from './support/artifact-files.js'

const hello = path.join(ROOT, '__fixtures__', 'hello')
const base = mkdtempSync(path.join(tmpdir(), 'gcb-pipeline-'))

/** Inputs as a runner passes them: every input, defaults for the rest. */
function inputs(values: Record<string, string>): Record<string, string> {
  return {
    ...INPUT_DEFAULTS,
    targets: 'linux/amd64, windows/amd64',
    'working-directory': hello,
    upload: 'none',
    ...values
  }
}

/** An output-dir where SHA256SUMS cannot be written (it is a directory). */
function unwritableSums(name: string): string {
  const dir = path.join(base, name)
  mkdirSync(path.join(dir, 'SHA256SUMS'), { recursive: true })
  return dir
}

const quiet = streamLog(() => {})
let restore: () => void = () => {}
afterEach(() => restore())

describe('execute', () => {
  it('joins every stage by build id', async () => {
    const out = path.join(base, 'ok')
    const given = inputs({ 'output-dir': out })
    const result = await execute(getInputs((n) => given[n]), quiet)
    expect(result.problems).toEqual([])
    expect(result.binaries.map((b) => [b.build.id, b.build.fileName])).toEqual([
      ['linux-amd64/hello', 'hello-linux-amd64'],
      ['windows-amd64/hello', 'hello-windows-amd64.exe']
    ])
    expect(result.binaries.every((b) => b.verification?.ok)).toBe(true)
    expect(result.checksumsPath).toBe(path.join(out, 'SHA256SUMS'))
    expect(result.uploadSkipped).toBe('upload is "none"')
  })

  it('throws only for problems found before any build', async () => {
    const given = inputs({ 'output-dir': path.join(base, 'bad'), targets: 'linux/amd46' })
    await expect(execute(getInputs((n) => given[n]), quiet)).rejects.toBeInstanceOf(
      InputError
    )
  })

  it('returns a partial Result when packaging fails', async () => {
    const out = unwritableSums('package-fails')
    const given = inputs({ 'output-dir': out })
    const result = await execute(getInputs((n) => given[n]), quiet)
    expect(result.binaries.map((b) => b.build.status)).toEqual(['built', 'built'])
    expect(result.checksumsPath).toBeUndefined()
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({
      subject: 'package',
      stage: 'package',
      builds: ['linux-amd64/hello', 'windows-amd64/hello']
    })
    expect(problemLine(result.problems[0])).toMatch(
      /^package: stopped: could not write .*SHA256SUMS: EISDIR.*re-run\.$/
    )
  })

  it('ties a refused upload to the builds of its artifacts', async () => {
    restore = setEnv({
      ...Object.fromEntries(RUNNER_VARS.map((v) => [v, undefined])),
      ACTIONS_RUNTIME_TOKEN: 'x.e30.y',
      ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/'
    })
    const given = inputs({ 'output-dir': path.join(base, 'refused'), upload: 'per-target' })
    const result = await execute(getInputs((n) => given[n]), quiet)
    expect(result.artifacts).toEqual([])
    expect(result.problems).toEqual([
      expect.objectContaining({
        stage: 'upload',
        builds: ['linux-amd64/hello', 'windows-amd64/hello']
      })
    ])
    for (const b of result.binaries)
      expect(b.uploadError).toMatch(/no "Actions.Results:<run>:<job>" scope/)
  })
})

describe('run (the action adapter)', () => {
  it('sets every output and writes the summary when packaging fails', async () => {
    const dir = mkdtempSync(path.join(base, 'runner-'))
    const outputFile = path.join(dir, 'output')
    const summaryFile = path.join(dir, 'summary')
    writeFileSync(outputFile, '')
    writeFileSync(summaryFile, '')
    const out = unwritableSums('run-package-fails')
    const given = inputs({ 'output-dir': out })
    restore = setEnv({
      ...Object.fromEntries(
        Object.entries(given).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])
      ),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile
    })
    const write = process.stdout.write
    process.stdout.write = (() => true) as typeof process.stdout.write
    try {
      await run()
    } finally {
      process.stdout.write = write
      process.exitCode = undefined
    }
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'))
    expect(outputs['output-dir']).toBe(out)
    expect(outputs.checksums).toBe('')
    expect(JSON.parse(outputs.artifacts)).toEqual([])
    const binaries = JSON.parse(outputs.binaries) as { name: string; status: string }[]
    expect(binaries.map((b) => [b.name, b.status])).toEqual([
      ['hello-linux-amd64', 'built'],
      ['hello-windows-amd64.exe', 'built']
    ])
    const summary = readFileSync(summaryFile, 'utf8')
    expect(summary).toContain('### Failures')
    expect(summary).toMatch(/- package: stopped: could not write .*SHA256SUMS: EISDIR/)
  })
})
