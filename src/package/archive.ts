/**
 * Archives of one binary each: tar.gz (npm `tar`) and zip (`archiver`). Both
 * record the file as a regular file with mode 0755, whatever the file system
 * of the runner says (Windows has no executable bit), so the binary can run
 * after extraction. The artifact service's own zip loses modes; these keep them.
 */

import type { Archiver } from 'archiver'
import * as archiverModule from 'archiver'
import { basename, dirname } from 'node:path'
import * as tar from 'tar'
import { writeStreamAtomic } from '../files.js'

/**
 * archiver 7 is CommonJS and exports one factory function; the installed
 * @types/archiver describes archiver 8's classes, so type the factory here.
 */
type ArchiverFactory = (
  format: 'zip',
  options: { zlib: { level: number } }
) => Archiver
const ns = archiverModule as unknown as { default?: ArchiverFactory }
const createArchiver: ArchiverFactory =
  ns.default ?? (archiverModule as unknown as ArchiverFactory)

/** The mode every binary gets inside an archive. */
export const EXECUTABLE_MODE = 0o755

/** One file to put in an archive. */
export interface ArchiveEntry {
  /** Absolute path of the file on disk. */
  source: string
  /** Its name inside the archive (`tool.exe`). */
  name: string
  /** Modification time recorded in the archive. */
  mtime: Date
}

/**
 * Writes a gzip-compressed tar holding one file with mode 0755.
 *
 * @param entry The file.
 * @param dest The archive to write (replaced when it exists, through a temp
 *   file and a rename: a symlink there is replaced, never followed).
 */
export async function writeTarGz(
  entry: ArchiveEntry,
  dest: string
): Promise<void> {
  const pack = tar.c(
    {
      cwd: dirname(entry.source),
      gzip: { level: 9 },
      portable: true,
      mtime: entry.mtime,
      onWriteEntry: (w) => {
        w.path = entry.name
        if (w.stat) w.stat.mode = (w.stat.mode & ~0o7777) | EXECUTABLE_MODE
      }
    },
    [basename(entry.source)]
  )
  await writeStreamAtomic(dest, pack)
}

/**
 * Writes a zip holding one file, recorded as a unix file with mode 0755.
 *
 * @param entry The file.
 * @param dest The archive to write (replaced when it exists, through a temp
 *   file and a rename: a symlink there is replaced, never followed).
 */
export async function writeZip(
  entry: ArchiveEntry,
  dest: string
): Promise<void> {
  const zip = createArchiver('zip', { zlib: { level: 9 } })
  // a warning (a missing file) fails the archive, like an error
  zip.on('warning', (warning: Error) => zip.destroy(warning))
  zip.file(entry.source, {
    name: entry.name,
    mode: EXECUTABLE_MODE,
    date: entry.mtime
  })
  const written = writeStreamAtomic(dest, zip)
  void zip.finalize().catch(() => {})
  await written
}
