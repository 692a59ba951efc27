import {
  archiveFormatFor,
  artifactName,
  checkArtifactNames,
  parsePublishInputs,
  type PublishOptions
} from '../src/package/options.js'
import { nameBinaries } from '../src/plan/names.js'
import { problemLine } from '../src/problem.js'
import { target } from './support/artifact-files.js'

/** A `get` for parsePublishInputs: unset inputs read as ''. */
function inputs(values: Record<string, string>): (name: string) => string {
  return (name) => values[name] ?? ''
}

function parseError(values: Record<string, string>): string {
  try {
    parsePublishInputs(inputs(values))
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('parsePublishInputs accepted the inputs')
}

describe('parsePublishInputs', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(parsePublishInputs(inputs({}))).toEqual({
      upload: 'per-target',
      artifactName: '{name}-{target}',
      archive: 'none',
      skipArchive: false,
      retentionDays: undefined,
      compressionLevel: 6,
      overwrite: false,
      sbom: true
    })
  })

  it('reads every input as action.yml spells it', () => {
    expect(
      parsePublishInputs(
        inputs({
          upload: 'combined',
          'artifact-name': 'bin-{name}',
          archive: 'auto',
          'skip-archive': 'false',
          'retention-days': '90',
          'compression-level': '0',
          overwrite: 'True',
          sbom: 'false'
        })
      )
    ).toEqual({
      upload: 'combined',
      artifactName: 'bin-{name}',
      archive: 'auto',
      skipArchive: false,
      retentionDays: 90,
      compressionLevel: 0,
      overwrite: true,
      sbom: false
    })
  })

  it('defaults the name to {name} for combined', () => {
    expect(
      parsePublishInputs(inputs({ upload: 'combined' })).artifactName
    ).toBe('{name}')
  })

  it.each([
    ['retention-days', '1', 1],
    ['retention-days', '90', 90],
    ['compression-level', '9', 9],
    ['compression-level', '0', 0]
  ])('accepts %s: %s', (input, value, expected) => {
    const opts = parsePublishInputs(inputs({ [input]: value }))
    const key =
      input === 'retention-days' ? 'retentionDays' : 'compressionLevel'
    expect(opts[key as keyof PublishOptions]).toBe(expected)
  })

  it.each([
    ['upload', 'per_target', 'not an upload mode'],
    ['upload', 'both', '"per-target", "combined" or "none"'],
    ['archive', 'tgz', 'not an archive format'],
    ['archive', '7z', '"none", "tar.gz", "zip" or "auto"'],
    ['skip-archive', 'yes', 'not a boolean; use true or false'],
    ['overwrite', '1', 'not a boolean'],
    ['retention-days', '3abc', 'not a whole number of days from 1 to 90'],
    ['retention-days', '0', 'from 1 to 90'],
    ['retention-days', '91', 'from 1 to 90'],
    ['retention-days', '1.5', 'from 1 to 90'],
    ['retention-days', '-1', 'from 1 to 90'],
    ['retention-days', '0x10', 'from 1 to 90'],
    ['compression-level', '10', 'from 0 (store) to 9'],
    ['compression-level', '6abc', 'not a zip compression level'],
    ['compression-level', '-1', 'not a zip compression level'],
    ['artifact-name', 'bin/{name}', 'forward slash /'],
    ['artifact-name', '{name}:{target}', 'colon :'],
    ['artifact-name', '{name}-{os}', 'uses {os}, which is not a placeholder']
  ])('refuses %s: %j, naming the input and value', (input, value, fix) => {
    const message = parseError({ [input]: value })
    expect(message).toContain(`${input}: "${value}"`)
    expect(message).toContain(fix)
  })

  it('refuses skip-archive with combined, saying what to change', () => {
    expect(
      parseError({ upload: 'combined', 'skip-archive': 'true' })
    ).toContain('skip-archive: "true" needs upload: per-target')
  })

  it('accepts skip-archive with upload: none (nothing is uploaded)', () => {
    expect(
      parsePublishInputs(inputs({ upload: 'none', 'skip-archive': 'true' }))
        .skipArchive
    ).toBe(true)
  })

  it('refuses per-target placeholders in a combined name', () => {
    expect(
      parseError({ upload: 'combined', 'artifact-name': '{name}-{goos}' })
    ).toContain('uses {goos}, which has no single value')
  })

  it('lists every problem, one line each', () => {
    const message = parseError({
      upload: 'all',
      'retention-days': '3abc',
      'compression-level': '11'
    })
    const lines = message.split('\n')
    expect(lines[0]).toBe('Invalid publish inputs:')
    expect(lines.slice(1)).toEqual([
      expect.stringContaining('upload: "all"'),
      expect.stringContaining('retention-days: "3abc"'),
      expect.stringContaining('compression-level: "11"')
    ])
  })
})

describe('artifactName', () => {
  const arm7 = {
    name: 'tool',
    goos: 'linux',
    goarch: 'arm',
    variant: '7',
    target: 'linux-arm-7'
  }
  const amd64 = { ...arm7, goarch: 'amd64', variant: '', target: 'linux-amd64' }

  it.each([
    ['{name}-{target}', arm7, 'tool-linux-arm-7'],
    ['{name}-{target}', amd64, 'tool-linux-amd64'],
    ['{name}_{goos}_{goarch}', arm7, 'tool_linux_arm'],
    ['{name}-{goos}-{goarch}-{variant}', arm7, 'tool-linux-arm-7'],
    ['{name}-{goos}-{goarch}-{variant}', amd64, 'tool-linux-amd64'],
    ['{name}-{goos}-{goarch}{variant}', amd64, 'tool-linux-amd64'],
    ['{variant}-{name}', amd64, '-tool'],
    ['release', amd64, 'release'],
    ['{name}-{other}', amd64, 'tool-{other}']
  ])('%s for %j', (template, vars, expected) => {
    expect(artifactName(template, vars)).toBe(expected)
  })
})

describe('checkArtifactNames', () => {
  it('accepts distinct names', () => {
    expect(
      checkArtifactNames(['hello-linux-amd64', 'hello-linux-arm-7', 'a.b_c'])
    ).toEqual([])
  })

  it.each([
    ['a"b', 'double quote'],
    ['a:b', 'colon'],
    ['a<b', 'less than'],
    ['a>b', 'greater than'],
    ['a|b', 'vertical bar'],
    ['a*b', 'asterisk'],
    ['a?b', 'question mark'],
    ['a\rb', 'carriage return'],
    ['a\nb', 'line feed'],
    ['a\\b', 'backslash'],
    ['a/b', 'forward slash']
  ])('refuses %j (%s)', (name, label) => {
    const problems = checkArtifactNames([name])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(label)
    expect(problems[0]).toMatch(/^artifact-name: /)
  })

  it('refuses an empty name', () => {
    expect(checkArtifactNames([' '])).toEqual([
      expect.stringContaining('an artifact name is empty')
    ])
  })

  it('refuses duplicates once, with the count and the fix', () => {
    expect(checkArtifactNames(['x', 'y', 'x', 'x'])).toEqual([
      expect.stringMatching(/"x" would be used by 3 artifacts.*add \{target\}/)
    ])
  })
})

describe('nameBinaries: every name, decided once in the plan', () => {
  const base = parsePublishInputs(inputs({}))
  const targets = [target('linux/amd64'), target('linux/arm/7'), target('windows/amd64')]
  const packages = ['server', 'cli'].map((name) => ({
    pattern: `/src/cmd/${name}`,
    importPath: `example.com/tool/cmd/${name}`,
    binaryName: name
  }))
  const named = (opts: PublishOptions, n = 2) =>
    nameBinaries(opts, targets, packages.slice(0, n), '/out')
  const artifacts = (opts: PublishOptions, n = 2) =>
    named(opts, n).binaries.map((b) => b.artifact)

  it('names one binary: id, file, path, deliverable, sidecar, artifact', () => {
    const [b] = nameBinaries(base, [targets[2]], packages, '/out').binaries
    expect(b).toEqual({
      id: 'windows-amd64/server',
      target: targets[2],
      pkg: packages[0],
      path: '/out/server-windows-amd64.exe',
      fileName: 'server-windows-amd64.exe',
      archive: 'none',
      deliverable: 'server-windows-amd64.exe',
      sidecar: 'server-windows-amd64.exe.sha256',
      artifact: 'server-windows-amd64',
      sbom: 'server-windows-amd64.exe.cdx.json',
      sbomArtifact: undefined
    })
    const zipped = nameBinaries({ ...base, archive: 'auto' }, [targets[2]], packages, '/out')
    expect(zipped.binaries[0]).toMatchObject({
      archive: 'zip',
      deliverable: 'server-windows-amd64.zip',
      sidecar: 'server-windows-amd64.zip.sha256',
      // the archive's entry is the binary: the SBOM beside it in there
      sbom: 'server-windows-amd64.exe.cdx.json'
    })
  })

  it('names the SBOM after the binary as the user gets it, and its raw artifact', () => {
    const one = (opts: PublishOptions) =>
      nameBinaries(opts, [targets[2]], packages.slice(0, 1), '/out').binaries[0]
    const raw = { ...base, skipArchive: true, artifactName: 'app-{target}' }
    expect(one(raw)).toMatchObject({
      deliverable: 'app-windows-amd64.exe',
      sbom: 'app-windows-amd64.exe.cdx.json',
      sbomArtifact: 'app-windows-amd64.exe.cdx.json'
    })
    // inside a raw archive: no artifact of its own
    expect(one({ ...raw, archive: 'zip' })).toMatchObject({
      sbom: 'server-windows-amd64.exe.cdx.json',
      sbomArtifact: undefined
    })
    expect(one({ ...base, sbom: false })).toMatchObject({
      sbom: undefined,
      sbomArtifact: undefined
    })
  })

  it('finds an SBOM name that another file of the step already has', () => {
    // raw uploads named {name}: x's SBOM is x.cdx.json, the other's file
    const opts = { ...base, skipArchive: true, artifactName: '{name}' }
    const pkgs = ['x', 'x.cdx.json'].map((name) => ({
      pattern: `/src/${name}`,
      importPath: `example.com/${name}`,
      binaryName: name
    }))
    const { problems } = nameBinaries(opts, [targets[0]], pkgs, '/out')
    expect(problems.map(problemLine)).toEqual([
      expect.stringContaining('"x.cdx.json" would be used by 2 artifacts')
    ])
  })

  it('gives every (target, binary) its own default name', () => {
    const { binaries, problems } = named(base)
    expect(binaries.map((b) => b.artifact)).toEqual([
      'server-linux-amd64',
      'cli-linux-amd64',
      'server-linux-arm-7',
      'cli-linux-arm-7',
      'server-windows-amd64',
      'cli-windows-amd64'
    ])
    expect(problems).toEqual([])
  })

  it('names raw uploads after their files, extension included', () => {
    const opts = { ...base, skipArchive: true }
    expect(artifacts(opts, 1)).toEqual([
      'server-linux-amd64',
      'server-linux-arm-7',
      'server-windows-amd64.exe'
    ])
    expect(named(opts, 1).binaries.map((b) => b.sidecar)).toEqual([
      undefined,
      undefined,
      undefined
    ])
    expect(artifacts({ ...opts, archive: 'auto' }, 1)).toEqual([
      'server-linux-amd64.tar.gz',
      'server-linux-arm-7.tar.gz',
      'server-windows-amd64.zip'
    ])
  })

  it('gives one name for combined, and none for upload: none', () => {
    const combined = parsePublishInputs(inputs({ upload: 'combined' }))
    expect(new Set(artifacts(combined))).toEqual(new Set(['cli-server']))
    expect(new Set(artifacts(combined, 1))).toEqual(new Set(['server']))
    expect(artifacts({ ...base, upload: 'none' })).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined
    ])
  })

  it('finds collisions of a template without {target} before any build', () => {
    const opts = { ...base, artifactName: '{name}-{goos}' }
    expect(named(opts).problems.map(problemLine)).toEqual([
      expect.stringContaining('"server-linux" would be used by 2 artifacts'),
      expect.stringContaining('"cli-linux" would be used by 2 artifacts')
    ])
  })

  it('finds collisions of a template without {name} with several packages', () => {
    const opts = { ...base, artifactName: 'app-{target}' }
    expect(named(opts).problems.map(problemLine)).toEqual([
      expect.stringContaining('"app-linux-amd64" would be used by 2'),
      expect.stringContaining('"app-linux-arm-7" would be used by 2'),
      expect.stringContaining('"app-windows-amd64" would be used by 2')
    ])
  })

  it('never lets two binaries write the same archive, even without upload', () => {
    const opts = parsePublishInputs(
      inputs({ upload: 'none', archive: 'tar.gz', 'artifact-name': '{name}-{goos}' })
    )
    // upload: none names archives with the default template: no clash
    expect(named(opts).problems).toEqual([])
    // a raw copy named like its artifact must not replace another binary
    const pkg = (name: string) => ({ pattern: '.', importPath: name, binaryName: name })
    const clash = nameBinaries(
      { ...base, skipArchive: true, artifactName: '{name}-linux-amd64-{target}' },
      [targets[0]],
      [pkg('a'), pkg('a-linux-amd64')],
      '/out'
    )
    expect(clash.problems.map(problemLine)).toEqual([
      'linux/amd64 a: its file a-linux-amd64-linux-amd64 would replace the one of linux/amd64 a-linux-amd64. Add {target} (and {name}) to artifact-name.'
    ])
    expect(clash.problems[0].builds).toEqual(['linux-amd64/a'])
  })
})

describe('archiveFormatFor', () => {
  it.each([
    ['auto', 'windows', 'zip'],
    ['auto', 'linux', 'tar.gz'],
    ['auto', 'darwin', 'tar.gz'],
    ['zip', 'linux', 'zip'],
    ['tar.gz', 'windows', 'tar.gz'],
    ['none', 'windows', 'none']
  ] as const)('%s for %s is %s', (archive, goos, expected) => {
    expect(archiveFormatFor(archive, goos)).toBe(expected)
  })
})
