/**
 * Unit tables for the pure parts of verification: what each target expects,
 * how a header is judged, and the `file`-like line.
 */
import { expectedFor, formatLine, judge } from '../src/inspect/verify.js'
import type { BinaryInfo } from '../src/inspect/binary/index.js'
import { target } from './binary-builds.js'

/** A statically linked, stripped linux/amd64 binary as our reader sees it. */
function linuxAmd64(
  over: Partial<BinaryInfo> = {},
  settings: Record<string, string> = {}
): BinaryInfo {
  const s = {
    '-trimpath': 'true',
    CGO_ENABLED: '0',
    GOARCH: 'amd64',
    GOOS: 'linux',
    GOAMD64: 'v1',
    ...settings
  }
  return {
    container: 'elf',
    size: 1000,
    bits: 64,
    byteOrder: 'little',
    arch: 'amd64',
    machine: 'x86-64',
    kind: 'executable',
    interpreter: undefined,
    libraries: [],
    staticallyLinked: true,
    symbols: false,
    dwarf: false,
    os: undefined,
    buildInfo: {
      goVersion: 'go1.26.8',
      path: 'example.com/hello',
      mod: { path: 'example.com/hello', version: '(devel)', sum: '' },
      deps: [],
      modules: [],
      settings: Object.entries(s),
      format: 'inline'
    },
    buildInfoError: undefined,
    bytesRead: 100,
    elf: {
      osabi: 0,
      abiVersion: 0,
      type: 2,
      machine: 62,
      flags: 0,
      flagsText: [],
      entry: 0,
      segments: [],
      sections: [],
      notes: [],
      flags1: undefined
    },
    ...over
  }
}

describe('expectedFor', () => {
  it.each([
    ['linux', 'amd64', 'elf', 64, 'little', 0, false, 'GOAMD64'],
    ['linux', 'mips', 'elf', 32, 'big', 0, false, 'GOMIPS'],
    ['linux', 'mips64le', 'elf', 64, 'little', 0, false, 'GOMIPS64'],
    ['linux', 's390x', 'elf', 64, 'big', 0, false, undefined],
    ['freebsd', 'arm', 'elf', 32, 'little', 9, false, 'GOARM'],
    ['netbsd', 'arm64', 'elf', 64, 'little', 2, false, 'GOARM64'],
    ['openbsd', 'riscv64', 'elf', 64, 'little', 12, true, 'GORISCV64'],
    ['illumos', 'amd64', 'elf', 64, 'little', 0, true, 'GOAMD64'],
    ['android', 'arm64', 'elf', 64, 'little', 0, true, 'GOARM64'],
    ['darwin', 'arm64', 'macho', 64, 'little', undefined, true, 'GOARM64'],
    ['windows', '386', 'pe', 32, 'little', undefined, true, 'GO386'],
    ['aix', 'ppc64', 'xcoff', 64, 'big', undefined, true, 'GOPPC64'],
    ['plan9', 'arm', 'plan9', 32, 'little', undefined, false, 'GOARM'],
    ['wasip1', 'wasm', 'wasm', 32, 'little', undefined, false, undefined]
  ] as const)(
    '%s/%s',
    (goos, goarch, container, bits, order, osabi, links, variantVar) => {
      const e = expectedFor(target(goos, goarch))
      expect([
        e.container,
        e.bits,
        e.byteOrder,
        e.elfOsabi,
        e.linksSystemLibraries,
        e.variantVar
      ]).toEqual([container, bits, order, osabi, links, variantVar])
    }
  )
})

describe('judge', () => {
  const t = target('linux', 'amd64')
  it('finds nothing wrong with a good binary', () => {
    expect(judge(t, linuxAmd64(), { expectStripped: true })).toEqual([])
  })

  it.each([
    [
      'wrong machine',
      linuxAmd64({ arch: 'arm64', machine: 'ARM aarch64' }),
      'machine',
      'linux/amd64: the binary is ELF 64-bit LSB ARM aarch64, expected x86-64. GOARCH did not reach the compiler'
    ],
    [
      'wrong class',
      linuxAmd64({ bits: 32 }),
      'class',
      'linux/amd64: the binary is ELF 32-bit LSB x86-64, expected 64-bit'
    ],
    [
      'wrong byte order',
      linuxAmd64({ byteOrder: 'big' }),
      'byte-order',
      'linux/amd64: the binary is big-endian, expected little-endian'
    ],
    [
      'wrong container',
      linuxAmd64({ container: 'pe', machine: 'x86-64' }),
      'container',
      'linux/amd64: the binary is PE 64-bit LSB x86-64, expected ELF. GOOS did not reach the compiler'
    ],
    [
      'an interpreter',
      linuxAmd64({
        interpreter: '/lib64/ld-linux-x86-64.so.2',
        staticallyLinked: false
      }),
      'static',
      'linux/amd64: the binary is dynamically linked although Go links this platform statically'
    ],
    [
      'symbols left',
      linuxAmd64({ symbols: true }),
      'stripped',
      'linux/amd64: the binary still has a symbol table although'
    ],
    [
      'DWARF left',
      linuxAmd64({ dwarf: true }),
      'stripped',
      'linux/amd64: the binary still has DWARF debug info although'
    ],
    [
      'a shared object',
      linuxAmd64({ kind: 'shared object' }),
      'kind',
      'linux/amd64: the file is a shared object'
    ],
    [
      'no build info',
      linuxAmd64({ buildInfo: undefined, buildInfoError: 'no header' }),
      'buildinfo',
      'linux/amd64: the binary has no readable Go build info (no header)'
    ],
    [
      'cgo on',
      linuxAmd64({}, { CGO_ENABLED: '1' }),
      'cgo',
      'linux/amd64: cgo was not disabled'
    ],
    [
      'recorded GOARCH',
      linuxAmd64({}, { GOARCH: '386' }),
      'goarch',
      'linux/amd64: the build info records another GOARCH'
    ],
    [
      'recorded GOOS',
      linuxAmd64({}, { GOOS: 'android' }),
      'goos',
      'linux/amd64: the build info records another GOOS'
    ]
  ] as const)('%s', (_name, info, check, hint) => {
    const f = judge(t, info, { expectStripped: true })
    expect(f.map((x) => x.check)).toEqual([check])
    expect(f[0].severity).toBe('error')
    expect(f[0].hint.startsWith(hint)).toBe(true)
  })

  it('checks the variant only when the target names one', () => {
    const info = linuxAmd64({}, { GOAMD64: 'v1' })
    expect(judge(t, info, { expectStripped: true })).toEqual([])
    const f = judge(target('linux', 'amd64', 'v3'), info, {
      expectStripped: true
    })
    expect(f).toEqual([
      expect.objectContaining({
        check: 'goamd64',
        expected: 'GOAMD64=v3',
        found: 'GOAMD64=v1'
      })
    ])
  })

  it('does not ask for stripping when -s -w was not asked for', () => {
    expect(
      judge(t, linuxAmd64({ symbols: true, dwarf: true }), {
        expectStripped: false
      })
    ).toEqual([])
  })

  it('reports system libraries on darwin as a note, not an error', () => {
    const info = linuxAmd64(
      {
        container: 'macho',
        machine: 'arm64',
        arch: 'arm64',
        os: 'darwin',
        elf: undefined,
        interpreter: '/usr/lib/dyld',
        libraries: ['/usr/lib/libSystem.B.dylib'],
        staticallyLinked: false
      },
      { GOOS: 'darwin', GOARCH: 'arm64', GOAMD64: '' }
    )
    const f = judge(target('darwin', 'arm64'), info, { expectStripped: true })
    expect(f).toEqual([
      expect.objectContaining({ check: 'static', severity: 'note' })
    ])
  })
})

describe('formatLine', () => {
  it('reads like file(1)', () => {
    expect(
      formatLine(linuxAmd64({ arch: 'arm64', machine: 'ARM aarch64' }))
    ).toBe(
      'ELF 64-bit LSB executable, ARM aarch64, statically linked, Go 1.26.8, CGO_ENABLED=0, stripped'
    )
  })
  it('names the interpreter and the lack of build info', () => {
    expect(
      formatLine(
        linuxAmd64({
          kind: 'pie',
          interpreter: '/system/bin/linker64',
          staticallyLinked: false,
          buildInfo: undefined,
          symbols: true
        })
      )
    ).toBe(
      'ELF 64-bit LSB pie executable, x86-64, dynamically linked, interpreter /system/bin/linker64, no Go build info, not stripped'
    )
  })
})
