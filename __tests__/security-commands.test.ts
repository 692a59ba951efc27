/**
 * Hostile text cannot issue workflow commands. The committed bundle runs,
 * as on a runner, on a module whose compiler errors are printed at
 * positions named like workflow commands (`//line ::error::forged.go:1`),
 * with a binary name holding a v1 command and an output directory with
 * commands in its name (a line break in it is refused as input, see
 * security-input.test.ts). The captured stdout is then read
 * as the runner reads it: line by line, honouring `::stop-commands::`.
 * Every command the runner would act on must be one the action itself
 * issues.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { LINE_BREAK } from '../src/log.js'
import { ROOT, runAction } from './support/action.js'

/** One workflow command as the runner would parse it. */
interface Command {
  name: string
  properties: Record<string, string>
  data: string
  line: string
}

/** Undo the toolkit's escaping of command data and properties. */
function unescape(text: string): string {
  return text
    .replace(/%0D/gi, '\r')
    .replace(/%0A/gi, '\n')
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%25/g, '%')
}

/**
 * The commands a runner would act on in `stdout`: `::name props::data` at a
 * line start (after white space), `##[name]` anywhere in a line, nothing
 * between `::stop-commands::TOKEN` and `::TOKEN::`. Splits on every line
 * break the runner or a terminal might honour, which only makes it stricter.
 */
export function runnerCommands(stdout: string): Command[] {
  const commands: Command[] = []
  let stopped: string | undefined
  for (const line of stdout.split(LINE_BREAK)) {
    const text = line.trim()
    if (stopped !== undefined) {
      if (text === `::${stopped}::`) stopped = undefined
      continue
    }
    const v2 = /^::([^\s:]+)(?: ([^]*?))?::([^]*)$/.exec(text)
    if (v2) {
      const properties: Record<string, string> = {}
      for (const pair of (v2[2] ?? '').split(',')) {
        const eq = pair.indexOf('=')
        if (eq > 0) properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1))
      }
      const command = { name: v2[1], properties, data: unescape(v2[3]), line }
      commands.push(command)
      if (command.name === 'stop-commands') stopped = command.data
      continue
    }
    // The runner tries the v1 form only when the line is no v2 command.
    const v1 = /##\[([^\]\s;]+)/.exec(text)
    if (v1) commands.push({ name: `##[${v1[1]}`, properties: {}, data: '', line })
  }
  return commands
}

/** Why a command is not one the action issues, or undefined when it is. */
function notOurs(c: Command): string | undefined {
  switch (c.name) {
    case 'group':
    case 'endgroup':
    case 'debug':
    case 'remove-matcher':
      return undefined
    case 'add-matcher':
      return /go-cross-build-go-matcher\.json$/.test(c.data)
        ? undefined
        : 'an add-matcher of a file the action did not write'
    case 'stop-commands':
      return /^[0-9a-f]{32}$/.test(c.data)
        ? undefined
        : 'a stop-commands token the action did not make'
    case 'error':
      if (/^go build failed/.test(c.properties.title ?? '')) return undefined
      if (!Object.keys(c.properties).length && /^\d+ problem\(s\):\n/.test(c.data))
        return undefined
      return 'an error annotation the action did not issue'
    default:
      return `a ${c.name} command`
  }
}

/** The lines of `stdout` that the runner would act on and the action did not mean. */
function forged(stdout: string): string[] {
  return runnerCommands(stdout)
    .map((c) => [notOurs(c), c.line])
    .filter(([why]) => why !== undefined)
    .map(([why, line]) => `${why}: ${line}`)
}

const HOSTILE = path.join(ROOT, '__fixtures__', 'hostile')

describe('workflow commands in foreign text', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'hostile-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('the checker sees the commands when the same text is logged without the fence', () => {
    // What the log would be with a direct core.info of the compiler output.
    const unfenced = [
      '::group::✗ linux/amd64 x failed',
      '# example.com/hostile',
      '::set-output name=x::y.go:1: undefined: undefinedA',
      '::add-mask::hostile.go:1: undefined: undefinedB',
      '::error::forged.go:1: undefined: undefinedC',
      '::stop-commands::X.go:1: undefined: undefinedD',
      '::endgroup::',
      'x ##[error]v1forged.go:1',
      '::endgroup::'
    ].join('\n')
    expect(forged(unfenced)).toEqual([
      'a set-output command: ::set-output name=x::y.go:1: undefined: undefinedA',
      'a add-mask command: ::add-mask::hostile.go:1: undefined: undefinedB',
      'an error annotation the action did not issue: ::error::forged.go:1: undefined: undefinedC',
      'a stop-commands token the action did not make: ::stop-commands::X.go:1: undefined: undefinedD'
    ])
    // …and a v1 command once commands run again.
    expect(forged('x ##[error]y')).toEqual(['a ##[error command: x ##[error]y'])
  })

  it('no line the runner acts on comes from compiler output, names or paths', async () => {
    const outputDir = path.join(dir, 'out ::error::outdir ##[add-mask]cr')
    const run = await runAction(
      {
        targets: 'linux/amd64, windows/arm64',
        'working-directory': HOSTILE,
        'output-dir': outputDir,
        'binary-name': '##[error]bin',
        upload: 'none',
        'smoke-test': 'false'
      },
      { GITHUB_ACTIONS: 'true', RUNNER_TEMP: dir, GITHUB_WORKSPACE: ROOT }
    )
    expect(run.exitCode).toBe(1)
    // The hostile text really is in the log…
    for (const name of ['undefinedA', 'undefinedC', 'undefinedD', 'undefinedF'])
      expect(run.stdout).toContain(name)
    expect(run.stdout).toMatch(/^::stop-commands::[0-9a-f]{32}$/m)
    // …and the builds failed because of it, annotated by the action.
    const commands = runnerCommands(run.stdout)
    expect(
      commands.filter(
        (c) => c.name === 'error' && c.properties.title === 'go build failed in example.com/hostile'
      ).length
    ).toBe(6)
    // Nothing else.
    expect(forged(run.stdout)).toEqual([])
    // Every stop block is closed, each with its own token.
    const tokens = commands.filter((c) => c.name === 'stop-commands').map((c) => c.data)
    expect(new Set(tokens).size).toBe(tokens.length)
    expect(tokens.length).toBeGreaterThanOrEqual(2)
  }, 120_000)
})
