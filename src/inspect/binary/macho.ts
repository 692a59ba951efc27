/**
 * Mach-O reader (thin files, 32 and 64 bit): header, load commands,
 * segments and sections, dylinker, dylibs, LC_BUILD_VERSION and symtab.
 */
import {
  BinaryFormatError,
  checkCount,
  type ByteOrder,
  type Reader
} from './reader.js'
import type { ContainerInfo, FileRange, Region } from './types.js'

export const MH_MAGIC = 0xfeedface
export const MH_MAGIC_64 = 0xfeedfacf
export const MH_EXECUTE = 2
export const MH_DYLIB = 6
export const CPU_TYPE_X86 = 7
export const CPU_TYPE_X86_64 = 0x01000007
export const CPU_TYPE_ARM = 12
export const CPU_TYPE_ARM64 = 0x0100000c
export const LC_SEGMENT = 0x1
export const LC_SYMTAB = 0x2
export const LC_LOAD_DYLIB = 0xc
export const LC_LOAD_DYLINKER = 0xe
export const LC_DYSYMTAB = 0xb
export const LC_SEGMENT_64 = 0x19
export const LC_VERSION_MIN_MACOSX = 0x24
export const LC_VERSION_MIN_IPHONEOS = 0x25
export const LC_BUILD_VERSION = 0x32
export const LC_LOAD_WEAK_DYLIB = 0x80000018
export const LC_REEXPORT_DYLIB = 0x8000001f
export const LC_UUID = 0x1b

const MAX_COMMANDS = 1024
const MAX_SECTIONS = 1024
const MAX_COMMANDS_SIZE = 1 << 20

const FLAG_NAMES: [number, string][] = [
  [0x1, 'NOUNDEFS'],
  [0x2, 'INCRLINK'],
  [0x4, 'DYLDLINK'],
  [0x8, 'BINDATLOAD'],
  [0x10, 'PREBOUND'],
  [0x20, 'SPLIT_SEGS'],
  [0x80, 'TWOLEVEL'],
  [0x100, 'FORCE_FLAT'],
  [0x200000, 'PIE'],
  [0x800000, 'HAS_TLV_DESCRIPTORS'],
  [0x1000000, 'NO_HEAP_EXECUTION']
]

/** LC_BUILD_VERSION platform numbers. */
export const PLATFORMS: Record<number, string> = {
  1: 'macos',
  2: 'ios',
  3: 'tvos',
  4: 'watchos',
  5: 'bridgeos',
  6: 'maccatalyst',
  7: 'iossimulator',
  8: 'tvossimulator',
  9: 'watchossimulator',
  10: 'driverkit',
  11: 'visionos',
  12: 'visionossimulator'
}

/** cputype → [name as `file` prints it, GOARCH]. */
const CPUS: Record<number, [string, string]> = {
  [CPU_TYPE_X86]: ['i386', '386'],
  [CPU_TYPE_X86_64]: ['x86_64', 'amd64'],
  [CPU_TYPE_ARM]: ['arm', 'arm'],
  [CPU_TYPE_ARM64]: ['arm64', 'arm64']
}

function version(v: number): string {
  return `${v >>> 16}.${(v >>> 8) & 0xff}.${v & 0xff}`
}

/** Reads a thin Mach-O file. */
export async function readMacho(r: Reader): Promise<ContainerInfo> {
  const m = await r.read('Mach-O header', 0, 4, 'big')
  const raw = m.u32(0)
  const order: ByteOrder =
    raw === MH_MAGIC || raw === MH_MAGIC_64 ? 'big' : 'little'
  const magic =
    order === 'big'
      ? raw
      : (await r.read('Mach-O header', 0, 4, 'little')).u32(0)
  const is64 = magic === MH_MAGIC_64
  const hsize = is64 ? 32 : 28
  const h = await r.read('Mach-O header', 0, hsize, order)
  const cputype = h.u32(4)
  const cpusubtype = h.u32(8)
  const filetype = h.u32(12)
  const ncmds = h.u32(16)
  const sizeofcmds = h.u32(20)
  const flags = h.u32(24)
  checkCount('Mach-O load commands', hsize, ncmds, MAX_COMMANDS)
  if (sizeofcmds > MAX_COMMANDS_SIZE) {
    throw new BinaryFormatError(
      'Mach-O load commands',
      hsize,
      `sizeofcmds ${sizeofcmds} exceeds ${MAX_COMMANDS_SIZE}`
    )
  }
  const cmds = await r.read('Mach-O load commands', hsize, sizeofcmds, order)
  const segments: string[] = []
  const sections: string[] = []
  const ranges: FileRange[] = []
  const loadCommands: number[] = []
  const libraries: string[] = []
  const regions: Region[] = []
  let interpreter: string | undefined
  let platform: number | undefined
  let minos: string | undefined
  let sdk: string | undefined
  let symbols = false
  let definedSymbols: number | undefined
  let dwarf = false
  let buildinfoSection: { addr: number; size: number } | undefined
  let rwSegment: { addr: number; size: number } | undefined
  let at = 0
  for (let i = 0; i < ncmds; i++) {
    const cmd = cmds.u32(at)
    const size = cmds.u32(at + 4)
    if (size < 8 || at + size > cmds.length) {
      throw new BinaryFormatError(
        'Mach-O load command',
        hsize + at,
        `cmdsize ${size} is invalid`
      )
    }
    loadCommands.push(cmd)
    // The UUID, which Go's linker derives from the Go build ID: a range of
    // its own, so that a comparison can tell it from the rest.
    if (cmd === LC_UUID && size >= 24)
      ranges.push({ name: 'LC_UUID', offset: hsize + at + 8, size: 16 })
    const lcString = (): string => {
      const off = cmds.u32(at + 8)
      if (off >= size)
        throw new BinaryFormatError(
          'Mach-O load command',
          hsize + at,
          `string offset ${off} is outside the command`
        )
      return cmds.cstring(at + off, size - off)
    }
    if (cmd === LC_SEGMENT_64 || cmd === LC_SEGMENT) {
      const s64 = cmd === LC_SEGMENT_64
      const name = cmds.cstring(at + 8, 16)
      const vmaddr = s64 ? cmds.u64(at + 24) : cmds.u32(at + 24)
      const vmsize = s64 ? cmds.u64(at + 32) : cmds.u32(at + 28)
      const fileoff = s64 ? cmds.u64(at + 40) : cmds.u32(at + 32)
      const filesize = s64 ? cmds.u64(at + 48) : cmds.u32(at + 36)
      const maxprot = cmds.u32(at + (s64 ? 56 : 40))
      const initprot = cmds.u32(at + (s64 ? 60 : 44))
      const nsects = cmds.u32(at + (s64 ? 64 : 48))
      checkCount(
        'Mach-O sections',
        hsize + at,
        sections.length + nsects,
        MAX_SECTIONS
      )
      segments.push(name)
      if (name !== '__PAGEZERO' && filesize > 0)
        regions.push({ addr: vmaddr, offset: fileoff, size: filesize })
      if (name === '__DWARF') dwarf = true
      if (
        !rwSegment &&
        vmaddr !== 0 &&
        filesize !== 0 &&
        maxprot === 3 &&
        initprot === 3
      ) {
        rwSegment = { addr: vmaddr, size: vmsize }
      }
      const ssize = s64 ? 80 : 68
      const first = at + (s64 ? 72 : 56)
      for (let j = 0; j < nsects; j++) {
        const s = first + j * ssize
        if (s + ssize > at + size) {
          throw new BinaryFormatError(
            'Mach-O section header',
            hsize + s,
            'runs past its load command'
          )
        }
        const sect = cmds.cstring(s, 16)
        const seg = cmds.cstring(s + 16, 16)
        sections.push(`${seg},${sect}`)
        // section_64: addr u64 @32, size u64 @40, offset u32 @48;
        // section: addr u32 @32, size u32 @36, offset u32 @40. Zero-fill
        // sections have offset 0.
        const sectSize = s64 ? cmds.u64(s + 40) : cmds.u32(s + 36)
        const sectOffset = cmds.u32(s + (s64 ? 48 : 40))
        if (sectOffset > 0 && sectSize > 0)
          ranges.push({ name: `${seg},${sect}`, offset: sectOffset, size: sectSize })
        if (
          seg === '__DWARF' ||
          sect.startsWith('__debug_') ||
          sect.startsWith('__zdebug_')
        )
          dwarf = true
        if (sect === '__go_buildinfo') {
          buildinfoSection = {
            addr: s64 ? cmds.u64(s + 32) : cmds.u32(s + 32),
            size: s64 ? cmds.u64(s + 40) : cmds.u32(s + 36)
          }
        }
      }
    } else if (cmd === LC_SYMTAB) {
      symbols = cmds.u32(at + 12) > 0
    } else if (cmd === LC_DYSYMTAB) {
      // Local plus externally defined symbols; imports alone survive -s.
      definedSymbols = cmds.u32(at + 12) + cmds.u32(at + 20)
    } else if (cmd === LC_LOAD_DYLINKER) {
      interpreter = lcString()
    } else if (
      cmd === LC_LOAD_DYLIB ||
      cmd === LC_LOAD_WEAK_DYLIB ||
      cmd === LC_REEXPORT_DYLIB
    ) {
      libraries.push(lcString())
    } else if (cmd === LC_BUILD_VERSION) {
      platform = cmds.u32(at + 8)
      minos = version(cmds.u32(at + 12))
      sdk = version(cmds.u32(at + 16))
    } else if (
      cmd === LC_VERSION_MIN_MACOSX ||
      cmd === LC_VERSION_MIN_IPHONEOS
    ) {
      platform ??= cmd === LC_VERSION_MIN_MACOSX ? 1 : 2
      minos ??= version(cmds.u32(at + 8))
      sdk ??= version(cmds.u32(at + 12))
    }
    at += size
  }
  const flagNames = FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(
    ([, n]) => n
  )
  const cpu = CPUS[cputype]
  const platformName =
    platform === undefined
      ? undefined
      : (PLATFORMS[platform] ?? `platform ${platform}`)
  const data = buildinfoSection ?? rwSegment
  return {
    container: 'macho',
    bits: is64 ? 64 : 32,
    byteOrder: order,
    arch: cpu?.[1] ?? '',
    machine: cpu?.[0] ?? `cputype ${cputype}`,
    kind:
      filetype === MH_EXECUTE
        ? 'executable'
        : filetype === MH_DYLIB
          ? 'shared object'
          : filetype === 1
            ? 'object'
            : 'other',
    interpreter,
    libraries,
    staticallyLinked: interpreter === undefined && libraries.length === 0,
    symbols: symbols && (definedSymbols === undefined || definedSymbols > 0),
    dwarf,
    os:
      platformName === 'macos'
        ? 'darwin'
        : platformName === 'ios'
          ? 'ios'
          : undefined,
    data: data ? { start: data.addr, size: data.size, regions } : undefined,
    ranges: ranges.sort((a, b) => a.offset - b.offset),
    macho: {
      cputype,
      cpusubtype,
      filetype,
      flags,
      flagNames,
      platform,
      platformName,
      minos,
      sdk,
      segments,
      sections,
      loadCommands
    }
  }
}
