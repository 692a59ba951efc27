/**
 * The one way foreign characters are shown: as visible escapes. Kept apart
 * from `log.ts` so that the input checks load no toolkit package.
 */

/** `\x1b`, `\u202e`: a character as a visible escape. */
export function escapeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0
  if (c === '\n') return '\\n'
  if (c === '\r') return '\\r'
  if (c === '\t') return '\\t'
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`
}
