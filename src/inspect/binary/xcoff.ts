/**
 * XCOFF reader (AIX; 64-bit as Go writes it, 32-bit headers understood):
 * file header, section headers and the loader section's import file IDs.
 */
import { BinaryFormatError, checkCount, type Reader } from './reader.js'
import type { ContainerInfo, Region } from './types.js'

export const U802TOCMAGIC = 0x01df
export const U64_TOCMAGIC = 0x01f7
export const STYP_DWARF = 0x10
export const STYP_TEXT = 0x20
export const STYP_DATA = 0x40
export const STYP_BSS = 0x80
export const STYP_LOADER = 0x1000
export const F_EXEC = 0x2
export const F_SHROBJ = 0x2000

const MAX_SECTIONS = 64
const MAX_IMPORTS = 64

/** Reads an XCOFF file (big-endian). */
export async function readXcoff(r: Reader): Promise<ContainerInfo> {
  const m = await r.read('XCOFF file header', 0, 2, 'big')
  const magic = m.u16(0)
  const is64 = magic === U64_TOCMAGIC
  const h = await r.read('XCOFF file header', 0, is64 ? 24 : 20, 'big')
  const nscns = h.u16(2)
  const nsyms = is64 ? h.u32(20) : h.u32(12)
  const opthdr = h.u16(16)
  const flags = h.u16(18)
  const hsize = is64 ? 24 : 20
  const ssize = is64 ? 72 : 40
  checkCount('XCOFF section table', hsize + opthdr, nscns, MAX_SECTIONS)
  const t = await r.read(
    'XCOFF section table',
    hsize + opthdr,
    nscns * ssize,
    'big'
  )
  const sections: {
    name: string
    vaddr: number
    size: number
    ptr: number
    flags: number
  }[] = []
  for (let i = 0; i < nscns; i++) {
    const at = i * ssize
    sections.push(
      is64
        ? {
            name: t.cstring(at, 8),
            vaddr: t.u64(at + 16),
            size: t.u64(at + 24),
            ptr: t.u64(at + 32),
            flags: t.u32(at + 64)
          }
        : {
            name: t.cstring(at, 8),
            vaddr: t.u32(at + 12),
            size: t.u32(at + 16),
            ptr: t.u32(at + 20),
            flags: t.u32(at + 36)
          }
    )
  }
  const regions: Region[] = sections
    .filter((s) => (s.flags & STYP_BSS) === 0 && s.ptr !== 0)
    .map((s) => ({ addr: s.vaddr, offset: s.ptr, size: s.size }))

  // Loader section: import file IDs (the first is the library search path).
  const libraries: string[] = []
  const loader = sections.find((s) => (s.flags & STYP_LOADER) !== 0)
  if (loader) {
    const lh = await r.read(
      'XCOFF loader header',
      loader.ptr,
      is64 ? 56 : 32,
      'big'
    )
    const nimpid = lh.u32(16)
    const istlen = lh.u32(12)
    const impoff = is64 ? lh.u64(24) : lh.u32(24)
    checkCount('XCOFF import file IDs', loader.ptr, nimpid, MAX_IMPORTS)
    if (impoff + istlen > loader.size) {
      throw new BinaryFormatError(
        'XCOFF import file IDs',
        loader.ptr + impoff,
        'run past the loader section'
      )
    }
    const s = await r.read(
      'XCOFF import file IDs',
      loader.ptr + impoff,
      istlen,
      'big'
    )
    let at = 0
    for (let i = 0; i < nimpid; i++) {
      const parts: string[] = []
      for (let k = 0; k < 3; k++) {
        if (at > s.length)
          throw new BinaryFormatError(
            'XCOFF import file IDs',
            loader.ptr + impoff + at,
            'truncated'
          )
        const p = at < s.length ? s.cstring(at, s.length - at) : ''
        parts.push(p)
        at += Buffer.byteLength(p, 'latin1') + 1
      }
      if (i === 0) continue
      const [path, base, member] = parts
      const lib =
        (path ? `${path}/` : '') + base + (member ? `(${member})` : '')
      if (lib) libraries.push(lib)
    }
  }
  const data = sections.find((s) => (s.flags & STYP_DATA) !== 0)
  return {
    container: 'xcoff',
    bits: is64 ? 64 : 32,
    byteOrder: 'big',
    arch: is64 ? 'ppc64' : '',
    machine: is64 ? '64-bit PowerPC' : 'PowerPC',
    kind:
      (flags & F_SHROBJ) !== 0
        ? 'shared object'
        : (flags & F_EXEC) !== 0
          ? 'executable'
          : 'object',
    interpreter: undefined,
    libraries,
    staticallyLinked: libraries.length === 0,
    symbols: nsyms > 0,
    dwarf: sections.some((s) => (s.flags & 0xffff) === STYP_DWARF),
    os: 'aix',
    data: data ? { start: data.vaddr, size: data.size, regions } : undefined,
    xcoff: {
      magic,
      flags,
      symbolCount: nsyms,
      sections: sections.map((s) => s.name)
    }
  }
}
