/**
 * ELF reader: the file header, program and section header tables, notes,
 * the interpreter and the dynamic section's needed libraries. Constants are
 * named as the System V ABI names them.
 */
import {
  BinaryFormatError,
  checkCount,
  type ByteOrder,
  type Reader,
  type View
} from './reader.js'
import type { ContainerInfo, ElfNote, FileKind, Region } from './types.js'

export const ELFCLASS32 = 1
export const ELFCLASS64 = 2
export const ELFDATA2LSB = 1
export const ELFDATA2MSB = 2
export const ET_EXEC = 2
export const ET_DYN = 3
export const PT_LOAD = 1
export const PT_DYNAMIC = 2
export const PT_INTERP = 3
export const PT_NOTE = 4
export const PT_PHDR = 6
export const PF_X = 1
export const PF_W = 2
export const SHT_SYMTAB = 2
export const SHT_NOTE = 7
export const SHT_NOBITS = 8
export const DT_NULL = 0
export const DT_NEEDED = 1
export const DT_STRTAB = 5
export const DT_STRSZ = 10
export const DT_FLAGS_1 = 0x6ffffffb
export const DF_1_PIE = 0x08000000

export const EM_386 = 3
export const EM_MIPS = 8
export const EM_PPC64 = 21
export const EM_S390 = 22
export const EM_ARM = 40
export const EM_X86_64 = 62
export const EM_AARCH64 = 183
export const EM_RISCV = 243
export const EM_LOONGARCH = 258

/** OS/ABI values Go writes. */
export const ELFOSABI_NONE = 0
export const ELFOSABI_NETBSD = 2
export const ELFOSABI_FREEBSD = 9
export const ELFOSABI_OPENBSD = 12

const MAX_SEGMENTS = 256
const MAX_SECTIONS = 4096
const MAX_NOTES = 64
const MAX_DYNAMIC = 4096
const MAX_LIBRARIES = 256

/** e_machine → [name as `file` prints it, GOARCH for each byte order]. */
const MACHINES: Record<number, [string, { little?: string; big?: string }]> = {
  [EM_386]: ['Intel 80386', { little: '386' }],
  [EM_X86_64]: ['x86-64', { little: 'amd64' }],
  [EM_ARM]: ['ARM', { little: 'arm' }],
  [EM_AARCH64]: ['ARM aarch64', { little: 'arm64' }],
  [EM_MIPS]: ['MIPS', { little: 'mipsle', big: 'mips' }],
  [EM_PPC64]: [
    '64-bit PowerPC or cisco 7500',
    { little: 'ppc64le', big: 'ppc64' }
  ],
  [EM_S390]: ['IBM S/390', { big: 's390x' }],
  [EM_RISCV]: ['UCB RISC-V', { little: 'riscv64' }],
  [EM_LOONGARCH]: ['LoongArch', { little: 'loong64' }]
}

/** The GOARCH an ELF machine/class/byte order stands for, or ''. */
export function elfArch(
  machine: number,
  bits: 32 | 64,
  order: ByteOrder
): string {
  const entry = MACHINES[machine]
  if (!entry) return ''
  const arch = entry[1][order] ?? ''
  if (machine === EM_MIPS && bits === 64)
    return arch ? arch.replace('mips', 'mips64') : ''
  if (machine === EM_PPC64 && bits !== 64) return ''
  if (machine === EM_RISCV && bits !== 64) return ''
  if (machine === EM_386 && bits !== 32) return ''
  if (machine === EM_ARM && bits !== 32) return ''
  if (
    [EM_X86_64, EM_AARCH64, EM_S390, EM_LOONGARCH].includes(machine) &&
    bits !== 64
  )
    return ''
  return arch
}

/** The machine name as `file` prints it. */
export function elfMachineName(machine: number): string {
  return MACHINES[machine]?.[0] ?? `machine ${machine}`
}

/** The meaning of e_flags for the machines Go targets. */
export function elfFlagsText(machine: number, flags: number): string[] {
  const out: string[] = []
  switch (machine) {
    case EM_ARM: {
      const eabi = flags >>> 24
      if (eabi) out.push(`EABI${eabi}`)
      if (flags & 0x400) out.push('hard-float ABI')
      if (flags & 0x200) out.push('soft-float ABI')
      break
    }
    case EM_MIPS: {
      const archs: Record<number, string> = {
        0: 'mips1',
        1: 'mips2',
        2: 'mips3',
        3: 'mips4',
        4: 'mips5',
        5: 'mips32',
        6: 'mips64',
        7: 'mips32r2',
        8: 'mips64r2',
        9: 'mips32r6',
        10: 'mips64r6'
      }
      out.push(archs[flags >>> 28] ?? `arch ${flags >>> 28}`)
      const abi = (flags >>> 12) & 0xf
      if (abi === 1) out.push('o32')
      if (abi === 2) out.push('o64')
      if (flags & 0x20) out.push('nan2008')
      if (flags & 0x1) out.push('noreorder')
      if (flags & 0x2) out.push('pic')
      if (flags & 0x4) out.push('cpic')
      break
    }
    case EM_PPC64:
      if (flags & 3) out.push(`ABI v${flags & 3}`)
      break
    case EM_RISCV: {
      if (flags & 1) out.push('RVC')
      const fabi = [
        'soft-float ABI',
        'single-float ABI',
        'double-float ABI',
        'quad-float ABI'
      ]
      out.push(fabi[(flags >>> 1) & 3])
      if (flags & 8) out.push('RVE')
      if (flags & 0x10) out.push('TSO')
      break
    }
    case EM_LOONGARCH: {
      const abi = ['', 'LP64S', 'LP64F', 'LP64D'][flags & 7]
      if (abi) out.push(abi)
      out.push(`object v${(flags >>> 6) & 3}`)
      break
    }
  }
  return out
}

interface Segment {
  type: number
  flags: number
  offset: number
  vaddr: number
  filesz: number
  memsz: number
}

interface Section {
  name: string
  nameOffset: number
  type: number
  addr: number
  offset: number
  size: number
  link: number
}

/** Reads an ELF file whose first 4 bytes are `\x7fELF`. */
export async function readElf(r: Reader): Promise<ContainerInfo> {
  const ident = await r.read('ELF identification', 0, 16)
  const cls = ident.u8(4)
  const encoding = ident.u8(5)
  if (cls !== ELFCLASS32 && cls !== ELFCLASS64) {
    throw new BinaryFormatError(
      'ELF identification',
      4,
      `EI_CLASS ${cls} is neither 1 (32-bit) nor 2 (64-bit)`
    )
  }
  if (encoding !== ELFDATA2LSB && encoding !== ELFDATA2MSB) {
    throw new BinaryFormatError(
      'ELF identification',
      5,
      `EI_DATA ${encoding} is neither 1 (LSB) nor 2 (MSB)`
    )
  }
  const bits: 32 | 64 = cls === ELFCLASS64 ? 64 : 32
  const order: ByteOrder = encoding === ELFDATA2LSB ? 'little' : 'big'
  const is64 = bits === 64
  const h = await r.read('ELF header', 0, is64 ? 64 : 52, order)
  const type = h.u16(16)
  const machine = h.u16(18)
  const entry = h.word(24, bits)
  const phoff = is64 ? h.u64(32) : h.u32(28)
  const shoff = is64 ? h.u64(40) : h.u32(32)
  const flags = h.u32(is64 ? 48 : 36)
  const phentsize = h.u16(is64 ? 54 : 42)
  let phnum = h.u16(is64 ? 56 : 44)
  const shentsize = h.u16(is64 ? 58 : 46)
  let shnum = h.u16(is64 ? 60 : 48)
  let shstrndx = h.u16(is64 ? 62 : 50)

  // Section headers (with extended numbering through section 0).
  const shsize = is64 ? 64 : 40
  let sections: Section[] = []
  if (shoff !== 0) {
    if (shentsize < shsize) {
      throw new BinaryFormatError(
        'ELF header',
        is64 ? 58 : 46,
        `e_shentsize ${shentsize} is smaller than ${shsize}`
      )
    }
    const first = await r.read('ELF section header 0', shoff, shsize, order)
    if (shnum === 0) shnum = first.word(is64 ? 32 : 20, bits)
    if (shstrndx === 0xffff) shstrndx = first.u32(is64 ? 40 : 24)
    if (phnum === 0xffff) phnum = first.u32(is64 ? 44 : 28)
    checkCount('ELF section header table', shoff, shnum, MAX_SECTIONS)
    const table = await r.read(
      'ELF section header table',
      shoff,
      shnum * shentsize,
      order
    )
    for (let i = 0; i < shnum; i++) {
      const at = i * shentsize
      sections.push({
        name: '',
        nameOffset: table.u32(at),
        type: table.u32(at + 4),
        addr: table.word(at + (is64 ? 16 : 12), bits),
        offset: table.word(at + (is64 ? 24 : 16), bits),
        size: table.word(at + (is64 ? 32 : 20), bits),
        link: table.u32(at + (is64 ? 40 : 24))
      })
    }
    if (shnum > 0) {
      if (shstrndx >= shnum) {
        throw new BinaryFormatError(
          'ELF header',
          is64 ? 62 : 50,
          `e_shstrndx ${shstrndx} is not below e_shnum ${shnum}`
        )
      }
      const strtab = sections[shstrndx]
      const names = await r.read(
        'ELF section name table',
        strtab.offset,
        strtab.size,
        order
      )
      sections = sections.map((s) => ({
        ...s,
        name:
          s.nameOffset < names.length ? names.cstring(s.nameOffset, 256) : ''
      }))
    }
  }

  // Program headers.
  const phsize = is64 ? 56 : 32
  const segments: Segment[] = []
  if (phnum > 0) {
    if (phentsize < phsize) {
      throw new BinaryFormatError(
        'ELF header',
        is64 ? 54 : 42,
        `e_phentsize ${phentsize} is smaller than ${phsize}`
      )
    }
    checkCount('ELF program header table', phoff, phnum, MAX_SEGMENTS)
    const table = await r.read(
      'ELF program header table',
      phoff,
      phnum * phentsize,
      order
    )
    for (let i = 0; i < phnum; i++) {
      const at = i * phentsize
      segments.push(
        is64
          ? {
              type: table.u32(at),
              flags: table.u32(at + 4),
              offset: table.u64(at + 8),
              vaddr: table.u64(at + 16),
              filesz: table.u64(at + 32),
              memsz: table.u64(at + 40)
            }
          : {
              type: table.u32(at),
              flags: table.u32(at + 24),
              offset: table.u32(at + 4),
              vaddr: table.u32(at + 8),
              filesz: table.u32(at + 16),
              memsz: table.u32(at + 20)
            }
      )
    }
  }

  // Interpreter.
  let interpreter: string | undefined
  const interp = segments.find((s) => s.type === PT_INTERP)
  if (interp) {
    const v = await r.read(
      'ELF PT_INTERP segment',
      interp.offset,
      Math.min(interp.filesz, 4096),
      order
    )
    interpreter = v.cstring(0)
  }

  // Dynamic section: needed libraries and DT_FLAGS_1.
  const loads: Region[] = segments
    .filter((s) => s.type === PT_LOAD)
    .map((s) => ({ addr: s.vaddr, offset: s.offset, size: s.filesz }))
  const libraries: string[] = []
  let flags1: number | undefined
  const dyn = segments.find((s) => s.type === PT_DYNAMIC)
  if (dyn) {
    const entsize = is64 ? 16 : 8
    const count = Math.floor(dyn.filesz / entsize)
    checkCount('ELF dynamic section', dyn.offset, count, MAX_DYNAMIC)
    const v = await r.read(
      'ELF dynamic section',
      dyn.offset,
      count * entsize,
      order
    )
    const needed: number[] = []
    let strtab: number | undefined
    let strsz = 0
    for (let i = 0; i < count; i++) {
      const tag = v.word(i * entsize, bits)
      const val = v.word(i * entsize + entsize / 2, bits)
      if (tag === DT_NULL) break
      if (tag === DT_NEEDED && needed.length < MAX_LIBRARIES) needed.push(val)
      if (tag === DT_STRTAB) strtab = val
      if (tag === DT_STRSZ) strsz = val
      if (tag === DT_FLAGS_1) flags1 = val
    }
    if (needed.length > 0) {
      const off =
        strtab === undefined ? undefined : addressToOffset(loads, strtab)
      if (off === undefined) {
        throw new BinaryFormatError(
          'ELF dynamic section',
          dyn.offset,
          'DT_STRTAB is missing or not in a loaded segment'
        )
      }
      const str = await r.readUpTo(
        'ELF dynamic string table',
        off,
        Math.min(strsz || 65536, 1 << 20),
        order
      )
      for (const n of needed) {
        if (n >= str.length) {
          throw new BinaryFormatError(
            'ELF dynamic string table',
            off,
            `DT_NEEDED name offset ${n} is past its end`
          )
        }
        libraries.push(str.cstring(n, 1024))
      }
    }
  }

  // Notes: from SHT_NOTE sections, else from PT_NOTE segments.
  const notes: ElfNote[] = []
  const noteSources =
    sections.length > 0
      ? sections
          .filter((s) => s.type === SHT_NOTE)
          .map((s) => ({ name: s.name, offset: s.offset, size: s.size }))
      : segments
          .filter((s) => s.type === PT_NOTE)
          .map((s) => ({ name: '', offset: s.offset, size: s.filesz }))
  for (const src of noteSources.slice(0, MAX_NOTES)) {
    const v = await r.read(
      `ELF note ${src.name || 'segment'}`,
      src.offset,
      Math.min(src.size, 65536),
      order
    )
    parseNotes(v, src.name, notes)
    if (notes.length > MAX_NOTES) {
      throw new BinaryFormatError(
        'ELF notes',
        src.offset,
        `more than ${MAX_NOTES} notes`
      )
    }
  }

  const sectionNames = sections.map((s) => s.name)
  const symbols = sections.some((s) => s.type === SHT_SYMTAB)
  const dwarf = sectionNames.some(
    (n) => n.startsWith('.debug_') || n.startsWith('.zdebug_')
  )
  const kind: FileKind =
    type === ET_EXEC
      ? 'executable'
      : type === ET_DYN
        ? interpreter !== undefined ||
          (flags1 !== undefined && (flags1 & DF_1_PIE) !== 0)
          ? 'pie'
          : 'shared object'
        : type === 1
          ? 'object'
          : type === 4
            ? 'core'
            : 'other'

  const osabi = ident.u8(7)
  const os = elfOs(osabi, notes)

  // Where build info lives (see Go's debug/buildinfo).
  let data: ContainerInfo['data']
  const bi = sections.find((s) => s.name === '.go.buildinfo')
  if (bi && bi.type !== SHT_NOBITS) {
    data = { start: bi.addr, size: bi.size, regions: loads }
  } else {
    const rw = segments.find(
      (s) => s.type === PT_LOAD && (s.flags & (PF_X | PF_W)) === PF_W
    )
    if (rw) data = { start: rw.vaddr, size: rw.memsz, regions: loads }
  }

  return {
    container: 'elf',
    bits,
    byteOrder: order,
    arch: elfArch(machine, bits, order),
    machine: elfMachineName(machine),
    kind,
    interpreter,
    libraries,
    staticallyLinked: interpreter === undefined && libraries.length === 0,
    symbols,
    dwarf,
    os,
    data,
    ranges: sections
      .filter((s) => s.type !== SHT_NOBITS && s.size > 0 && s.offset > 0)
      .map((s) => ({ name: s.name, offset: s.offset, size: s.size }))
      .sort((a, b) => a.offset - b.offset),
    elf: {
      osabi,
      abiVersion: ident.u8(8),
      type,
      machine,
      flags,
      flagsText: elfFlagsText(machine, flags),
      entry,
      segments: segments.map((s) => s.type),
      sections: sectionNames,
      notes,
      flags1
    }
  }
}

function parseNotes(v: View, section: string, out: ElfNote[]): void {
  let at = 0
  while (at + 12 <= v.length && out.length <= MAX_NOTES) {
    const namesz = v.u32(at)
    const descsz = v.u32(at + 4)
    const type = v.u32(at + 8)
    const nameAt = at + 12
    const descAt = nameAt + align4(namesz)
    const owner = namesz > 0 ? v.cstring(nameAt, Math.min(namesz, 256)) : ''
    v.slice(descAt, descsz)
    const desc = Buffer.from(v.slice(descAt, Math.min(descsz, 64))).toString(
      'hex'
    )
    out.push({ section, owner, type, desc })
    at = descAt + align4(descsz)
  }
}

function align4(n: number): number {
  return (n + 3) & ~3
}

/** The file offset of virtual address `addr`, if a loaded segment maps it. */
export function addressToOffset(
  regions: Region[],
  addr: number
): number | undefined {
  for (const r of regions) {
    if (addr >= r.addr && addr < r.addr + r.size)
      return r.offset + (addr - r.addr)
  }
  return undefined
}

/** The OS an ELF file identifies by OS/ABI and notes alone. */
function elfOs(osabi: number, notes: ElfNote[]): string | undefined {
  if (osabi === ELFOSABI_FREEBSD) return 'freebsd'
  if (osabi === ELFOSABI_OPENBSD || notes.some((n) => n.owner === 'OpenBSD'))
    return 'openbsd'
  if (osabi === ELFOSABI_NETBSD || notes.some((n) => n.owner === 'NetBSD'))
    return 'netbsd'
  return undefined
}
