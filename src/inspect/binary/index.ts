/**
 * inspect: what a binary says it is. Picks the container reader by magic,
 * then reads the Go build info where that container keeps it. Only headers,
 * tables and the build info blob are read, whatever the file's size.
 */
import { readBuildInfo, readFramedBuildInfo } from './buildinfo.js'
import { readElf } from './elf.js'
import { readMacho } from './macho.js'
import { readPe } from './pe.js'
import { readPlan9, isPlan9Magic } from './plan9.js'
import { readWasm } from './wasm.js'
import { readXcoff } from './xcoff.js'
import { BinaryFormatError, FileSource, Reader, type Source } from './reader.js'
import type { BinaryInfo, ContainerInfo } from './types.js'

export * from './types.js'
export { BinaryFormatError, MemorySource, type Source } from './reader.js'
export { setting } from './buildinfo.js'

/**
 * Reads what the file at `path` says it is.
 * Rejects with `BinaryFormatError` when the file is no executable we know or
 * its headers are malformed; a missing or damaged build info is reported in
 * `buildInfoError` instead. I/O errors (a missing file) reject as they are.
 */
export async function inspectBinary(path: string): Promise<BinaryInfo> {
  const source = await FileSource.open(path)
  try {
    return await inspectSource(source)
  } finally {
    await source.close()
  }
}

/** `inspectBinary` over any byte source. */
export async function inspectSource(source: Source): Promise<BinaryInfo> {
  const r = new Reader(source)
  const magic = (await r.readUpTo('file header', 0, 16)).bytes
  const c = await readContainer(r, magic)
  let buildInfo: BinaryInfo['buildInfo']
  let buildInfoError: string | undefined
  if (!c.data && !c.framedData) {
    buildInfoError = 'the file has no data section to hold Go build info'
  } else {
    try {
      buildInfo = c.data
        ? await readBuildInfo(r, c.data)
        : await readFramedBuildInfo(r, c.framedData!)
    } catch (error) {
      if (!(error instanceof BinaryFormatError)) throw error
      buildInfoError = error.message
    }
  }
  const { data: _data, framedData: _framed, ...rest } = c
  return {
    ...rest,
    size: source.size,
    buildInfo,
    buildInfoError,
    bytesRead: r.bytesRead
  }
}

function startsWith(b: Uint8Array, bytes: number[]): boolean {
  return bytes.every((v, i) => b[i] === v)
}

async function readContainer(r: Reader, m: Uint8Array): Promise<ContainerInfo> {
  if (startsWith(m, [0x7f, 0x45, 0x4c, 0x46])) return readElf(r)
  if (
    startsWith(m, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(m, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(m, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(m, [0xfe, 0xed, 0xfa, 0xce])
  ) {
    return readMacho(r)
  }
  if (startsWith(m, [0x4d, 0x5a])) return readPe(r)
  if (startsWith(m, [0x01, 0xf7]) || startsWith(m, [0x01, 0xdf]))
    return readXcoff(r)
  if (startsWith(m, [0x00, 0x61, 0x73, 0x6d])) return readWasm(r)
  if (isPlan9Magic(m)) return readPlan9(r)
  const hex = Buffer.from(m.subarray(0, 4)).toString('hex')
  throw new BinaryFormatError(
    'file header',
    0,
    m.length < 4
      ? `the file is only ${m.length} bytes long`
      : `magic ${hex} is none of ELF, Mach-O, PE, XCOFF, Plan 9 a.out or WebAssembly`
  )
}
