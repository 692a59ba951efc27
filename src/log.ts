/**
 * The one logging port, and the one fence for text the action did not
 * write.
 *
 * Every line the action logs goes through a `Log`. Text that came from
 * elsewhere — compiler and `go` output, file, module and package names,
 * a binary's output or values read from a binary, input values — is
 * *foreign*: it goes through `foreign`, `foreignBlock` or `value`, never
 * straight into a line.
 *
 *   actionLog  the runner's log, through @actions/core. Foreign blocks are
 *              wrapped in `::stop-commands::TOKEN` … `::TOKEN::` with a
 *              fresh random token per block, and every foreign line start
 *              that the runner would read as a command (`::`, `##[`) is
 *              broken up as well, so that neither a block nor a value
 *              embedded in one of our lines can issue a workflow command.
 *   streamLog  a terminal: plain lines, groups as `▸ title`, annotations
 *              as `error: file:line:col: message`; terminal control
 *              characters in foreign text are shown as escapes.
 */
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { EOL } from 'node:os'
import { escapeChar } from './escape.js'

/** Where an annotation points, as `core.error`/`core.warning` take it. */
export type AnnotationProps = core.AnnotationProperties

/** The action's log: every stage writes through one of these. */
export interface Log {
  /** One or more of the action's own lines. */
  info(message: string): void
  /** A line shown only when debugging is on. */
  debug(message: string): void
  /** A warning annotation (and log line). */
  warning(message: string, props?: AnnotationProps): void
  /** An error annotation (and log line). */
  error(message: string, props?: AnnotationProps): void
  /** Start a folded group of lines. */
  startGroup(title: string): void
  /** End the group `startGroup` started. */
  endGroup(): void
  /** Log text the action did not write, made inert. */
  foreign(text: string): void
  /** Log a block of foreign text, after an optional line of our own. */
  foreignBlock(title: string | undefined, text: string): void
  /**
   * A foreign value made safe to embed in one of the action's own lines:
   * one line, nothing in it that can start a command.
   */
  value(text: string): string
  /** Count `count` annotations that were left out without being sent. */
  omit(count: number): void
  /** How many annotations were left out so far (over the step's limit). */
  omitted(): number
}

/**
 * At most this many annotations per step, all kinds together (GitHub shows
 * 10 of each kind per step and 50 per job; the rest only clutter). The
 * action's log sends one less, keeping one for the step's failure.
 */
export const ANNOTATION_LIMIT = 30

/**
 * Every line break the runner (a .NET `StreamReader.ReadLine`) or a
 * terminal may honour: CR LF, CR, LF, and to be safe VT, FF, NEL, LS, PS.
 */
export const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/

/** Zero-width space: breaks `::` and `##[` without changing what one reads. */
const ZWSP = '\u200b'

/**
 * Break up what would make the runner read one line as a command: `::` at
 * the start (after white space, which the runner trims) and `##[` anywhere.
 */
export function neutraliseLine(line: string): string {
  return line
    .replace(/^(\s*):(?=:)/, `$1:${ZWSP}`)
    .replace(/##\[/g, `#${ZWSP}#[`)
}

/** Foreign text as lines, each made inert for the runner. */
export function neutraliseLines(text: string): string[] {
  return text.split(LINE_BREAK).map(neutraliseLine)
}

/** One foreign value for the runner's log: one inert line. */
export function runnerValue(text: string): string {
  return neutraliseLine(
    text.replace(new RegExp(LINE_BREAK.source, 'g'), (b) =>
      b === '\r\n' ? '\\r\\n' : escapeChar(b)
    )
  )
}

/**
 * Characters a terminal acts on: C0 controls but tab and LF, DEL, C1
 * controls, the bidi embeddings and overrides, the bidi isolates, and the
 * line and paragraph separators.
 */
const TERMINAL_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g

/**
 * Foreign text for a terminal: every control character (ESC sequences
 * included, since ESC itself is shown) as a visible escape; CR LF becomes
 * LF. With `oneLine`, LF and tab are escaped too.
 */
export function terminalText(text: string, oneLine = false): string {
  const shown = text
    .replace(/\r\n/g, '\n')
    .replace(TERMINAL_CONTROL, escapeChar)
  return oneLine ? shown.replace(/[\n\t]/g, escapeChar) : shown
}

/** A fresh, unguessable stop-commands token. */
export function stopToken(): string {
  return randomUUID().replace(/-/g, '')
}

/** What `actionLog` writes with; tests pass their own. */
export interface ActionLogDeps {
  /** Write raw text to the runner's stdout. */
  write: (text: string) => void
  /** Make a stop-commands token. */
  token: () => string
  /** At most this many `error`/`warning` annotations. */
  annotationLimit: number
}

/**
 * The runner's log, through @actions/core (which escapes annotation
 * messages `%`, CR, LF and properties also `:` `,`).
 */
export function actionLog(deps: Partial<ActionLogDeps> = {}): Log {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text))
  const token = deps.token ?? stopToken
  const limit = deps.annotationLimit ?? ANNOTATION_LIMIT - 1
  let sent = 0
  let omitted = 0
  const fenced = (lines: string[]): void => {
    const t = token()
    write(
      [`::stop-commands::${t}`, ...lines, `::${t}::`].join(EOL) + EOL
    )
  }
  // Over the limit an annotation is counted and becomes a plain, fenced
  // line: nothing is lost, nothing floods the checks page.
  const annotate = (
    kind: 'error' | 'warning',
    message: string,
    props: AnnotationProps
  ): void => {
    if (sent < limit) {
      sent++
      if (kind === 'error') core.error(message, props)
      else core.warning(message, props)
      return
    }
    omitted++
    const where = props.file
      ? `${props.file}${props.startLine ? `:${props.startLine}` : ''}: `
      : ''
    const title = props.title ? `${props.title}: ` : ''
    fenced(neutraliseLines(`${kind}: ${where}${title}${message}`))
  }
  return {
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    warning: (message, props = {}) => annotate('warning', message, props),
    error: (message, props = {}) => annotate('error', message, props),
    startGroup: (title) => core.startGroup(title),
    endGroup: () => core.endGroup(),
    foreign: (text) => fenced(neutraliseLines(text)),
    foreignBlock: (title, text) => {
      if (title !== undefined) core.info(title)
      fenced(neutraliseLines(text))
    },
    value: runnerValue,
    omit: (count) => void (omitted += count),
    omitted: () => omitted
  }
}

/** Options of `streamLog`. */
export interface StreamLogOptions {
  /** Also show debug lines. */
  verbose?: boolean
}

/**
 * A terminal's log: plain lines to `write`, groups as `▸ title` with their
 * lines indented, annotations as `error: file:line:col: message`, debug
 * lines only when verbose. Foreign text has its control characters shown
 * as escapes.
 */
export function streamLog(
  write: (text: string) => void,
  options: StreamLogOptions = {}
): Log {
  let inGroup = false
  let omitted = 0
  const lines = (text: string): void => {
    const pad = inGroup ? '  ' : ''
    write(
      text
        .split('\n')
        .map((l) => (l ? pad + l : l))
        .join('\n') + '\n'
    )
  }
  const annotation = (
    kind: string,
    message: string,
    props: AnnotationProps = {}
  ): void => {
    const { file, startLine, startColumn, title } = props
    const where = file
      ? `${file}${startLine ? `:${startLine}${startColumn ? `:${startColumn}` : ''}` : ''}: `
      : ''
    lines(
      terminalText(
        `${kind}: ${where}${title && !file ? `${title}: ` : ''}${message}`
      )
    )
  }
  return {
    info: (message) => lines(terminalText(message)),
    debug: (message) => {
      if (options.verbose) lines(terminalText(`debug: ${message}`))
    },
    warning: (message, props) => annotation('warning', message, props),
    error: (message, props) => annotation('error', message, props),
    startGroup: (title) => {
      inGroup = false
      lines(`▸ ${terminalText(title, true)}`)
      inGroup = true
    },
    endGroup: () => {
      inGroup = false
    },
    foreign: (text) => lines(terminalText(text.replace(/\n+$/, ''))),
    foreignBlock: (title, text) => {
      if (title !== undefined) lines(terminalText(title))
      lines(terminalText(text.replace(/\n+$/, '')))
    },
    value: (text) => terminalText(text, true),
    omit: (count) => void (omitted += count),
    omitted: () => omitted
  }
}
