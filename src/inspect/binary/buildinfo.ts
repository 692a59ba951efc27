/**
 * Go build info: the `\xff Go buildinf:` header the linker places at the
 * start of the data the container reader points to, then the Go version and
 * the module info, either inline as varint-prefixed strings (Go 1.18 and
 * later) or behind pointers to Go string headers (older). Parsed as Go's
 * debug/buildinfo and runtime/debug.ParseBuildInfo do, with bounded reads.
 */
import { BinaryFormatError, type Reader } from './reader.js'
import type { BuildInfo, DataLocation, Module, Region } from './types.js'

/** The magic that starts the build info header. */
export const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1')
const ALIGN = 16
const HEADER_SIZE = 32
/** How far into the data we look for the header: the linker puts it first. */
export const SEARCH_LIMIT = 1 << 20
const CHUNK = 64 * 1024
/** Longest version or module info string we accept. */
const MAX_STRING = 1 << 20
const MAX_LINES = 10000

/** Reads and parses the build info from `loc`. */
export async function readBuildInfo(
  r: Reader,
  loc: DataLocation
): Promise<BuildInfo> {
  const headerAddr = await searchMagic(r, loc)
  const header = await readAt(
    r,
    loc.regions,
    headerAddr,
    HEADER_SIZE,
    'Go build info header'
  )
  const ptrSize = header[14]
  const flags = header[15]
  let version: string
  let mod: string
  let format: BuildInfo['format']
  if ((flags & 2) !== 0) {
    format = 'inline'
    const v = await decodeString(
      r,
      loc.regions,
      headerAddr + HEADER_SIZE,
      'Go version string'
    )
    const m = await decodeString(r, loc.regions, v.next, 'Go module info')
    version = v.value
    mod = m.value
  } else {
    format = 'pointer'
    if (ptrSize !== 4 && ptrSize !== 8) {
      throw new BinaryFormatError(
        'Go build info header',
        headerAddr,
        `pointer size ${ptrSize} is neither 4 nor 8`
      )
    }
    const big = (flags & 1) !== 0
    const dv = new DataView(header.buffer, header.byteOffset, header.byteLength)
    const ptr = (b: DataView, at: number): number =>
      ptrSize === 4 ? b.getUint32(at, !big) : safe(b.getBigUint64(at, !big))
    const versPtr = ptr(dv, 16)
    const modPtr = ptr(dv, 16 + ptrSize)
    const readGoString = async (
      addr: number,
      what: string
    ): Promise<string> => {
      const h = await readAt(
        r,
        loc.regions,
        addr,
        2 * ptrSize,
        `${what} header`
      )
      const hv = new DataView(h.buffer, h.byteOffset, h.byteLength)
      const data = ptr(hv, 0)
      const len = ptr(hv, ptrSize)
      if (len > MAX_STRING) {
        throw new BinaryFormatError(
          what,
          addr,
          `length ${len} exceeds ${MAX_STRING}`
        )
      }
      const b = await readAt(r, loc.regions, data, len, what)
      return Buffer.from(b).toString('utf8')
    }
    version = await readGoString(versPtr, 'Go version string')
    mod = await readGoString(modPtr, 'Go module info')
  }
  if (!version) {
    throw new BinaryFormatError('Go version string', headerAddr, 'is empty')
  }
  // Strip the 16-byte sentinels around the module info.
  if (mod.length >= 33 && mod[mod.length - 17] === '\n') {
    mod = mod.slice(16, mod.length - 16)
  } else {
    mod = ''
  }
  return { ...parseModInfo(mod), goVersion: version, format }
}

function safe(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v)
}

/** Finds the 16-byte-aligned magic in the first `SEARCH_LIMIT` bytes of the data. */
async function searchMagic(r: Reader, loc: DataLocation): Promise<number> {
  const start = loc.relative ? loc.start : Math.ceil(loc.start / ALIGN) * ALIGN
  const end = loc.start + Math.min(loc.size, SEARCH_LIMIT)
  for (let addr = start; addr < end; addr += CHUNK) {
    const want = Math.min(CHUNK, end - addr)
    const region = regionOf(loc.regions, addr)
    if (!region) break
    const off = region.offset + (addr - region.addr)
    const avail = Math.min(want, region.size - (addr - region.addr))
    const v = await r.readUpTo('Go build info search', off, avail)
    for (let i = 0; i + BUILDINFO_MAGIC.length <= v.length; i += ALIGN) {
      if (
        Buffer.from(v.bytes.subarray(i, i + BUILDINFO_MAGIC.length)).equals(
          BUILDINFO_MAGIC
        )
      ) {
        return addr + i
      }
    }
    if (v.length < want) break
  }
  throw new BinaryFormatError(
    'Go build info',
    loc.start,
    `no "\\xff Go buildinf:" header in the first ${Math.min(loc.size, SEARCH_LIMIT)} bytes of data: not a Go binary, or a damaged one`
  )
}

function regionOf(regions: Region[], addr: number): Region | undefined {
  return regions.find((g) => addr >= g.addr && addr < g.addr + g.size)
}

/** Reads exactly `n` bytes at virtual address `addr` (within one region). */
async function readAt(
  r: Reader,
  regions: Region[],
  addr: number,
  n: number,
  what: string
): Promise<Uint8Array> {
  const g = regionOf(regions, addr)
  if (!g) {
    throw new BinaryFormatError(
      what,
      addr,
      'address is not mapped by any segment'
    )
  }
  if (addr + n > g.addr + g.size) {
    throw new BinaryFormatError(
      what,
      addr,
      `${n} bytes run past the end of the segment`
    )
  }
  const v = await r.read(what, g.offset + (addr - g.addr), n)
  return v.bytes
}

async function decodeString(
  r: Reader,
  regions: Region[],
  addr: number,
  what: string
): Promise<{ value: string; next: number }> {
  const g = regionOf(regions, addr)
  if (!g)
    throw new BinaryFormatError(
      what,
      addr,
      'address is not mapped by any segment'
    )
  const room = g.addr + g.size - addr
  const head = await r.readUpTo(
    what,
    g.offset + (addr - g.addr),
    Math.min(10, room)
  )
  let len = 0
  let n = 0
  let mul = 1
  for (;;) {
    if (n >= head.length || n >= 8) {
      throw new BinaryFormatError(
        what,
        addr,
        'length varint is truncated or too long'
      )
    }
    const b = head.u8(n++)
    len += (b & 0x7f) * mul
    mul *= 128
    if ((b & 0x80) === 0) break
  }
  if (len > MAX_STRING) {
    throw new BinaryFormatError(
      what,
      addr,
      `length ${len} exceeds ${MAX_STRING}`
    )
  }
  const bytes = await readAt(r, regions, addr + n, len, what)
  return { value: Buffer.from(bytes).toString('utf8'), next: addr + n + len }
}

/** Parses module info text (`path`, `mod`, `dep`, `=>`, `build` lines). */
export function parseModInfo(
  text: string
): Omit<BuildInfo, 'goVersion' | 'format'> {
  const info: Omit<BuildInfo, 'goVersion' | 'format'> = {
    path: '',
    mod: undefined,
    deps: [],
    modules: [],
    settings: []
  }
  // The module a `=>` line replaces: the `dep` just before it, as in Go.
  let last: Module | undefined
  const lines = text.split('\n').slice(0, MAX_LINES)
  for (const line of lines) {
    const tab = line.indexOf('\t')
    if (tab < 0) continue
    const key = line.slice(0, tab)
    const rest = line.slice(tab + 1)
    const f = rest.split('\t')
    switch (key) {
      case 'path':
        info.path = rest
        break
      case 'mod':
        info.mod = { path: f[0] ?? '', version: f[1] ?? '', sum: f[2] ?? '' }
        last = undefined
        break
      case 'dep':
        info.deps.push(`${f[0] ?? ''}@${f[1] ?? ''}`)
        last = { path: f[0] ?? '', version: f[1] ?? '', sum: f[2] ?? '' }
        info.modules.push(last)
        break
      case '=>':
        if (last) {
          last.replace = {
            path: f[0] ?? '',
            version: f[1] ?? '',
            sum: f[2] ?? ''
          }
        }
        last = undefined
        break
      case 'build': {
        const kv = splitSetting(rest)
        if (kv) info.settings.push(kv)
        break
      }
    }
  }
  return info
}

/** Splits `key=value`, either part possibly Go-quoted. */
function splitSetting(s: string): [string, string] | undefined {
  let key: string
  let rest: string
  if (s.startsWith('"')) {
    const q = readQuoted(s, 0)
    if (!q) return undefined
    key = q.value
    rest = s.slice(q.end)
    if (!rest.startsWith('=')) return undefined
    rest = rest.slice(1)
  } else {
    const eq = s.indexOf('=')
    if (eq < 0) return undefined
    key = s.slice(0, eq)
    rest = s.slice(eq + 1)
  }
  if (rest.startsWith('"')) {
    const q = readQuoted(rest, 0)
    if (q && q.end === rest.length) return [key, q.value]
  }
  return [key, rest]
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'"
}

/** Reads a Go double-quoted string literal starting at `at`. */
export function readQuoted(
  s: string,
  at: number
): { value: string; end: number } | undefined {
  if (s[at] !== '"') return undefined
  const bytes: number[] = []
  let i = at + 1
  const pushString = (t: string): void => {
    for (const b of Buffer.from(t, 'utf8')) bytes.push(b)
  }
  while (i < s.length) {
    const c = s[i]
    if (c === '"')
      return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 }
    if (c !== '\\') {
      const cp = s.codePointAt(i) ?? 0
      const ch = String.fromCodePoint(cp)
      pushString(ch)
      i += ch.length
      continue
    }
    const e = s[i + 1]
    if (e === undefined) return undefined
    if (e in SIMPLE_ESCAPES) {
      pushString(SIMPLE_ESCAPES[e])
      i += 2
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const hex = s.slice(i + 2, i + 2 + n)
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) return undefined
      const v = Number.parseInt(hex, 16)
      if (e === 'x') bytes.push(v)
      else if (v <= 0x10ffff) pushString(String.fromCodePoint(v))
      else return undefined
      i += 2 + n
    } else if (/[0-7]/.test(e)) {
      const oct = s.slice(i + 1, i + 4)
      if (!/^[0-7]{3}$/.test(oct)) return undefined
      bytes.push(Number.parseInt(oct, 8) & 0xff)
      i += 4
    } else {
      return undefined
    }
  }
  return undefined
}

/** The value of build setting `key`, or undefined. */
export function setting(
  info: BuildInfo | undefined,
  key: string
): string | undefined {
  return info?.settings.find(([k]) => k === key)?.[1]
}

/** cmd/go's modload.infoStart and infoEnd: the sentinels around module info. */
const INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex')
const INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex')
/** How much of a wasm data section we scan for the framed module info. */
export const FRAMED_SCAN_LIMIT = 8 << 20

/**
 * Finds module info framed by its sentinels in a file range (wasm, which has
 * no build info header), and the Go version string near it.
 */
export async function readFramedBuildInfo(
  r: Reader,
  range: { offset: number; size: number }
): Promise<BuildInfo> {
  const end = range.offset + Math.min(range.size, FRAMED_SCAN_LIMIT)
  const overlap = 64
  let version = ''
  for (let at = range.offset; at < end; at += CHUNK - overlap) {
    const v = await r.readUpTo(
      'Go module info search',
      at,
      Math.min(CHUNK, end - at)
    )
    const buf = Buffer.from(v.bytes)
    if (!version) {
      const m =
        /go1\.[0-9]+(?:\.[0-9]+|rc[0-9]+|beta[0-9]+)?(?:[^0-9a-z.]|$)/.exec(
          buf.toString('latin1')
        )
      if (m) version = m[0].replace(/[^0-9a-z.]$/, '')
    }
    const i = buf.indexOf(INFO_START)
    if (i >= 0) {
      const rest = await r.readUpTo('Go module info', at + i, 65536)
      const text = Buffer.from(rest.bytes)
      const j = text.indexOf(INFO_END, INFO_START.length)
      if (j < 0) {
        throw new BinaryFormatError(
          'Go module info',
          at + i,
          'has no end sentinel within 64 KiB'
        )
      }
      if (!version) {
        throw new BinaryFormatError(
          'Go version string',
          range.offset,
          'not found before the module info'
        )
      }
      const mod = text.subarray(INFO_START.length, j).toString('utf8')
      return { ...parseModInfo(mod), goVersion: version, format: 'framed' }
    }
    if (v.length < Math.min(CHUNK, end - at)) break
  }
  throw new BinaryFormatError(
    'Go module info',
    range.offset,
    `no framed module info in the first ${Math.min(range.size, FRAMED_SCAN_LIMIT)} bytes of data`
  )
}
