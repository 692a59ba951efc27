/**
 * verify: compares what a binary says it is (`inspectBinary`) with what its
 * target promised. `expectedFor` and `judge` are pure; `verifyBinary` is the
 * thin edge that reads the file.
 */
import {
  inspectBinary,
  setting,
  type BinaryInfo,
  type Container
} from './binary/index.js'
import { EM_PPC64 } from './binary/elf.js'
import type { Finding, Target, Verification, VariantVar } from '../types.js'
import { goRelease, linkerHeadersFor } from './releases.js'

export {
  goRelease,
  LINKER_HEADERS,
  linkerHeadersFor,
  type LinkerHeaders
} from './releases.js'

/** What a target's binary should look like. */
export interface Expected {
  container: Container
  bits: 32 | 64
  byteOrder: 'little' | 'big'
  /** The machine as `file` names it, for messages. */
  machine: string
  /** ELF OS/ABI byte (ELF only). */
  elfOsabi: number | undefined
  /** The OS the header alone should identify, when it identifies one. */
  os: string | undefined
  /** The platform links its system libraries even with cgo off. */
  linksSystemLibraries: boolean
  /** The variable recording the arch's variant, if the arch has one. */
  variantVar: VariantVar | undefined
}

const CONTAINERS: Record<string, Container> = {
  aix: 'xcoff',
  darwin: 'macho',
  ios: 'macho',
  windows: 'pe',
  plan9: 'plan9',
  js: 'wasm',
  wasip1: 'wasm'
}

const CONTAINER_NAMES: Record<Container, string> = {
  elf: 'ELF',
  macho: 'Mach-O',
  pe: 'PE',
  xcoff: 'XCOFF',
  plan9: 'Plan 9 a.out',
  wasm: 'WebAssembly'
}

const ARCHES: Record<
  string,
  {
    bits: 32 | 64
    order: 'little' | 'big'
    machine: string
    variant?: VariantVar
  }
> = {
  '386': {
    bits: 32,
    order: 'little',
    machine: 'Intel 80386',
    variant: 'GO386'
  },
  amd64: { bits: 64, order: 'little', machine: 'x86-64', variant: 'GOAMD64' },
  arm: { bits: 32, order: 'little', machine: 'ARM', variant: 'GOARM' },
  arm64: {
    bits: 64,
    order: 'little',
    machine: 'ARM aarch64',
    variant: 'GOARM64'
  },
  loong64: { bits: 64, order: 'little', machine: 'LoongArch' },
  mips: {
    bits: 32,
    order: 'big',
    machine: 'MIPS (big-endian)',
    variant: 'GOMIPS'
  },
  mipsle: {
    bits: 32,
    order: 'little',
    machine: 'MIPS (little-endian)',
    variant: 'GOMIPS'
  },
  mips64: {
    bits: 64,
    order: 'big',
    machine: 'MIPS64 (big-endian)',
    variant: 'GOMIPS64'
  },
  mips64le: {
    bits: 64,
    order: 'little',
    machine: 'MIPS64 (little-endian)',
    variant: 'GOMIPS64'
  },
  ppc64: {
    bits: 64,
    order: 'big',
    machine: '64-bit PowerPC (big-endian)',
    variant: 'GOPPC64'
  },
  ppc64le: {
    bits: 64,
    order: 'little',
    machine: '64-bit PowerPC (little-endian)',
    variant: 'GOPPC64'
  },
  riscv64: {
    bits: 64,
    order: 'little',
    machine: 'RISC-V 64',
    variant: 'GORISCV64'
  },
  s390x: { bits: 64, order: 'big', machine: 'IBM S/390' },
  wasm: { bits: 32, order: 'little', machine: 'WebAssembly' }
}

/**
 * Platforms whose Go binaries link the system libraries even with cgo off,
 * as seen on real go1.26 binaries (the differential test re-checks this on
 * every target): `goos` or `goos/goarch`.
 */
const LINKS_SYSTEM_LIBRARIES = new Set([
  'aix',
  'darwin',
  'ios',
  'illumos',
  'solaris',
  'windows',
  'android/arm64',
  'openbsd'
])

const ELF_OSABI: Record<string, number> = { freebsd: 9, netbsd: 2, openbsd: 12 }
const HEADER_OS = new Set([
  'freebsd',
  'openbsd',
  'netbsd',
  'darwin',
  'ios',
  'windows',
  'aix',
  'plan9',
  'js',
  'wasip1'
])

/** What the binary for `target` should look like. */
export function expectedFor(target: Target): Expected {
  const container = CONTAINERS[target.goos] ?? 'elf'
  const arch = ARCHES[target.goarch] ?? {
    bits: 64,
    order: 'little',
    machine: target.goarch
  }
  return {
    container,
    bits: arch.bits,
    byteOrder: arch.order,
    machine: arch.machine,
    elfOsabi: container === 'elf' ? (ELF_OSABI[target.goos] ?? 0) : undefined,
    os: HEADER_OS.has(target.goos) ? target.goos : undefined,
    linksSystemLibraries:
      LINKS_SYSTEM_LIBRARIES.has(target.goos) ||
      LINKS_SYSTEM_LIBRARIES.has(`${target.goos}/${target.goarch}`),
    variantVar: arch.variant
  }
}

const WRAPPER_HINT =
  "did not reach the compiler; check for a wrapper around go, or GOFLAGS/GOOS/GOARCH set in the job's environment"

/** Describes a binary's header in a few words (`ELF 64-bit LSB x86-64`). */
export function describeHeader(info: BinaryInfo): string {
  const order = info.byteOrder === 'little' ? 'LSB' : 'MSB'
  return `${CONTAINER_NAMES[info.container]} ${info.bits}-bit ${order} ${info.machine}`
}

/** Compares what the binary says with what `target` promised. */
export function judge(
  target: Target,
  info: BinaryInfo,
  opts: { expectStripped: boolean }
): Finding[] {
  const e = expectedFor(target)
  const t = target.name
  const found = describeHeader(info)
  const out: Finding[] = []
  const add = (
    check: string,
    expected: string,
    got: string,
    hint: string,
    severity: Finding['severity'] = 'error'
  ): void => {
    out.push({ check, expected, found: got, hint: `${t}: ${hint}`, severity })
  }
  if (info.container !== e.container) {
    add(
      'container',
      CONTAINER_NAMES[e.container],
      found,
      `the binary is ${found}, expected ${CONTAINER_NAMES[e.container]}. GOOS ${WRAPPER_HINT}.`
    )
    return out.concat(judgeBuildInfo(target, info, e))
  }
  if (info.arch !== target.goarch) {
    add(
      'machine',
      `${e.machine} (GOARCH=${target.goarch})`,
      `${info.machine}${info.arch ? ` (GOARCH=${info.arch})` : ''}`,
      `the binary is ${found}, expected ${e.machine}. GOARCH ${WRAPPER_HINT}.`
    )
  } else {
    if (info.bits !== e.bits) {
      add(
        'class',
        `${e.bits}-bit`,
        `${info.bits}-bit`,
        `the binary is ${found}, expected ${e.bits}-bit. The file header is damaged or was written for another target.`
      )
    }
    if (info.byteOrder !== e.byteOrder) {
      add(
        'byte-order',
        e.byteOrder,
        info.byteOrder,
        `the binary is ${e.byteOrder === 'little' ? 'big' : 'little'}-endian, expected ${e.byteOrder}-endian. GOARCH ${WRAPPER_HINT}.`
      )
    }
  }
  if (info.elf && e.elfOsabi !== undefined && info.elf.osabi !== e.elfOsabi) {
    add(
      'os',
      `ELF OS/ABI ${e.elfOsabi}`,
      `ELF OS/ABI ${info.elf.osabi}`,
      `the ELF header names OS/ABI ${info.elf.osabi}, expected ${e.elfOsabi} for ${target.goos}. GOOS ${WRAPPER_HINT}.`
    )
  } else if (
    info.os !== e.os &&
    (e.os !== undefined || info.container === 'elf')
  ) {
    add(
      'os',
      e.os ?? 'no OS mark',
      info.os ?? 'no OS mark',
      `the header identifies ${info.os ?? 'no OS'}, expected ${e.os ?? 'none'}. GOOS ${WRAPPER_HINT}.`
    )
  }
  if (info.kind !== 'executable' && info.kind !== 'pie') {
    add(
      'kind',
      'executable',
      info.kind,
      `the file is a ${info.kind}, not an executable. Check -buildmode in the build flags.`
    )
  }
  const linkage = info.interpreter
    ? `dynamically linked, interpreter ${info.interpreter}`
    : info.libraries.length > 0
      ? `dynamically linked (${info.libraries.join(', ')})`
      : 'statically linked'
  if (!info.staticallyLinked) {
    if (e.linksSystemLibraries) {
      add(
        'static',
        'system libraries (normal for this platform)',
        linkage,
        `Go links ${target.goos}'s system libraries even with CGO_ENABLED=0; this is expected, reported for information.`,
        'note'
      )
    } else {
      add(
        'static',
        'statically linked',
        linkage,
        'the binary is dynamically linked although Go links this platform statically without cgo. cgo or -linkmode=external reached the build; check CGO_ENABLED and -ldflags.'
      )
    }
  }
  if (opts.expectStripped && (info.symbols || info.dwarf)) {
    const what = [
      info.symbols ? 'a symbol table' : '',
      info.dwarf ? 'DWARF debug info' : ''
    ]
      .filter(Boolean)
      .join(' and ')
    add(
      'stripped',
      'no symbol table, no DWARF',
      what,
      'the binary still has ' +
        what +
        ' although -ldflags="-s -w" was asked for. Check that the ldflags reached go build (a later -ldflags in GOFLAGS or flags replaces earlier ones).'
    )
  }
  return out.concat(
    judgeLinkerHeaders(target, info),
    judgeBuildInfo(target, info, e)
  )
}

/**
 * The header fields that `LINKER_HEADERS` fixes for the Go release in the
 * build info. A mismatch means the header and the build info were not
 * written by the same linker.
 */
function judgeLinkerHeaders(target: Target, info: BinaryInfo): Finding[] {
  const goVersion = info.buildInfo?.goVersion ?? ''
  const want = linkerHeadersFor(goVersion)
  if (!want) return []
  const out: Finding[] = []
  const add = (check: string, expected: string, found: string): void => {
    out.push({
      check,
      expected,
      found,
      hint: `${target.name}: the header says ${found}, but ${goRelease(goVersion)} writes ${expected}, and the build info says ${goVersion} built it. The header and the build info come from different linkers: the binary was post-processed, or the toolchain is not the Go release it claims to be.`,
      severity: 'error'
    })
  }
  const elf = info.elf
  if (
    elf &&
    target.goos === 'linux' &&
    elf.machine === EM_PPC64 &&
    info.byteOrder === 'big'
  ) {
    const abi = elf.flags & 3
    if (abi !== want.ppc64ElfAbi)
      add('elf-abi', `ELFv${want.ppc64ElfAbi}`, `ELFv${abi}`)
  }
  const macho = info.macho
  if (macho && target.goos === 'darwin' && macho.platformName === 'macos') {
    const found = `minimum macOS ${macho.minos ?? 'not recorded'}`
    if (macho.minos !== want.macosMinos)
      add('macos-version', `minimum macOS ${want.macosMinos}`, found)
  }
  return out
}

function judgeBuildInfo(
  target: Target,
  info: BinaryInfo,
  e: Expected
): Finding[] {
  const out: Finding[] = []
  const t = target.name
  const bi = info.buildInfo
  if (!bi) {
    out.push({
      check: 'buildinfo',
      expected: 'Go build info',
      found: info.buildInfoError ?? 'none',
      hint: `${t}: the binary has no readable Go build info (${info.buildInfoError ?? 'missing'}). It was not built by go build, or was damaged or post-processed (packer, strip of data).`,
      severity: 'error'
    })
    return out
  }
  const check = (key: string, want: string, hint: string): void => {
    const got = setting(bi, key)
    if (got !== want) {
      out.push({
        check: key === 'CGO_ENABLED' ? 'cgo' : key.toLowerCase(),
        expected: `${key}=${want}`,
        found: got === undefined ? `${key} not recorded` : `${key}=${got}`,
        hint: `${t}: ${hint}`,
        severity: 'error'
      })
    }
  }
  check(
    'GOOS',
    target.goos,
    `the build info records another GOOS. GOOS ${WRAPPER_HINT}.`
  )
  check(
    'GOARCH',
    target.goarch,
    `the build info records another GOARCH. GOARCH ${WRAPPER_HINT}.`
  )
  check(
    'CGO_ENABLED',
    '0',
    "cgo was not disabled: CGO_ENABLED=0 did not reach go build (check the job's environment and any wrapper around go)."
  )
  if (target.variant && e.variantVar) {
    check(
      e.variantVar,
      target.variant,
      `the build info records another ${e.variantVar}. ${e.variantVar} ${WRAPPER_HINT}.`
    )
  }
  return out
}

/** A `file`-like one-line description of a binary. */
export function formatLine(info: BinaryInfo): string {
  const parts: string[] = []
  const order = info.byteOrder === 'little' ? 'LSB' : 'MSB'
  const kind = info.kind === 'pie' ? 'pie executable' : info.kind
  switch (info.container) {
    case 'elf':
      parts.push(`ELF ${info.bits}-bit ${order} ${kind}`, info.machine)
      if (info.elf?.flagsText.length) parts.push(info.elf.flagsText.join(' '))
      if (info.os)
        parts.push(
          `for ${info.os === 'freebsd' ? 'FreeBSD' : info.os === 'netbsd' ? 'NetBSD' : 'OpenBSD'}`
        )
      break
    case 'macho':
      parts.push(`Mach-O ${info.bits}-bit ${info.machine} ${kind}`)
      if (info.macho?.platformName)
        parts.push(
          `${info.macho.platformName} ${info.macho.minos ?? ''}`.trim()
        )
      break
    case 'pe':
      parts.push(
        `${info.bits === 64 ? 'PE32+' : 'PE32'} executable (${info.pe?.subsystemName ?? '?'}) ${info.machine}, for MS Windows`
      )
      break
    case 'xcoff':
      parts.push(`${info.bits}-bit XCOFF ${kind}`, info.machine)
      break
    case 'plan9':
      parts.push('Plan 9 executable', info.machine)
      break
    case 'wasm':
      parts.push(
        `WebAssembly (wasm) binary module version 0x${(info.wasm?.version ?? 0).toString(16)}`
      )
      if (info.wasm?.importModules.length)
        parts.push(`imports ${info.wasm.importModules.join(', ')}`)
      break
  }
  if (info.container !== 'wasm' && info.container !== 'plan9') {
    parts.push(
      info.interpreter
        ? `dynamically linked, interpreter ${info.interpreter}`
        : info.libraries.length > 0
          ? `dynamically linked (${info.libraries.join(', ')})`
          : 'statically linked'
    )
  }
  const bi = info.buildInfo
  if (bi) {
    parts.push(`Go ${bi.goVersion.replace(/^go/, '')}`)
    const cgo = setting(bi, 'CGO_ENABLED')
    if (cgo !== undefined) parts.push(`CGO_ENABLED=${cgo}`)
  } else {
    parts.push('no Go build info')
  }
  parts.push(info.symbols || info.dwarf ? 'not stripped' : 'stripped')
  return parts.join(', ')
}

/** The structured facts for the `binaries` output. */
export function checksOf(info: BinaryInfo): Record<string, unknown> {
  const bi = info.buildInfo
  return {
    container: info.container,
    bits: info.bits,
    byteOrder: info.byteOrder,
    machine: info.machine,
    arch: info.arch,
    kind: info.kind,
    os: info.os ?? null,
    interpreter: info.interpreter ?? null,
    libraries: info.libraries,
    staticallyLinked: info.staticallyLinked,
    symbols: info.symbols,
    dwarf: info.dwarf,
    stripped: !info.symbols && !info.dwarf,
    ...(info.elf
      ? {
          elfOsabi: info.elf.osabi,
          elfMachine: info.elf.machine,
          elfFlags: info.elf.flags,
          elfFlagsText: info.elf.flagsText
        }
      : {}),
    ...(info.macho
      ? {
          cputype: info.macho.cputype,
          cpusubtype: info.macho.cpusubtype,
          platform: info.macho.platformName ?? null,
          minos: info.macho.minos ?? null
        }
      : {}),
    ...(info.pe
      ? {
          peMachine: info.pe.machine,
          peMagic: info.pe.magic,
          subsystem: info.pe.subsystemName
        }
      : {}),
    ...(info.wasm ? { importModules: info.wasm.importModules } : {}),
    goVersion: bi?.goVersion ?? null,
    // the LINKER_HEADERS row its release-dependent header fields were
    // judged against (`go1.27`), or null: a release not in the table
    releaseHeaders:
      bi && linkerHeadersFor(bi.goVersion) ? (goRelease(bi.goVersion) ?? null) : null,
    path: bi?.path ?? null,
    mod: bi?.mod ? `${bi.mod.path}@${bi.mod.version}` : null,
    build: bi ? Object.fromEntries(bi.settings) : null,
    buildInfoError: info.buildInfoError ?? null
  }
}

/**
 * Reads the binary at `path` and judges it against `target`. Never rejects:
 * an unreadable or malformed file gives an error finding.
 */
export async function verifyBinary(
  target: Target,
  path: string,
  opts: { expectStripped: boolean }
): Promise<Verification> {
  let info: BinaryInfo
  try {
    info = await inspectBinary(path)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const e = expectedFor(target)
    return {
      format: `unreadable: ${message}`,
      checks: { error: message },
      findings: [
        {
          check: 'format',
          expected: `${CONTAINER_NAMES[e.container]} ${e.bits}-bit ${e.machine}`,
          found: message,
          hint: `${target.name}: the file could not be read as an executable (${message}). It is truncated, damaged, or not what go build wrote.`,
          severity: 'error'
        }
      ],
      ok: false
    }
  }
  const findings = judge(target, info, opts)
  return {
    format: formatLine(info),
    checks: checksOf(info),
    findings,
    ok: !findings.some((f) => f.severity === 'error')
  }
}
