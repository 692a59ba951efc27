/**
 * The comparison's parts that need no build: the streamed byte compare
 * (across chunk boundaries, past skipped ranges, files of different
 * sizes, checked against cmp), the section of an offset, and the likely
 * cause from what differs; and the section of a changed byte in a real PE
 * binary (one warm go build) against objdump -h.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { inspectBinary } from '../src/inspect/binary/index.js'
import {
  buildIdRanges,
  compareFiles,
  likelyCause,
  sectionAt,
  settingDifferences
} from '../src/reproduce/compare.js'
import { ROOT } from './support/action.js'
import { describeWithTools, missingTools } from './support/tools.js'

const base = mkdtempSync(path.join(tmpdir(), 'gcb-repro-compare-'))
let n = 0

/** Two files from one buffer, with bytes changed in the second. */
function pair(size: number, changes: number[], extra = 0): [string, string] {
  const a = Buffer.alloc(size, 0x5a)
  for (let i = 0; i < size; i++) a[i] = (i * 31) & 0xff
  const b = Buffer.concat([a, Buffer.alloc(extra, 1)])
  for (const at of changes) b[at] ^= 0xff
  const pa = path.join(base, `a${++n}`)
  const pb = path.join(base, `b${n}`)
  writeFileSync(pa, a)
  writeFileSync(pb, b)
  return [pa, pb]
}

/** cmp's first differing byte, 0-based, or undefined when equal. */
function cmpFirst(a: string, b: string): number | undefined {
  const r = spawnSync('cmp', [a, b], { encoding: 'utf8' })
  if (r.status === 0) return undefined
  const m = /differ: (?:byte|char) (\d+)/.exec(r.stdout)
  if (m) return Number(m[1]) - 1
  // "cmp: EOF on a after byte N": one is a prefix of the other
  const eof = /EOF on \S+ after (?:byte|char) (\d+)/.exec(r.stderr)
  return eof ? Number(eof[1]) : undefined
}

describe('compareFiles', () => {
  const MiB = 1 << 20
  it.each<[string, number, number[], number]>([
    ['equal files', 1000, [], 0],
    ['a byte in the first chunk', 1000, [17], 0],
    ['a byte right after a chunk boundary', 2 * MiB + 5, [MiB], 0],
    ['the last byte of a chunk', 2 * MiB, [MiB - 1, MiB + 3], 0],
    ['one file longer than the other', 1000, [], 10],
    ['longer by a whole chunk', MiB, [], MiB]
  ])('%s: the first difference is where cmp finds it', async (_, size, changes, extra) => {
    const [a, b] = pair(size, changes, extra)
    const c = await compareFiles(a, b)
    expect(c.first).toBe(cmpFirst(a, b))
    expect(c.same).toBe(c.first === undefined)
    expect(c.sizeB - c.sizeA).toBe(extra)
  })

  it('looks past skipped ranges for the first difference outside them', async () => {
    const [a, b] = pair(3 * (1 << 20), [100, 120, (1 << 20) + 7, 2 * (1 << 20)])
    const c = await compareFiles(a, b, [
      { offset: 90, size: 40 },
      { offset: (1 << 20) + 7, size: 1 }
    ])
    expect(c.first).toBe(100)
    expect(c.firstOutside).toBe(2 * (1 << 20))
  })

  it('says so when only skipped bytes differ', async () => {
    const [a, b] = pair(1000, [500])
    const c = await compareFiles(a, b, [{ offset: 480, size: 40 }])
    expect(c).toMatchObject({ same: false, first: 500 })
    expect(c.firstOutside).toBeUndefined()
  })
})

describe('sectionAt', () => {
  const ranges = [
    { name: '.text', offset: 0x1000, size: 0x500 },
    { name: '.rodata', offset: 0x2000, size: 0x100 }
  ]
  it.each<[number, string, number]>([
    [0x10, 'the headers', 0x10],
    [0x1000, '.text', 0],
    [0x14ff, '.text', 0x4ff],
    [0x1500, 'after .text', 0],
    [0x2010, '.rodata', 0x10],
    [0x3000, 'after .rodata', 0xf00]
  ])('0x%s is in %s', (at, section, offset) => {
    expect(sectionAt(ranges, at)).toEqual({ section, offset })
  })

  it('names the file when there is no section table', () => {
    expect(sectionAt(undefined, 0x42)).toEqual({ section: 'the file', offset: 0x42 })
    expect(sectionAt([], 0x42)).toEqual({ section: 'the file', offset: 0x42 })
  })
})

describe('likelyCause', () => {
  const facts = {
    settingsA: new Map([['vcs.modified', 'false']]),
    settingsB: new Map([['vcs.modified', 'false']]),
    onlyBuildId: false,
    pathsA: 0,
    pathsB: 0,
    rootA: '/w/repo',
    rootB: '/t/copy'
  }
  it.each<[string, Partial<typeof facts>, RegExp]>([
    ['a dirty tree in one build', { settingsB: new Map([['vcs.modified', 'true']]) }, /^VCS stamping of a dirty tree \(vcs\.modified=false in the build, true in the rebuild\)/],
    ['the commit time', { settingsA: new Map([['vcs.time', '1']]), settingsB: new Map([['vcs.time', '2']]) }, /^VCS stamping \(vcs\.time=1 in the build, 2 in the rebuild\)/],
    ['the trees\' paths', { pathsA: 3, pathsB: 3 }, /^absolute paths: the build's tree \/w\/repo appears 3 time\(s\) .* set trimpath: true/],
    ['only the build IDs', { onlyBuildId: true }, /^-buildid: only the build IDs differ/],
    ['nothing known', {}, /^timestamps or other build-time values/]
  ])('%s', (_, more, cause) => {
    expect(likelyCause({ ...facts, ...more })[0]).toMatch(cause)
  })

  it('lists settings that differ, unset ones too', () => {
    expect(
      settingDifferences(new Map([['a', '1']]), new Map([['a', '1'], ['b', '2']]))
    ).toEqual(['b=(unset) in the build, 2 in the rebuild'])
  })
})

/** The file offset of .rdata in a real PE binary, as objdump -h says. */
function rdataOffset(file: string): number {
  const r = spawnSync('objdump', ['-h', file], { encoding: 'utf8' })
  const m = /^\s*\d+\s+\.rdata\s+[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)/m.exec(r.stdout)
  if (!m) throw new Error(`objdump -h: ${r.stdout}${r.stderr}`)
  return parseInt(m[1], 16)
}

describeWithTools(
  'sections of a real PE binary',
  await missingTools([{ name: 'objdump', install: 'apt-get install -y binutils' }]),
  () => {
    it('windows/amd64: a byte changed in .rdata is placed where objdump places it, past the build ID', async () => {
      const a = path.join(base, 'windows-amd64.exe')
      const r = spawnSync('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', a, '.'], {
        cwd: path.join(ROOT, '__fixtures__', 'hello'),
        encoding: 'utf8',
        env: { ...process.env, GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0' }
      })
      expect(r.stderr).toBe('')
      const rdata = rdataOffset(a)
      const bytes = readFileSync(a)
      const info = await inspectBinary(a)
      const ids = await buildIdRanges(a, info.ranges)
      // the build ID at the start of text, found and skipped
      expect(ids).toHaveLength(1)
      expect(bytes.subarray(ids[0].offset, ids[0].offset + 15).toString('latin1')).toBe('\xff Go build ID: ')
      bytes[ids[0].offset + 20] ^= 0xff
      bytes[rdata + 0x10] ^= 0xff
      const b = `${a}-changed`
      writeFileSync(b, bytes)
      const c = await compareFiles(a, b, ids)
      expect(c.first).toBe(ids[0].offset + 20)
      expect(sectionAt(info.ranges, c.first!).section).toBe('.text')
      expect(c.firstOutside).toBe(rdata + 0x10)
      expect(sectionAt(info.ranges, c.firstOutside!)).toEqual({ section: '.rdata', offset: 0x10 })
    })
  }
)
