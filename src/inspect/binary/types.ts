/**
 * What a binary says it is: the result of inspecting one file with the
 * readers in this folder. Container-specific details sit under the
 * container's own key; the common fields are what the judge compares.
 */
import type { ByteOrder } from './reader.js'

export type { ByteOrder }

/** The executable container formats Go produces. */
export type Container = 'elf' | 'macho' | 'pe' | 'xcoff' | 'plan9' | 'wasm'

/** How the file is meant to be loaded. */
export type FileKind =
  'executable' | 'pie' | 'shared object' | 'object' | 'core' | 'other'

/** One module of the build, as Go's runtime/debug.Module has it. */
export interface Module {
  /** `golang.org/x/text`, or a directory (`./greet`) for a local replacement. */
  path: string
  /** `v0.14.0`, or `(devel)` for a local replacement. */
  version: string
  /**
   * The go.sum hash, `h1:` and the base64 of a SHA-256 (golang.org/x/mod's
   * dirhash.Hash1), or '' where Go has none (a replaced module, a directory).
   */
  sum: string
  /** The module that replaced this one (the `=>` line after it), if any. */
  replace?: Module
}

/** Go build info, as `go version -m` prints it. */
export interface BuildInfo {
  /** `go1.26.8` */
  goVersion: string
  /** Main package path (`path` line). */
  path: string
  /** Main module path and version (`mod` line). */
  mod: { path: string; version: string; sum: string } | undefined
  /** Dependencies (`dep` lines), `path@version`. */
  deps: string[]
  /** The same `dep` lines in order, with their sums and `=>` replacements. */
  modules: Module[]
  /** Every `build` setting in order, unquoted: [['CGO_ENABLED', '0'], ...]. */
  settings: [string, string][]
  /**
   * 'inline' (Go 1.18 and later), 'pointer' (older), or 'framed' (wasm: no
   * header, module info found between its sentinels).
   */
  format: 'inline' | 'pointer' | 'framed'
}

/** One ELF note. */
export interface ElfNote {
  /** The section it was found in, or '' for a segment. */
  section: string
  owner: string
  type: number
  /** Descriptor bytes as hex, at most 64 bytes of them. */
  desc: string
}

/** ELF-specific facts. */
export interface ElfDetails {
  osabi: number
  abiVersion: number
  /** e_type */
  type: number
  /** e_machine */
  machine: number
  /** e_flags */
  flags: number
  /** The meaning of e_flags where the machine defines it. */
  flagsText: string[]
  entry: number
  /** p_type of each program header, in order. */
  segments: number[]
  /** Section names in order (index 0 is ''). */
  sections: string[]
  notes: ElfNote[]
  /** DT_FLAGS_1 from the dynamic section, when present. */
  flags1: number | undefined
}

/** Mach-O-specific facts. */
export interface MachoDetails {
  cputype: number
  cpusubtype: number
  filetype: number
  flags: number
  /** Names of the header flags that are set (`DYLDLINK`, `PIE`). */
  flagNames: string[]
  /** LC_BUILD_VERSION platform (1 macOS, 2 iOS, ...), when present. */
  platform: number | undefined
  /** `macos`, `ios`, ... */
  platformName: string | undefined
  /** Minimum OS version `x.y.z`, when present. */
  minos: string | undefined
  sdk: string | undefined
  /** Segment names in order. */
  segments: string[]
  /** `segment,section` names in order. */
  sections: string[]
  loadCommands: number[]
}

/** PE-specific facts. */
export interface PeDetails {
  machine: number
  /** Optional-header magic: 0x10b PE32, 0x20b PE32+. */
  magic: number
  subsystem: number
  subsystemName: string
  characteristics: number
  dllCharacteristics: number
  imageBase: number
  sections: string[]
  /** COFF symbol count (0 when stripped). */
  symbolCount: number
}

/** XCOFF-specific facts. */
export interface XcoffDetails {
  magic: number
  flags: number
  symbolCount: number
  sections: string[]
}

/** Plan 9 a.out facts. */
export interface Plan9Details {
  magic: number
  text: number
  data: number
  bss: number
  syms: number
  entry: number
}

/** WebAssembly facts. */
export interface WasmDetails {
  version: number
  /** Distinct import module names in order of first appearance. */
  importModules: string[]
  /** Custom section names (`name`, `go:buildid`, ...). */
  customSections: string[]
}

/** Everything the readers found in one file. */
export interface BinaryInfo {
  container: Container
  /** File size in bytes. */
  size: number
  bits: 32 | 64
  byteOrder: ByteOrder
  /** The GOARCH the header points to ('' when it points to none). */
  arch: string
  /** The machine as `file` names it (`x86-64`, `ARM aarch64`). */
  machine: string
  kind: FileKind
  /** The dynamic loader asked for (ELF PT_INTERP, Mach-O LC_LOAD_DYLINKER). */
  interpreter: string | undefined
  /** Shared libraries needed (DT_NEEDED, LC_LOAD_DYLIB, PE imports, wasm import modules excluded). */
  libraries: string[]
  /** No interpreter and no needed library. */
  staticallyLinked: boolean
  /** A symbol table is present. */
  symbols: boolean
  /** DWARF debug information is present. */
  dwarf: boolean
  /** The OS the header identifies on its own, when it does (`freebsd`). */
  os: string | undefined
  buildInfo: BuildInfo | undefined
  /** Why the build info could not be read, when it could not. */
  buildInfoError: string | undefined
  /** Bytes read to learn all this. */
  bytesRead: number
  elf?: ElfDetails
  macho?: MachoDetails
  pe?: PeDetails
  xcoff?: XcoffDetails
  plan9?: Plan9Details
  wasm?: WasmDetails
  /** The file ranges of the sections, in file order, where the reader knows them. */
  ranges?: FileRange[]
}

/**
 * Where a named section's bytes lie in the file (sections that occupy no
 * file bytes, such as ELF SHT_NOBITS or Mach-O zero-fill, are left out).
 */
export interface FileRange {
  /** `.rodata`, `__TEXT,__text`, `.data`. */
  name: string
  offset: number
  size: number
}

/** A mapping of a virtual address range onto file bytes, for build info. */
export interface Region {
  addr: number
  offset: number
  size: number
}

/** Where to look for build info: the address range to search and the map. */
export interface DataLocation {
  start: number
  size: number
  regions: Region[]
  /**
   * Align the search relative to `start` rather than to address 0 (Plan 9,
   * whose "addresses" are file offsets, not the 16-aligned memory addresses).
   */
  relative?: boolean
}

/** A container reader's result: header facts plus where build info lives. */
export interface ContainerInfo extends Omit<
  BinaryInfo,
  'buildInfo' | 'buildInfoError' | 'bytesRead' | 'size'
> {
  data: DataLocation | undefined
  /** File range to scan for sentinel-framed module info (wasm). */
  framedData?: { offset: number; size: number }
}
