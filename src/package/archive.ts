/**
 * Archives of one binary each (and its SBOM beside it): tar.gz (npm `tar`)
 * and zip (`archiver`). Both record the binary as a regular file with mode
 * 0755, whatever the file system of the runner says (Windows has no
 * executable bit), so the binary can run after extraction, and other files
 * with 0644. The artifact service's own zip loses modes; these keep them.
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

/** The mode of the other files in an archive (the SBOM). */
export const DATA_MODE = 0o644

/** One file to put in an archive. */
export interface ArchiveEntry {
  /** Absolute path of the file on disk. */
  source: string
  /** Its name inside the archive (`tool.exe`). */
  name: string
  /** Modification time recorded in the archive. */
  mtime: Date
  /** Its mode in the archive; EXECUTABLE_MODE when unset (the binary). */
  mode?: number
}

/**
 * Writes a gzip-compressed tar holding the files, in the order given, the
 * binary with mode 0755.
 *
 * @param entries The files, all in one directory (output-dir).
 * @param dest The archive to write (replaced when it exists, through a temp
 *   file and a rename: a symlink there is replaced, never followed).
 */
export async function writeTarGz(
  entries: readonly ArchiveEntry[],
  dest: string
): Promise<void> {
  const dir = dirname(entries[0].source)
  if (entries.some((e) => dirname(e.source) !== dir))
    throw new Error(`the files of ${basename(dest)} are not in one directory`)
  const byFile = new Map(entries.map((e) => [basename(e.source), e]))
  const pack = tar.c(
    {
      cwd: dir,
      gzip: { level: 9 },
      portable: true,
      mtime: entries[0].mtime,
      onWriteEntry: (w) => {
        const entry = byFile.get(w.path)
        if (!entry) return
        w.path = entry.name
        if (w.stat)
          w.stat.mode =
            (w.stat.mode & ~0o7777) | (entry.mode ?? EXECUTABLE_MODE)
      }
    },
    [...byFile.keys()]
  )
  await writeStreamAtomic(dest, pack)
}

/**
 * Writes a zip holding the files, in the order given, recorded as unix
 * files, the binary with mode 0755.
 *
 * @param entries The files.
 * @param dest The archive to write (replaced when it exists, through a temp
 *   file and a rename: a symlink there is replaced, never followed).
 */
export async function writeZip(
  entries: readonly ArchiveEntry[],
  dest: string
): Promise<void> {
  const zip = createArchiver('zip', { zlib: { level: 9 } })
  // a warning (a missing file) fails the archive, like an error
  zip.on('warning', (warning: Error) => zip.destroy(warning))
  for (const entry of entries)
    zip.file(entry.source, {
      name: entry.name,
      mode: entry.mode ?? EXECUTABLE_MODE,
      date: entry.mtime
    })
  const written = writeStreamAtomic(dest, zip)
  void zip.finalize().catch(() => {})
  await written
}
