/**
 * The bundle's start-up path must not load the artifact client (about a
 * second of a warm run): it is imported only when something is uploaded.
 * Runs `node dist/index.js` with an invalid input under a loader hook that
 * records every module URL loaded, and checks that none of the files loaded
 * before the input error holds the client.
 */
import { spawnSync } from 'node:child_process'
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ROOT } from './support/action.js'

/** A class only the artifact client's code defines. */
const MARKER = 'DefaultArtifactClient'

describe('the bundle at start-up', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'startup-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('does not load @actions/artifact before an input error', () => {
    const dist = path.join(ROOT, 'dist')
    // The marker is real: some file of the bundle holds the client.
    expect(
      readdirSync(dist).some(
        (f) =>
          f.endsWith('.js') &&
          readFileSync(path.join(dist, f), 'utf8').includes(MARKER)
      )
    ).toBe(true)

    const log = path.join(dir, 'loaded.txt')
    writeFileSync(log, '')
    const hooks = path.join(dir, 'hooks.mjs')
    writeFileSync(
      hooks,
      [
        "import { appendFileSync } from 'node:fs'",
        'export async function load(url, context, next) {',
        `  appendFileSync(${JSON.stringify(log)}, url + '\\n')`,
        '  return next(url, context)',
        '}'
      ].join('\n')
    )
    const register = path.join(dir, 'register.mjs')
    writeFileSync(
      register,
      `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`
    )
    const env: Record<string, string> = {}
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !k.startsWith('INPUT_') && k !== 'NODE_OPTIONS')
        env[k] = v
    env.INPUT_PARALLEL = '0'
    env.GITHUB_OUTPUT = path.join(dir, 'output')
    writeFileSync(env.GITHUB_OUTPUT, '')
    const run = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(register).href, path.join(dist, 'index.js')],
      { cwd: dir, env, encoding: 'utf8' }
    )
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/::error::parallel: "0" is not a whole number/)

    const files = readFileSync(log, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith('file:'))
      .map((u) => fileURLToPath(u))
    expect(files).toContain(path.join(dist, 'index.js'))
    const withClient = files.filter(
      (f) => f.startsWith(dist) && readFileSync(f, 'utf8').includes(MARKER)
    )
    expect(withClient).toEqual([])
  })
})
