/**
 * SHA-256 checksums: hashing files and writing them in the format that
 * `sha256sum -c` reads (`<hex>  <name>`, two spaces, text mode).
 */

export { sha256File } from '../hash.js'

/** One line of a checksums file. */
export interface Checksum {
  /** The file's name relative to the checksums file, with `/` separators. */
  file: string
  /** Lower-case hex SHA-256. */
  sha256: string
}

/** The name of the step-wide checksums file in the output directory. */
export const CHECKSUMS_FILE = 'SHA256SUMS'

/**
 * Formats checksums as `sha256sum` writes them, sorted by file name.
 *
 * @param sums The entries; names must not contain a line break or a backslash
 *   (sha256sum would escape them, and Go binary names never have them).
 * @returns The file's text, one line per entry, ending with a newline ('' when empty).
 * @throws Error when a name cannot be written plainly.
 */
export function formatChecksums(sums: Checksum[]): string {
  const lines = [...sums]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((s) => {
      if (/[\\\r\n]/.test(s.file)) {
        throw new Error(
          `${s.file}: a file name with a line break or backslash cannot go in a checksums file; rename the binary.`
        )
      }
      return `${s.sha256}  ${s.file}\n`
    })
  return lines.join('')
}
