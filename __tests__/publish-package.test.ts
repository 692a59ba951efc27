import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { packageBinaries } from '../src/package/package.js'
import {
  parsePublishInputs,
  plannedArtifactNames
} from '../src/package/options.js'
import type { Build } from '../src/types.js'
import {
  buildHello,
  fakeBuild,
  listFiles,
  setEnv,
  sha256,
  tarEntries,
  tempDir,
  tool,
  zipEntries
} from './support/artifact-files.js'

function options(values: Record<string, string>) {
  return parsePublishInputs((name) => values[name] ?? '')
}

const TARGETS = ['linux/amd64', 'linux/arm/7', 'windows/amd64']

let goOut: string
let goBuilds: Build[]
const dirs: string[] = []

/** A fresh output dir holding copies of the real Go binaries. */
async function withBinaries(): Promise<{ dir: string; builds: Build[] }> {
  const dir = await tempDir()
  dirs.push(dir)
  const builds: Build[] = []
  for (const b of goBuilds) {
    const copy = await fakeBuild(dir, b.target.name, await readFile(b.path))
    builds.push({ ...copy, seconds: b.seconds })
  }
  return { dir, builds }
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

    expect(packaged.failures).toEqual([])
    expect(packaged.checksumsPath).toBe(join(dir, 'SHA256SUMS'))
    expect(await listFiles(dir)).toEqual([
      'SHA256SUMS',
      'linux-amd64/hello',
      'linux-amd64/hello.sha256',
      'linux-arm-7/hello',
      'linux-arm-7/hello.sha256',
      'windows-amd64/hello.exe',
      'windows-amd64/hello.exe.sha256'
    ])
    const sums = await readFile(packaged.checksumsPath!, 'utf8')
    expect(sums).toBe(
      `${builds[0].sha256}  linux-amd64/hello\n` +
        `${builds[1].sha256}  linux-arm-7/hello\n` +
        `${builds[2].sha256}  windows-amd64/hello.exe\n`
    )
    expect(await tool('sha256sum', ['-c', 'SHA256SUMS'], dir)).toBe(
      'linux-amd64/hello: OK\nlinux-arm-7/hello: OK\nwindows-amd64/hello.exe: OK\n'
    )
    expect(
      await tool(
        'sha256sum',
        ['-c', 'hello.exe.sha256'],
        join(dir, 'windows-amd64')
      )
    ).toBe('hello.exe: OK\n')

    expect(packaged.packages).toEqual([
      {
        name: 'hello-linux-amd64',
        files: [
          join(dir, 'linux-amd64/hello'),
          join(dir, 'linux-amd64/hello.sha256')
        ],
        rootDirectory: dir,
        raw: false,
        binaries: ['linux-amd64/hello']
      },
      {
        name: 'hello-linux-arm-7',
        files: [
          join(dir, 'linux-arm-7/hello'),
          join(dir, 'linux-arm-7/hello.sha256')
        ],
        rootDirectory: dir,
        raw: false,
        binaries: ['linux-arm-7/hello']
      },
      {
        name: 'hello-windows-amd64',
        files: [
          join(dir, 'windows-amd64/hello.exe'),
          join(dir, 'windows-amd64/hello.exe.sha256')
        ],
        rootDirectory: dir,
        raw: false,
        binaries: ['windows-amd64/hello.exe']
      }
    ])
  })

  it('archive auto: tar.gz and zip with mode 0755 and the exact bytes', async () => {
    const { dir, builds } = await withBinaries()
    // a runner on Windows has no executable bit: the archive must add it
    await chmod(builds[0].path, 0o644)
    const packaged = await packageBinaries(
      builds,
      options({ archive: 'auto' }),
      dir
    )
    expect(packaged.failures).toEqual([])

    for (const name of ['hello-linux-amd64', 'hello-linux-arm-7']) {
      const archive = join(dir, `${name}.tar.gz`)
      expect(await tarEntries(archive)).toEqual([
        { mode: '-rwxr-xr-x', name: 'hello' }
      ])
    }
    const zip = join(dir, 'hello-windows-amd64.zip')
    expect(await zipEntries(zip)).toEqual([
      { mode: '-rwxr-xr-x', name: 'hello.exe' }
    ])

    const out = await tempDir('extract-')
    dirs.push(out)
    await tool('tar', [
      '-xzf',
      join(dir, 'hello-linux-amd64.tar.gz'),
      '-C',
      out
    ])
    expect(sha256(await readFile(join(out, 'hello')))).toBe(builds[0].sha256)
    expect((await stat(join(out, 'hello'))).mode & 0o777).toBe(0o755)
    await tool('unzip', ['-q', '-o', zip, '-d', out])
    expect(sha256(await readFile(join(out, 'hello.exe')))).toBe(
      builds[2].sha256
    )

    // SHA256SUMS lists what is uploaded: the archives
    expect(packaged.files.map((f) => f.file)).toEqual([
      'hello-linux-amd64.tar.gz',
      'hello-linux-arm-7.tar.gz',
      'hello-windows-amd64.zip'
    ])
    expect(packaged.files.map((f) => f.binary)).toEqual([
      'linux-amd64/hello',
      'linux-arm-7/hello',
      'windows-amd64/hello.exe'
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
    const { dir, builds } = await withBinaries()
    const packaged = await packageBinaries(
      builds,
      options({ upload: 'combined', archive: 'tar.gz' }),
      dir
    )
    expect(packaged.failures).toEqual([])
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
        binaries: [
          'linux-amd64/hello',
          'linux-arm-7/hello',
          'windows-amd64/hello.exe'
        ]
      }
    ])
    expect((await listFiles(dir)).filter((f) => f.endsWith('.sha256'))).toEqual(
      []
    )
    expect(await tarEntries(join(dir, 'hello-windows-amd64.tar.gz'))).toEqual([
      { mode: '-rwxr-xr-x', name: 'hello.exe' }
    ])
  })

  it('skip-archive: one raw file per artifact, named like the artifact', async () => {
    const { dir, builds } = await withBinaries()
    const packaged = await packageBinaries(
      builds,
      options({ 'skip-archive': 'true' }),
      dir
    )
    expect(packaged.failures).toEqual([])
    expect(packaged.packages).toEqual([
      {
        name: 'hello-linux-amd64',
        files: [join(dir, 'hello-linux-amd64')],
        rootDirectory: dir,
        raw: true,
        sha256: builds[0].sha256,
        binaries: ['linux-amd64/hello']
      },
      {
        name: 'hello-linux-arm-7',
        files: [join(dir, 'hello-linux-arm-7')],
        rootDirectory: dir,
        raw: true,
        sha256: builds[1].sha256,
        binaries: ['linux-arm-7/hello']
      },
      {
        name: 'hello-windows-amd64.exe',
        files: [join(dir, 'hello-windows-amd64.exe')],
        rootDirectory: dir,
        raw: true,
        sha256: builds[2].sha256,
        binaries: ['windows-amd64/hello.exe']
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
  ])('are the names packageBinaries gives, for %j', async (values) => {
    const { dir, builds } = await withBinaries()
    const opts = options(values)
    const planned = plannedArtifactNames(
      opts,
      builds.map((b) => ({ target: b.target, binaryName: b.pkg.binaryName }))
    )
    const packaged = await packageBinaries(builds, opts, dir)
    expect(packaged.failures).toEqual([])
    expect(packaged.packages.map((p) => p.name)).toEqual(planned)
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
    const failed: Build = {
      ...(await fakeBuild(dir, 'linux/386', 'x')),
      status: 'failed',
      error: 'does not compile'
    }
    const packaged = await packageBinaries([failed, ok], options({}), dir)
    expect(packaged.packages.map((p) => p.name)).toEqual(['hello-linux-amd64'])
    expect(await readFile(packaged.checksumsPath!, 'utf8')).toBe(
      `${sha256(Buffer.from('ok'))}  linux-amd64/hello\n`
    )
  })

  it('refuses a binary that changed after verification and keeps the others', async () => {
    const good = await fakeBuild(dir, 'linux/amd64', 'good')
    const bad = await fakeBuild(dir, 'linux/arm64', 'verified')
    await rm(bad.path)
    await fakeBuild(dir, 'linux/arm64', 'tampered')
    const packaged = await packageBinaries([good, bad], options({}), dir)
    expect(packaged.failures).toEqual([
      expect.stringMatching(
        /^linux\/arm64 hello: packaging failed: linux-arm64\/hello changed after it was verified/
      )
    ])
    expect(packaged.packages.map((p) => p.name)).toEqual(['hello-linux-amd64'])
    expect(packaged.files.map((f) => f.file)).toEqual(['linux-amd64/hello'])
  })

  it('with upload: none writes SHA256SUMS and archives but plans no artifact', async () => {
    const b = await fakeBuild(dir, 'darwin/arm64', 'mach-o')
    const packaged = await packageBinaries(
      [b],
      options({ upload: 'none', archive: 'zip' }),
      dir
    )
    expect(packaged.packages).toEqual([])
    expect(await listFiles(dir)).toEqual([
      'SHA256SUMS',
      'darwin-arm64/hello',
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

  it('never lets two binaries write the same archive', async () => {
    const a = await fakeBuild(dir, 'linux/amd64', 'a')
    const b = await fakeBuild(dir, 'linux/arm64', 'b')
    const packaged = await packageBinaries(
      [a, b],
      options({ 'artifact-name': '{name}-{goos}', archive: 'tar.gz' }),
      dir
    )
    expect(packaged.failures).toEqual([
      'linux/arm64 hello: its file hello-linux.tar.gz would replace the one of linux/amd64 hello; it was not packaged or uploaded. Add {target} (and {name}) to artifact-name.'
    ])
    expect(packaged.packages.map((p) => p.binaries)).toEqual([
      ['linux-amd64/hello']
    ])
    const out = await tempDir('extract-')
    dirs.push(out)
    await tool('tar', ['-xzf', join(dir, 'hello-linux.tar.gz'), '-C', out])
    expect(await readFile(join(out, 'hello'), 'utf8')).toBe('a')
  })

  it('refuses a binary outside the output directory', async () => {
    const elsewhere = await tempDir()
    dirs.push(elsewhere)
    const b = await fakeBuild(elsewhere, 'linux/amd64', 'x')
    const packaged = await packageBinaries([b], options({}), dir)
    expect(packaged.failures).toEqual([
      expect.stringContaining('is not inside the output directory')
    ])
    expect(packaged.packages).toEqual([])
  })

  it('makes byte-identical archives under SOURCE_DATE_EPOCH', async () => {
    const restore = setEnv({ SOURCE_DATE_EPOCH: '1700000000', TZ: 'UTC' })
    try {
      const b = await fakeBuild(dir, 'windows/arm64', 'MZ binary')
      const first: Buffer[] = []
      for (let i = 0; i < 2; i++) {
        await packageBinaries([b], options({ archive: 'tar.gz' }), dir)
        first.push(await readFile(join(dir, 'hello-windows-arm64.tar.gz')))
        await packageBinaries([b], options({ archive: 'zip' }), dir)
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
