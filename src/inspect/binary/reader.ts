/**
 * Bounded random access to a binary: every read names the structure it is
 * for, is checked against the file's size and against a per-read cap, and
 * fails with a `BinaryFormatError` that says which structure was malformed at
 * which offset. Nothing here ever reads a whole file.
 */
import { open, type FileHandle } from 'node:fs/promises'

/** The most bytes one structure may ask for (a section table, a string blob). */
export const MAX_READ = 4 * 1024 * 1024

/** A malformed or truncated structure, named with its offset. */
export class BinaryFormatError extends Error {
  /** The structure being read (`ELF section header table`). */
  readonly structure: string
  /** Its file offset. */
  readonly offset: number

  constructor(structure: string, offset: number, message: string) {
    super(`${structure} at offset ${offset}: ${message}`)
    this.name = 'BinaryFormatError'
    this.structure = structure
    this.offset = offset
  }
}

/** Something bytes can be read from at an offset. */
export interface Source {
  /** Total size in bytes. */
  readonly size: number
  /** Reads up to `length` bytes at `offset` (fewer only at end of file). */
  readAt(offset: number, length: number): Promise<Uint8Array>
}

/** A `Source` over a byte array (tests, property checks). */
export class MemorySource implements Source {
  readonly size: number
  private readonly bytes: Uint8Array

  constructor(bytes: Uint8Array) {
    this.bytes = bytes
    this.size = bytes.length
  }

  async readAt(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.subarray(offset, offset + length)
  }
}

/** A `Source` over an open file; reads only what is asked for. */
export class FileSource implements Source {
  readonly size: number
  private readonly handle: FileHandle

  private constructor(handle: FileHandle, size: number) {
    this.handle = handle
    this.size = size
  }

  /** Opens `path` read-only. Close it with `close()`. */
  static async open(path: string): Promise<FileSource> {
    const handle = await open(path, 'r')
    try {
      const stat = await handle.stat()
      return new FileSource(handle, stat.size)
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  async readAt(offset: number, length: number): Promise<Uint8Array> {
    const buffer = Buffer.alloc(length)
    let done = 0
    while (done < length) {
      const { bytesRead } = await this.handle.read(
        buffer,
        done,
        length - done,
        offset + done
      )
      if (bytesRead === 0) break
      done += bytesRead
    }
    return buffer.subarray(0, done)
  }

  /** Releases the file handle. */
  async close(): Promise<void> {
    await this.handle.close()
  }
}

/** Byte order of a structure. */
export type ByteOrder = 'little' | 'big'

/** A bounds-checked, byte-order-aware view of bytes read for one structure. */
export class View {
  readonly bytes: Uint8Array
  readonly order: ByteOrder
  /** File offset of `bytes[0]`, for error messages. */
  readonly base: number
  readonly structure: string
  private readonly dv: DataView

  constructor(
    bytes: Uint8Array,
    order: ByteOrder,
    base: number,
    structure: string
  ) {
    this.bytes = bytes
    this.order = order
    this.base = base
    this.structure = structure
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get length(): number {
    return this.bytes.length
  }

  private check(at: number, n: number): void {
    if (!Number.isInteger(at) || at < 0 || at + n > this.bytes.length) {
      throw new BinaryFormatError(
        this.structure,
        this.base + at,
        `needs ${n} bytes but only ${Math.max(0, this.bytes.length - at)} are there`
      )
    }
  }

  u8(at: number): number {
    this.check(at, 1)
    return this.dv.getUint8(at)
  }

  u16(at: number): number {
    this.check(at, 2)
    return this.dv.getUint16(at, this.order === 'little')
  }

  u32(at: number): number {
    this.check(at, 4)
    return this.dv.getUint32(at, this.order === 'little')
  }

  /** A 64-bit value; values beyond 2^53 come back as `Infinity` (never valid offsets). */
  u64(at: number): number {
    this.check(at, 8)
    const v = this.dv.getBigUint64(at, this.order === 'little')
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v)
  }

  /** A 32- or 64-bit word. */
  word(at: number, bits: 32 | 64): number {
    return bits === 64 ? this.u64(at) : this.u32(at)
  }

  /** `n` bytes at `at`. */
  slice(at: number, n: number): Uint8Array {
    this.check(at, n)
    return this.bytes.subarray(at, at + n)
  }

  /** A NUL-terminated string starting at `at` (at most `max` bytes). */
  cstring(at: number, max = 4096): string {
    this.check(at, 0)
    const end = Math.min(this.bytes.length, at + max)
    let i = at
    while (i < end && this.bytes[i] !== 0) i++
    return Buffer.from(this.bytes.subarray(at, i)).toString('latin1')
  }
}

/** Reads structures from a `Source` with bounds and caps enforced. */
export class Reader {
  readonly source: Source
  /** Total bytes read so far: the cost of an inspection. */
  bytesRead = 0

  constructor(source: Source) {
    this.source = source
  }

  get size(): number {
    return this.source.size
  }

  /** Reads exactly `length` bytes at `offset` for `structure`, or throws. */
  async read(
    structure: string,
    offset: number,
    length: number,
    order: ByteOrder = 'little'
  ): Promise<View> {
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new BinaryFormatError(structure, offset, 'offset is invalid')
    }
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new BinaryFormatError(
        structure,
        offset,
        `size ${length} is invalid`
      )
    }
    if (length > MAX_READ) {
      throw new BinaryFormatError(
        structure,
        offset,
        `size ${length} exceeds the ${MAX_READ}-byte limit`
      )
    }
    if (offset + length > this.source.size) {
      throw new BinaryFormatError(
        structure,
        offset,
        `${length} bytes run past the end of the ${this.source.size}-byte file`
      )
    }
    const bytes = await this.source.readAt(offset, length)
    this.bytesRead += bytes.length
    if (bytes.length !== length) {
      throw new BinaryFormatError(structure, offset, 'short read')
    }
    return new View(bytes, order, offset, structure)
  }

  /** Reads up to `length` bytes (fewer at end of file) for `structure`. */
  async readUpTo(
    structure: string,
    offset: number,
    length: number,
    order: ByteOrder = 'little'
  ): Promise<View> {
    const n = Math.max(0, Math.min(length, this.source.size - offset))
    return this.read(structure, offset, n, order)
  }
}

/** Throws a `BinaryFormatError` when `count` exceeds `cap`. */
export function checkCount(
  structure: string,
  offset: number,
  count: number,
  cap: number
): void {
  if (!Number.isSafeInteger(count) || count < 0 || count > cap) {
    throw new BinaryFormatError(
      structure,
      offset,
      `count ${count} exceeds the limit of ${cap}`
    )
  }
}
