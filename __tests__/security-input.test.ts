/**
 * Odd input is refused by name, before any build. The committed bundle runs
 * as on a runner with one hostile input at a time: nesting, globs and paths
 * past their bounds, control, bidirectional and line-break characters in
 * names and paths, `.` and `..` as artifact names. Each run must fail, the
 * error must name the input, the plan must never be logged (it is logged
 * just before the first go build), and the run's directory must stay empty:
 * no output-dir, no binary, no file with the hostile name.
 *
 * Nesting is tried 30 000 deep, not deeper: one environment variable holds
 * at most 128 KiB on Linux, so no runner can pass more.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { ROOT, runAction } from './support/action.js'

const HELLO = path.join(ROOT, '__fixtures__', 'hello')

/** Characters that must never reach the log raw. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/

/** A relative path of `bytes` bytes, no component longer than 200 bytes. */
const deepPath = (bytes: number): string => {
  const parts: string[] = []
  for (let left = bytes; left > 0; left -= 201) parts.push('a'.repeat(Math.min(200, left)))
  return parts.join('/').slice(0, bytes)
}

type Case = [
  string,
  /** Inputs; `OUT` in a value stands for the run's own directory. */
  Record<string, string>,
  /** The input the error must name. */
  string,
  /** What the error must say after the input's name. */
  RegExp
]

const cases: Case[] = [
  ['targets nested 30 000 deep', { targets: '['.repeat(30_000) + ']'.repeat(30_000) }, 'targets', /the JSON nests arrays or objects more than 3 levels deep/],
  ['targets nested 5 deep', { targets: '[[[[["linux/amd64"]]]]]' }, 'targets', /the JSON nests arrays or objects more than 3 levels deep/],
  ['a 65 KB glob', { targets: `linux/${'*'.repeat(65 * 1024)}` }, 'targets', /the value is 66566 bytes long .* more than the 64 KiB/],
  ['a 1000-character glob', { targets: `linux/${'*'.repeat(1000)}` }, 'targets', /".*" is 1006 characters long, more than the 256/],
  ['a bidi override in targets', { targets: 'linux/amd64\u202e' }, 'targets', /holds U\+202E RIGHT-TO-LEFT OVERRIDE at character 12/],
  ['an output-dir of 5000 bytes', { 'output-dir': `OUT/${'d'.repeat(5000)}` }, 'output-dir', /the value is \d+ bytes long .* more than the 4 KiB/],
  ['an output-dir component of 300 bytes', { 'output-dir': `OUT/${'d'.repeat(300)}` }, 'output-dir', /the path component "d+…d+" is 300 bytes long/],
  ['an output-dir that resolves past 4 KiB', { 'output-dir': deepPath(4090) }, 'output-dir', /resolves to a path of \d+ bytes/],
  ['binary-name with a bidi override (hello‮hs.exe)', { 'binary-name': 'hello\u202ehs', targets: 'windows/amd64' }, 'binary-name', /"hello\\u202ehs" holds U\+202E RIGHT-TO-LEFT OVERRIDE at character 6/],
  ['binary-name with an escape sequence', { 'binary-name': 'tool\u001b[2J' }, 'binary-name', /holds U\+001B ESCAPE at character 5/],
  ['binary-name with a bell', { 'binary-name': 'tool\u0007' }, 'binary-name', /holds U\+0007 BELL at character 5/],
  ['binary-name with a line feed', { 'binary-name': 'tool\nx' }, 'binary-name', /holds U\+000A LINE FEED at character 5/],
  ['binary-name with a line separator', { 'binary-name': 'tool\u2028x' }, 'binary-name', /holds U\+2028 LINE SEPARATOR/],
  ['binary-name with NEL', { 'binary-name': 'tool\u0085x' }, 'binary-name', /holds U\+0085 NEXT LINE/],
  ['output-dir with a line feed', { 'output-dir': 'OUT/out\n::error::x' }, 'output-dir', /holds U\+000A LINE FEED/],
  ['output-dir with a bell', { 'output-dir': 'OUT/out\u0007' }, 'output-dir', /holds U\+0007 BELL/],
  ['output-dir with a bidi isolate', { 'output-dir': 'OUT/out\u2067x\u2069' }, 'output-dir', /holds U\+2067 RIGHT-TO-LEFT ISOLATE .*\(and 1 more/],
  ['working-directory with a carriage return', { 'working-directory': `${HELLO}\r/x` }, 'working-directory', /holds U\+000D CARRIAGE RETURN/],
  ['package with a bidi override', { package: './cmd\u202e' }, 'package', /holds U\+202E/],
  ['artifact-name with a DEL', { 'artifact-name': '{name}\u007f', upload: 'per-target' }, 'artifact-name', /holds U\+007F DELETE/],
  ['artifact-name "."', { 'artifact-name': '.', upload: 'per-target' }, 'artifact-name', /"\." names the current or parent directory/],
  ['artifact-name ".."', { 'artifact-name': '..', upload: 'combined' }, 'artifact-name', /"\.\." names the current or parent directory/],
  ['artifact-name that renders as "."', { 'artifact-name': '..{variant}', upload: 'per-target' }, 'artifact-name', /an artifact name is "\.", which names a directory/]
]

describe('odd input is refused by name before any build', () => {
  let dir: string
  let temp: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'odd-input-'))
    temp = mkdtempSync(path.join(tmpdir(), 'odd-input-temp-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
    rmSync(temp, { recursive: true, force: true })
  })

  it.each(cases)('%s', async (_, given, input, message) => {
    const inputs: Record<string, string> = {
      targets: 'linux/amd64',
      'working-directory': HELLO,
      'output-dir': path.join(dir, 'out'),
      upload: 'none'
    }
    for (const [k, v] of Object.entries(given)) inputs[k] = v.replace(/^OUT\//, `${dir}/`)
    const run = await runAction(inputs, {
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: temp,
      GITHUB_WORKSPACE: ROOT
    })
    expect(run.exitCode).not.toBe(0)
    // The failure names the input; the runner's %0A escaping keeps it one line.
    const failure = run.stdout.split('\n').find((l) => l.startsWith('::error::'))
    expect(failure).toBeDefined()
    expect(failure!.slice('::error::'.length)).toMatch(
      new RegExp(`^${input}: (.*? )?${message.source}`)
    )
    // No build: the plan is logged just before the first go build.
    expect(run.stdout).not.toMatch(/^plan: /m)
    expect(run.outputs.binaries).toBeUndefined()
    // Nothing written: no output-dir, no binary, no file with the odd name.
    expect(readdirSync(dir)).toEqual([])
    // The log never holds the odd character itself.
    expect(run.stdout).not.toMatch(RAW_CONTROL)
  }, 60_000)
})
