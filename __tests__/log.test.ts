/**
 * The logging port: the action's log fences foreign text so the runner
 * cannot read a command in it, and caps annotations; the terminal's log
 * shows control characters as escapes.
 */
import { EOL } from 'node:os'
import { jest } from '@jest/globals'
import { annotate } from '../src/report/annotations.js'
import {
  ANNOTATION_LIMIT,
  actionLog,
  neutraliseLine,
  streamLog,
  terminalText
} from '../src/log.js'
import { buildRecord } from '../src/build/build.js'
import type { BinaryReport } from '../src/types.js'
import { plannedBinary } from './support/artifact-files.js'

/** Everything written to process.stdout (where @actions/core writes) by `fn`. */
function stdoutOf(fn: () => void): string {
  const written: string[] = []
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
  try {
    fn()
  } finally {
    spy.mockRestore()
  }
  return written.join('')
}

describe('actionLog', () => {
  it('wraps each foreign block in stop-commands with a fresh token', () => {
    let n = 0
    const out = stdoutOf(() => {
      const log = actionLog({ token: () => `token${++n}` })
      log.foreign('::error::one')
      log.foreignBlock('title of ours', '::add-mask::two')
    })
    expect(out.split(/\r?\n/)).toEqual([
      '::stop-commands::token1',
      ':\u200b:error::one',
      '::token1::',
      'title of ours',
      '::stop-commands::token2',
      ':\u200b:add-mask::two',
      '::token2::',
      ''
    ])
  })

  it('makes unguessable tokens, one per block', () => {
    const out = stdoutOf(() => {
      const log = actionLog()
      log.foreign('a')
      log.foreign('b')
    })
    const tokens = [...out.matchAll(/^::stop-commands::(.*)$/gm)].map((m) =>
      m[1].trim()
    )
    expect(tokens).toHaveLength(2)
    expect(tokens[0]).toMatch(/^[0-9a-f]{32}$/)
    expect(tokens[0]).not.toBe(tokens[1])
  })

  it.each([
    ['\n', 'LF'],
    ['\r', 'CR'],
    ['\r\n', 'CR LF'],
    ['\u2028', 'LS'],
    ['\u0085', 'NEL'],
    ['\f', 'FF']
  ])('breaks command starts after every line break (%j, %s)', (br) => {
    const out = stdoutOf(() =>
      actionLog({ token: () => 't' }).foreign(
        `ok${br}::set-output name=x::y${br}  ::add-mask::z${br}a ##[error]b`
      )
    )
    const lines = out.split(/\r\n|[\r\n\u2028\u0085\f]/).map((l) => l.trim())
    expect(lines.filter((l) => l.startsWith('::'))).toEqual([
      '::stop-commands::t',
      '::t::'
    ])
    expect(out).not.toContain('##[')
    expect(out).toContain('y')
  })

  it('makes a foreign value one line that cannot start a command', () => {
    const log = actionLog()
    const v = log.value('x\n::error::forged\r\n##[add-mask]s')
    expect(v).toBe('x\\n::error::forged\\r\\n#\u200b#[add-mask]s')
    expect(log.value('::set-output name=a::b')).toBe(':\u200b:set-output name=a::b')
    expect(neutraliseLine('  ::x')).toBe('  :\u200b:x')
    expect(neutraliseLine('a::b')).toBe('a::b')
  })

  it('sends at most its limit of annotations and counts the rest, fenced', () => {
    let out = ''
    const log = actionLog({
      token: () => 't',
      annotationLimit: 2,
      write: (t) => void (out += t)
    })
    const core = stdoutOf(() => {
      log.error('e1', { title: 'x' })
      log.warning('w1')
      log.error('::add-mask::e2', { file: 'a.go', startLine: 3 })
    })
    expect(core.match(/^::(error|warning)/gm)).toHaveLength(2)
    expect(log.omitted()).toBe(1)
    expect(out).toBe(
      ['::stop-commands::t', 'error: a.go:3: ::add-mask::e2', '::t::', ''].join(EOL)
    )
  })
})

/** A failed build whose output holds `n` distinct compiler errors. */
function flood(n: number): BinaryReport {
  const output = Array.from(
    { length: n },
    (_, i) => `./main.go:${i + 1}:1: undefined: x${i}`
  ).join('\n')
  return {
    build: buildRecord(plannedBinary('/repo/dist', 'linux/amd64', 'x'), 'failed', {
      seconds: 1,
      output,
      error: 'linux/amd64: go build x failed (exit code 1)'
    })
  }
}

describe('the annotation cap', () => {
  it('turns 200,000 compiler errors into at most a few dozen annotations', () => {
    const log = actionLog({ write: () => {} })
    let result: ReturnType<typeof annotate> | undefined
    const out = stdoutOf(() => {
      result = annotate(
        [flood(200_000)],
        { moduleDir: '/repo', workspace: '/repo', platform: 'linux' },
        log
      )
    })
    const sent = out.match(/^::error /gm) ?? []
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.length).toBeLessThanOrEqual(ANNOTATION_LIMIT)
    expect(result).toEqual({ emitted: sent.length, omitted: 200_000 - sent.length })
    expect(log.omitted()).toBe(200_000 - sent.length)
    expect(out).toContain(`${200_000 - sent.length} more distinct compiler error(s) were not annotated`)
    // Findings after the compiler errors still stop at the step's limit.
    const more = stdoutOf(() => {
      for (let i = 0; i < 100; i++) log.error(`finding ${i}`)
    })
    expect(sent.length + (more.match(/^::error/gm) ?? []).length).toBeLessThan(
      ANNOTATION_LIMIT
    )
  })
})

describe('streamLog and terminalText', () => {
  it.each([
    ['ESC sequences', 'red \u001b[31mX\u001b[0m', 'red \\x1b[31mX\\x1b[0m'],
    ['C1 CSI and DEL', 'a\u009b2Jb\u007f', 'a\\x9b2Jb\\x7f'],
    ['bidi overrides and isolates', 'x\u202eevil\u2066y\u2069', 'x\\u202eevil\\u2066y\\u2069'],
    ['CR, BEL and NUL', 'over\rwrite\u0007\u0000', 'over\\rwrite\\x07\\x00'],
    ['but not LF and tab', 'a\tb\nc', 'a\tb\nc'],
    ['CR LF as LF', 'a\r\nb', 'a\nb']
  ])('shows %s as escapes', (_, text, shown) => {
    expect(terminalText(text)).toBe(shown)
  })

  it('writes plain lines: groups, annotations, foreign text escaped', () => {
    let out = ''
    const log = streamLog((t) => void (out += t))
    log.info('plan')
    log.startGroup(`✗ linux/amd64 ${log.value('x\n\u001b[2J')}`)
    log.foreign('# pkg\n./main.go:1:1: \u001b]8;;http://evil\u0007link\u001b]8;;\u0007')
    log.endGroup()
    log.error('undefined: \u202ex', { file: 'main.go', startLine: 4, startColumn: 2 })
    log.warning('w', { title: 'T' })
    log.debug('hidden')
    expect(out).toBe(
      [
        'plan',
        '▸ ✗ linux/amd64 x\\n\\x1b[2J',
        '  # pkg',
        '  ./main.go:1:1: \\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07',
        'error: main.go:4:2: undefined: \\u202ex',
        'warning: T: w',
        ''
      ].join('\n')
    )
    expect(out).not.toMatch(/[\u001b\u0007\u202e]/)
  })

  it('shows debug lines when verbose', () => {
    let out = ''
    streamLog((t) => void (out += t), { verbose: true }).debug('timing')
    expect(out).toBe('debug: timing\n')
  })
})
