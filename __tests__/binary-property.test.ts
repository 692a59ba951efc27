/**
 * Property tests (fast-check): random bytes behind each container's magic,
 * and real binaries with random bytes changed, cut short or with huge
 * counts. No exception but BinaryFormatError escapes the reader, nothing
 * escapes verifyBinary, reads stay bounded, and every run is fast.
 */
import fc from 'fast-check'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  BinaryFormatError,
  inspectSource,
  MemorySource,
  type Source
} from '../src/inspect/binary/index.js'
import { MAX_READ } from '../src/inspect/binary/reader.js'
import { verifyBinary } from '../src/inspect/verify.js'
import {
  buildHello,
  outDir,
  removeOutDir,
  target,
  twoAtATime
} from './binary-builds.js'
import type { Target } from '../src/types.js'

const MAGICS: number[][] = [
  [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01],
  [0x7f, 0x45, 0x4c, 0x46, 0x01, 0x02, 0x01],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xfe, 0xed, 0xfa, 0xce],
  [0x4d, 0x5a],
  [0x01, 0xf7],
  [0x01, 0xdf],
  [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  [0x00, 0x00, 0x8a, 0x97],
  [0x00, 0x00, 0x01, 0xeb]
]

/** A source that counts reads and refuses any beyond its bounds. */
class CheckedSource implements Source {
  readonly size: number
  reads = 0
  maxRead = 0
  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.length
  }
  async readAt(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new Error(`read beyond bounds: ${offset}+${length} of ${this.size}`)
    }
    this.reads++
    this.maxRead = Math.max(this.maxRead, length)
    return this.bytes.subarray(offset, offset + length)
  }
}

/** Inspects `bytes`; only BinaryFormatError may reject. Returns the time taken. */
async function inspectSafely(bytes: Uint8Array): Promise<number> {
  const src = new CheckedSource(bytes)
  const started = performance.now()
  try {
    await inspectSource(src)
  } catch (error) {
    if (!(error instanceof BinaryFormatError)) throw error
  }
  expect(src.maxRead).toBeLessThanOrEqual(MAX_READ)
  expect(src.reads).toBeLessThan(5000)
  return performance.now() - started
}

const targets: Target[] = [
  target('linux', 'amd64'),
  target('linux', 'mips'),
  target('darwin', 'arm64'),
  target('windows', '386'),
  target('aix', 'ppc64'),
  target('plan9', 'amd64'),
  target('js', 'wasm')
]
const binaries = new Map<string, Buffer>()

beforeAll(async () => {
  const results = await twoAtATime(
    targets.map((t) => () => buildHello(t, true))
  )
  for (const b of results) {
    if (!b.ok) throw new Error(`build of ${b.target.name} failed: ${b.output}`)
    binaries.set(b.target.name, readFileSync(b.path))
  }
}, 600_000)
afterAll(() => removeOutDir())

it('random bytes behind every magic never throw anything but BinaryFormatError', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...MAGICS),
      fc.uint8Array({ minLength: 0, maxLength: 4096 }),
      async (magic, rest) => {
        const ms = await inspectSafely(Uint8Array.from([...magic, ...rest]))
        expect(ms).toBeLessThan(1000)
      }
    ),
    { numRuns: 3000 }
  )
})

it('random words (huge counts and offsets) in headers never throw or hang', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...targets.map((t) => t.name)),
      fc.array(
        fc.tuple(fc.nat({ max: 1023 }), fc.constantFrom(0, 0xff, 0x7f, 0x80)),
        { minLength: 1, maxLength: 8 }
      ),
      async (name, edits) => {
        const b = Buffer.from(binaries.get(name)!)
        for (const [at, v] of edits) {
          b[at] = v
          b[at + 1] = v
        }
        expect(await inspectSafely(b)).toBeLessThan(2000)
      }
    ),
    { numRuns: 400 }
  )
})

it('real binaries with random bytes changed or cut short never throw, and stay fast', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...targets.map((t) => t.name)),
      fc.array(
        fc.tuple(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.integer({ min: 0, max: 255 })
        ),
        { maxLength: 16 }
      ),
      fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      fc.boolean(),
      async (name, flips, cut, nearHeader) => {
        const b = Buffer.from(binaries.get(name)!)
        const span = nearHeader ? Math.min(b.length, 8192) : b.length
        for (const [where, v] of flips) b[Math.floor(where * (span - 1))] = v
        const bytes =
          cut === null ? b : b.subarray(0, Math.floor(cut * b.length))
        expect(await inspectSafely(bytes)).toBeLessThan(2000)
      }
    ),
    { numRuns: 400 }
  )
})

it('verifyBinary never rejects on mutated files', async () => {
  const t = targets[0]
  const original = binaries.get(t.name)!
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.tuple(fc.nat({ max: 4095 }), fc.integer({ min: 0, max: 255 })),
        { minLength: 1, maxLength: 8 }
      ),
      fc.nat({ max: original.length }),
      async (flips, cut) => {
        const b = Buffer.from(original.subarray(0, cut))
        for (const [at, v] of flips) if (at < b.length) b[at] = v
        const path = join(outDir(), 'prop')
        writeFileSync(path, b)
        const v = await verifyBinary(t, path, { expectStripped: true })
        expect(typeof v.ok).toBe('boolean')
        expect(typeof v.format).toBe('string')
      }
    ),
    { numRuns: 100 }
  )
})

it('a wholly unmodified source still reads', async () => {
  const info = await inspectSource(
    new MemorySource(binaries.get('linux/amd64')!)
  )
  expect(info.buildInfo?.settings).toContainEqual(['GOARCH', 'amd64'])
})
