/**
 * The SBOM per binary: the withdeps fixture (third-party modules, one
 * replaced by another version, one by a directory) built by the real
 * toolchain for several targets, read by our build info reader, turned into
 * CycloneDX 1.6, validated against the official schema with the library's
 * own strict validator, and compared with what `go version -m` prints.
 */
import { execFile, execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'
import { inspectBinary, type BuildInfo } from '../src/inspect/binary/index.js'
import {
  cycloneDxSbom,
  goModulePurl,
  h1Sha256,
  isDirectoryPath,
  sbomFileName,
  sbomSerialNumber,
  sbomTimestamp,
  uuidV5,
  type SbomInput
} from '../src/package/sbom.js'
import type { Target } from '../src/types.js'
import { goVersionM, type GoVersionM } from './support/go-version-m.js'
import {
  buildEnv,
  outDir,
  removeOutDir,
  target,
  twoAtATime
} from './binary-builds.js'

const WITHDEPS = resolve('__fixtures__/withdeps')

/** The parts of a CycloneDX JSON document the tests look at. */
interface CdxComponent {
  'bom-ref'?: string
  type: string
  name: string
  version?: string
  purl?: string
  hashes?: { alg: string; content: string }[]
  properties?: { name: string; value: string }[]
  components?: CdxComponent[]
}
interface CdxBom {
  $schema: string
  bomFormat: string
  specVersion: string
  serialNumber: string
  metadata: {
    timestamp?: string
    component: CdxComponent
    tools?: { components?: CdxComponent[] }
  }
  components: CdxComponent[]
  dependencies: { ref: string; dependsOn?: string[] }[]
}

interface Binary {
  target: Target
  label: string
  path: string
  fileName: string
  sha256: string
  buildInfo: BuildInfo
}

/** Where and with which GOFLAGS to build. */
interface Where {
  cwd: string
  goflags: string
}

// buildvcs off by default: the fixture sits in this repository, whose state
// (dirty or not, the commit) must not change what the test compares.
const FIXTURE: Where = { cwd: WITHDEPS, goflags: '-buildvcs=false' }

function goBuild(
  t: Target,
  out: string,
  flags: string[],
  where: Where
): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      'go',
      ['build', ...flags, '-o', out, '.'],
      { cwd: where.cwd, env: buildEnv(t, { GOFLAGS: where.goflags }) },
      (error, stdout, stderr) =>
        error
          ? fail(new Error(`go build for ${t.name} failed: ${stderr}${stdout}`))
          : done(out)
    )
  })
}

// Under -trimpath, cmd/go leaves -ldflags out of the build info (they may
// hold paths), so the stripped build goes without it to show them recorded.
const BUILDS: { label: string; t: Target; flags: string[] }[] = [
  {
    label: 'linux/amd64 with -ldflags -X and tags',
    t: target('linux', 'amd64'),
    flags: [
      '-trimpath',
      '-tags=netgo,osusergo',
      '-ldflags=-X main.version=1.2.3'
    ]
  },
  {
    label: 'linux/amd64 stripped, without -trimpath',
    t: target('linux', 'amd64'),
    flags: ['-ldflags=-s -w']
  },
  {
    label: 'windows/arm64',
    t: target('windows', 'arm64'),
    flags: ['-trimpath']
  },
  { label: 'darwin/arm64', t: target('darwin', 'arm64'), flags: ['-trimpath'] },
  {
    label: 'linux/arm/7',
    t: target('linux', 'arm', '7'),
    flags: ['-trimpath']
  }
]

let binaries: Binary[] = []

async function binaryFor(
  label: string,
  t: Target,
  flags: string[],
  suffix = '',
  where = FIXTURE
): Promise<Binary> {
  const fileName = `withdeps-${t.id}-${binaries.length}${suffix}${t.goos === 'windows' ? '.exe' : ''}`
  const path = await goBuild(t, join(outDir(), fileName), flags, where)
  const info = await inspectBinary(path)
  if (!info.buildInfo) {
    throw new Error(`${label}: no build info: ${info.buildInfoError}`)
  }
  return {
    target: t,
    label,
    path,
    fileName,
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    buildInfo: info.buildInfo
  }
}

beforeAll(async () => {
  // Fetch the fixture's modules once, before the parallel builds.
  execFileSync('go', ['mod', 'download'], {
    cwd: WITHDEPS,
    env: buildEnv(target('linux', 'amd64'))
  })
  binaries = await twoAtATime(
    BUILDS.map(({ label, t, flags }, i) => async () => {
      const b = await binaryFor(label, t, flags, `-${i}`)
      return b
    })
  )
})

afterAll(() => removeOutDir())

function inputOf(b: Binary, over: Partial<SbomInput> = {}): SbomInput {
  return {
    buildInfo: b.buildInfo,
    target: b.target,
    fileName: b.fileName,
    sha256: b.sha256,
    ...over
  }
}

function property(c: CdxComponent, name: string): string[] {
  return (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value)
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)

describe.each(BUILDS.map((b, i) => [b.label, i] as const))(
  'the SBOM of withdeps built for %s',
  (_label, i) => {
    let b: Binary
    let json: string
    let bom: CdxBom
    let m: GoVersionM
    beforeAll(() => {
      b = binaries[i]
      json = cycloneDxSbom(inputOf(b))
      bom = JSON.parse(json) as CdxBom
      m = goVersionM(b.path)
    })

    it('is valid against the official CycloneDX 1.6 JSON schema (strict)', async () => {
      expect(await validator.validate(json)).toBeNull()
      expect(bom.$schema).toBe(
        'http://cyclonedx.org/schema/bom-1.6.schema.json'
      )
      expect(bom.specVersion).toBe('1.6')
    })

    it('has one component per module go version -m lists, as linked', () => {
      const want = m.deps
        .map((d) => {
          const r = d.replace
          const dir = r !== undefined && /^\.{0,2}\//.test(r.path)
          const sum = r ? r.sum : d.sum
          return {
            name: r && !dir ? r.path : d.path,
            version: r ? r.version : d.version,
            sha256: sum
              ? Buffer.from(sum.slice(3), 'base64').toString('hex')
              : undefined
          }
        })
        .sort((x, y) => x.name.localeCompare(y.name))
      const got = bom.components
        .map((c) => ({
          name: c.name,
          version: c.version,
          sha256: c.hashes?.find((h) => h.alg === 'SHA-256')?.content
        }))
        .sort((x, y) => x.name.localeCompare(y.name))
      expect(got).toEqual(want)
      // The fixture's graph, so a change to it is seen here.
      expect(got.map((c) => c.name)).toEqual([
        'example.com/greet',
        'golang.org/x/text',
        'rsc.io/quote/v3',
        'rsc.io/sampler'
      ])
      expect(bom.components.every((c) => c.type === 'library')).toBe(true)
    })

    it('gives each module a pkg:golang purl and its go.sum hash', () => {
      for (const d of m.deps) {
        const r = d.replace
        if (r && r.path.startsWith('./')) continue
        const path = r ? r.path : d.path
        const version = r ? r.version : d.version
        const c = bom.components.find((x) => x.name === path)!
        expect(c.purl).toBe(`pkg:golang/${path}@${version}?type=module`)
        expect(c['bom-ref']).toBe(c.purl)
        expect(property(c, 'go:module:sum')).toEqual([r ? r.sum : d.sum])
      }
    })

    it('keeps what a replaced module replaced, and names a directory', () => {
      const sampler = bom.components.find((c) => c.name === 'rsc.io/sampler')!
      expect(sampler.version).toBe('v1.3.1')
      expect(property(sampler, 'go:module:replaces')).toEqual([
        'rsc.io/sampler@v1.3.0'
      ])
      const greet = bom.components.find((c) => c.name === 'example.com/greet')!
      expect(greet.version).toBe('(devel)')
      expect(greet.purl).toBeUndefined()
      expect(greet.hashes).toBeUndefined()
      expect(property(greet, 'go:module:directory')).toEqual(['./greet'])
      expect(property(greet, 'go:module:replaces')).toEqual([
        'example.com/greet@v0.0.0'
      ])
    })

    it('describes the main module, the target and every build setting', () => {
      const main = bom.metadata.component
      expect(main.type).toBe('application')
      expect(main.name).toBe(m.mod.path)
      expect(main.version).toBe(m.mod.version)
      const qs = `goarch=${b.target.goarch}&goos=${b.target.goos}&type=module`
      expect(main.purl).toBe(`pkg:golang/example.com/withdeps?${qs}`)
      expect(property(main, 'go:version')).toEqual([m.goVersion])
      expect(property(main, 'go:package')).toEqual([m.path])
      expect(property(main, 'go:target')).toEqual([b.target.name])
      const settings = (main.properties ?? [])
        .filter((p) => p.name.startsWith('go:build:'))
        .map((p) => [p.name.slice('go:build:'.length), p.value])
      expect(settings.sort()).toEqual([...m.settings].sort())
      expect(property(main, 'go:build:CGO_ENABLED')).toEqual(['0'])
      expect(property(main, 'go:build:GOOS')).toEqual([b.target.goos])
      expect(property(main, 'go:build:-trimpath')).toEqual(
        b.label.includes('without -trimpath') ? [] : ['true']
      )
    })

    it('holds the binary as a file component with its SHA-256', () => {
      const files = bom.metadata.component.components ?? []
      expect(files).toEqual([
        {
          'bom-ref': `file:${b.fileName}`,
          type: 'file',
          name: b.fileName,
          hashes: [{ alg: 'SHA-256', content: b.sha256 }]
        }
      ])
    })

    it('says the main module depends on every module, and nothing more', () => {
      expect(bom.dependencies).toEqual([
        {
          ref: bom.metadata.component['bom-ref'],
          dependsOn: bom.components.map((c) => c['bom-ref']!).sort()
        }
      ])
    })

    it('is the same bytes every time, with a serial number from the SHA-256', () => {
      expect(cycloneDxSbom(inputOf(b))).toBe(json)
      expect(bom.serialNumber).toBe(sbomSerialNumber(b.sha256))
      expect(bom.serialNumber).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      )
      expect(bom.metadata.timestamp).toBeUndefined()
      expect(json.endsWith('}\n')).toBe(true)
    })
  }
)

describe('the SBOM of one binary', () => {
  it('names the variant setting and the stripping flags', () => {
    const arm = JSON.parse(cycloneDxSbom(inputOf(binaries[4]))) as CdxBom
    expect(property(arm.metadata.component, 'go:build:GOARM')).toEqual(['7'])
    expect(property(arm.metadata.component, 'go:target')).toEqual([
      'linux/arm/7'
    ])
    const stripped = JSON.parse(cycloneDxSbom(inputOf(binaries[1]))) as CdxBom
    expect(property(stripped.metadata.component, 'go:build:-ldflags')).toEqual([
      '-s -w'
    ])
    const tagged = JSON.parse(cycloneDxSbom(inputOf(binaries[0]))) as CdxBom
    expect(property(tagged.metadata.component, 'go:build:-tags')).toEqual([
      'netgo,osusergo'
    ])
    expect(property(tagged.metadata.component, 'go:build:-ldflags')).toEqual([])
  })

  it('is byte for byte the same for a rebuild of the same binary', async () => {
    const { t, flags, label } = BUILDS[0]
    const again = await binaryFor(label, t, flags, '-again')
    expect(again.sha256).toBe(binaries[0].sha256)
    expect(
      cycloneDxSbom(inputOf(again, { fileName: binaries[0].fileName }))
    ).toBe(cycloneDxSbom(inputOf(binaries[0])))
  })

  it('has another serial number for another binary', () => {
    const serials = new Set(
      binaries.map(
        (b) => (JSON.parse(cycloneDxSbom(inputOf(b))) as CdxBom).serialNumber
      )
    )
    expect(serials.size).toBe(binaries.length)
  })

  it('writes the timestamp and the tool when given, and stays valid', async () => {
    const json = cycloneDxSbom(
      inputOf(binaries[2], {
        timestamp: sbomTimestamp('1700000000'),
        tool: { name: 'go-cross-build', version: '1.0.0' }
      })
    )
    expect(await validator.validate(json)).toBeNull()
    const bom = JSON.parse(json) as CdxBom
    expect(bom.metadata.timestamp).toBe('2023-11-14T22:13:20.000Z')
    expect(bom.metadata.tools?.components).toEqual([
      { type: 'application', name: 'go-cross-build', version: '1.0.0' }
    ])
  })

  it('carries the vcs settings and the pseudo-version of a commit', async () => {
    const repo = join(outDir(), 'vcs-repo')
    cpSync(WITHDEPS, repo, { recursive: true })
    const at = '2024-01-02T03:04:05Z'
    const git = (...args: string[]): string =>
      execFileSync('git', args, {
        cwd: repo,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: at,
          GIT_COMMITTER_DATE: at,
          GIT_CONFIG_NOSYSTEM: '1'
        }
      }).trim()
    git('init', '-q')
    git('add', '.')
    git(
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-qm',
      'x'
    )
    const b = await binaryFor(
      'vcs',
      target('linux', 'amd64'),
      ['-trimpath'],
      '-vcs',
      { cwd: repo, goflags: '-buildvcs=true' }
    )
    const json = cycloneDxSbom(inputOf(b))
    expect(await validator.validate(json)).toBeNull()
    const main = (JSON.parse(json) as CdxBom).metadata.component
    const rev = git('rev-parse', 'HEAD')
    const version = `v0.0.0-20240102030405-${rev.slice(0, 12)}`
    expect(goVersionM(b.path).mod.version).toBe(version)
    expect(main.version).toBe(version)
    expect(main.purl).toBe(
      `pkg:golang/example.com/withdeps@${version}?goarch=amd64&goos=linux&type=module`
    )
    expect(
      (main.properties ?? []).filter((p) => p.name.startsWith('go:build:vcs'))
    ).toEqual([
      { name: 'go:build:vcs', value: 'git' },
      { name: 'go:build:vcs.modified', value: 'false' },
      { name: 'go:build:vcs.revision', value: rev },
      { name: 'go:build:vcs.time', value: at }
    ])
  })

  it('is valid for a binary built outside a module (no mod line)', async () => {
    const bi: BuildInfo = {
      ...binaries[0].buildInfo,
      path: 'command-line-arguments',
      mod: undefined,
      deps: [],
      modules: []
    }
    const json = cycloneDxSbom(inputOf(binaries[0], { buildInfo: bi }))
    expect(await validator.validate(json)).toBeNull()
    const main = (JSON.parse(json) as CdxBom).metadata.component
    expect(main.name).toBe('command-line-arguments')
    expect(main.purl).toBeUndefined()
  })
})

describe('sbomFileName', () => {
  it.each([
    ['tool', 'tool.cdx.json'],
    ['tool.exe', 'tool.exe.cdx.json']
  ])('%s → %s', (name, want) => {
    expect(sbomFileName(name)).toBe(want)
  })
})

describe('sbomTimestamp', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['0', '1970-01-01T00:00:00.000Z'],
    ['1700000000', '2023-11-14T22:13:20.000Z']
  ])('%j → %j', (v, want) => {
    expect(sbomTimestamp(v)?.toISOString()).toBe(want)
  })
  it.each(['abc', '1.5', '-1', ' 1', '1e9', '9999999999999'])(
    'rejects %j, naming SOURCE_DATE_EPOCH',
    (v) => {
      expect(() => sbomTimestamp(v)).toThrow(
        /^SOURCE_DATE_EPOCH: ".*" is not a whole number/
      )
    }
  )
})

describe('uuidV5', () => {
  it('gives the RFC 9562 example (DNS namespace, www.example.com)', () => {
    expect(
      uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')
    ).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })
})

describe('h1Sha256', () => {
  it.each([
    [
      'h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=',
      '49c5f9c357936b742a4fca22ebece23fb7535754b6f802d4d1b23ed335ca5a24'
    ],
    ['', undefined],
    ['h2:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=', undefined],
    ['h1:short=', undefined]
  ])('%j → %j', (sum, want) => {
    expect(h1Sha256(sum)).toBe(want)
  })
})

describe('isDirectoryPath', () => {
  it.each([
    ['./greet', true],
    ['../x', true],
    ['/abs/x', true],
    ['C:\\x', true],
    ['.\\x', true],
    ['golang.org/x/text', false],
    ['example.com/a/b', false]
  ])('%s → %s', (p, want) => {
    expect(isDirectoryPath(p)).toBe(want)
  })
})

describe('goModulePurl', () => {
  it.each([
    [
      'golang.org/x/text',
      'v0.14.0',
      'pkg:golang/golang.org/x/text@v0.14.0?type=module'
    ],
    [
      'github.com/BurntSushi/toml',
      'v0.3.1+incompatible',
      'pkg:golang/github.com/BurntSushi/toml@v0.3.1+incompatible?type=module'
    ],
    ['example.com/tool', '(devel)', 'pkg:golang/example.com/tool?type=module'],
    [
      'rsc.io/quote/v3',
      'v3.1.0',
      'pkg:golang/rsc.io/quote/v3@v3.1.0?type=module'
    ]
  ])('%s@%s → %s', (path, version, want) => {
    expect(goModulePurl(path, version)).toBe(want)
  })
})
