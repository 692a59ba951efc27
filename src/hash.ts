/**
 * SHA-256 of a file, for the build stage (what was built) and the package
 * stage (what is uploaded), with the file's identity at the time, so that a
 * later stage can tell whether the file is still the one that was hashed
 * without reading it again.
 */
import { createHash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import type { BigIntStats } from 'node:fs'

/** 1 MiB reads: the default 64 KiB reads, not SHA-256, were the bottleneck. */
const CHUNK = 1 << 20

/** A file's SHA-256 and what it was when hashed. */
export interface FileHash {
  /** Lower-case hex. */
  sha256: string
  size: number
  /** {@link fileStamp} of the file as it was hashed. */
  stamp: string
}

/**
 * A file's identity: device, inode, size, and modification and change times
 * in nanoseconds. Any write changes the change time (ctime), which no
 * process can set back; a write within the same tick of a coarse file
 * system clock as the file's previous change can keep it (kernels with
 * fine-grained timestamps, such as Linux 6.13+ on ext4, have no such tick).
 */
function stampOf(s: BigIntStats): string {
  return [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(':')
}

/** The {@link FileHash.stamp} a file has now. */
export async function fileStamp(path: string): Promise<string> {
  return stampOf(await stat(path, { bigint: true }))
}

/** Something else that reads the bytes in the same pass (a scan). */
export interface ChunkSink {
  /** The next bytes of the file; the buffer is reused after the call. */
  push(data: Buffer): void
}

/**
 * Hashes a file in 1 MiB reads into one reused buffer.
 *
 * @param path The file.
 * @param sink Makes what else reads the same bytes in the same pass (a new
 *   one if the file changed and is read again); it comes back with the hash.
 * @returns Its SHA-256, its size in bytes and its stamp (and the sink).
 * @throws Error when the file changed while it was read (twice in a row)
 */
export async function sha256File<S extends ChunkSink>(
  path: string,
  sink?: () => S
): Promise<FileHash & { sink?: S }> {
  const handle = await open(path, 'r')
  try {
    const buf = Buffer.allocUnsafe(CHUNK)
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = stampOf(await handle.stat({ bigint: true }))
      const hash = createHash('sha256')
      const also = sink?.()
      let size = 0
      for (;;) {
        const { bytesRead } = await handle.read(buf, 0, CHUNK, size)
        if (bytesRead === 0) break
        const data = buf.subarray(0, bytesRead)
        hash.update(data)
        also?.push(data)
        size += bytesRead
      }
      const after = await handle.stat({ bigint: true })
      if (stampOf(after) === before && Number(after.size) === size)
        return { sha256: hash.digest('hex'), size, stamp: before, sink: also }
    }
    throw new Error(`${path} kept changing while it was being hashed`)
  } finally {
    await handle.close()
  }
}
