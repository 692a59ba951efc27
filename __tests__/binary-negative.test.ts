/**
 * Negative tests: real binaries changed one thing at a time, truncated at
 * every structure boundary, and a fake `go` that ignores GOARCH/GOOS. Every
 * one must be caught, with the right check and message, and none may throw.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { verifyBinary } from '../src/inspect/verify.js'
import {
  buildHello,
  outDir,
  removeOutDir,
  target,
  twoAtATime,
  type Built
} from './binary-builds.js'
import type { Target, Verification } from '../src/types.js'

const amd64 = target('linux', 'amd64')
const arm64 = target('linux', 'arm64')
const mips = target('linux', 'mips')
const darwin = target('darwin', 'arm64')
const windows = target('windows', 'amd64')
const wasm = target('js', 'wasm')
const built = new Map<string, Built>()

afterAll(() => removeOutDir())

beforeAll(async () => {
  const results = await twoAtATime(
    [amd64, arm64, mips, darwin, windows, wasm].map(
      (t) => () => buildHello(t, true)
    )
  )
  for (const b of results) {
    if (!b.ok) throw new Error(`build of ${b.target.name} failed: ${b.output}`)
    built.set(b.target.name, b)
  }
}, 600_000)

let n = 0
function write(bytes: Uint8Array, t: Target): string {
  const p = join(outDir(), `mutant-${n++}${t.goos === 'windows' ? '.exe' : ''}`)
  writeFileSync(p, bytes)
  return p
}

function original(t: Target): Buffer {
  return readFileSync(built.get(t.name)!.path)
}

function errors(v: Verification): string[] {
  return v.findings.filter((f) => f.severity === 'error').map((f) => f.check)
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1')

/** Replaces `from` with `to` (same length) in the build info blob. */
function replaceInBuildInfo(buf: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(buf)
  const start = out.indexOf(MAGIC)
  expect(start).toBeGreaterThan(0)
  const i = out.indexOf(from, start, 'latin1')
  expect(i).toBeGreaterThanOrEqual(start)
  expect(i - start).toBeLessThan(1024)
  out.write(to, i, 'latin1')
  return out
}

/** Replaces every occurrence of `from` with `to` (same length). */
function replaceAll(buf: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(buf)
  let count = 0
  for (
    let i = out.indexOf(from, 0, 'latin1');
    i >= 0;
    i = out.indexOf(from, i + 1, 'latin1')
  ) {
    out.write(to, i, 'latin1')
    count++
  }
  expect(count).toBeGreaterThan(0)
  return out
}

describe('one change at a time is caught', () => {
  const cases: [string, Target, (b: Buffer) => Buffer, string, RegExp][] = [
    [
      'ELF class 64 → 32',
      amd64,
      (b) => {
        b[4] = 1
        return b
      },
      'format|machine|class',
      /./
    ],
    [
      'ELF byte order LSB → MSB',
      amd64,
      (b) => {
        b[5] = 2
        return b
      },
      'format|machine|byte-order',
      /./
    ],
    [
      'ELF e_machine x86-64 → AArch64',
      amd64,
      (b) => {
        b.writeUInt16LE(183, 18)
        return b
      },
      'machine',
      /expected x86-64\. GOARCH did not reach the compiler; check for a wrapper around go/
    ],
    [
      'ELF e_machine AArch64 → x86-64',
      arm64,
      (b) => {
        b.writeUInt16LE(62, 18)
        return b
      },
      'machine',
      /the binary is ELF 64-bit LSB x86-64, expected ARM aarch64\. GOARCH did not reach/
    ],
    [
      'ELF byte order MIPS MSB → LSB',
      mips,
      (b) => {
        b[5] = 1
        return b
      },
      'format|machine|byte-order',
      /./
    ],
    [
      'ELF OS/ABI 0 → FreeBSD',
      amd64,
      (b) => {
        b[7] = 9
        return b
      },
      'os',
      /OS\/ABI 9, expected 0 for linux\. GOOS did not reach/
    ],
    [
      'ELF OS/ABI 0 → OpenBSD',
      arm64,
      (b) => {
        b[7] = 12
        return b
      },
      'os',
      /OS\/ABI 12/
    ],
    [
      'ELF PT_NOTE turned into PT_INTERP',
      amd64,
      (b) => {
        const phoff = Number(b.readBigUInt64LE(32))
        const phnum = b.readUInt16LE(56)
        for (let i = 0; i < phnum; i++) {
          if (b.readUInt32LE(phoff + i * 56) === 4) {
            b.writeUInt32LE(3, phoff + i * 56)
            return b
          }
        }
        throw new Error('no PT_NOTE')
      },
      'static',
      /dynamically linked although Go links this platform statically/
    ],
    [
      'recorded GOARCH flipped',
      amd64,
      (b) => replaceInBuildInfo(b, 'GOARCH=amd64', 'GOARCH=arm64'),
      'goarch',
      /records another GOARCH/
    ],
    [
      'recorded GOOS flipped',
      arm64,
      (b) => replaceInBuildInfo(b, 'GOOS=linux', 'GOOS=netbs'),
      'goos',
      /records another GOOS/
    ],
    [
      'recorded CGO_ENABLED=1',
      amd64,
      (b) => replaceInBuildInfo(b, 'CGO_ENABLED=0', 'CGO_ENABLED=1'),
      'cgo',
      /CGO_ENABLED=0 did not reach go build/
    ],
    [
      'build info magic wiped',
      amd64,
      (b) => replaceInBuildInfo(b, '\xff Go buildinf:', '\xff Go buildinX'),
      'buildinfo',
      /no readable Go build info/
    ],
    [
      'Mach-O cputype arm64 → x86_64',
      darwin,
      (b) => {
        b.writeUInt32LE(0x01000007, 4)
        return b
      },
      'machine',
      /GOARCH did not reach/
    ],
    [
      'PE Machine amd64 → arm64',
      windows,
      (b) => {
        b.writeUInt16LE(0xaa64, b.readUInt32LE(0x3c) + 4)
        return b
      },
      'machine',
      /GOARCH did not reach/
    ],
    [
      'PE optional header magic PE32+ → PE32',
      windows,
      (b) => {
        b.writeUInt16LE(0x10b, b.readUInt32LE(0x3c) + 24)
        return b
      },
      'format|class|machine',
      /./
    ],
    [
      'wasm import module gojs → wasi',
      wasm,
      (b) => replaceAll(b, '\x04gojs', '\x04wasi'),
      'os',
      /identifies no OS, expected js\. GOOS did not reach/
    ],
    [
      'Mach-O cputype on an ELF target',
      amd64,
      () => original(darwin),
      'container',
      /the binary is Mach-O 64-bit LSB arm64, expected ELF\. GOOS did not reach/
    ]
  ]
  it.each(cases)('%s', async (_name, t, mutate, check, message) => {
    const path = write(mutate(Buffer.from(original(t))), t)
    const v = await verifyBinary(t, path, { expectStripped: true })
    expect(v.ok).toBe(false)
    const errs = v.findings.filter((f) => f.severity === 'error')
    const hit = errs.find((f) => new RegExp(`^(${check})$`).test(f.check))
    expect(hit).toBeDefined()
    expect(hit!.hint).toMatch(message)
    expect(hit!.hint.startsWith(`${t.name}: `)).toBe(true)
  })

  it('an unstripped binary is caught when -s -w was asked for', async () => {
    const b = await buildHello(amd64, false)
    const v = await verifyBinary(amd64, b.path, { expectStripped: true })
    expect(errors(v)).toEqual(['stripped'])
    expect(v.findings[0].hint).toMatch(/symbol table and DWARF/)
  })
})

/** Offsets where an ELF64 LSB binary's structures we read start and end. */
function elfBoundaries(b: Buffer): number[] {
  const phoff = Number(b.readBigUInt64LE(32))
  const shoff = Number(b.readBigUInt64LE(40))
  const phnum = b.readUInt16LE(56)
  const shnum = b.readUInt16LE(60)
  const shstrndx = b.readUInt16LE(62)
  const out = [0, 1, 4, 5, 16, 18, 20, 24, 32, 40, 48, 56, 63, 64]
  out.push(phoff, phoff + phnum * 56 - 1, shoff, shoff + shnum * 64 - 1)
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * 56
    out.push(at, Number(b.readBigUInt64LE(at + 8)))
  }
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * 64
    const type = b.readUInt32LE(at + 4)
    const off = Number(b.readBigUInt64LE(at + 24))
    const size = Number(b.readBigUInt64LE(at + 32))
    if (type === 7 || i === shstrndx) out.push(off, off + size - 1)
  }
  const bi = b.indexOf('\xff Go buildinf:', 0, 'latin1')
  out.push(
    bi,
    bi + 14,
    bi + 31,
    bi + 32,
    bi + 33,
    bi + 40,
    b.indexOf('CGO_ENABLED', bi)
  )
  return [...new Set(out)]
    .filter((x) => x >= 0 && x < b.length)
    .sort((x, y) => x - y)
}

describe('truncated at every structure boundary', () => {
  it.each([
    [amd64.name, amd64],
    [arm64.name, arm64]
  ] as const)(
    '%s: each truncation gives an error finding, never a throw',
    async (_n, t) => {
      const b = original(t)
      const cuts = elfBoundaries(b)
      expect(cuts.length).toBeGreaterThan(30)
      for (const cut of cuts) {
        const path = write(b.subarray(0, cut), t)
        const v = await verifyBinary(t, path, { expectStripped: true })
        if (v.ok)
          throw new Error(
            `truncation at ${cut} of ${b.length} bytes was not caught: ${v.format}`
          )
        expect(errors(v).some((c) => c === 'format' || c === 'buildinfo')).toBe(
          true
        )
      }
    }
  )

  it.each([
    [darwin.name, darwin, 32],
    [windows.name, windows, 64],
    [wasm.name, wasm, 8]
  ] as const)(
    '%s: truncated headers give an error finding',
    async (_n, t, header) => {
      const b = original(t)
      for (const cut of [0, 2, 4, header - 1, header, header + 8, 512]) {
        const v = await verifyBinary(t, write(b.subarray(0, cut), t), {
          expectStripped: true
        })
        expect(v.ok).toBe(false)
        expect(errors(v).some((c) => c === 'format' || c === 'buildinfo')).toBe(
          true
        )
      }
    }
  )
})

describe('a fake go that ignores the target', () => {
  const fake = (name: string, forced: Record<string, string>): string => {
    const real =
      execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim() +
      '/bin/go'
    const path = join(outDir(), name)
    const exports = Object.entries(forced)
      .map(([k, v]) => `export ${k}=${v}`)
      .join('\n')
    writeFileSync(path, `#!/bin/sh\n${exports}\nexec ${real} "$@"\n`)
    chmodSync(path, 0o755)
    return path
  }

  it('ignoring GOARCH: a host binary handed back for linux/arm64 is caught', async () => {
    const b = await buildHello(
      arm64,
      true,
      fake('go-ignores-goarch', { GOARCH: 'amd64' })
    )
    expect(b.ok).toBe(true)
    const v = await verifyBinary(arm64, b.path, { expectStripped: true })
    expect(v.ok).toBe(false)
    const m = v.findings.find((f) => f.check === 'machine')!
    expect(m.hint).toBe(
      "linux/arm64: the binary is ELF 64-bit LSB x86-64, expected ARM aarch64. GOARCH did not reach the compiler; check for a wrapper around go, or GOFLAGS/GOOS/GOARCH set in the job's environment."
    )
    expect(errors(v)).toEqual(['machine', 'goarch'])
  })

  it('ignoring GOOS: a linux binary handed back for darwin/arm64 is caught', async () => {
    const b = await buildHello(
      darwin,
      true,
      fake('go-ignores-goos', { GOOS: 'linux' })
    )
    expect(b.ok).toBe(true)
    const v = await verifyBinary(darwin, b.path, { expectStripped: true })
    expect(errors(v)).toEqual(['container', 'goos'])
    expect(v.findings[0].hint).toMatch(
      /^darwin\/arm64: the binary is ELF 64-bit LSB ARM aarch64, expected Mach-O\. GOOS did not reach the compiler/
    )
  })
})
