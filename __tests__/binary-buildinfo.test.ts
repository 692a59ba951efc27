/**
 * Build info parsing: module info text, Go-quoted settings, both header
 * formats (inline varints and the pre-1.18 pointers) on synthesized data,
 * and ELF e_flags meanings.
 */
import {
  parseModInfo,
  readBuildInfo,
  readQuoted
} from '../src/inspect/binary/buildinfo.js'
import { elfFlagsText } from '../src/inspect/binary/elf.js'
import {
  BinaryFormatError,
  MemorySource,
  Reader
} from '../src/inspect/binary/reader.js'

const START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex')
const END = Buffer.from('f932433186182072008242104116d8f2', 'hex')
const MOD =
  'path\texample.com/hello\nmod\texample.com/hello\t(devel)\t\ndep\tgolang.org/x/sys\tv0.1.0\th1:abc=\nbuild\t-ldflags="-s -w -X main.version=1.2.3"\nbuild\tCGO_ENABLED=0\nbuild\t"we=ird"="a\\tb"\n'

function framed(text: string): Buffer {
  return Buffer.concat([START, Buffer.from(text), END])
}

function uvarint(n: number): Buffer {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80)
    n = Math.floor(n / 128)
  }
  out.push(n)
  return Buffer.from(out)
}

function header(ptrSize: number, flags: number): Buffer {
  const h = Buffer.alloc(32)
  h.write('\xff Go buildinf:', 0, 'latin1')
  h[14] = ptrSize
  h[15] = flags
  return h
}

describe('parseModInfo', () => {
  it('reads path, mod, deps and every build setting, unquoting values', () => {
    const m = parseModInfo(MOD)
    expect(m.path).toBe('example.com/hello')
    expect(m.mod).toEqual({
      path: 'example.com/hello',
      version: '(devel)',
      sum: ''
    })
    expect(m.deps).toEqual(['golang.org/x/sys@v0.1.0'])
    expect(m.settings).toEqual([
      ['-ldflags', '-s -w -X main.version=1.2.3'],
      ['CGO_ENABLED', '0'],
      ['we=ird', 'a\tb']
    ])
  })

  it('reads dep sums and => replacements into modules, as Go does', () => {
    // As cmd/go writes it: a replaced dep has no sum, its `=>` line has one
    // (none for a directory), and a blank line follows each replacement.
    const m = parseModInfo(
      [
        'path\texample.com/withdeps',
        'mod\texample.com/withdeps\t(devel)\t',
        'dep\texample.com/greet\tv0.0.0',
        '=>\t./greet\t(devel)\t',
        '',
        'dep\tgolang.org/x/text\tv0.14.0\th1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=',
        'dep\trsc.io/sampler\tv1.3.0',
        '=>\trsc.io/sampler\tv1.3.1\th1:F0c3J2nQCdk9ODsNhU3sElnvPIxM/xV1c/qZuAeZmac=',
        '',
        '=>\tstray\tv1.0.0\t',
        'build\tGOOS=linux',
        ''
      ].join('\n')
    )
    expect(m.deps).toEqual([
      'example.com/greet@v0.0.0',
      'golang.org/x/text@v0.14.0',
      'rsc.io/sampler@v1.3.0'
    ])
    expect(m.modules).toEqual([
      {
        path: 'example.com/greet',
        version: 'v0.0.0',
        sum: '',
        replace: { path: './greet', version: '(devel)', sum: '' }
      },
      {
        path: 'golang.org/x/text',
        version: 'v0.14.0',
        sum: 'h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ='
      },
      {
        path: 'rsc.io/sampler',
        version: 'v1.3.0',
        sum: '',
        replace: {
          path: 'rsc.io/sampler',
          version: 'v1.3.1',
          sum: 'h1:F0c3J2nQCdk9ODsNhU3sElnvPIxM/xV1c/qZuAeZmac='
        }
      }
    ])
  })
})

describe('readQuoted', () => {
  it.each([
    ['"plain"', 'plain'],
    ['"a\\"b"', 'a"b'],
    ['"\\x41\\u00e9\\U0001F600"', 'Aé😀'],
    ['"\\101"', 'A'],
    ['"\\n\\t\\\\"', '\n\t\\']
  ])('%s', (src, want) => {
    expect(readQuoted(src, 0)?.value).toBe(want)
  })
  it.each(['"open', '"\\q"', '"\\x4"', 'noquote'])('rejects %s', (src) => {
    expect(readQuoted(src, 0)).toBeUndefined()
  })
})

describe('readBuildInfo', () => {
  it('reads the inline format (Go 1.18+)', async () => {
    const version = Buffer.from('go1.26.8')
    const mod = framed(MOD)
    const blob = Buffer.concat([
      Buffer.alloc(48),
      header(8, 2),
      uvarint(version.length),
      version,
      uvarint(mod.length),
      mod
    ])
    const r = new Reader(new MemorySource(blob))
    const bi = await readBuildInfo(r, {
      start: 0x1000,
      size: blob.length,
      regions: [{ addr: 0x1000, offset: 0, size: blob.length }]
    })
    expect(bi.format).toBe('inline')
    expect(bi.goVersion).toBe('go1.26.8')
    expect(bi.settings[1]).toEqual(['CGO_ENABLED', '0'])
  })

  const layouts: [4 | 8, 'little' | 'big'][] = [
    [4, 'little'],
    [8, 'big']
  ]
  it.each(layouts)(
    'reads the pointer format (before Go 1.18), %i-byte %s-endian pointers',
    async (ptrSize, order) => {
      const base = 0x400000
      const version = Buffer.from('go1.17.13')
      const mod = framed(MOD)
      const h = header(ptrSize, order === 'big' ? 1 : 0)
      // Layout: header at 0, string headers at 64, bytes at 128.
      const blob = Buffer.alloc(128 + version.length + mod.length)
      h.copy(blob, 0)
      const put = (at: number, v: number): void => {
        if (ptrSize === 4)
          order === 'big'
            ? blob.writeUInt32BE(v, at)
            : blob.writeUInt32LE(v, at)
        else
          order === 'big'
            ? blob.writeBigUInt64BE(BigInt(v), at)
            : blob.writeBigUInt64LE(BigInt(v), at)
      }
      put(16, base + 64)
      put(16 + ptrSize, base + 64 + 2 * ptrSize)
      put(64, base + 128)
      put(64 + ptrSize, version.length)
      put(64 + 2 * ptrSize, base + 128 + version.length)
      put(64 + 3 * ptrSize, mod.length)
      version.copy(blob, 128)
      mod.copy(blob, 128 + version.length)
      const r = new Reader(new MemorySource(blob))
      const bi = await readBuildInfo(r, {
        start: base,
        size: blob.length,
        regions: [{ addr: base, offset: 0, size: blob.length }]
      })
      expect(bi.format).toBe('pointer')
      expect(bi.goVersion).toBe('go1.17.13')
      expect(bi.path).toBe('example.com/hello')
    }
  )

  it.each([
    ['no magic', Buffer.alloc(256), /no "\\xff Go buildinf:" header/],
    [
      'magic at an unaligned offset',
      Buffer.concat([Buffer.alloc(8), header(8, 2), Buffer.alloc(64)]),
      /no "\\xff Go buildinf:" header/
    ],
    [
      'a huge varint length',
      Buffer.concat([
        header(8, 2),
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]),
        Buffer.alloc(32)
      ]),
      /exceeds/
    ],
    [
      'a length past the data',
      Buffer.concat([header(8, 2), uvarint(500), Buffer.alloc(32)]),
      /run past the end of the segment/
    ],
    [
      'a bad pointer size',
      Buffer.concat([header(3, 0), Buffer.alloc(32)]),
      /pointer size 3/
    ],
    [
      'pointers to nowhere',
      Buffer.concat([header(8, 0).fill(0xee, 16), Buffer.alloc(32)]),
      /not mapped/
    ]
  ])('rejects %s with a BinaryFormatError', async (_name, blob, message) => {
    const r = new Reader(new MemorySource(blob))
    const p = readBuildInfo(r, {
      start: 0,
      size: blob.length,
      regions: [{ addr: 0, offset: 0, size: blob.length }]
    })
    await expect(p).rejects.toBeInstanceOf(BinaryFormatError)
    await expect(
      readBuildInfo(r, {
        start: 0,
        size: blob.length,
        regions: [{ addr: 0, offset: 0, size: blob.length }]
      })
    ).rejects.toThrow(message)
  })
})

describe('elfFlagsText', () => {
  it.each([
    [40, 0x5000002, ['EABI5']],
    [40, 0x5000402, ['EABI5', 'hard-float ABI']],
    [8, 0x50001004, ['mips32', 'o32', 'cpic']],
    [8, 0x20000004, ['mips3', 'cpic']],
    [21, 1, ['ABI v1']],
    [21, 2, ['ABI v2']],
    [243, 4, ['double-float ABI']],
    [243, 5, ['RVC', 'double-float ABI']],
    [258, 0x43, ['LP64D', 'object v1']],
    [62, 0, []]
  ])('machine %i flags %i', (machine, flags, want) => {
    expect(elfFlagsText(machine, flags)).toEqual(want)
  })
})
