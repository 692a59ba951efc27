/**
 * dist/ must be exactly the bundle of src/: users run dist/index.js, not the
 * sources. Bundles src/ afresh with the same ncc command as `npm run bundle`
 * into a temporary directory and compares every file, both ways, so a stale,
 * missing or extra (untracked) file in dist/ fails.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { ROOT } from './support/action.js'

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

describe('dist/', () => {
  it('is byte for byte the ncc bundles of src/ (action, CLI, plan and merge sub-actions)', () => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'dist-check-'))
    const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
      .scripts as Record<string, string>
    // The same ncc commands as `npm run bundle` (its own and those of the
    // scripts it runs), with the output redirected.
    const commands = scripts.bundle
      .split(' && ')
      .map((part) => part.replace(/^npm run (\S+)$/, (_, name: string) => scripts[name]))
    expect(commands.map((c) => c.split(' ')[c.split(' ').indexOf('-o') + 1])).toEqual(['dist', 'dist/cli', 'dist/plan', 'dist/merge'])
    for (const command of commands) {
      const args = command.split(' ')
      expect(args.slice(0, 2)).toEqual(['ncc', 'build'])
      const outIndex = args.indexOf('-o')
      args[outIndex + 1] = path.join(fresh, path.relative('dist', args[outIndex + 1]))
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'ncc'), args.slice(1), {
        cwd: ROOT,
        stdio: 'pipe'
      })
    }
    const expected = filesUnder(fresh)
    expect(filesUnder(path.join(ROOT, 'dist'))).toEqual(expected)
    const stale = expected.filter(
      (f) => !readFileSync(path.join(fresh, f)).equals(readFileSync(path.join(ROOT, 'dist', f)))
    )
    expect(stale).toEqual([])
  })

  it('is an ES module bundle that runs under node', () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, 'dist', 'package.json'), 'utf8'))).toEqual({
      type: 'module'
    })
    const action = readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
    expect(action).toMatch(/using: 'node24'/)
    expect(action).toMatch(/main: 'dist\/index\.js'/)
  })
})
