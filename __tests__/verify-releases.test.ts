/**
 * The header fields that differ between Go releases (`LINKER_HEADERS`): a
 * correct binary of each release passes, the other release's header is
 * caught, and a release not in the table is not judged on them.
 */
import {
  goRelease,
  judge,
  LINKER_HEADERS,
  linkerHeadersFor
} from '../src/inspect/verify.js'
import type { BinaryInfo } from '../src/inspect/binary/index.js'
import { target } from './binary-builds.js'
import type { Target } from '../src/types.js'

const LINUX_PPC64 = target('linux', 'ppc64')
const DARWIN_ARM64 = target('darwin', 'arm64')

/** Build info of hello for `t`, built by `goVersion` with cgo off. */
function buildInfo(goVersion: string, t: Target): BinaryInfo['buildInfo'] {
  return {
    goVersion,
    path: 'example.com/hello',
    mod: { path: 'example.com/hello', version: '(devel)', sum: '' },
    deps: [],
    modules: [],
    settings: [
      ['CGO_ENABLED', '0'],
      ['GOARCH', t.goarch],
      ['GOOS', t.goos]
    ],
    format: 'inline'
  }
}

/** A stripped, static linux/ppc64 binary as our reader sees it. */
function linuxPpc64(goVersion: string, flags: number): BinaryInfo {
  return {
    container: 'elf',
    size: 1000,
    bits: 64,
    byteOrder: 'big',
    arch: 'ppc64',
    machine: '64-bit PowerPC or cisco 7500',
    kind: 'executable',
    interpreter: undefined,
    libraries: [],
    staticallyLinked: true,
    symbols: false,
    dwarf: false,
    os: undefined,
    buildInfo: buildInfo(goVersion, LINUX_PPC64),
    buildInfoError: undefined,
    bytesRead: 100,
    elf: {
      osabi: 0,
      abiVersion: 0,
      type: 2,
      machine: 21,
      flags,
      flagsText: [`ABI v${flags & 3}`],
      entry: 0,
      segments: [],
      sections: [],
      notes: [],
      flags1: undefined
    }
  }
}

/** A stripped darwin/arm64 binary as our reader sees it. */
function darwinArm64(goVersion: string, minos: string): BinaryInfo {
  return {
    ...linuxPpc64(goVersion, 0),
    container: 'macho',
    byteOrder: 'little',
    arch: 'arm64',
    machine: 'arm64',
    kind: 'pie',
    interpreter: '/usr/lib/dyld',
    libraries: ['/usr/lib/libSystem.B.dylib'],
    staticallyLinked: false,
    os: 'darwin',
    buildInfo: buildInfo(goVersion, DARWIN_ARM64),
    elf: undefined,
    macho: {
      cputype: 0x100000c,
      cpusubtype: 0,
      filetype: 2,
      flags: 0x200085,
      flagNames: ['DYLDLINK', 'PIE'],
      platform: 1,
      platformName: 'macos',
      minos,
      sdk: '26.2.0',
      segments: [],
      sections: [],
      loadCommands: []
    }
  }
}

const errors = (findings: ReturnType<typeof judge>): string[] =>
  findings.filter((f) => f.severity === 'error').map((f) => f.check)

describe('goRelease', () => {
  it.each([
    ['go1.26.8', 'go1.26'],
    ['go1.27.3', 'go1.27'],
    ['go1.27.3 X:jsonv2', 'go1.27'],
    ['go1.27', 'go1.27'],
    ['go1.28rc1', undefined],
    ['devel go1.28-0123abcd Tue Dec 1 2026', undefined],
    ['', undefined]
  ])('%j → %j', (v, want) => {
    expect(goRelease(v)).toBe(want)
  })
})

describe('the table', () => {
  it('has the releases the differential test builds with', () => {
    expect(Object.keys(LINKER_HEADERS)).toEqual(['go1.26', 'go1.27'])
    expect(linkerHeadersFor('go1.27.3')).toEqual({
      ppc64ElfAbi: 2,
      macosMinos: '13.0.0',
      macosSdk: '26.2.0'
    })
    expect(linkerHeadersFor('go1.26.8')).toEqual({
      ppc64ElfAbi: 1,
      macosMinos: '12.0.0',
      macosSdk: '12.0.0'
    })
    expect(linkerHeadersFor('go1.29.0')).toBeUndefined()
  })
})

describe('linux/ppc64: ELF ABI level by release', () => {
  it.each([
    ['go1.26.8', 1, []],
    ['go1.26.8', 2, ['elf-abi']],
    ['go1.27.3', 2, []],
    ['go1.27.3', 1, ['elf-abi']],
    // Not in the table: not judged either way.
    ['go1.25.9', 1, []],
    ['go1.28.0', 1, []],
    ['go1.28.0', 2, []],
    ['go1.27rc2', 1, []]
  ])('%s with e_flags %i → %j', (goVersion, flags, want) => {
    const findings = judge(LINUX_PPC64, linuxPpc64(goVersion, flags), {
      expectStripped: true
    })
    expect(errors(findings)).toEqual(want)
  })

  it('says what was found, what the release writes, and why it matters', () => {
    const [f] = judge(LINUX_PPC64, linuxPpc64('go1.27.3', 1), {
      expectStripped: true
    })
    expect(f).toMatchObject({
      check: 'elf-abi',
      expected: 'ELFv2',
      found: 'ELFv1',
      severity: 'error'
    })
    expect(f.hint).toMatch(
      /^linux\/ppc64: the header says ELFv1, but go1\.27 writes ELFv2/
    )
    expect(f.hint).toContain('go1.27.3')
  })

  it('leaves ppc64le and openbsd/ppc64 alone (ELFv2 in every release)', () => {
    const ppc64le = target('linux', 'ppc64le')
    const le: BinaryInfo = {
      ...linuxPpc64('go1.26.8', 2),
      byteOrder: 'little',
      arch: 'ppc64le',
      buildInfo: buildInfo('go1.26.8', ppc64le)
    }
    expect(errors(judge(ppc64le, le, { expectStripped: true }))).toEqual([])
    const openbsd = target('openbsd', 'ppc64')
    const obsd: BinaryInfo = {
      ...linuxPpc64('go1.26.8', 2),
      os: 'openbsd',
      interpreter: '/usr/libexec/ld.so',
      staticallyLinked: false,
      buildInfo: buildInfo('go1.26.8', openbsd)
    }
    obsd.elf = { ...obsd.elf!, osabi: 12 }
    expect(errors(judge(openbsd, obsd, { expectStripped: true }))).toEqual([])
  })
})

describe('darwin: minimum macOS by release', () => {
  it.each([
    ['go1.26.8', '12.0.0', []],
    ['go1.26.8', '13.0.0', ['macos-version']],
    ['go1.27.3', '13.0.0', []],
    ['go1.27.3', '12.0.0', ['macos-version']],
    ['go1.27.3', undefined, ['macos-version']],
    ['go1.28.0', '14.0.0', []]
  ])('%s with minos %s → %j', (goVersion, minos, want) => {
    const info = darwinArm64(goVersion, minos as string)
    expect(
      errors(judge(DARWIN_ARM64, info, { expectStripped: true }))
    ).toEqual(want)
  })

  it('names both versions', () => {
    const f = judge(DARWIN_ARM64, darwinArm64('go1.27.3', '12.0.0'), {
      expectStripped: true
    }).find((x) => x.check === 'macos-version')!
    expect(f.expected).toBe('minimum macOS 13.0.0')
    expect(f.found).toBe('minimum macOS 12.0.0')
  })
})
