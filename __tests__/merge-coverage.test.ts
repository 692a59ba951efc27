/**
 * The merge's pure decisions: which planned targets arrived exactly once,
 * what a manifest from another job may contain, and the release SHA256SUMS
 * checked with sha256sum -c.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { MANIFEST_SCHEMA, parseManifest, type Manifest, type ManifestEntry } from '../src/merge/manifest.js'
import { coverage, releaseChecksums } from '../src/merge/merge.js'
import { makeTarget } from '../src/plan/targets.js'

const HEX = 'a'.repeat(64)
const entry = (target: string, pkg = 'hello'): ManifestEntry => ({
  target,
  package: pkg,
  file: `${pkg}-${target.replace(/\//g, '-')}`,
  sha256: HEX,
  release: `${pkg}-${target.replace(/\//g, '-')}.tar.gz`,
  releaseSha256: HEX,
  artifact: `${pkg}-${target.replace(/\//g, '-')}`,
  verified: true,
  format: 'ELF'
})
const leg = (name: string, ...entries: ManifestEntry[]): Manifest => ({
  schema: MANIFEST_SCHEMA,
  leg: name,
  runner: 'Linux/X64',
  goVersion: 'go1.26.8',
  entries
})
const planned = [makeTarget('linux', 'amd64'), makeTarget('linux', 'arm', '7'), makeTarget('windows', 'amd64')]

describe('coverage', () => {
  it('takes each planned target once', () => {
    const c = coverage(planned, [leg('leg-1', entry('linux/amd64'), entry('linux/arm/7')), leg('leg-2', entry('windows/amd64'))])
    expect(c.problems).toEqual([])
    expect(c.delivered.map((d) => `${d.target}@${d.leg}`)).toEqual(['linux/amd64@leg-1', 'linux/arm/7@leg-1', 'windows/amd64@leg-2'])
  })

  it('names a missing, a doubled and an unplanned target', () => {
    const c = coverage(planned, [
      leg('leg-1', entry('linux/amd64'), entry('linux/arm64')),
      leg('leg-2', entry('linux/amd64'))
    ])
    expect(c.problems).toEqual([
      'linux/arm64: leg-1 delivered it, but it is not in the planned targets; check that the legs and the merge get the same targets line',
      "linux/amd64: delivered 2 times (leg-1, leg-2); a target must be in one leg only: use the plan's matrix for the legs' targets",
      "linux/arm/7: no leg delivered it; the leg that had it failed or did not run (see the plan's matrix)",
      "windows/amd64: no leg delivered it; the leg that had it failed or did not run (see the plan's matrix)"
    ])
    expect(c.missing).toEqual(['linux/arm/7', 'windows/amd64'])
  })

  it('expects every package for every target', () => {
    const c = coverage([planned[0]], [leg('leg-1', entry('linux/amd64', 'server'), entry('linux/amd64', 'cli'))])
    expect(c.problems).toEqual([])
    const half = coverage(planned.slice(0, 2), [leg('leg-1', entry('linux/amd64', 'server'), entry('linux/amd64', 'cli'), entry('linux/arm/7', 'cli'))])
    expect(half.problems).toEqual([expect.stringMatching(/^linux\/arm\/7 \(server\): no leg delivered it/)])
  })
})

describe('parseManifest', () => {
  const good = leg('leg-1', entry('linux/amd64'))
  it('reads what a leg writes', () => {
    expect(parseManifest(JSON.stringify(good), 'm')).toEqual(good)
  })
  it.each([
    ['not JSON', '{', /m: manifest.json is not JSON/],
    ['another schema', JSON.stringify({ ...good, schema: 'x@2' }), /has schema "x@2"/],
    ['a path in a file name', JSON.stringify({ ...good, entries: [{ ...entry('linux/amd64'), release: '../../etc/passwd' }] }), /entries\[0\]\.release is "\.\.\/\.\.\/etc\/passwd"/],
    ['a short sha256', JSON.stringify({ ...good, entries: [{ ...entry('linux/amd64'), sha256: 'abc' }] }), /entries\[0\]\.sha256/],
    ['a leg name with a slash', JSON.stringify({ ...good, leg: 'a/b' }), /\.leg is "a\/b"/],
    ['verified as a string', JSON.stringify({ ...good, entries: [{ ...entry('linux/amd64'), verified: 'yes' }] }), /verified is not true or false/]
  ])('refuses %s', (_, text, message) => {
    expect(() => parseManifest(text, 'm')).toThrow(message)
  })
})

describe('releaseChecksums', () => {
  it('is what sha256sum -c reads', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gcb-sums-'))
    try {
      writeFileSync(path.join(dir, 'b.zip'), 'bee')
      writeFileSync(path.join(dir, 'a.tar.gz'), 'ay')
      const sum = (s: string) => execFileSync('sha256sum', { input: s, encoding: 'utf8' }).split(' ')[0]
      writeFileSync(path.join(dir, 'SHA256SUMS'), releaseChecksums([{ name: 'b.zip', sha256: sum('bee') }, { name: 'a.tar.gz', sha256: sum('ay') }]))
      expect(execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })).toBe('a.tar.gz: OK\nb.zip: OK\n')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
