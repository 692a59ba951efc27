/**
 * The trust boundary around child processes, with real processes: a fake
 * `go` (a Node script that answers the toolchain probes by forwarding them to
 * the real go, and misbehaves on `go build`) shows that children inherit no
 * runner credentials or inputs, that a hanging build is killed with its whole
 * process tree, that a flood of output is capped, and that cancelling the
 * action or the CLI (SIGTERM, SIGINT) kills what it started.
 */
import { execFileSync, spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { buildAll } from '../src/build/build.js'
import { WITHHELD_VARIABLES } from '../src/plan/environment.js'
import { getInputs } from '../src/inputs/inputs.js'
import { makePlan } from '../src/plan/plan.js'
import { CappedOutput, liveProcessCount, runProcess } from '../src/process.js'
import { hostPlatform, smokeTest } from '../src/inspect/smoke.js'
import { makeTarget } from '../src/plan/targets.js'
import { ROOT } from './support/action.js'

const posix = process.platform !== 'win32'
const REAL_GO = execFileSync(posix ? 'which' : 'where', ['go'], {
  encoding: 'utf8'
})
  .split(/\r?\n/)[0]
  .trim()
const HELLO = path.join(ROOT, '__fixtures__', 'hello')
const host = hostPlatform()
const HOST_TARGET = `${host.goos}/${host.goarch}`

/** The runner's secrets, as a runner sets them. */
const RUNNER_SECRETS: Record<string, string> = {
  ACTIONS_RUNTIME_TOKEN: 'leak-runtime-token',
  ACTIONS_RUNTIME_URL: 'https://leak.example/runtime',
  ACTIONS_RESULTS_URL: 'https://leak.example/results',
  ACTIONS_CACHE_URL: 'https://leak.example/cache',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'leak-oidc-token',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://leak.example/oidc',
  GITHUB_TOKEN: 'leak-github-token',
  INPUT_TARGETS: HOST_TARGET,
  INPUT_SOME_SECRET_INPUT: 'leak-input'
}

/**
 * Write an executable fake go into a fresh directory. Every invocation
 * appends its environment to `envs.jsonl`; everything but `go build` goes to
 * the real go. `go build` does what `build` says:
 *
 * - forward: records, then the real go build
 * - hang: writes a partial binary at its -o path, starts a grandchild in its
 *   process group, records both pids, ignores SIGTERM and sleeps forever
 * - flood: writes 100 MB to stdout and exits 1
 */
function fakeGo(build: 'forward' | 'hang' | 'flood'): {
  go: string
  dir: string
  envs: () => Record<string, string>[]
  pids: () => { go: number; grandchild: number } | undefined
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-go-'))
  const go = path.join(dir, 'go')
  const script = `#!/usr/bin/env node
const { spawn, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const dir = ${JSON.stringify(dir)}
const args = process.argv.slice(2)
fs.appendFileSync(dir + '/envs.jsonl', JSON.stringify(process.env) + '\\n')
const mode = ${JSON.stringify(build)}
if (args[0] !== 'build' || mode === 'forward') {
  const r = spawnSync(${JSON.stringify(REAL_GO)}, args, { stdio: 'inherit' })
  process.exit(r.status === null ? 1 : r.status)
}
if (mode === 'hang') {
  process.on('SIGTERM', () => {})
  const out = args[args.indexOf('-o') + 1]
  fs.writeFileSync(out, 'partial binary')
  const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  fs.writeFileSync(dir + '/pids.json', JSON.stringify({ go: process.pid, grandchild: child.pid }))
  setInterval(() => {}, 1000)
} else {
  const chunk = Buffer.alloc(1 << 20, 'x\\n')
  let left = 100
  const write = () => {
    while (left > 0) {
      left--
      if (!process.stdout.write(chunk)) return process.stdout.once('drain', write)
    }
    process.exitCode = 1
  }
  write()
}
`
  writeFileSync(go, script)
  chmodSync(go, 0o755)
  return {
    go,
    dir,
    envs: () =>
      readFileSync(path.join(dir, 'envs.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, string>),
    pids: () =>
      existsSync(path.join(dir, 'pids.json'))
        ? (JSON.parse(readFileSync(path.join(dir, 'pids.json'), 'utf8')) as {
            go: number
            grandchild: number
          })
        : undefined
  }
}

/** Whether a process still runs (a zombie waiting to be reaped does not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return true
  }
}

/**
 * Whether any live process (zombies aside) is in the process group `pgid`,
 * read from /proc where there is one.
 */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch {
    return false
  }
  if (!existsSync('/proc/self/stat')) return true
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue
    }
    // pid (comm) state ppid pgrp ...
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(pgrp) === pgid && state !== 'Z') return true
  }
  return false
}

/** Wait until `ok` holds, polling, or fail after `ms`. */
async function waitFor(ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Plan with the action's own functions, from inputs as a runner gives them. */
async function plan(
  go: string,
  inputs: Record<string, string>,
  inherited: NodeJS.ProcessEnv = process.env
): Promise<Awaited<ReturnType<typeof makePlan>>> {
  const values: Record<string, string> = {
    go,
    'working-directory': HELLO,
    targets: HOST_TARGET,
    'output-dir': mkdtempSync(path.join(tmpdir(), 'gcb-sec-out-')),
    upload: 'none',
    ...inputs
  }
  return makePlan(
    getInputs((name) => values[name]),
    inherited
  )
}

const describePosix = posix ? describe : describe.skip

describePosix('least privilege: what a child inherits', () => {
  it('go gets no runner credentials or INPUT_* variables, but what env passes on', async () => {
    const fake = fakeGo('forward')
    const p = await plan(
      fake.go,
      {
        env: 'MY_SETTING=passed-on-purpose\nACTIONS_ID_TOKEN_REQUEST_URL=chosen-by-user'
      },
      { ...process.env, ...RUNNER_SECRETS }
    )
    const builds = await buildAll(p.build)
    expect(builds.map((b) => b.status)).toEqual(['built'])
    const envs = fake.envs()
    // the probes (version, env, dist list, list) and the build
    expect(envs.length).toBeGreaterThanOrEqual(5)
    for (const env of envs) {
      expect(env.MY_SETTING).toBe('passed-on-purpose')
      expect(env.ACTIONS_ID_TOKEN_REQUEST_URL).toBe('chosen-by-user')
      const leaked = Object.keys(env).filter(
        (k) =>
          k.toUpperCase().startsWith('INPUT_') ||
          (WITHHELD_VARIABLES.includes(k) &&
            k !== 'ACTIONS_ID_TOKEN_REQUEST_URL')
      )
      expect(leaked).toEqual([])
      expect(Object.values(env).join('\n')).not.toMatch(/leak/)
    }
    expect(p.withheld).toEqual(
      Object.keys(RUNNER_SECRETS)
        .filter((k) => k !== 'ACTIONS_ID_TOKEN_REQUEST_URL')
        .sort()
    )
  })

  it('a smoke-tested binary gets no runner credentials either', async () => {
    const fake = fakeGo('forward')
    const saved = { ...process.env }
    Object.assign(process.env, RUNNER_SECRETS)
    try {
      const r = await smokeTest(
        makeTarget(host.goos, host.goarch, ''),
        fake.go,
        ['version']
      )
      expect(r.status).toBe('passed')
    } finally {
      for (const k of Object.keys(RUNNER_SECRETS)) delete process.env[k]
      Object.assign(process.env, saved)
    }
    const [env] = fake.envs()
    expect(Object.keys(env).filter((k) => k in RUNNER_SECRETS)).toEqual([])
  })
})

describePosix('bounded time: build-timeout', () => {
  it('kills a hanging go build with its whole tree and fails the target naming the limit', async () => {
    const fake = fakeGo('hang')
    const p = await plan(fake.go, { 'build-timeout': '2s' })
    expect(p.build.timeoutMs).toBe(2000)
    const started = Date.now()
    const builds = await buildAll(p.build)
    const elapsed = Date.now() - started
    // 2 s limit, 2 s grace for SIGTERM (ignored), then SIGKILL
    expect(elapsed).toBeGreaterThanOrEqual(2000)
    expect(elapsed).toBeLessThan(15_000)
    expect(builds).toHaveLength(1)
    expect(builds[0].status).toBe('failed')
    expect(builds[0].error).toMatch(
      /stopped after 2s, the build-timeout limit .*raise build-timeout/
    )
    const pids = fake.pids()!
    expect(pids).toBeDefined()
    await waitFor(() => !alive(pids.go) && !alive(pids.grandchild), 3000)
    expect(groupExists(pids.go)).toBe(false)
    expect(existsSync(builds[0].path)).toBe(false)
    expect(liveProcessCount()).toBe(0)
  })

  it('kills a grandchild that outlives its parent (runProcess, no timeout)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gcb-orphan-'))
    const pidFile = path.join(dir, 'pid')
    const r = await runProcess(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); c.unref()`
      ],
      { cwd: dir, env: { PATH: process.env.PATH ?? '' } }
    )
    expect(r.exitCode).toBe(0)
    const pid = Number(readFileSync(pidFile, 'utf8'))
    await waitFor(() => !alive(pid), 3000)
  })
})

describe('bounded output', () => {
  it('keeps head and tail of a stream and says how much it left out', () => {
    const out = new CappedOutput(10)
    out.push(Buffer.from('abcdefghij'))
    out.push(Buffer.from('klmnopqrstuvwxyz'))
    expect(out.toString()).toBe('abcde\n[... 16 bytes left out ...]\nvwxyz')
    const small = new CappedOutput(10)
    small.push(Buffer.from('abc'))
    expect(small.toString()).toBe('abc')
  })

  const itPosix = posix ? it : it.skip
  itPosix('caps a go build that floods 100 MB, in flat memory', async () => {
    const fake = fakeGo('flood')
    const p = await plan(fake.go, {})
    global.gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 20)
    let builds
    try {
      builds = await buildAll(p.build)
    } finally {
      clearInterval(sampler)
    }
    expect(builds[0].status).toBe('failed')
    const output = builds[0].output
    expect(Buffer.byteLength(output)).toBeLessThan(3 << 20)
    const m = /\[\.\.\. (\d+) bytes left out \.\.\.\]/.exec(output)
    expect(m).not.toBeNull()
    expect(Number(m![1])).toBeGreaterThan(95 << 20)
    expect(peak - before).toBeLessThan(60 << 20)
  })
})

describePosix('cancellation: a signal to the action or the CLI', () => {
  it.each<['action' | 'CLI', NodeJS.Signals, number]>([
    ['action', 'SIGTERM', 143],
    ['CLI', 'SIGTERM', 143],
    ['CLI', 'SIGINT', 130]
  ])('%s, %s: kills the process tree it started, removes the partial binary and exits %i', async (which, signal, exitCode) => {
    const fake = fakeGo('hang')
    const out = mkdtempSync(path.join(tmpdir(), 'gcb-cancel-out-'))
    const work = mkdtempSync(path.join(tmpdir(), 'gcb-cancel-'))
    writeFileSync(path.join(work, 'output'), '')
    writeFileSync(path.join(work, 'summary'), '')
    const env: Record<string, string> = {}
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(INPUT_|ACTIONS_)/.test(k)) env[k] = v
    delete env.NODE_OPTIONS
    delete env.GITHUB_ACTIONS
    Object.assign(env, {
      GITHUB_OUTPUT: path.join(work, 'output'),
      GITHUB_STEP_SUMMARY: path.join(work, 'summary')
    })
    const inputs: Record<string, string> = {
      go: fake.go,
      'working-directory': HELLO,
      targets: HOST_TARGET,
      'output-dir': out,
      upload: 'none'
    }
    if (which === 'action')
      for (const [name, value] of Object.entries(inputs))
        env[`INPUT_${name.toUpperCase()}`] = value
    const args =
      which === 'action'
        ? [path.join(ROOT, 'dist', 'index.js')]
        : [
            path.join(ROOT, 'dist', 'cli', 'index.js'),
            ...Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value])
          ]
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let log = ''
    child.stdout.on('data', (d: Buffer) => (log += d.toString()))
    child.stderr.on('data', (d: Buffer) => (log += d.toString()))
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code) => resolve(code))
    )
    await waitFor(() => fake.pids() !== undefined, 60_000).catch((e) => {
      throw new Error(`${(e as Error).message}; the ${which} said:\n${log}`)
    })
    const pids = fake.pids()!
    // go writes into a fresh staging directory; the final name stays free
    const final = path.join(out, `hello-${host.goos}-${host.goarch}`)
    const [staging] = readdirSync(out)
    expect(staging).toMatch(/^\.go-cross-build-/)
    const partial = path.join(out, staging, path.basename(final))
    expect(readFileSync(partial, 'utf8')).toBe('partial binary')
    expect(existsSync(final)).toBe(false)
    const signalled = Date.now()
    child.kill(signal)
    const code = await exited
    expect(Date.now() - signalled).toBeLessThan(10_000)
    expect(code).toBe(exitCode)
    expect(log).toContain(`Cancelled by ${signal}`)
    await waitFor(() => !alive(pids.go) && !alive(pids.grandchild), 3000)
    expect(groupExists(pids.go)).toBe(false)
    expect(existsSync(partial)).toBe(false)
    expect(readdirSync(out)).toEqual([])
  })
})
