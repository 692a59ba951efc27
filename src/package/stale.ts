/**
 * Checksum files left in the output directory by an earlier run are removed
 * before this run builds anything, so a run that fails part-way never leaves
 * a SHA256SUMS, or a `.sha256` file, that describes another run's files.
 */
import { constants } from 'node:fs'
import { open, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { sbomFileName } from '../plan/names.js'
import { CHECKSUMS_FILE } from './checksums.js'

/** The suffix of a per-file checksum file (`tool.tar.gz.sha256`). */
export const SIDECAR_SUFFIX = '.sha256'

/** A sidecar is one line; anything longer is not one of ours. */
const MAX_SIDECAR_BYTES = 4096

/**
 * Removes the step's checksum files of an earlier run from `outputDir`:
 * `SHA256SUMS` (a file or a symlink, never what a symlink points to) and
 * each `<file>.sha256` that is a regular file in the action's own format,
 * one line naming its sibling `<file>` (and a second naming its SBOM
 * `<file>.cdx.json`). Anything else is left alone. Only
 * the directory itself is read, not its subdirectories.
 *
 * @param outputDir The output directory (need not exist).
 * @returns The names removed, sorted.
 * @throws Error naming the file when one cannot be removed.
 */
export async function removeStaleChecksums(
  outputDir: string
): Promise<string[]> {
  let entries
  try {
    entries = await readdir(outputDir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw staleError(outputDir, error)
  }
  const removed: string[] = []
  for (const entry of entries) {
    const name = entry.name
    const path = join(outputDir, name)
    const stale =
      name === CHECKSUMS_FILE
        ? !entry.isDirectory()
        : name.endsWith(SIDECAR_SUFFIX) &&
          entry.isFile() &&
          (await isOurSidecar(path, name.slice(0, -SIDECAR_SUFFIX.length)))
    if (!stale) continue
    try {
      await rm(path, { force: true })
    } catch (error) {
      throw staleError(path, error)
    }
    removed.push(name)
  }
  return removed.sort()
}

/** Whether `path` holds exactly `<64 hex>  <sibling>\n`, read without following a symlink. */
async function isOurSidecar(path: string, sibling: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
    const buffer = Buffer.alloc(MAX_SIDECAR_BYTES + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > MAX_SIDECAR_BYTES) return false
    const text = buffer.subarray(0, bytesRead).toString('utf8')
    // one line for the sibling, and one for its SBOM when it sits beside it
    const line = (name: string): string => `[0-9a-f]{64}  ${escapeRegExp(name)}\n`
    return new RegExp(
      `^${line(sibling)}(${line(sbomFileName(sibling))})?$`
    ).test(text)
  } catch {
    return false
  } finally {
    await handle?.close()
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function staleError(path: string, error: unknown): Error {
  const message = (error as { message?: unknown } | undefined)?.message
  const reason = typeof message === 'string' ? message : String(error)
  return new Error(
    `output-dir: could not remove ${path}, a checksum file of an earlier run: ${reason}. Remove it by hand or make the directory writable, then re-run.`,
    { cause: error }
  )
}
