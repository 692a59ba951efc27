/**
 * The bundle's start-up path must not load the artifact client (about a
 * second of a warm run): it is imported only when something is uploaded.
 * Runs `node dist/index.js` with an invalid input under a loader hook that
 * records every module URL loaded, and checks that none of the files loaded
 * before the input error holds the client.
 *
 * And the plan starts before @actions/core is evaluated: the same hook,
 * with child_process.spawn recorded beside it, on a real build.
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
import { ROOT, binariesOf, runAction } from './support/action.js'

/** A class only the artifact client's code defines. */
const MARKER = 'DefaultArtifactClient'

/**
 * A `--import` module that records, in `log`, every module URL loaded
 * (`load <url>`) and every process spawned (`spawn <file> <args>`).
 */
function recorder(dir: string, log: string): string {
  const hooks = path.join(dir, 'hooks.mjs')
  writeFileSync(
    hooks,
    [
      "import { appendFileSync } from 'node:fs'",
      'export async function load(url, context, next) {',
      `  appendFileSync(${JSON.stringify(log)}, 'load ' + url + '\\n')`,
      '  return next(url, context)',
      '}'
    ].join('\n')
  )
  const register = path.join(dir, 'register.mjs')
  writeFileSync(
    register,
    [
      "import { register, syncBuiltinESMExports } from 'node:module'",
      "import { appendFileSync } from 'node:fs'",
      "import cp from 'node:child_process'",
      `register(${JSON.stringify(pathToFileURL(hooks).href)})`,
      'const spawn = cp.spawn',
      'cp.spawn = function (file, args, ...rest) {',
      `  appendFileSync(${JSON.stringify(log)}, 'spawn ' + [file, ...(Array.isArray(args) ? args : [])].join(' ') + '\\n')`,
      '  return spawn.call(this, file, args, ...rest)',
      '}',
      'syncBuiltinESMExports()'
    ].join('\n')
  )
  return register
}

describe('the bundle at start-up', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'startup-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('starts the plan before @actions/core is evaluated, and the adapter adopts it', async () => {
    const dist = path.join(ROOT, 'dist')
    // A class only @actions/core's code defines; the entry file must not hold it.
    const CORE = 'OidcClient'
    expect(readFileSync(path.join(dist, 'index.js'), 'utf8')).not.toContain(CORE)
    const log = path.join(dir, 'events.txt')
    writeFileSync(log, '')
    const out = path.join(dir, 'out')
    const run = await runAction(
      {
        'working-directory': path.join(ROOT, '__fixtures__', 'hello'),
        'output-dir': out,
        targets: 'linux/amd64',
        upload: 'none'
      },
      { NODE_OPTIONS: `--import ${pathToFileURL(recorder(dir, log)).href}` }
    )
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const [binary] = binariesOf(run)
    expect(binary.id).toBe('linux-amd64')
    expect(readFileSync(binary.path as string).subarray(0, 4)).toEqual(
      Buffer.from([0x7f, 0x45, 0x4c, 0x46])
    )

    const events = readFileSync(log, 'utf8').split('\n').filter(Boolean)
    const coreLoaded = events.findIndex(
      (e) =>
        e.startsWith('load file:') &&
        readFileSync(fileURLToPath(e.slice('load '.length)), 'utf8').includes(CORE)
    )
    expect(coreLoaded).toBeGreaterThan(0)
    const probes = ['version', 'env -json', 'tool dist list -json', 'list -e -find']
    for (const probe of probes) {
      const spawned = events.filter((e) => e.startsWith(`spawn go ${probe}`))
      // once: the adapter adopted the early plan instead of making its own
      expect(spawned).toHaveLength(1)
      expect(events.indexOf(spawned[0])).toBeLessThan(coreLoaded)
    }
  }, 60000)

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
    const register = recorder(dir, log)
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
      .filter((e) => e.startsWith('load file:'))
      .map((e) => fileURLToPath(e.slice('load '.length)))
    expect(files).toContain(path.join(dist, 'index.js'))
    const withClient = files.filter(
      (f) => f.startsWith(dist) && readFileSync(f, 'utf8').includes(MARKER)
    )
    expect(withClient).toEqual([])
  })
})
