/**
 * src/files.ts on a real file system: a symlink at the final name is
 * replaced, never followed; a name planted at the temp name is refused, not
 * written through; a failed or aborted write leaves nothing behind. The temp
 * name's randomness can be fixed (node:crypto's randomBytes is wrapped) so a
 * test can plant something exactly where the next temp file would go.
 */
import { jest } from '@jest/globals'
import * as realCrypto from 'node:crypto'
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'

/** When set, the next temp names use these bytes instead of random ones. */
let fixedBytes: Buffer | undefined
jest.unstable_mockModule('node:crypto', () => ({
  ...realCrypto,
  randomBytes: (n: number) => fixedBytes ?? realCrypto.randomBytes(n)
}))
const files = await import('../src/files.js')
const {
  copyFileAtomic,
  makeDirectory,
  openAtomic,
  tempPathFor,
  writeFileAtomic,
  writeFileAtomicSync,
  writeStreamAtomic
} = files

const OUTSIDE_TEXT = 'outside: must never change\n'
let root: string
/** The directory the action writes in. */
let dir: string
/** A file outside it that planted symlinks point at. */
let outside: string

beforeEach(async () => {
  fixedBytes = undefined
  root = await mkdtemp(join(tmpdir(), 'files-'))
  dir = join(root, 'out')
  await mkdir(dir)
  outside = join(root, 'outside.txt')
  await writeFile(outside, OUTSIDE_TEXT)
})
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => {})
  await rm(root, { recursive: true, force: true })
})

/** The file at `path` is a regular file (not a symlink) holding `text`. */
async function expectRegular(path: string, text: string): Promise<void> {
  expect((await lstat(path)).isFile()).toBe(true)
  expect(await readFile(path, 'utf8')).toBe(text)
}

async function expectOutsideUnchanged(): Promise<void> {
  expect(await readFile(outside, 'utf8')).toBe(OUTSIDE_TEXT)
}

/** Every way of writing one file, with what it writes. */
const writers: Array<[string, (dest: string) => Promise<void>, string]> = [
  ['writeFileAtomic', (dest) => writeFileAtomic(dest, 'new\n'), 'new\n'],
  ['writeFileAtomicSync', async (dest) => writeFileAtomicSync(dest, 'sync\n'), 'sync\n'],
  [
    'writeStreamAtomic',
    (dest) => writeStreamAtomic(dest, Readable.from(['str', 'eam\n'])),
    'stream\n'
  ],
  [
    'openAtomic',
    async (dest) => {
      const f = await openAtomic(dest)
      f.stream.write('opened\n')
      await f.commit()
    },
    'opened\n'
  ],
  [
    'copyFileAtomic',
    async (dest) => {
      const source = join(root, 'source')
      await writeFile(source, 'copied\n')
      await copyFileAtomic(source, dest)
    },
    'copied\n'
  ]
]

describe.each(writers)('%s', (_, write, content) => {
  it('writes a new file and leaves no temp file', async () => {
    await write(join(dir, 'a'))
    await expectRegular(join(dir, 'a'), content)
    expect(await readdir(dir)).toEqual(['a'])
  })

  it('replaces an existing file', async () => {
    await writeFile(join(dir, 'a'), 'old')
    await write(join(dir, 'a'))
    await expectRegular(join(dir, 'a'), content)
  })

  it('replaces a symlink at the final name, never the file it points to', async () => {
    await symlink(outside, join(dir, 'a'))
    await write(join(dir, 'a'))
    await expectOutsideUnchanged()
    await expectRegular(join(dir, 'a'), content)
    expect(await readdir(dir)).toEqual(['a'])
  })

  it('replaces a dangling symlink without creating its target', async () => {
    const target = join(root, 'created-through-link')
    await symlink(target, join(dir, 'a'))
    await write(join(dir, 'a'))
    await expect(lstat(target)).rejects.toThrow(/ENOENT/)
    await expectRegular(join(dir, 'a'), content)
  })

  it('refuses a symlink planted at its temp name and writes nothing through it', async () => {
    fixedBytes = Buffer.alloc(16, 0xab)
    const planted = tempPathFor(join(dir, 'a'))
    await symlink(outside, planted)
    await expect(write(join(dir, 'a'))).rejects.toThrow(
      /could not write .*\/out\/a: EEXIST/
    )
    await expectOutsideUnchanged()
    // the planted link is left as it was, and the final name was not made
    expect((await lstat(planted)).isSymbolicLink()).toBe(true)
    expect(await readdir(dir)).toEqual([planted.slice(dir.length + 1)])
  })

  it('fails naming the file, and leaves nothing, when the directory is not writable', async () => {
    if (process.getuid?.() === 0) {
      // root writes anyway; a read-only directory proves nothing here: use a missing one
      await expect(write(join(dir, 'missing', 'a'))).rejects.toThrow(
        /could not write .*\/missing\/a: ENOENT.*check that/
      )
      return
    }
    await chmod(dir, 0o555)
    await expect(write(join(dir, 'a'))).rejects.toThrow(/could not write .*\/out\/a: EACCES/)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('temp names', () => {
  it('are hidden, in the same directory, unguessable and bounded in length', () => {
    const long = 'x'.repeat(250)
    const a = tempPathFor(join(dir, long))
    const b = tempPathFor(join(dir, long))
    expect(a).not.toBe(b)
    expect(a.startsWith(join(dir, '.x'))).toBe(true)
    expect(a).toMatch(/\.tmp-[0-9a-f]{32}$/)
    expect(a.slice(dir.length + 1).length).toBeLessThan(120)
  })
})

describe('failed and aborted writes', () => {
  it('abort() leaves neither a temp file nor the final name', async () => {
    const f = await openAtomic(join(dir, 'a'))
    f.stream.write('half')
    await f.abort()
    await f.abort()
    expect(await readdir(dir)).toEqual([])
  })

  it('abort() keeps an existing file as it was', async () => {
    await writeFile(join(dir, 'a'), 'old')
    const f = await openAtomic(join(dir, 'a'))
    f.stream.write('half')
    await f.abort()
    expect(await readdir(dir)).toEqual(['a'])
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('old')
  })

  it('a source that fails part-way leaves the old file and no temp', async () => {
    await writeFile(join(dir, 'a'), 'old')
    async function* failing(): AsyncGenerator<string> {
      yield 'first part'
      throw new Error('source broke')
    }
    await expect(writeStreamAtomic(join(dir, 'a'), failing())).rejects.toThrow(
      /could not write .*\/out\/a: source broke/
    )
    expect(await readdir(dir)).toEqual(['a'])
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('old')
  })

  it('a copy of a missing file leaves nothing', async () => {
    await expect(copyFileAtomic(join(root, 'nope'), join(dir, 'a'))).rejects.toThrow(
      /could not write .*\/out\/a: ENOENT/
    )
    expect(await readdir(dir)).toEqual([])
  })

  it('the error keeps its cause', async () => {
    const error = await writeFileAtomic(join(dir, 'no', 'a'), 'x').catch((e: Error) => e)
    expect((error as Error & { cause: NodeJS.ErrnoException }).cause.code).toBe('ENOENT')
  })
})

describe('modes', () => {
  it('a copy keeps the executable bit', async () => {
    const source = join(root, 'tool')
    await writeFile(source, 'bin')
    await chmod(source, 0o755)
    await copyFileAtomic(source, join(dir, 'tool'))
    expect((await stat(join(dir, 'tool'))).mode & 0o111).toBe(0o111)
  })

  it('a written file gets the mode asked for, and no more', async () => {
    await writeFileAtomic(join(dir, 'sums'), 'x', 0o600)
    expect((await stat(join(dir, 'sums'))).mode & 0o777).toBe(0o600)
  })
})

describe('makeDirectory', () => {
  it('creates missing parents', async () => {
    await makeDirectory(join(dir, 'a', 'b', 'c'))
    expect((await stat(join(dir, 'a', 'b', 'c'))).isDirectory()).toBe(true)
    await makeDirectory(join(dir, 'a', 'b', 'c'))
  })

  it('refuses a dangling symlink where the directory would be, creating nothing through it', async () => {
    const target = join(root, 'elsewhere')
    await symlink(target, join(dir, 'a'))
    await expect(makeDirectory(join(dir, 'a'))).rejects.toThrow(
      /output-dir: .*\/out\/a is a symlink to nowhere .*does not create directories through symlinks/
    )
    await expect(makeDirectory(join(dir, 'a', 'b'), 'x')).rejects.toThrow(/^x: /)
    await expect(lstat(target)).rejects.toThrow(/ENOENT/)
  })

  it('refuses a file where a directory would be, naming the input', async () => {
    await writeFile(join(dir, 'f'), '')
    await expect(makeDirectory(join(dir, 'f'))).rejects.toThrow(
      /output-dir: .*\/out\/f is not a directory; remove it or choose another output-dir/
    )
    await expect(makeDirectory(join(dir, 'f', 'g'))).rejects.toThrow(
      /output-dir: could not create the directory .*\/out\/f\/g: ENOTDIR/
    )
  })
})
