/**
 * SHA-256 of a file, for the build stage (what was built) and the package
 * stage (what is uploaded).
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/**
 * Hashes a file by streaming it in 1 MiB reads (the default 64 KiB reads,
 * not SHA-256, were the bottleneck).
 *
 * @param path The file.
 * @returns Its SHA-256 as lower-case hex, and its size in bytes.
 */
export async function sha256File(
  path: string
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), size }
}
