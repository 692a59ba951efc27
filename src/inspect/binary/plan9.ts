/**
 * Plan 9 a.out reader: the 32-byte big-endian header (40 bytes when the
 * 64-bit flag is set) and the layout of its text, data and symbol parts.
 */
import { type Reader } from './reader.js'
import type { ContainerInfo } from './types.js'

/** Set in the magic of a 64-bit a.out, whose header has a 64-bit entry. */
export const HDR_MAGIC = 0x8000
export const MAGIC_386 = (4 * 11 + 0) * 11 + 7
export const MAGIC_AMD64 = (4 * 26 + 0) * 26 + 7 + HDR_MAGIC
export const MAGIC_ARM = (4 * 20 + 0) * 20 + 7

/** Magic → [name as `file` prints it, GOARCH]. */
const MAGICS: Record<number, [string, string]> = {
  [MAGIC_386]: ['Intel 386', '386'],
  [MAGIC_AMD64]: ['AMD64', 'amd64'],
  [MAGIC_ARM]: ['ARM', 'arm']
}

/** Whether the first bytes are a Plan 9 a.out magic Go writes. */
export function isPlan9Magic(b: Uint8Array): boolean {
  if (b.length < 4) return false
  const m = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0
  return m in MAGICS
}

/** Reads a Plan 9 a.out. */
export async function readPlan9(r: Reader): Promise<ContainerInfo> {
  const h = await r.read('Plan 9 header', 0, 32, 'big')
  const magic = h.u32(0)
  const text = h.u32(4)
  const data = h.u32(8)
  const bss = h.u32(12)
  const syms = h.u32(16)
  let entry = h.u32(20)
  const is64 = (magic & HDR_MAGIC) !== 0
  let hdrSize = 32
  if (is64) {
    entry = (await r.read('Plan 9 header', 32, 8, 'big')).u64(0)
    hdrSize = 40
  }
  const dataOffset = hdrSize + text
  const cpu = MAGICS[magic]
  return {
    container: 'plan9',
    bits: is64 ? 64 : 32,
    // The header is big-endian; the code of every Plan 9 port Go has is not.
    byteOrder: 'little',
    arch: cpu?.[1] ?? '',
    machine: cpu?.[0] ?? `magic 0x${magic.toString(16)}`,
    kind: 'executable',
    interpreter: undefined,
    libraries: [],
    staticallyLinked: true,
    symbols: syms > 0,
    dwarf: false,
    os: 'plan9',
    // As Go's debug/buildinfo does, addresses here are file offsets.
    data:
      data > 0
        ? {
            start: dataOffset,
            size: data,
            regions: [{ addr: dataOffset, offset: dataOffset, size: data }],
            relative: true
          }
        : undefined,
    plan9: { magic, text, data, bss, syms, entry }
  }
}
