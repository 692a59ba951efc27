/**
 * removeStaleChecksums: what counts as a checksum file of an earlier run,
 * on a real directory. SHA256SUMS goes whatever it is (a symlink is removed
 * itself, never its target); a `.sha256` file goes only when it is a regular
 * file in the action's own one-line format naming its sibling.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { removeStaleChecksums } from '../src/package/stale.js'

const HEX = 'ab'.repeat(32)
let root: string
let dir: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'stale-'))
  dir = join(root, 'dist')
  mkdirSync(dir)
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('removeStaleChecksums', () => {
  it('removes SHA256SUMS and our sidecars, keeps everything else', async () => {
    const files: Record<string, string> = {
      SHA256SUMS: `${HEX}  tool.tar.gz\n`,
      'tool.tar.gz': 'archive',
      'tool.tar.gz.sha256': `${HEX}  tool.tar.gz\n`,
      'tool.zip.sha256': `${HEX}  tool.zip\n`,
      'tool.sha256': `${HEX}  tool\n${HEX}  tool.cdx.json\n`,
      'sbomfirst.sha256': `${HEX}  sbomfirst.cdx.json\n${HEX}  sbomfirst\n`,
      'other.sha256': `${HEX}  tool.zip\n`,
      'two.sha256': `${HEX}  two\n${HEX}  two\n`,
      'upper.sha256': `${HEX.toUpperCase()}  upper\n`,
      'notes.sha256': 'my notes\n',
      'big.sha256': 'x'.repeat(5000)
    }
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    expect(await removeStaleChecksums(dir)).toEqual([
      'SHA256SUMS',
      'tool.sha256',
      'tool.tar.gz.sha256',
      'tool.zip.sha256'
    ])
    expect(readdirSync(dir).sort()).toEqual([
      'big.sha256',
      'notes.sha256',
      'other.sha256',
      'sbomfirst.sha256',
      'tool.tar.gz',
      'two.sha256',
      'upper.sha256'
    ])
  })

  it('removes a symlink at SHA256SUMS itself and leaves what it points to', async () => {
    const victim = join(root, 'victim')
    writeFileSync(victim, 'victim\n')
    symlinkSync(victim, join(dir, 'SHA256SUMS'))
    // a link named like a sidecar is not read through, and not ours to remove
    writeFileSync(join(root, 'sidecar'), `${HEX}  a\n`)
    symlinkSync(join(root, 'sidecar'), join(dir, 'a.sha256'))
    expect(await removeStaleChecksums(dir)).toEqual(['SHA256SUMS'])
    expect(readFileSync(victim, 'utf8')).toBe('victim\n')
    expect(lstatSync(join(dir, 'a.sha256')).isSymbolicLink()).toBe(true)
  })

  it('leaves a directory named SHA256SUMS, and a missing output-dir is nothing to do', async () => {
    mkdirSync(join(dir, 'SHA256SUMS'))
    expect(await removeStaleChecksums(dir)).toEqual([])
    expect(await removeStaleChecksums(join(root, 'missing'))).toEqual([])
  })
})
