/**
 * Text safety of inputs: the one place that decides which characters and
 * how much text an input may hold. Names and paths become file names,
 * artifact names and log lines; a control, bidirectional or line-break
 * character in one makes it display as something it is not
 * (`hello\u202ehs.exe` shows as `helloexe.sh`), and an input longer than a
 * file system, a glob compiler or a JSON reader allows fails far from the
 * input with someone else's error. Both are refused here, naming the input,
 * before anything runs.
 */
import { escapeChar } from '../escape.js'

/** A path's limit on Linux (PATH_MAX), in UTF-8 bytes. */
export const MAX_PATH_BYTES = 4096
/** One path component's limit on common file systems (NAME_MAX), in UTF-8 bytes. */
export const MAX_COMPONENT_BYTES = 255
/** A name's limit (a binary or artifact name is one path component). */
export const MAX_NAME_BYTES = 255
/** A list input's limit (targets, package, flags, env): 64 KiB. */
export const MAX_LIST_BYTES = 64 * 1024
/** Any other input's limit (a boolean, a number, a mode). */
export const MAX_WORD_BYTES = 255

/** What an input's text may hold. */
export interface TextRule {
  /** The most UTF-8 bytes of the whole (trimmed) value. */
  maxBytes: number
  /** The most UTF-8 bytes of one component (split on `/` and `\`), for paths. */
  maxComponentBytes?: number
  /** Whether tab, LF and CR may separate the items of a list. */
  separators?: boolean
}

/** A path: working-directory, output-dir, go. */
export const PATH_RULE: TextRule = {
  maxBytes: MAX_PATH_BYTES,
  maxComponentBytes: MAX_COMPONENT_BYTES
}
/** A name that becomes one file or artifact name: binary-name, artifact-name. */
export const NAME_RULE: TextRule = { maxBytes: MAX_NAME_BYTES }
/** A list separated by commas, spaces or lines: targets, tags, flags, env. */
export const LIST_RULE: TextRule = { maxBytes: MAX_LIST_BYTES, separators: true }
/** A list of paths: package. */
export const PATH_LIST_RULE: TextRule = {
  ...LIST_RULE,
  maxComponentBytes: MAX_COMPONENT_BYTES
}
/** A single word: booleans, numbers, modes. */
export const WORD_RULE: TextRule = { maxBytes: MAX_WORD_BYTES }

/**
 * Every character refused in an input: C0 controls, DEL, C1 controls (NEL
 * among them), the Arabic letter mark, the left-to-right and right-to-left
 * marks, the bidi embeddings, overrides and isolates, and the line and
 * paragraph separators.
 */
export const UNSAFE_CHARACTER =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/

/** The same, but for tab, LF and CR, which separate list items. */
const UNSAFE_IN_LIST =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/

const C0_NAMES = [
  'NULL', 'START OF HEADING', 'START OF TEXT', 'END OF TEXT',
  'END OF TRANSMISSION', 'ENQUIRY', 'ACKNOWLEDGE', 'BELL', 'BACKSPACE',
  'CHARACTER TABULATION', 'LINE FEED', 'LINE TABULATION', 'FORM FEED',
  'CARRIAGE RETURN', 'SHIFT OUT', 'SHIFT IN', 'DATA LINK ESCAPE',
  'DEVICE CONTROL ONE', 'DEVICE CONTROL TWO', 'DEVICE CONTROL THREE',
  'DEVICE CONTROL FOUR', 'NEGATIVE ACKNOWLEDGE', 'SYNCHRONOUS IDLE',
  'END OF TRANSMISSION BLOCK', 'CANCEL', 'END OF MEDIUM', 'SUBSTITUTE',
  'ESCAPE', 'INFORMATION SEPARATOR FOUR', 'INFORMATION SEPARATOR THREE',
  'INFORMATION SEPARATOR TWO', 'INFORMATION SEPARATOR ONE'
]

const OTHER_NAMES: Readonly<Record<number, string>> = {
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE'
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`: a code point as Unicode names it. */
export function describeCodePoint(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0')
  const name =
    code < 0x20 ? C0_NAMES[code] : (OTHER_NAMES[code] ?? (code < 0xa0 ? 'C1 CONTROL' : ''))
  return name ? `U+${hex} ${name}` : `U+${hex}`
}

/**
 * A value for an error message: quoted, every unsafe character as a visible
 * escape, and cut in the middle to about `max` characters.
 */
export function quoted(value: string, max = 60): string {
  const chars = [...value]
  const cut =
    chars.length > max
      ? [...chars.slice(0, max - 20), '…', ...chars.slice(-19)]
      : chars
  const shown = cut.join('').replace(new RegExp(UNSAFE_CHARACTER.source, 'g'), escapeChar)
  return `"${shown}"`
}

/** The number of UTF-8 bytes of a string. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** Where an input first holds a refused character. */
export interface UnsafeCharacter {
  /** The code point. */
  code: number
  /** 1-based position in the value, counted in characters (code points). */
  position: number
  /** How many refused characters the value holds in all. */
  count: number
}

/**
 * The first refused character of a value, if any.
 *
 * @param separators whether tab, LF and CR are allowed (list inputs)
 */
export function findUnsafe(value: string, separators = false): UnsafeCharacter | undefined {
  const re = separators ? UNSAFE_IN_LIST : UNSAFE_CHARACTER
  let first: UnsafeCharacter | undefined
  let position = 0
  let count = 0
  for (const c of value) {
    position++
    if (!re.test(c)) continue
    count++
    first ??= { code: c.codePointAt(0)!, position, count: 0 }
  }
  return first && { ...first, count }
}

/** `64 KiB`, `4096 bytes`: a bound as people say it. */
function bytes(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`
}

/**
 * Problems with an input's text: a refused character (the first, with its
 * code point, name and position), a value longer than its bound, a path
 * component longer than a file system allows. One line each, naming the
 * input, what was wrong and how to fix it.
 *
 * @param input the input's name (`binary-name`)
 * @param value its value, trimmed as the action reads it
 * @param rule what it may hold
 */
export function textProblems(input: string, value: string, rule: TextRule): string[] {
  const problems: string[] = []
  const size = byteLength(value)
  if (size > rule.maxBytes)
    problems.push(
      `${input}: the value is ${size} bytes long (${quoted(value)}), more than the ${bytes(rule.maxBytes)} this input may hold; shorten it`
    )
  const bad = findUnsafe(value, rule.separators)
  if (bad) {
    const more = bad.count > 1 ? ` (and ${bad.count - 1} more such character(s))` : ''
    problems.push(
      `${input}: ${quoted(value)} holds ${describeCodePoint(bad.code)} at character ${bad.position}${more}; control, bidirectional and line-break characters make a name or path display as something it is not, so they are refused. Remove them (retype the value if it was pasted)`
    )
  }
  if (rule.maxComponentBytes !== undefined && size <= rule.maxBytes) {
    const parts = rule.separators ? value.split(/[\s,]+/) : [value]
    for (const part of parts) {
      const long = part
        .split(/[\\/]/)
        .find((c) => byteLength(c) > rule.maxComponentBytes!)
      if (long === undefined) continue
      problems.push(
        `${input}: the path component ${quoted(long)} is ${byteLength(long)} bytes long; file systems allow at most ${rule.maxComponentBytes} bytes per component, so shorten it`
      )
      break
    }
  }
  return problems
}

/**
 * Problems with a path the action resolved from inputs (output-dir under
 * working-directory): longer than a path may be.
 *
 * @param input the input it came from
 * @param resolved the absolute path
 */
export function resolvedPathProblems(input: string, resolved: string): string[] {
  const size = byteLength(resolved)
  if (size <= MAX_PATH_BYTES) return []
  return [
    `${input}: resolves to a path of ${size} bytes (${quoted(resolved)}), more than the ${bytes(MAX_PATH_BYTES)} a path may have; give a shorter path`
  ]
}
