import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { packageBinaries } from '../src/package/package.js'
import { buildRecord } from '../src/build/build.js'
import type { PublishOptions } from '../src/package/options.js'
import { nameBinaries } from '../src/plan/names.js'
import { problemLine } from '../src/problem.js'
import type { Build } from '../src/types.js'
import {
  buildHello,
  fakeBuild,
  listFiles,
  plannedBinary,
  publishOptions,
  setEnv,
  sha256,
  tarEntries,
  target,
  tempDir,
  tool,
  zipEntries
} from './support/artifact-files.js'

const options = publishOptions

const TARGETS = ['linux/amd64', 'linux/arm/7', 'windows/amd64']

let goOut: string
let goBuilds: Build[]
const dirs: string[] = []

/**
 * A fresh output dir holding copies of the real Go binaries, under the names
 * the plan gives them for these publish options.
 */
async function withBinaries(
  opts: PublishOptions = options()
): Promise<{ dir: string; builds: Build[] }> {
  const dir = await tempDir()
  dirs.push(dir)
  const builds: Build[] = []
  for (const b of goBuilds)
    builds.push(
      await fakeBuild(dir, b.target.name, await readFile(b.path), 'hello', opts)
    )
  return { dir, builds }
}

/** The packaging problems, as lines. */
function problems(packaged: { problems: Parameters<typeof problemLine>[0][] }) {
  return packaged.problems.map(problemLine)
}

beforeAll(async () => {
  goOut = await tempDir('hello-out-')
  goBuilds = await buildHello(goOut, TARGETS)
}, 240000)

afterAll(async () => {
  for (const d of [goOut, ...dirs])
    await rm(d, { recursive: true, force: true })
})

describe('packageBinaries with real Go binaries', () => {
  it('per-target, no archive: each binary with a .sha256, and SHA256SUMS', async () => {
    const { dir, builds } = await withBinaries()
    const packaged = await packageBinaries(builds, options({}), dir)

    expect(problems(packaged)).toEqual([])
    expect(packaged.checksumsPath).toBe(join(dir, 'SHA256SUMS'))
    expect(await listFiles(dir)).toEqual([
      'SHA256SUMS',
      'hello-linux-amd64',
      'hello-linux-amd64.sha256',
      'hello-linux-arm-7',
      'hello-linux-arm-7.sha256',
      'hello-windows-amd64.exe',
      'hello-windows-amd64.exe.sha256'
    ])
    const sums = await readFile(packaged.checksumsPath!, 'utf8')
    expect(sums).toBe(
      `${builds[0].sha256}  hello-linux-amd64\n` +
        `${builds[1].sha256}  hello-linux-arm-7\n` +
        `${builds[2].sha256}  hello-windows-amd64.exe\n`
    )
    expect(await tool('sha256sum', ['-c', 'SHA256SUMS'], dir)).toBe(
      'hello-linux-amd64: OK\nhello-linux-arm-7: OK\nhello-windows-amd64.exe: OK\n'
    )
    expect(
      await tool('sha256sum', ['-c', 'hello-windows-amd64.exe.sha256'], dir)
    ).toBe('hello-windows-amd64.exe: OK\n')

    expect(packaged.packages).toEqual([
      {
        name: 'hello-linux-amd64',
        files: [
          join(dir, 'hello-linux-amd64'),
          join(dir, 'hello-linux-amd64.sha256')
        ],
        rootDirectory: dir,
        raw: false,
        binaries: ['hello-linux-amd64'],
        builds: ['linux-amd64/hello']
      },
      {
        name: 'hello-linux-arm-7',
        files: [
          join(dir, 'hello-linux-arm-7'),
          join(dir, 'hello-linux-arm-7.sha256')
        ],
        rootDirectory: dir,
        raw: false,
        binaries: ['hello-linux-arm-7'],
        builds: ['linux-arm-7/hello']
      },
      {
        name: 'hello-windows-amd64',
        files: [
          join(dir, 'hello-windows-amd64.exe'),
          join(dir, 'hello-windows-amd64.exe.sha256')
        ],
        rootDirectory: dir,
        raw: false,
        binaries: ['hello-windows-amd64.exe'],
        builds: ['windows-amd64/hello']
      }
    ])
  })

  it('archive auto: tar.gz and zip with mode 0755 and the exact bytes', async () => {
    const opts = options({ archive: 'auto' })
    const { dir, builds } = await withBinaries(opts)
    // a runner on Windows has no executable bit: the archive must add it
    await chmod(builds[0].path, 0o644)
    const packaged = await packageBinaries(builds, opts, dir)
    expect(problems(packaged)).toEqual([])

    for (const name of ['hello-linux-amd64', 'hello-linux-arm-7']) {
      const archive = join(dir, `${name}.tar.gz`)
      expect(await tarEntries(archive)).toEqual([
        { mode: '-rwxr-xr-x', name }
      ])
    }
    const zip = join(dir, 'hello-windows-amd64.zip')
    expect(await zipEntries(zip)).toEqual([
      { mode: '-rwxr-xr-x', name: 'hello-windows-amd64.exe' }
    ])

    const out = await tempDir('extract-')
    dirs.push(out)
    await tool('tar', [
      '-xzf',
      join(dir, 'hello-linux-amd64.tar.gz'),
      '-C',
      out
    ])
    const linux = join(out, 'hello-linux-amd64')
    expect(sha256(await readFile(linux))).toBe(builds[0].sha256)
    expect((await stat(linux)).mode & 0o777).toBe(0o755)
    await tool('unzip', ['-q', '-o', zip, '-d', out])
    expect(sha256(await readFile(join(out, 'hello-windows-amd64.exe')))).toBe(
      builds[2].sha256
    )

    // SHA256SUMS lists what is uploaded: the archives
    expect(packaged.files.map((f) => f.file)).toEqual([
      'hello-linux-amd64.tar.gz',
      'hello-linux-arm-7.tar.gz',
      'hello-windows-amd64.zip'
    ])
    expect(packaged.files.map((f) => f.binary)).toEqual([
      'hello-linux-amd64',
      'hello-linux-arm-7',
      'hello-windows-amd64.exe'
    ])
    expect(await tool('sha256sum', ['-c', 'SHA256SUMS'], dir)).toBe(
      'hello-linux-amd64.tar.gz: OK\nhello-linux-arm-7.tar.gz: OK\nhello-windows-amd64.zip: OK\n'
    )
    expect(
      await tool('sha256sum', ['-c', 'hello-windows-amd64.zip.sha256'], dir)
    ).toBe('hello-windows-amd64.zip: OK\n')
    expect(
      packaged.packages.map((p) => [
        p.name,
        p.files.map((f) => f.slice(dir.length + 1))
      ])
    ).toEqual([
      [
        'hello-linux-amd64',
        ['hello-linux-amd64.tar.gz', 'hello-linux-amd64.tar.gz.sha256']
      ],
      [
        'hello-linux-arm-7',
        ['hello-linux-arm-7.tar.gz', 'hello-linux-arm-7.tar.gz.sha256']
      ],
      [
        'hello-windows-amd64',
        ['hello-windows-amd64.zip', 'hello-windows-amd64.zip.sha256']
      ]
    ])
  })

  it('combined: one package with every file and SHA256SUMS, no .sha256 files', async () => {
    const opts = options({ upload: 'combined', archive: 'tar.gz' })
    const { dir, builds } = await withBinaries(opts)
    const packaged = await packageBinaries(builds, opts, dir)
    expect(problems(packaged)).toEqual([])
    expect(packaged.packages).toEqual([
      {
        name: 'hello',
        files: [
          join(dir, 'hello-linux-amd64.tar.gz'),
          join(dir, 'hello-linux-arm-7.tar.gz'),
          join(dir, 'hello-windows-amd64.tar.gz'),
          join(dir, 'SHA256SUMS')
        ],
        rootDirectory: dir,
        raw: false,
        builds: ['linux-amd64/hello', 'linux-arm-7/hello', 'windows-amd64/hello'],
        binaries: [
          'hello-linux-amd64',
          'hello-linux-arm-7',
          'hello-windows-amd64.exe'
        ]
      }
    ])
    expect((await listFiles(dir)).filter((f) => f.endsWith('.sha256'))).toEqual(
      []
    )
    expect(await tarEntries(join(dir, 'hello-windows-amd64.tar.gz'))).toEqual([
      { mode: '-rwxr-xr-x', name: 'hello-windows-amd64.exe' }
    ])
  })

  it('skip-archive: one raw file per artifact, named like the artifact', async () => {
    const opts = options({ 'skip-archive': 'true' })
    const { dir, builds } = await withBinaries(opts)
    const packaged = await packageBinaries(builds, opts, dir)
    expect(problems(packaged)).toEqual([])
    expect(packaged.packages).toEqual([
      {
        name: 'hello-linux-amd64',
        files: [join(dir, 'hello-linux-amd64')],
        rootDirectory: dir,
        raw: true,
        sha256: builds[0].sha256,
        binaries: ['hello-linux-amd64'],
        builds: ['linux-amd64/hello']
      },
      {
        name: 'hello-linux-arm-7',
        files: [join(dir, 'hello-linux-arm-7')],
        rootDirectory: dir,
        raw: true,
        sha256: builds[1].sha256,
        binaries: ['hello-linux-arm-7'],
        builds: ['linux-arm-7/hello']
      },
      {
        name: 'hello-windows-amd64.exe',
        files: [join(dir, 'hello-windows-amd64.exe')],
        rootDirectory: dir,
        raw: true,
        sha256: builds[2].sha256,
        binaries: ['hello-windows-amd64.exe'],
        builds: ['windows-amd64/hello']
      }
    ])
    // the binaries themselves stay where the build put them
    for (const b of builds)
      expect(sha256(await readFile(b.path))).toBe(b.sha256)
    expect(await tool('sha256sum', ['-c', 'SHA256SUMS'], dir)).toBe(
      'hello-linux-amd64: OK\nhello-linux-arm-7: OK\nhello-windows-amd64.exe: OK\n'
    )
  })
})

describe('names planned before the build', () => {
  it.each([
    [{}],
    [{ archive: 'auto' }],
    [{ 'skip-archive': 'true' }],
    [{ 'skip-archive': 'true', archive: 'auto' }],
    [{ 'artifact-name': 'x_{goos}_{goarch}_{variant}_{name}' }],
    [{ upload: 'combined' }],
    [{ upload: 'none' }]
  ])('are the names packageBinaries uses, for %j', async (values) => {
    const opts = options(values)
    const { dir, builds } = await withBinaries(opts)
    const packaged = await packageBinaries(builds, opts, dir)
    expect(problems(packaged)).toEqual([])
    // every package is named as the plan named its builds' artifact
    const byId = new Map(builds.map((b) => [b.id, b]))
    for (const p of packaged.packages)
      for (const id of p.builds) expect(byId.get(id)?.artifact).toBe(p.name)
    // and every file is the plan's deliverable
    expect(packaged.files.map((f) => f.file)).toEqual(
      builds.map((b) => b.deliverable).sort()
    )
    expect(packaged.packages.length).toBe(
      opts.upload === 'none' ? 0 : opts.upload === 'combined' ? 1 : builds.length
    )
  })
})

describe('packageBinaries edge cases', () => {
  let dir: string
  beforeEach(async () => {
    dir = await tempDir()
    dirs.push(dir)
  })

  it('packages only built binaries', async () => {
    const ok = await fakeBuild(dir, 'linux/amd64', 'ok')
    const failed = buildRecord(plannedBinary(dir, 'linux/386'), 'failed', {
      error: 'does not compile'
    })
    const packaged = await packageBinaries([failed, ok], options({}), dir)
    expect(packaged.packages.map((p) => p.name)).toEqual(['hello-linux-amd64'])
    expect(await readFile(packaged.checksumsPath!, 'utf8')).toBe(
      `${sha256(Buffer.from('ok'))}  hello-linux-amd64\n`
    )
  })

  it('refuses a binary that changed after verification and keeps the others', async () => {
    const good = await fakeBuild(dir, 'linux/amd64', 'good')
    const bad = await fakeBuild(dir, 'linux/arm64', 'verified')
    // past one tick of a coarse file-system clock (the blind spot the
    // stamp documents), replaced by a file of the same size
    await new Promise((resolve) => setTimeout(resolve, 40))
    await rm(bad.path)
    await fakeBuild(dir, 'linux/arm64', 'tampered')
    const packaged = await packageBinaries([good, bad], options({}), dir)
    expect(problems(packaged)).toEqual([
      expect.stringMatching(
        /^linux\/arm64 hello-linux-arm64: packaging failed: hello-linux-arm64 changed after it was verified/
      )
    ])
    expect(packaged.packages.map((p) => p.name)).toEqual(['hello-linux-amd64'])
    expect(packaged.files.map((f) => f.file)).toEqual(['hello-linux-amd64'])
  })

  it('rewritten in place keeps no stale hash: the stamp changes and the bytes are read again', async () => {
    const b = await fakeBuild(dir, 'linux/amd64', 'verified')
    await new Promise((resolve) => setTimeout(resolve, 40))
    await writeFile(b.path, 'tampered')
    const packaged = await packageBinaries([b], options({}), dir)
    expect(problems(packaged)).toEqual([
      expect.stringMatching(/hello-linux-amd64 changed after it was verified \(sha256 [0-9a-f]{64}, verified [0-9a-f]{64}\)/)
    ])
    expect(packaged.checksumsPath).toBeUndefined()
  })

  it('an unchanged stamp keeps the build stage hash unless reread asks for the bytes', async () => {
    const b = await fakeBuild(dir, 'linux/amd64', 'the bytes go build wrote')
    const good = b.sha256!
    // A record whose hash disagrees with the file under the same stamp: the
    // package stage trusts the stamp (the file is not read again) ...
    const stale = { ...b, sha256: sha256(Buffer.from('something else')) }
    const trusted = await packageBinaries([stale], options({}), dir)
    expect(trusted.problems).toEqual([])
    expect(trusted.files.map((f) => f.sha256)).toEqual([stale.sha256])
    // ... and with reread (a smoke test ran binaries since) it reads them
    const reread = await packageBinaries([stale], options({}), dir, true)
    expect(problems(reread)).toEqual([
      expect.stringContaining(`hello-linux-amd64 changed after it was verified (sha256 ${good}, verified ${stale.sha256})`)
    ])
    // the real record passes both ways, with the bytes' hash
    for (const again of [false, true]) {
      const ok = await packageBinaries([b], options({}), dir, again)
      expect(ok.files.map((f) => f.sha256)).toEqual([good])
      expect(await readFile(ok.checksumsPath!, 'utf8')).toBe(`${good}  hello-linux-amd64\n`)
    }
  })

  it('with upload: none writes SHA256SUMS and archives but plans no artifact', async () => {
    const opts = options({ upload: 'none', archive: 'zip' })
    const b = await fakeBuild(dir, 'darwin/arm64', 'mach-o', 'hello', opts)
    const packaged = await packageBinaries([b], opts, dir)
    expect(packaged.packages).toEqual([])
    expect(await listFiles(dir)).toEqual([
      'SHA256SUMS',
      'hello-darwin-arm64',
      'hello-darwin-arm64.zip'
    ])
  })

  it('leaves no SHA256SUMS, empty or earlier, when nothing was built', async () => {
    await writeFile(join(dir, 'SHA256SUMS'), `${'0'.repeat(64)}  old.tar.gz\n`)
    const packaged = await packageBinaries(
      [],
      options({ upload: 'combined' }),
      dir
    )
    expect(packaged.packages).toEqual([])
    expect(packaged.checksumsPath).toBeUndefined()
    expect(await listFiles(dir)).toEqual([])
  })

  it('never lets two binaries write the same archive: the plan refuses it', () => {
    const opts = options({ 'artifact-name': '{name}-{goos}', archive: 'tar.gz' })
    const pkg = { pattern: '.', importPath: 'example.com/hello', binaryName: 'hello' }
    const named = nameBinaries(opts, [target('linux/amd64'), target('linux/arm64')], [pkg], dir)
    expect(named.problems.map(problemLine)).toEqual([
      expect.stringContaining('"hello-linux" would be used by 2 artifacts')
    ])
  })

  it('refuses a binary outside the output directory', async () => {
    const elsewhere = await tempDir()
    dirs.push(elsewhere)
    const b = await fakeBuild(elsewhere, 'linux/amd64', 'x')
    const packaged = await packageBinaries([b], options({}), dir)
    expect(problems(packaged)).toEqual([
      expect.stringContaining('is not inside the output directory')
    ])
    expect(packaged.packages).toEqual([])
  })

  it('makes byte-identical archives under SOURCE_DATE_EPOCH', async () => {
    const restore = setEnv({ SOURCE_DATE_EPOCH: '1700000000', TZ: 'UTC' })
    try {
      const tgz = options({ archive: 'tar.gz' })
      const zip = options({ archive: 'zip' })
      const b = await fakeBuild(dir, 'windows/arm64', 'MZ binary', 'hello', tgz)
      const z = buildRecord(plannedBinary(dir, 'windows/arm64', 'hello', zip), 'built')
      const first: Buffer[] = []
      for (let i = 0; i < 2; i++) {
        await packageBinaries([b], tgz, dir)
        first.push(await readFile(join(dir, 'hello-windows-arm64.tar.gz')))
        await packageBinaries([z], zip, dir)
        first.push(await readFile(join(dir, 'hello-windows-arm64.zip')))
        // a later mtime on disk must not change the archive
        await chmod(b.path, 0o600)
      }
      expect(first[2].equals(first[0])).toBe(true)
      expect(first[3].equals(first[1])).toBe(true)
      const listing = await tool('tar', [
        '-tvzf',
        join(dir, 'hello-windows-arm64.tar.gz'),
        '--full-time'
      ])
      expect(listing).toContain('2023-11-14 22:13:20')
    } finally {
      restore()
    }
  })
})
