/**
 * Writes stay where they belong (issue 14). The committed bundle runs, as on
 * a runner, with the real Go toolchain on the real fixtures, while symlinks
 * that point outside the workspace are planted at every name it writes in
 * output-dir: SHA256SUMS, a `.sha256` sidecar, a `.zip` and a `.tar.gz`
 * archive, the skip-archive raw copy, a binary's own final path and the old
 * fixed name of the staging directory.
 *
 * The links are planted by a wrapper around go, as something else running
 * in the job could: a binary's link while its go build runs (after the action
 * cleared the name), the others once the build is done and before packaging
 * (after the action removed an earlier run's checksum files). So each name is
 * defended only by the way it is written: a fresh temp name, then a rename.
 *
 * The action's answer is to replace the link with its own file and go on:
 * the rename removes the link itself and the file it pointed to is never
 * opened, so nothing is gained by failing, and a link planted by someone who
 * can already write in output-dir would otherwise be a way to fail any run.
 *
 * Each case asserts that the file outside is byte-for-byte unchanged, that
 * the name in output-dir is now a regular file with the right content, and
 * that `sha256sum -c SHA256SUMS` passes in output-dir. Removing the fence of
 * a case (writing with fs.writeFile, createWriteStream, tar's `file:`,
 * copyFile, `go build -o <final path>`, a fixed staging name) turns it red.
 */
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { ROOT, binariesOf, runAction, type ActionRun } from './support/action.js'

const posix = process.platform !== 'win32'
const describePosix = posix ? describe : describe.skip
const REAL_GO = posix
  ? execFileSync('which', ['go'], { encoding: 'utf8' }).trim()
  : 'go'
const fixture = (name: string): string => path.join(ROOT, '__fixtures__', name)

/** Links to plant, by `<GOOS>-<GOARCH>` of the go build that plants them. */
interface Plants {
  /** Planted when go build starts, before the real build. */
  during?: Record<string, Array<[link: string, target: string]>>
  /** Planted when the real build has succeeded, before go build exits. */
  after?: Record<string, Array<[link: string, target: string]>>
}

/**
 * A go that forwards every command to the real go and, around `go build`,
 * plants the links of `plants` for its own target (read from GOOS/GOARCH).
 */
function plantingGo(dir: string, plants: Plants): string {
  const go = path.join(dir, 'go')
  writeFileSync(
    go,
    `#!/usr/bin/env node
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const plants = ${JSON.stringify(plants)}
const args = process.argv.slice(2)
const key = (process.env.GOOS || '') + '-' + (process.env.GOARCH || '')
const plant = (when) => {
  for (const [link, target] of (plants[when] || {})[key] || []) {
    fs.rmSync(link, { force: true })
    fs.symlinkSync(target, link)
  }
}
if (args[0] === 'build') plant('during')
const r = spawnSync(${JSON.stringify(REAL_GO)}, args, { stdio: 'inherit' })
if (args[0] === 'build' && r.status === 0) plant('after')
process.exit(r.status === null ? 1 : r.status)
`
  )
  chmodSync(go, 0o755)
  return go
}

/** Every file and directory below `dir`, with its content: a picture to compare. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      const rel = path.relative(dir, p)
      if (e.isDirectory()) {
        out[`${rel}/`] = ''
        walk(p)
      } else if (e.isSymbolicLink()) out[rel] = `-> ${readlinkSync(p)}`
      else out[rel] = readFileSync(p, 'latin1')
    }
  }
  walk(dir)
  return out
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** `sha256sum -c FILE` in `dir`; throws with its output when a line fails. */
function sha256sumCheck(dir: string, file: string): string {
  return execFileSync('sha256sum', ['--strict', '-c', file], { cwd: dir, encoding: 'utf8' })
}

/** Names in output-dir that a write left behind: temp files and staging dirs. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => /\.tmp-[0-9a-f]{32}$|^\.go-cross-build-.+-/.test(n))
}

/** A workspace with output-dir `dist`, and a place outside it with victims. */
interface Scene {
  root: string
  workspace: string
  dist: string
  outside: string
  runnerTemp: string
}

function scene(): Scene {
  const root = mkdtempSync(path.join(tmpdir(), 'gcb-files-'))
  const s = {
    root,
    workspace: path.join(root, 'workspace'),
    dist: path.join(root, 'workspace', 'dist'),
    outside: path.join(root, 'outside'),
    runnerTemp: path.join(root, 'runner-temp')
  }
  for (const d of [s.dist, s.outside, s.runnerTemp]) mkdirSync(d, { recursive: true })
  return s
}

/** A file outside the workspace that a link will point at. */
function victim(s: Scene, name: string): string {
  const file = path.join(s.outside, name)
  writeFileSync(file, `victim ${name}: must never change\n`)
  return file
}

async function run(
  s: Scene,
  go: string,
  inputs: Record<string, string>
): Promise<ActionRun> {
  return runAction(
    {
      go,
      'output-dir': s.dist,
      'smoke-test': 'false',
      ...inputs
    },
    { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: s.workspace, RUNNER_TEMP: s.runnerTemp },
    s.workspace
  )
}

/** What a run said, for a failed expectation. */
function said(r: ActionRun): string {
  return `exit ${r.exitCode}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-2000)}`
}

describePosix('symlinks planted in output-dir are replaced, never written through', () => {
  describe('archives, sidecars, SHA256SUMS and the binaries (archive: auto, per-target)', () => {
    const s = scene()
    const d = (name: string): string => path.join(s.dist, name)
    const victims = {
      sums: victim(s, 'sums'),
      sidecar: victim(s, 'sidecar'),
      tgz: victim(s, 'tgz'),
      zip: victim(s, 'zip'),
      linuxBinary: victim(s, 'linux-binary'),
      windowsBinary: victim(s, 'windows-binary'),
      sbom: victim(s, 'sbom')
    }
    let before: Record<string, string>
    let result: ActionRun
    beforeAll(async () => {
      before = snapshot(s.outside)
      const go = plantingGo(s.root, {
        during: {
          'linux-amd64': [[d('hello-linux-amd64'), victims.linuxBinary]],
          'windows-amd64': [[d('hello-windows-amd64.exe'), victims.windowsBinary]]
        },
        after: {
          'linux-amd64': [
            [d('SHA256SUMS'), victims.sums],
            [d('hello-linux-amd64.tar.gz'), victims.tgz],
            [d('hello-linux-amd64.tar.gz.sha256'), victims.sidecar],
            [d('hello-linux-amd64.cdx.json'), victims.sbom]
          ],
          'windows-amd64': [[d('hello-windows-amd64.zip'), victims.zip]]
        }
      })
      result = await run(s, go, {
        targets: 'linux/amd64, windows/amd64',
        'working-directory': fixture('hello'),
        archive: 'auto',
        upload: 'per-target'
      })
    }, 240_000)
    afterAll(() => rmSync(s.root, { recursive: true, force: true }))

    it('the step passes and nothing outside output-dir changed', () => {
      expect({ exit: result.exitCode, log: result.exitCode ? said(result) : '' }).toEqual({
        exit: 0,
        log: ''
      })
      expect(snapshot(s.outside)).toEqual(before)
      expect(leftovers(s.dist)).toEqual([])
      expect(readdirSync(s.dist).sort()).toEqual([
        'SHA256SUMS',
        'hello-linux-amd64',
        'hello-linux-amd64.cdx.json',
        'hello-linux-amd64.tar.gz',
        'hello-linux-amd64.tar.gz.sha256',
        'hello-windows-amd64.exe',
        'hello-windows-amd64.exe.cdx.json',
        'hello-windows-amd64.zip',
        'hello-windows-amd64.zip.sha256'
      ])
    })

    it('SHA256SUMS: a regular file listing both archives, and sha256sum -c passes', () => {
      expect(readFileSync(victims.sums, 'utf8')).toBe('victim sums: must never change\n')
      expect(lstatSync(d('SHA256SUMS')).isFile()).toBe(true)
      expect(sha256sumCheck(s.dist, 'SHA256SUMS')).toBe(
        'hello-linux-amd64.tar.gz: OK\nhello-windows-amd64.zip: OK\n'
      )
    })

    it('a .sha256 sidecar: a regular file that checks its archive', () => {
      expect(readFileSync(victims.sidecar, 'utf8')).toBe('victim sidecar: must never change\n')
      expect(lstatSync(d('hello-linux-amd64.tar.gz.sha256')).isFile()).toBe(true)
      expect(sha256sumCheck(s.dist, 'hello-linux-amd64.tar.gz.sha256')).toBe(
        'hello-linux-amd64.tar.gz: OK\n'
      )
    })

    it('an SBOM: a regular file, the file its planted link pointed at unchanged, packed beside the binary', () => {
      expect(readFileSync(victims.sbom, 'utf8')).toBe('victim sbom: must never change\n')
      expect(lstatSync(d('hello-linux-amd64.cdx.json')).isFile()).toBe(true)
      const inArchive = execFileSync(
        'tar',
        ['-xzOf', d('hello-linux-amd64.tar.gz'), 'hello-linux-amd64.cdx.json'],
        { encoding: 'utf8' }
      )
      expect(inArchive).toBe(readFileSync(d('hello-linux-amd64.cdx.json'), 'utf8'))
    })

    it('a .tar.gz archive: a regular file holding the binary', () => {
      expect(readFileSync(victims.tgz, 'utf8')).toBe('victim tgz: must never change\n')
      expect(lstatSync(d('hello-linux-amd64.tar.gz')).isFile()).toBe(true)
      const listed = execFileSync('tar', ['-tvzf', d('hello-linux-amd64.tar.gz')], {
        encoding: 'utf8'
      })
      expect(listed).toMatch(
        /^-rwxr-xr-x .* hello-linux-amd64\n-rw-r--r-- .* hello-linux-amd64\.cdx\.json\n$/
      )
      const extracted = execFileSync('tar', ['-xzOf', d('hello-linux-amd64.tar.gz'), 'hello-linux-amd64'], {
        maxBuffer: 64 << 20
      })
      expect(createHash('sha256').update(extracted).digest('hex')).toBe(
        sha256(d('hello-linux-amd64'))
      )
    })

    it('a .zip archive: a regular file holding the binary', () => {
      expect(readFileSync(victims.zip, 'utf8')).toBe('victim zip: must never change\n')
      expect(lstatSync(d('hello-windows-amd64.zip')).isFile()).toBe(true)
      const zip = readFileSync(d('hello-windows-amd64.zip'))
      expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04')
      expect(zip.includes(Buffer.from('hello-windows-amd64.exe'))).toBe(true)
      expect(sha256sumCheck(s.dist, 'hello-windows-amd64.zip.sha256')).toBe(
        'hello-windows-amd64.zip: OK\n'
      )
    })

    it("a binary's final path, planted while go build ran: the binary replaces the link", () => {
      expect(readFileSync(victims.linuxBinary, 'utf8')).toBe(
        'victim linux-binary: must never change\n'
      )
      expect(readFileSync(victims.windowsBinary, 'utf8')).toBe(
        'victim windows-binary: must never change\n'
      )
      const reported = new Map(binariesOf(result).map((b) => [b.name, b.sha256]))
      for (const name of ['hello-linux-amd64', 'hello-windows-amd64.exe']) {
        expect(lstatSync(d(name)).isFile()).toBe(true)
        expect(sha256(d(name))).toBe(reported.get(name))
      }
      expect(readFileSync(d('hello-linux-amd64')).subarray(0, 4).toString('latin1')).toBe(
        '\x7fELF'
      )
      expect(readFileSync(d('hello-windows-amd64.exe')).subarray(0, 2).toString()).toBe('MZ')
    })
  })

  describe('the skip-archive raw copy', () => {
    const s = scene()
    const raw = path.join(s.dist, 'hello-linux-amd64-raw')
    const target = victim(s, 'raw')
    let before: Record<string, string>
    let result: ActionRun
    beforeAll(async () => {
      before = snapshot(s.outside)
      const go = plantingGo(s.root, { after: { 'linux-amd64': [[raw, target]] } })
      result = await run(s, go, {
        targets: 'linux/amd64',
        'working-directory': fixture('hello'),
        'skip-archive': 'true',
        'artifact-name': '{name}-{target}-raw',
        upload: 'per-target'
      })
    }, 240_000)
    afterAll(() => rmSync(s.root, { recursive: true, force: true }))

    it('is a regular copy of the binary, the file outside unchanged, SHA256SUMS checks', () => {
      expect({ exit: result.exitCode, log: result.exitCode ? said(result) : '' }).toEqual({
        exit: 0,
        log: ''
      })
      expect(snapshot(s.outside)).toEqual(before)
      expect(lstatSync(raw).isFile()).toBe(true)
      expect(readFileSync(raw).equals(readFileSync(path.join(s.dist, 'hello-linux-amd64')))).toBe(
        true
      )
      expect(sha256sumCheck(s.dist, 'SHA256SUMS')).toBe(
        'hello-linux-amd64-raw: OK\nhello-linux-amd64-raw.cdx.json: OK\n'
      )
      expect(leftovers(s.dist)).toEqual([])
    })
  })

  describe('a would-be staging directory (two main packages, one go build)', () => {
    const s = scene()
    const outsideDir = path.join(s.outside, 'staging')
    let before: Record<string, string>
    let result: ActionRun
    beforeAll(async () => {
      mkdirSync(outsideDir)
      writeFileSync(path.join(outsideDir, 'client'), 'victim client: must never change\n')
      before = snapshot(s.outside)
      // the fixed name the staging directory had before it was made by mkdtemp
      const go = plantingGo(s.root, {
        during: {
          'linux-amd64': [[path.join(s.dist, '.go-cross-build-linux-amd64'), outsideDir]]
        }
      })
      result = await run(s, go, {
        targets: 'linux/amd64',
        'working-directory': fixture('twomains'),
        package: './cmd/...',
        upload: 'none'
      })
    }, 240_000)
    afterAll(() => rmSync(s.root, { recursive: true, force: true }))

    it('is never used: go writes into a fresh directory, nothing lands outside', () => {
      expect({ exit: result.exitCode, log: result.exitCode ? said(result) : '' }).toEqual({
        exit: 0,
        log: ''
      })
      expect(snapshot(s.outside)).toEqual(before)
      expect(readdirSync(s.dist).sort()).toEqual([
        '.go-cross-build-linux-amd64',
        'SHA256SUMS',
        'client-linux-amd64',
        'client-linux-amd64.cdx.json',
        'server-linux-amd64',
        'server-linux-amd64.cdx.json'
      ])
      expect(lstatSync(path.join(s.dist, '.go-cross-build-linux-amd64')).isSymbolicLink()).toBe(
        true
      )
      for (const name of ['client-linux-amd64', 'server-linux-amd64'])
        expect(lstatSync(path.join(s.dist, name)).isFile()).toBe(true)
      expect(sha256sumCheck(s.dist, 'SHA256SUMS')).toBe(
        'client-linux-amd64: OK\nclient-linux-amd64.cdx.json: OK\nserver-linux-amd64: OK\nserver-linux-amd64.cdx.json: OK\n'
      )
    })
  })
})

describePosix('no checksum file of an earlier run survives a failed run', () => {
  const s = scene()
  const stale = `${'0'.repeat(64)}  hello-linux-amd64.tar.gz\n`
  let result: ActionRun
  beforeAll(async () => {
    writeFileSync(path.join(s.dist, 'SHA256SUMS'), stale)
    writeFileSync(path.join(s.dist, 'hello-linux-amd64.tar.gz.sha256'), stale)
    writeFileSync(path.join(s.dist, 'hello-linux-amd64.tar.gz'), 'an earlier archive')
    writeFileSync(path.join(s.dist, 'notes.sha256'), 'not in our format\n')
    result = await run(s, REAL_GO, {
      targets: 'linux/amd64',
      'working-directory': fixture('broken'),
      archive: 'tar.gz',
      upload: 'per-target'
    })
  }, 240_000)
  afterAll(() => rmSync(s.root, { recursive: true, force: true }))

  it('the build fails, and SHA256SUMS and our sidecars are gone, no empty one in their place', () => {
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/linux\/amd64: go build .* failed/)
    expect(readdirSync(s.dist).sort()).toEqual(['hello-linux-amd64.tar.gz', 'notes.sha256'])
    expect(readFileSync(path.join(s.dist, 'notes.sha256'), 'utf8')).toBe('not in our format\n')
    expect(result.outputs.checksums ?? '').toBe('')
  })
})

/**
 * Mounts a tmpfs of `bytes` (rounded up to pages) at `dir`.
 *
 * @returns why it could not (not root, no mount(8), EPERM in a container), or undefined
 */
function mountTmpfs(dir: string, bytes: number): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], {
      stdio: 'pipe'
    })
    return undefined
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string }
    return (e.stderr?.toString().trim() || e.message).split('\n')[0]
  }
}

/** Whether this machine lets the tests mount a tmpfs (root on Linux, not in a locked-down container). */
function tmpfsRefusal(): string | undefined {
  if (process.platform !== 'linux') return `tmpfs is Linux only (this is ${process.platform})`
  const probe = mkdtempSync(path.join(tmpdir(), 'gcb-mount-probe-'))
  try {
    const refused = mountTmpfs(probe, 1 << 20)
    if (refused === undefined) execFileSync('umount', [probe])
    return refused
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
}

const refused = tmpfsRefusal()
if (refused)
  console.warn(
    `skipped "output-dir runs out of space": mount -t tmpfs is not permitted here (${refused}); run the tests as root on Linux to cover disk-full`
  )
const describeTmpfs = refused ? describe.skip : describe

describeTmpfs('output-dir runs out of space (a tmpfs just big enough for the binary)', () => {
  const PAGE = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }))
  const s = scene()
  // No SBOM: these fill the disk with the archive and SHA256SUMS exactly.
  const inputs = {
    targets: 'linux/amd64',
    'working-directory': fixture('hello'),
    sbom: 'false'
  }
  const mounted: string[] = []
  /** Bytes of the binary this build makes, rounded up to whole pages. */
  let binaryPages = 0
  beforeAll(async () => {
    // the same build once on a roomy disk, to learn the binary's size
    const roomy = await run(s, REAL_GO, { ...inputs, upload: 'none' })
    expect(roomy.exitCode).toBe(0)
    const size = Number(binariesOf(roomy)[0].size)
    binaryPages = Math.ceil(size / PAGE) * PAGE
    rmSync(s.dist, { recursive: true, force: true })
    mkdirSync(s.dist)
  }, 240_000)
  afterEach(() => {
    for (const dir of mounted.splice(0)) execFileSync('umount', [dir])
  })
  afterAll(() => rmSync(s.root, { recursive: true, force: true }))

  function tinyDist(bytes: number): string {
    const dir = mkdtempSync(path.join(s.workspace, 'full-'))
    const why = mountTmpfs(dir, bytes)
    if (why) throw new Error(`mount -t tmpfs at ${dir} failed: ${why}`)
    mounted.push(dir)
    return dir
  }

  it('an archive that does not fit: the step fails naming it and ENOSPC, nothing partial is left', async () => {
    // room for the binary and one page more: the tar.gz (over 500 kB) cannot fit
    const dist = tinyDist(binaryPages + PAGE)
    const r = await run({ ...s, dist }, REAL_GO, {
      ...inputs,
      archive: 'tar.gz',
      upload: 'per-target'
    })
    // the binary, and no archive, temp file, sidecar or empty SHA256SUMS
    expect(readdirSync(dist)).toEqual(['hello-linux-amd64'])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /linux\/amd64 hello-linux-amd64: packaging failed: could not write .*\/hello-linux-amd64\.tar\.gz: ENOSPC: no space left on device/
    )
    expect(r.outputs.checksums ?? '').toBe('')
  })

  it('a SHA256SUMS that does not fit: the step fails naming it and ENOSPC, no empty SHA256SUMS', async () => {
    // exactly the binary's pages: the binary fits, SHA256SUMS (one page) does not
    const dist = tinyDist(binaryPages)
    const r = await run({ ...s, dist }, REAL_GO, { ...inputs, upload: 'combined' })
    expect(readdirSync(dist)).toEqual(['hello-linux-amd64'])
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /could not write .*\/SHA256SUMS: ENOSPC: no space left on device, write\. Nothing was left under that name/
    )
  })
})
