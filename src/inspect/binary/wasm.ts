/**
 * WebAssembly reader: the module header, the section list, import module
 * names and custom section names. Go's wasm port keeps no build info header;
 * its module info sits framed by sentinels in the data section, which
 * `readFramedBuildInfo` finds.
 */
import {
  BinaryFormatError,
  checkCount,
  type Reader,
  type View
} from './reader.js'
import type { ContainerInfo } from './types.js'

const SECTION_CUSTOM = 0
const SECTION_IMPORT = 2
const SECTION_DATA = 11
const MAX_SECTIONS = 64
const MAX_IMPORTS = 4096
/** Import section bytes we are willing to read. */
const MAX_IMPORT_SECTION = 1 << 20

/** Reads an unsigned LEB128 at `at` (at most 5 bytes: a u32). */
function uleb(v: View, at: number): { value: number; next: number } {
  let value = 0
  let mul = 1
  for (let i = 0; i < 5; i++) {
    const b = v.u8(at + i)
    value += (b & 0x7f) * mul
    mul *= 128
    if ((b & 0x80) === 0) return { value, next: at + i + 1 }
  }
  throw new BinaryFormatError(
    v.structure,
    v.base + at,
    'LEB128 value is longer than 5 bytes'
  )
}

/** Reads a WebAssembly module. */
export async function readWasm(r: Reader): Promise<ContainerInfo> {
  const h = await r.read('WebAssembly header', 0, 8)
  const version = h.u32(4)
  const importModules: string[] = []
  const customSections: string[] = []
  let data: { offset: number; size: number } | undefined
  let at = 8
  let count = 0
  while (at < r.size) {
    checkCount('WebAssembly sections', at, ++count, MAX_SECTIONS)
    const sh = await r.readUpTo('WebAssembly section header', at, 6)
    const id = sh.u8(0)
    const { value: size, next } = uleb(sh, 1)
    const body = at + next
    if (body + size > r.size) {
      throw new BinaryFormatError(
        'WebAssembly section',
        at,
        `size ${size} runs past the end of the file`
      )
    }
    if (id === SECTION_CUSTOM) {
      const v = await r.read(
        'WebAssembly custom section name',
        body,
        Math.min(size, 260)
      )
      const n = uleb(v, 0)
      customSections.push(
        Buffer.from(v.slice(n.next, n.value)).toString('utf8')
      )
    } else if (id === SECTION_IMPORT) {
      if (size > MAX_IMPORT_SECTION) {
        throw new BinaryFormatError(
          'WebAssembly import section',
          at,
          `size ${size} exceeds ${MAX_IMPORT_SECTION}`
        )
      }
      const v = await r.read('WebAssembly import section', body, size)
      const n = uleb(v, 0)
      checkCount('WebAssembly imports', body, n.value, MAX_IMPORTS)
      let p = n.next
      for (let i = 0; i < n.value; i++) {
        const ml = uleb(v, p)
        const mod = Buffer.from(v.slice(ml.next, ml.value)).toString('utf8')
        const fl = uleb(v, ml.next + ml.value)
        p = fl.next + fl.value
        const kind = v.u8(p++)
        if (kind === 0) p = uleb(v, p).next
        else if (kind === 1) p = limits(v, p + 1)
        else if (kind === 2) p = limits(v, p)
        else if (kind === 3) p += 2
        else
          throw new BinaryFormatError(
            'WebAssembly import',
            body + p,
            `kind ${kind} is unknown`
          )
        if (!importModules.includes(mod)) importModules.push(mod)
      }
    } else if (id === SECTION_DATA) {
      data = { offset: body, size }
    }
    at = body + size
  }
  const os = importModules.includes('gojs')
    ? 'js'
    : importModules.some((m) => m.startsWith('wasi_'))
      ? 'wasip1'
      : undefined
  return {
    container: 'wasm',
    bits: 32,
    byteOrder: 'little',
    arch: 'wasm',
    machine: 'WebAssembly',
    kind: 'executable',
    interpreter: undefined,
    libraries: [],
    staticallyLinked: true,
    symbols: customSections.includes('name'),
    dwarf: customSections.some((n) => n.startsWith('.debug_')),
    os,
    data: undefined,
    framedData: data,
    wasm: { version, importModules, customSections }
  }
}

function limits(v: View, p: number): number {
  const flag = v.u8(p)
  let q = uleb(v, p + 1).next
  if (flag & 1) q = uleb(v, q).next
  return q
}
