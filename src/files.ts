/**
 * Writing files so that a planted symlink cannot redirect the write and a
 * reader never sees half a file.
 *
 * Every file is created under a fresh, unguessable name in its own
 * directory (`.<name>.tmp-<32 hex>`) with an exclusive create
 * (O_CREAT|O_EXCL, plus O_NOFOLLOW where the platform has it), which fails
 * on any existing name, a symlink included, instead of following it. Once
 * complete it is renamed over its final name: rename(2) replaces whatever is
 * there, a symlink itself rather than the file it points to, in one step.
 * On any error the temp file is removed, so nothing partial stays behind,
 * under the final name or the temp one; a cancelled run removes it too.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  type WriteStream
} from 'node:fs'
import {
  copyFile,
  lstat,
  mkdir,
  open,
  rename,
  rm,
  stat,
  type FileHandle
} from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { onCancel } from './process.js'

/**
 * open(2) flags of a temp file: write only, create it, fail when the name
 * exists (a symlink or a dangling symlink included), never follow a symlink.
 */
export const EXCLUSIVE_CREATE =
  constants.O_WRONLY |
  constants.O_CREAT |
  constants.O_EXCL |
  (constants.O_NOFOLLOW ?? 0)

/** Characters of the final name kept in a temp name (names stay < 255 bytes). */
const KEPT_NAME_CHARS = 64

/**
 * A fresh temp path next to `path`, in the same directory so that the
 * rename stays on one file system: `.<name>.tmp-<32 hex>`.
 *
 * @param path The final path.
 * @returns A path no one can guess (128 random bits).
 */
export function tempPathFor(path: string): string {
  const name = basename(path).slice(0, KEPT_NAME_CHARS)
  const random = randomBytes(16).toString('hex')
  return join(dirname(path), `.${name}.tmp-${random}`)
}

/** The error of a failed write: what, where, why, and what to do. */
function writeError(path: string, error: unknown): Error {
  const reason = messageOf(error)
  return new Error(
    `could not write ${path}: ${reason}. Nothing was left under that name; check that ${dirname(path)} is writable and has free space, then re-run.`,
    { cause: error }
  )
}

/**
 * Writes `data` to `path` through a temp file and a rename: a symlink at
 * `path` is replaced, never followed, and `path` holds either its old
 * content or all of `data`.
 *
 * @param path The final path.
 * @param data What to write.
 * @param mode The new file's mode (before the umask).
 * @throws Error naming `path` and the cause (ENOSPC, EACCES, ...); no temp
 *   file remains.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  mode = 0o666
): Promise<void> {
  const temp = tempPathFor(path)
  const forget = onCancel(() => rm(temp, { force: true }))
  let handle: FileHandle | undefined
  try {
    handle = await open(temp, EXCLUSIVE_CREATE, mode)
    await handle.writeFile(data)
    await handle.close()
    handle = undefined
    await rename(temp, path)
  } catch (error) {
    await handle?.close().catch(() => {})
    // an open that failed created nothing: leave whatever has the name alone
    if (handle !== undefined || !isCode(error, 'EEXIST'))
      await rm(temp, { force: true }).catch(() => {})
    throw writeError(path, error)
  } finally {
    forget()
  }
}

/**
 * {@link writeFileAtomic} for code that cannot wait (a `finally` that
 * restores the runner's state): the same temp file, exclusive create and
 * rename, synchronously.
 *
 * @param path The final path.
 * @param data What to write.
 * @throws Error naming `path` and the cause; no temp file remains.
 */
export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array
): void {
  const temp = tempPathFor(path)
  let fd: number | undefined
  try {
    fd = openSync(temp, EXCLUSIVE_CREATE, 0o666)
    writeFileSync(fd, data)
    closeSync(fd)
    fd = undefined
    renameSync(temp, path)
  } catch (error) {
    let created = true
    if (fd !== undefined) closeSync(fd)
    else created = !isCode(error, 'EEXIST')
    if (created) rmSync(temp, { force: true })
    throw writeError(path, error)
  }
}

/** A file being written under a temp name; its final name is untouched until commit. */
export interface AtomicFile {
  /** The final path. */
  path: string
  /** The temp path being written. */
  tempPath: string
  /** Writes into the temp file. */
  stream: WriteStream
  /**
   * Ends the stream (if not yet), waits until it is closed, then renames the
   * temp file over the final path. On failure the temp file is removed.
   *
   * @throws Error naming the final path and the cause.
   */
  commit(): Promise<void>
  /** Destroys the stream and removes the temp file; never throws. */
  abort(): Promise<void>
}

/**
 * Opens a fresh temp file next to `path` for streaming into it. Call
 * `commit()` when all is written or `abort()` on failure.
 *
 * @param path The final path.
 * @param mode The new file's mode (before the umask).
 * @returns The open file.
 * @throws Error naming `path` when the temp file cannot be created.
 */
export async function openAtomic(
  path: string,
  mode = 0o666
): Promise<AtomicFile> {
  const temp = tempPathFor(path)
  let handle: FileHandle
  try {
    handle = await open(temp, EXCLUSIVE_CREATE, mode)
  } catch (error) {
    throw writeError(path, error)
  }
  const forget = onCancel(() => rm(temp, { force: true }))
  const stream = handle.createWriteStream()
  const closed = new Promise<void>((resolve, reject) => {
    stream.once('close', resolve)
    stream.once('error', reject)
  })
  closed.catch(() => {})
  let settled = false
  const abort = async (): Promise<void> => {
    if (settled) return
    settled = true
    stream.destroy()
    await closed.catch(() => {})
    await rm(temp, { force: true }).catch(() => {})
    forget()
  }
  const commit = async (): Promise<void> => {
    if (settled) throw new Error(`${path}: already committed or aborted`)
    try {
      if (!stream.writableEnded) stream.end()
      await closed
      await rename(temp, path)
      settled = true
      forget()
    } catch (error) {
      await abort()
      throw writeError(path, error)
    }
  }
  return { path, tempPath: temp, stream, commit, abort }
}

/**
 * Streams `source` into `path` through a temp file and a rename (see
 * {@link openAtomic}). An error of the source or of the write removes the
 * temp file and leaves `path` as it was.
 *
 * @param path The final path.
 * @param source A readable stream or any async iterable of chunks.
 * @param mode The new file's mode (before the umask).
 * @throws Error naming `path` and the cause.
 */
export async function writeStreamAtomic(
  path: string,
  source: NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>,
  mode = 0o666
): Promise<void> {
  const file = await openAtomic(path, mode)
  try {
    await pipeline(source, file.stream)
  } catch (error) {
    await file.abort()
    throw writeError(path, error)
  }
  await file.commit()
}

/**
 * Copies `source` to `dest` through a temp file and a rename; the copy
 * keeps the source's mode. A symlink at `dest` is replaced, never followed.
 *
 * @param source The file to copy.
 * @param dest The final path.
 * @throws Error naming `dest` and the cause; no temp file remains.
 */
export async function copyFileAtomic(
  source: string,
  dest: string
): Promise<void> {
  const temp = tempPathFor(dest)
  const forget = onCancel(() => rm(temp, { force: true }))
  try {
    // COPYFILE_EXCL opens the destination with O_CREAT|O_EXCL
    await copyFile(source, temp, constants.COPYFILE_EXCL)
    await rename(temp, dest)
  } catch (error) {
    if (!isCode(error, 'EEXIST')) await rm(temp, { force: true }).catch(() => {})
    throw writeError(dest, error)
  } finally {
    forget()
  }
}

/**
 * Creates a directory and its missing parents one at a time, refusing a
 * component that turns out to be a symlink (planted after the plan checked
 * the path, or by a race with the creation) or not a directory. The part of
 * the path that already existed is taken as it is: the plan has checked it
 * against the workspace (`output-dir` out of the workspace through a
 * symlink is refused there).
 *
 * @param dir The directory.
 * @param input The input it comes from, for messages (`output-dir`).
 * @throws Error naming the component and how to fix it.
 */
export async function makeDirectory(
  dir: string,
  input = 'output-dir'
): Promise<void> {
  const target = resolve(dir)
  const missing: string[] = []
  for (let current = target; ; ) {
    try {
      await lstat(current)
      break
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw directoryError(input, current, error)
      missing.unshift(current)
      const parent = dirname(current)
      if (parent === current) break
      current = parent
    }
  }
  for (const part of missing) {
    try {
      await mkdir(part)
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw directoryError(input, part, error)
    }
    const st = await lstat(part)
    if (st.isSymbolicLink())
      throw new Error(
        `${input}: ${part} became a symlink while the action created the directory; the action does not write through symlinks. Remove it and re-run, and check what else in the job writes there.`
      )
    if (!st.isDirectory())
      throw new Error(
        `${input}: ${part} is not a directory; remove it or choose another ${input}.`
      )
  }
  const st = await stat(target).catch(async (error: unknown) => {
    if ((await lstat(target)).isSymbolicLink())
      throw new Error(
        `${input}: ${target} is a symlink to nowhere (${messageOf(error)}); the action does not create directories through symlinks. Remove it and re-run.`,
        { cause: error }
      )
    throw directoryError(input, target, error)
  })
  if (!st.isDirectory())
    throw new Error(
      `${input}: ${target} is not a directory; remove it or choose another ${input}.`
    )
}

function directoryError(input: string, path: string, error: unknown): Error {
  const reason = messageOf(error)
  return new Error(
    `${input}: could not create the directory ${path}: ${reason}. Check that its parent is writable, or choose another ${input}.`,
    { cause: error }
  )
}

/**
 * The message of an error from any realm (under jest's VM, fs errors are
 * not `instanceof Error`).
 */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message
  return typeof message === 'string' ? message : String(error)
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code
}
