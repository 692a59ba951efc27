/**
 * Differential test: hello built by the real toolchain for every target of
 * `go tool dist list` (plus arch variants and a few unstripped builds), read
 * by our readers and by tools we did not write (`readelf`, `file`,
 * `go version -m`); they must agree on every field both report.
 *
 * It runs once per Go release: the machine's Go (`GOTOOLCHAIN=local`) with
 * every target, and the next Go (`NEXT_GO`, fetched through the module
 * proxy) with one target per container format plus the targets whose
 * headers change between releases; `GO127_FULL=1` (scripts/test-next-go.sh)
 * builds every target with the next Go too. Where releases differ, the
 * expectations come from the one table `LINKER_HEADERS`.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { inspectBinary, type BinaryInfo } from '../src/inspect/binary/index.js'
import {
  expectedFor,
  goRelease,
  LINKER_HEADERS,
  verifyBinary,
  type LinkerHeaders
} from '../src/inspect/verify.js'
import {
  buildEnv,
  buildHello,
  removeOutDir,
  distList,
  target,
  twoAtATime,
  type Built
} from './binary-builds.js'
import { describeWithTools, missingTools } from './support/tools.js'
import {
  describeWithToolchain,
  toolchainEnv,
  toolchains,
  type Toolchain
} from './support/toolchain.js'
import type { Target } from '../src/types.js'

const missingCrossChecks = await missingTools([
  { name: 'readelf', install: 'apt-get install -y binutils' },
  { name: 'file', install: 'apt-get install -y file' }
])

/** Targets Go cannot link without cgo. */
const NEEDS_CGO = new Set([
  'android/386',
  'android/amd64',
  'android/arm',
  'ios/amd64',
  'ios/arm64'
])

const VARIANTS: Target[] = [
  target('linux', 'arm', '5'),
  target('linux', 'arm', '7'),
  target('linux', 'amd64', 'v3'),
  target('linux', 'arm64', 'v9.0'),
  target('linux', '386', 'softfloat'),
  target('linux', 'mips', 'softfloat'),
  target('linux', 'ppc64', 'power10'),
  target('linux', 'riscv64', 'rva23u64')
]
const UNSTRIPPED: Target[] = [
  target('linux', 'amd64'),
  target('darwin', 'arm64'),
  target('windows', 'amd64'),
  target('aix', 'ppc64')
]

/**
 * What the next Go builds in CI: the targets whose headers change between
 * releases (linux/ppc64, darwin) and their neighbours that must not change
 * (ppc64le), plus ELF and PE baselines. Kept small: each target is a cold
 * standard-library build with a second toolchain, and the README test
 * command has a 20-minute budget. Row names as in `key`; GO127_FULL=1 for
 * every target.
 */
const NEXT_GO_ROWS = new Set([
  'linux/amd64',
  'linux/ppc64',
  'linux/ppc64le',
  'darwin/amd64',
  'darwin/arm64',
  'windows/amd64'
])

/** Every target and variant with the next Go too (scripts/test-next-go.sh). */
const NEXT_GO_FULL = process.env.GO127_FULL === '1'

const key = (t: Target, stripped: boolean): string =>
  `${t.name}${stripped ? '' : ' (unstripped)'}`

afterAll(() => removeOutDir())

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env
): { ok: boolean; out: string } {
  try {
    return {
      ok: true,
      out: execFileSync(cmd, args, {
        encoding: 'utf8',
        env,
        maxBuffer: 1 << 26,
        stdio: ['ignore', 'pipe', 'pipe']
      })
    }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

/** readelf's Machine names → e_machine. */
const READELF_MACHINES: Record<string, number> = {
  'Intel 80386': 3,
  'Advanced Micro Devices X86-64': 62,
  ARM: 40,
  AArch64: 183,
  'MIPS R3000': 8,
  PowerPC64: 21,
  'IBM S/390': 22,
  'RISC-V': 243,
  LoongArch: 258
}
/** readelf's program header type names → p_type. */
const READELF_SEGMENTS: Record<string, number> = {
  LOAD: 1,
  DYNAMIC: 2,
  INTERP: 3,
  NOTE: 4,
  PHDR: 6,
  TLS: 7,
  GNU_STACK: 0x6474e551,
  GNU_RELRO: 0x6474e552,
  ABIFLAGS: 0x70000003
}

function segmentType(name: string): number {
  const m = /^(LOOS|LOPROC)\+0x([0-9a-f]+)$/.exec(name)
  if (m)
    return (m[1] === 'LOOS' ? 0x60000000 : 0x70000000) + Number(`0x${m[2]}`)
  if (!(name in READELF_SEGMENTS))
    throw new Error(`unknown readelf segment type ${name}`)
  return READELF_SEGMENTS[name]
}

function field(text: string, name: string): string {
  const m = new RegExp(`^\\s*${name}:\\s+(.*)$`, 'm').exec(text)
  if (!m) throw new Error(`readelf printed no ${name}`)
  return m[1].trim()
}

/** Asserts agreement with `readelf -h -l -d -S -n`. */
function compareReadelf(path: string, info: BinaryInfo): void {
  const elf = info.elf!
  const { ok, out } = run('readelf', ['-h', '-l', '-d', '-S', '-n', '-W', path])
  expect(ok).toBe(true)
  expect(field(out, 'Class')).toBe(`ELF${info.bits}`)
  expect(field(out, 'Data')).toContain(
    info.byteOrder === 'little' ? 'little endian' : 'big endian'
  )
  const osabi = field(out, 'OS/ABI')
  expect({ osabi }).toEqual({
    osabi: {
      0: 'UNIX - System V',
      2: 'UNIX - NetBSD',
      9: 'UNIX - FreeBSD',
      12: 'UNIX - OpenBSD'
    }[elf.osabi]
  })
  expect(Number(field(out, 'ABI Version'))).toBe(elf.abiVersion)
  expect(field(out, 'Type').split(' ')[0]).toBe(
    { 2: 'EXEC', 3: 'DYN' }[elf.type]
  )
  expect(READELF_MACHINES[field(out, 'Machine')]).toBe(elf.machine)
  expect(Number(field(out, 'Flags').split(',')[0])).toBe(elf.flags)
  expect(Number(field(out, 'Entry point address'))).toBe(elf.entry)
  // Program headers.
  const ph =
    out.split('Program Headers:')[1]?.split('Section to Segment')[0] ?? ''
  const types = [...ph.matchAll(/^ {2}(\S+)\s+0x/gm)].map((m) =>
    segmentType(m[1])
  )
  expect(types).toEqual(elf.segments)
  const interp = /Requesting program interpreter: ([^\]]+)\]/.exec(out)?.[1]
  expect(interp).toBe(info.interpreter)
  // Dynamic section.
  const needed = [
    ...out.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)
  ].map((m) => m[1])
  expect(needed).toEqual(info.libraries)
  // Sections.
  const sh = [...out.matchAll(/^\s*\[\s*(\d+)\]\s(\S*)\s+[A-Z_]+\s/gm)].map(
    (m) => m[2]
  )
  expect(sh).toEqual(elf.sections)
  // Notes.
  const notes: string[] = []
  for (const block of out.split('Displaying notes found in: ').slice(1)) {
    const section = block.split('\n')[0].trim()
    for (const m of block.matchAll(/^ {2}(\S+)\s+0x[0-9a-f]+\s/gm)) {
      if (m[1] !== 'Owner') notes.push(`${section} ${m[1]}`)
    }
  }
  expect(notes).toEqual(elf.notes.map((n) => `${n.section} ${n.owner}`))
}

/** Asserts agreement with `file -b`. */
function compareFile(path: string, info: BinaryInfo): void {
  const out = run('file', ['-b', path]).out.trim()
  switch (info.container) {
    case 'elf': {
      const m =
        /^ELF (32|64)-bit (LSB|MSB) (pie executable|executable|shared object), ([^,]+),/.exec(
          out
        )
      expect(m).not.toBeNull()
      expect(Number(m![1])).toBe(info.bits)
      expect(m![2]).toBe(info.byteOrder === 'little' ? 'LSB' : 'MSB')
      expect(m![3]).toBe(info.kind === 'pie' ? 'pie executable' : info.kind)
      expect(m![4]).toBe(info.machine)
      expect(out.includes('statically linked')).toBe(info.staticallyLinked)
      if (info.interpreter)
        expect(out).toContain(`interpreter ${info.interpreter}`)
      expect(/, stripped/.test(out)).toBe(!info.symbols)
      const tag =
        { freebsd: 'FreeBSD', netbsd: 'NetBSD', openbsd: 'OpenBSD' }[
          info.os ?? ''
        ] ?? 'SYSV'
      expect(out).toContain(`version 1 (${tag})`)
      break
    }
    case 'macho': {
      const m = /^Mach-O (64-bit )?(\S+) executable, flags:<([^>]*)>/.exec(out)
      expect(m).not.toBeNull()
      expect(m![1] === '64-bit ').toBe(info.bits === 64)
      expect(m![2]).toBe(info.machine)
      expect(m![3].split('|').filter(Boolean)).toEqual(info.macho!.flagNames)
      break
    }
    case 'pe': {
      const m = /^(PE32\+?) executable \((\S+)\) ([^,]+),/.exec(out)
      expect(m).not.toBeNull()
      expect(m![1]).toBe(info.bits === 64 ? 'PE32+' : 'PE32')
      expect(m![2]).toBe(info.pe!.subsystemName)
      expect(m![3]).toBe(info.machine)
      expect(out).toContain(
        `, for MS Windows, ${info.pe!.sections.length} sections`
      )
      break
    }
    case 'wasm':
      expect(out).toContain(
        `WebAssembly (wasm) binary module version 0x${info.wasm!.version.toString(16)}`
      )
      break
    case 'xcoff':
      expect(out).toMatch(new RegExp(`^${info.bits}-bit XCOFF executable`))
      break
    case 'plan9':
      // file knows the 32-bit a.out magics only.
      if (info.bits === 32)
        expect(out.startsWith(`Plan 9 executable, ${info.machine}`)).toBe(true)
      else expect(out).toBe('data')
      break
  }
}

/** Parses `go version -m` output (of the Go that `env` selects). */
function goVersionM(
  path: string,
  env: NodeJS.ProcessEnv
): {
  ok: boolean
  version: string
  lines: string[]
  out: string
} {
  const { ok, out } = run('go', ['version', '-m', path], env)
  const [first, ...rest] = out.split('\n')
  return {
    ok,
    out,
    version: first.split(': ')[1] ?? '',
    lines: rest
      .filter((l) => l.startsWith('\t'))
      .map((l) => l.slice(1).replace(/\t$/, ''))
  }
}

function ourLines(info: BinaryInfo): string[] {
  const bi = info.buildInfo!
  const quote = (s: string): string =>
    /[ \t\r\n"`]/.test(s) ? JSON.stringify(s) : s
  return [
    `path\t${bi.path}`,
    ...(bi.mod
      ? [
          `mod\t${bi.mod.path}\t${bi.mod.version}${bi.mod.sum ? `\t${bi.mod.sum}` : ''}`
        ]
      : []),
    ...bi.settings.map(([k, v]) => `build\t${quote(k)}=${quote(v)}`)
  ]
}

/** How readelf and file name a ppc64 ELF ABI level (e_flags bits 0-1). */
const PPC64_ABI_WORDING: Record<number, { readelf: string; file: string }> = {
  1: { readelf: 'abiv1', file: 'Power ELF V1 ABI' },
  2: { readelf: 'abiv2', file: 'OpenPOWER ELF V2 ABI' }
}

/** LC_BUILD_VERSION of a 64-bit Mach-O, decoded here from the raw bytes. */
function buildVersion(
  path: string
): { platform: number; minos: string; sdk: string } | undefined {
  const b = readFileSync(path)
  const version = (v: number): string =>
    `${v >>> 16}.${(v >>> 8) & 0xff}.${v & 0xff}`
  const ncmds = b.readUInt32LE(16)
  let at = 32
  for (let i = 0; i < ncmds; i++) {
    const cmd = b.readUInt32LE(at)
    if (cmd === 0x32)
      return {
        platform: b.readUInt32LE(at + 8),
        minos: version(b.readUInt32LE(at + 12)),
        sdk: version(b.readUInt32LE(at + 16))
      }
    at += b.readUInt32LE(at + 4)
  }
  return undefined
}

/** The release-keyed header fields of `version`; throws when none. */
function headersOf(version: string): LinkerHeaders {
  const release = goRelease(version) ?? version
  const h = LINKER_HEADERS[release]
  if (!h)
    throw new Error(
      `LINKER_HEADERS (src/inspect/verify.ts) has no row for ${release}: build linux/ppc64 and darwin/arm64 with it, read e_flags (readelf -h) and LC_BUILD_VERSION, and add the row`
    )
  return h
}

/** Asserts the header fields that differ between Go releases. */
function compareReleaseFields(
  t: Target,
  path: string,
  info: BinaryInfo,
  version: string
): void {
  if (t.goos === 'linux' && t.goarch === 'ppc64') {
    // The one ELF whose ABI level moves between releases (ELFv1 → ELFv2).
    const abi = headersOf(version).ppc64ElfAbi
    expect({ abi: info.elf!.flags & 3 }).toEqual({ abi })
    expect(info.elf!.flagsText).toEqual([`ABI v${abi}`])
    const readelf = run('readelf', ['-h', path]).out
    expect(field(readelf, 'Flags')).toBe(
      `0x${abi.toString(16)}, ${PPC64_ABI_WORDING[abi].readelf}`
    )
    expect(run('file', ['-b', path]).out).toContain(
      `, ${PPC64_ABI_WORDING[abi].file},`
    )
  }
  if (t.goarch === 'ppc64le' || t.name === 'openbsd/ppc64') {
    // ELFv2 in every release.
    expect(info.elf!.flags & 3).toBe(2)
    expect(run('file', ['-b', path]).out).toContain(
      `, ${PPC64_ABI_WORDING[2].file},`
    )
  }
  if (t.goos === 'darwin') {
    const { macosMinos: minos, macosSdk: sdk } = headersOf(version)
    expect(buildVersion(path)).toEqual({ platform: 1, minos, sdk })
    expect(info.macho!.platformName).toBe('macos')
    expect(info.macho!.minos).toBe(minos)
    expect(info.macho!.sdk).toBe(sdk)
  }
}

/**
 * A copy of `path` with the release-keyed field changed to what another
 * release writes, or undefined when the target has no such field.
 */
function withOtherRelease(
  t: Target,
  path: string,
  version: string
): string | undefined {
  const b = readFileSync(path)
  const mine = headersOf(version)
  const other = Object.values(LINKER_HEADERS).find(
    (h) =>
      h.ppc64ElfAbi !== mine.ppc64ElfAbi || h.macosMinos !== mine.macosMinos
  )
  if (!other) return undefined
  if (
    t.goos === 'linux' &&
    t.goarch === 'ppc64' &&
    other.ppc64ElfAbi !== mine.ppc64ElfAbi
  ) {
    // e_flags of ELF64 sits at 0x30; ppc64 is big-endian.
    b.writeUInt32BE((b.readUInt32BE(0x30) & ~3) | other.ppc64ElfAbi, 0x30)
  } else if (t.goos === 'darwin' && other.macosMinos !== mine.macosMinos) {
    const [major, minor, patch] = other.macosMinos.split('.').map(Number)
    const ncmds = b.readUInt32LE(16)
    let at = 32
    for (let i = 0; i < ncmds; i++) {
      if (b.readUInt32LE(at) === 0x32)
        b.writeUInt32LE((major << 16) | (minor << 8) | patch, at + 12)
      at += b.readUInt32LE(at + 4)
    }
  } else return undefined
  const out = `${path}.other-release`
  writeFileSync(out, b)
  return out
}

const TOOLCHAINS = toolchains()

for (const tc of TOOLCHAINS) {
  const local = tc.gotoolchain === 'local'
  const scope = NEXT_GO_FULL
    ? 'every target'
    : 'CI set; GO127_FULL=1 for every target'
  const title = local
    ? `${tc.version} (the machine's Go)`
    : `${tc.gotoolchain} (GOTOOLCHAIN=${tc.gotoolchain}, ${scope})`
  describeWithToolchain(title, tc, () =>
    differential(tc, local || NEXT_GO_FULL)
  )
}

/** The differential test with one toolchain, every target or the CI set. */
function differential(tc: Toolchain, full: boolean): void {
  const env = toolchainEnv(tc.gotoolchain)
  const version = tc.version
  const all = distList(env)
  const table = [
    ...all.map((t) => ({ t, stripped: true })),
    ...VARIANTS.map((t) => ({ t, stripped: true })),
    ...UNSTRIPPED.map((t) => ({ t, stripped: false }))
  ]
    .map((row) => ({ ...row, name: key(row.t, row.stripped) }))
    .filter((row) => full || NEXT_GO_ROWS.has(row.name))
  const builds = new Map<string, Built>()
  const tag = tc.gotoolchain

  beforeAll(async () => {
    const results = await twoAtATime(
      table.map(
        (row) => () =>
          buildHello(
            row.t,
            row.stripped,
            'go',
            buildEnv(row.t, { GOTOOLCHAIN: tc.gotoolchain }),
            tag
          )
      )
    )
    for (const b of results) builds.set(key(b.target, b.stripped), b)
  }, 1_800_000)

  const cgoOnly = table.filter((r) => NEEDS_CGO.has(r.t.name))
  if (cgoOnly.length)
    describe('targets that cannot link without cgo', () => {
      it.each(cgoOnly.map((r) => [r.name, r.t] as const))(
        '%s fails to build, naming external linking',
        (_name, t) => {
          const b = builds.get(key(t, true))!
          expect(b.ok).toBe(false)
          expect(b.output).toMatch(/requires external \(cgo\) linking|cgo/)
        }
      )
    })

  describeWithTools(
    'our reader agrees with readelf, file and go version -m',
    missingCrossChecks,
    () => {
      it.each(
        table
          .filter((r) => !NEEDS_CGO.has(r.t.name))
          .map((r) => [r.name, r] as const)
      )('%s', async (_name, row) => {
        const b = builds.get(row.name)!
        if (!b.ok) throw new Error(`build of ${row.name} failed:\n${b.output}`)
        const info = await inspectBinary(b.path)
        const e = expectedFor(row.t)
        expect(info.container).toBe(e.container)
        expect(info.arch).toBe(row.t.goarch)
        // Cost does not grow with the file: headers plus the build info blob.
        expect(info.bytesRead).toBeLessThan(
          info.container === 'wasm' ? 1 << 20 : 128 * 1024
        )
        if (info.container === 'elf') compareReadelf(b.path, info)
        compareFile(b.path, info)
        compareReleaseFields(row.t, b.path, info, version)
        expect(info.buildInfo).toBeDefined()
        // Built by the release this block is about, not the machine's Go.
        expect(info.buildInfo!.goVersion).toBe(version)
        const gv = goVersionM(b.path, env)
        if (gv.ok) {
          expect(gv.version).toBe(version)
          expect(ourLines(info)).toEqual(gv.lines)
        } else {
          // go version -m cannot read these (wasm, stripped XCOFF, 64-bit
          // Plan 9): check against what we asked the toolchain for instead.
          expect(['wasm', 'xcoff', 'plan9']).toContain(info.container)
          expect(gv.out).toMatch(/unrecognized file format|not a Go executable/)
        }
        const settings = Object.fromEntries(info.buildInfo!.settings)
        expect(settings.GOOS).toBe(row.t.goos)
        expect(settings.GOARCH).toBe(row.t.goarch)
        expect(settings.CGO_ENABLED).toBe('0')
        if (row.t.variant && e.variantVar)
          expect(settings[e.variantVar]).toBe(row.t.variant)
        // Which platforms link system libraries is learned here, per target.
        expect(info.staticallyLinked).toBe(!e.linksSystemLibraries)
        expect(!info.symbols && !info.dwarf).toBe(row.stripped)
        const v = await verifyBinary(row.t, b.path, {
          expectStripped: row.stripped
        })
        expect(v.findings.filter((f) => f.severity === 'error')).toEqual([])
        expect(v.ok).toBe(true)
        expect(v.findings.map((f) => f.check)).toEqual(
          e.linksSystemLibraries ? ['static'] : []
        )
        expect(v.format).toContain(
          `Go ${version.replace(/^go/, '')}, CGO_ENABLED=0, ${row.stripped ? 'stripped' : 'not stripped'}`
        )
        // The binaries output names the table row its release fields were judged by.
        expect(v.checks.releaseHeaders).toBe(version.replace(/^(go1\.\d+).*$/, '$1'))
        // The same file with another release's header field is caught.
        const other = withOtherRelease(row.t, b.path, version)
        if (other) {
          const w = await verifyBinary(row.t, other, {
            expectStripped: row.stripped
          })
          expect(w.ok).toBe(false)
          expect(
            w.findings
              .filter((f) => f.severity === 'error')
              .map((f) => f.check)
          ).toEqual([row.t.goos === 'darwin' ? 'macos-version' : 'elf-abi'])
        }
      })
    }
  )
}
