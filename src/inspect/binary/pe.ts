/**
 * PE/COFF reader (PE32 and PE32+): COFF header, optional header, section
 * table (long names through the COFF string table) and imported DLLs.
 */
import { BinaryFormatError, checkCount, type Reader } from './reader.js'
import type { ContainerInfo, Region } from './types.js'

export const IMAGE_FILE_MACHINE_I386 = 0x14c
export const IMAGE_FILE_MACHINE_AMD64 = 0x8664
export const IMAGE_FILE_MACHINE_ARMNT = 0x1c4
export const IMAGE_FILE_MACHINE_ARM64 = 0xaa64
export const PE32_MAGIC = 0x10b
export const PE32PLUS_MAGIC = 0x20b
export const IMAGE_FILE_DLL = 0x2000
const IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x40
const DATA_RW = 0x40 | 0x40000000 | 0x80000000
const ALIGN_MASK = 0x00f00000

const MAX_SECTIONS = 96
const MAX_IMPORTS = 256

/** Machine → [name as `file` prints it, GOARCH]. */
const MACHINES: Record<number, [string, string]> = {
  [IMAGE_FILE_MACHINE_I386]: ['Intel 80386', '386'],
  [IMAGE_FILE_MACHINE_AMD64]: ['x86-64', 'amd64'],
  [IMAGE_FILE_MACHINE_ARMNT]: ['ARMv7 Thumb', 'arm'],
  [IMAGE_FILE_MACHINE_ARM64]: ['Aarch64', 'arm64']
}

/** Subsystem numbers as `file` names them. */
export const SUBSYSTEMS: Record<number, string> = {
  1: 'native',
  2: 'GUI',
  3: 'console',
  7: 'POSIX',
  9: 'Windows CE GUI',
  10: 'EFI application',
  11: 'EFI boot service driver',
  12: 'EFI runtime driver'
}

/** Reads a PE image whose first bytes are `MZ`. */
export async function readPe(r: Reader): Promise<ContainerInfo> {
  const dos = await r.read('DOS header', 0, 64)
  const lfanew = dos.u32(0x3c)
  const sig = await r.read('PE signature', lfanew, 4)
  if (sig.u32(0) !== 0x4550) {
    throw new BinaryFormatError('PE signature', lfanew, 'is not "PE\\0\\0"')
  }
  const coff = await r.read('COFF header', lfanew + 4, 20)
  const machine = coff.u16(0)
  const nsections = coff.u16(2)
  const symptr = coff.u32(8)
  const nsyms = coff.u32(12)
  const optSize = coff.u16(16)
  const characteristics = coff.u16(18)
  const optAt = lfanew + 24
  if (optSize < 2)
    throw new BinaryFormatError('PE optional header', optAt, 'is missing')
  const opt = await r.read('PE optional header', optAt, optSize)
  const magic = opt.u16(0)
  if (magic !== PE32_MAGIC && magic !== PE32PLUS_MAGIC) {
    throw new BinaryFormatError(
      'PE optional header',
      optAt,
      `magic 0x${magic.toString(16)} is neither PE32 nor PE32+`
    )
  }
  const plus = magic === PE32PLUS_MAGIC
  const imageBase = plus ? opt.u64(24) : opt.u32(28)
  const subsystem = opt.u16(68)
  const dllCharacteristics = opt.u16(70)
  const ndirs = opt.u32(plus ? 108 : 92)
  const dirAt = plus ? 112 : 96
  const importRva = ndirs > 1 ? opt.u32(dirAt + 8) : 0
  const importSize = ndirs > 1 ? opt.u32(dirAt + 12) : 0

  checkCount('PE section table', optAt + optSize, nsections, MAX_SECTIONS)
  const table = await r.read(
    'PE section table',
    optAt + optSize,
    nsections * 40
  )
  let strtab: Awaited<ReturnType<Reader['read']>> | undefined
  const sections: {
    name: string
    va: number
    vsize: number
    raw: number
    rawSize: number
    ch: number
  }[] = []
  for (let i = 0; i < nsections; i++) {
    const at = i * 40
    let name = table.cstring(at, 8)
    if (name.startsWith('/') && symptr !== 0) {
      const off = Number(name.slice(1))
      if (Number.isInteger(off)) {
        strtab ??= await r.readUpTo(
          'COFF string table',
          symptr + nsyms * 18,
          65536
        )
        if (off < strtab.length) name = strtab.cstring(off, 256)
      }
    }
    sections.push({
      name,
      vsize: table.u32(at + 8),
      va: table.u32(at + 12),
      rawSize: table.u32(at + 16),
      raw: table.u32(at + 20),
      ch: table.u32(at + 36)
    })
  }
  const regions: Region[] = sections.map((s) => ({
    addr: imageBase + s.va,
    offset: s.raw,
    size: Math.min(s.rawSize, s.vsize || s.rawSize)
  }))

  // Imported DLLs.
  const libraries: string[] = []
  if (importRva !== 0 && importSize !== 0) {
    const rvaToOffset = (rva: number): number | undefined => {
      const s = sections.find(
        (x) => rva >= x.va && rva < x.va + Math.max(x.vsize, x.rawSize)
      )
      return s && rva - s.va < s.rawSize ? s.raw + (rva - s.va) : undefined
    }
    const off = rvaToOffset(importRva)
    if (off === undefined) {
      throw new BinaryFormatError(
        'PE import directory',
        importRva,
        'RVA is not in any section'
      )
    }
    for (let i = 0; i < MAX_IMPORTS; i++) {
      const d = await r.read('PE import descriptor', off + i * 20, 20)
      const nameRva = d.u32(12)
      if (nameRva === 0 && d.u32(16) === 0) break
      const nameOff = rvaToOffset(nameRva)
      if (nameOff === undefined) {
        throw new BinaryFormatError(
          'PE import descriptor',
          off + i * 20,
          `name RVA 0x${nameRva.toString(16)} is not in any section`
        )
      }
      libraries.push(
        (await r.readUpTo('PE import name', nameOff, 256)).cstring(0, 256)
      )
    }
  }

  const names = sections.map((s) => s.name)
  const dataSect =
    sections.find(
      (s) => s.va !== 0 && s.rawSize !== 0 && (s.ch & ~ALIGN_MASK) === DATA_RW
    ) ?? sections.find((s) => s.name === '.data')
  const cpu = MACHINES[machine]
  return {
    container: 'pe',
    bits: plus ? 64 : 32,
    byteOrder: 'little',
    arch: cpu?.[1] ?? '',
    machine: cpu?.[0] ?? `machine 0x${machine.toString(16)}`,
    kind:
      (characteristics & IMAGE_FILE_DLL) !== 0
        ? 'shared object'
        : (dllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) !== 0
          ? 'pie'
          : 'executable',
    interpreter: undefined,
    libraries,
    staticallyLinked: libraries.length === 0,
    symbols: nsyms > 0,
    dwarf: names.some(
      (n) => n.startsWith('.debug_') || n.startsWith('.zdebug_')
    ),
    os: 'windows',
    data: dataSect
      ? {
          start: imageBase + dataSect.va,
          size: dataSect.vsize || dataSect.rawSize,
          regions
        }
      : undefined,
    ranges: sections
      .filter((s) => s.raw > 0 && s.rawSize > 0)
      .map((s) => ({ name: s.name, offset: s.raw, size: s.rawSize }))
      .sort((a, b) => a.offset - b.offset),
    pe: {
      machine,
      magic,
      subsystem,
      subsystemName: SUBSYSTEMS[subsystem] ?? `subsystem ${subsystem}`,
      characteristics,
      dllCharacteristics,
      imageBase,
      sections: names,
      symbolCount: nsyms
    }
  }
}
