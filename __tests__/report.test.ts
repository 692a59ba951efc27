import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { jest } from '@jest/globals'
import {
  binaryStatus,
  escapeHtml,
  formatSize,
  planLines,
  releaseHeadersLine,
  shortList,
  summaryMarkdown,
  terminalReport,
  verdictLine,
  writeSummary
} from '../src/report/report.js'
import { buildProblems, buildRecord } from '../src/build/build.js'
import { lineProblem } from '../src/problem.js'
import type { BinaryReport, Build, Result, Target } from '../src/types.js'
import { plannedBinary } from './support/artifact-files.js'

/** A target from its canonical name. */
function target(name: string): Target {
  const [goos, goarch, variant = ''] = name.split('/')
  return { goos, goarch, variant, name, id: name.replace(/\//g, '-') }
}

/** A binary that built, verified and was uploaded, with overrides. */
function binary(
  name: string,
  overrides: Partial<BinaryReport> = {},
  outcome: Partial<Pick<Build, 'status' | 'output' | 'error'>> = {},
  binaryName = 'hello'
): BinaryReport {
  const t = target(name)
  const planned = plannedBinary('/work/dist', name, binaryName)
  const built = buildRecord(planned, 'built', {
    seconds: 1.234,
    size: 1_572_864,
    sha256: 'ab'.repeat(32)
  })
  return {
    build: { ...built, ...outcome },
    verification: {
      format: `ELF 64-bit LSB executable, ${t.goarch}, statically linked, Go 1.26.8, CGO_ENABLED=0, stripped`,
      checks: {},
      findings: [],
      ok: true
    },
    artifact: {
      name: planned.artifact ?? '',
      id: 7,
      url: `https://github.com/o/r/actions/runs/1/artifacts/${t.id}`,
      binaries: [planned.fileName]
    },
    ...overrides
  }
}

/**
 * A run over the given binaries, everything else plausible. `failures` are
 * problem lines: a failed build's own line is that build's problem, as the
 * build stage makes it; any other line belongs to no binary.
 */
function run(
  binaries: BinaryReport[],
  { failures = [], ...overrides }: Partial<Result> & { failures?: string[] } = {}
): Result {
  const own = buildProblems(binaries.map((b) => b.build))
  const problems = failures.map(
    (line) => own.find((p) => p.what === line) ?? lineProblem(line)
  )
  const targets = [
    ...new Map(
      binaries.map((b) => [b.build.target.name, b.build.target])
    ).values()
  ]
  return {
    goVersion: 'go1.26.8',
    host: 'linux/amd64',
    parallel: 2,
    moduleDir: '/work/module',
    droppedEnv: [],
    targets,
    outputDir: '/work/dist',
    binaries,
    artifacts: binaries.flatMap((b) => (b.artifact ? [b.artifact] : [])),
    problems,
    ...overrides
  }
}

const compileError = [
  '# example.com/hello',
  './main.go:4:2: undefined: foo',
  './main.go:9:7: cannot use x (variable of type *T) as <nil> & "y" value'
].join('\n')

/** A binary whose build failed with the compile error above. */
function failed(name: string, output = compileError): BinaryReport {
  return {
    build: buildRecord(plannedBinary('/work/dist', name), 'failed', {
      seconds: 1.234,
      output,
      error: `${name}: go build hello failed (exit code 1)`
    })
  }
}

describe('escapeHtml', () => {
  it.each([
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d'],
    ['say "hi"', 'say &quot;hi&quot;'],
    ['&lt;', '&amp;lt;'],
    ['plain', 'plain']
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

describe('formatSize and shortList', () => {
  it.each<[number | undefined, string]>([
    [undefined, ''],
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [860_000, '840 KiB'],
    [1_572_864, '1.5 MiB']
  ])('%j bytes → %j', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text)
  })

  it.each<[string[], string]>([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b', 'c'], 'a, b, c'],
    [['a', 'b', 'c', 'd', 'e'], 'a, b, c, +2 more']
  ])('%j → %j', (names, text) => {
    expect(shortList(names)).toBe(text)
  })
})

describe('binaryStatus', () => {
  it.each<[string, BinaryReport, string]>([
    ['all good', binary('linux/amd64'), 'built · verified · uploaded'],
    ['build failed', failed('linux/amd64'), 'build failed'],
    [
      'skipped',
      binary('linux/amd64', {}, { status: 'skipped' }),
      'skipped (fail-fast)'
    ],
    [
      'not verified (verify off)',
      binary('linux/amd64', { verification: undefined, artifact: undefined }),
      'built'
    ],
    [
      'verification failed',
      binary('linux/arm64', {
        verification: {
          format: 'ELF 64-bit LSB executable, x86-64',
          checks: {},
          ok: false,
          findings: [
            {
              check: 'machine',
              expected: 'AArch64',
              found: 'x86-64',
              hint: 'GOARCH did not reach the compiler',
              severity: 'error'
            },
            {
              check: 'stripped',
              expected: 'yes',
              found: 'no',
              hint: '',
              severity: 'note'
            }
          ]
        }
      }),
      'built · verification failed (machine) · uploaded'
    ],
    [
      'notes only',
      binary('linux/amd64', {
        verification: {
          format: 'x',
          checks: {},
          ok: true,
          findings: [
            {
              check: 'stripped',
              expected: 'yes',
              found: 'no',
              hint: '',
              severity: 'note'
            }
          ]
        }
      }),
      'built · verified (1 note) · uploaded'
    ],
    [
      'smoke test and upload error',
      binary('linux/amd64', {
        smoke: { status: 'passed', detail: 'native' },
        artifact: undefined,
        uploadError: 'Conflict: an artifact with this name already exists'
      }),
      'built · verified · smoke test passed · upload failed'
    ]
  ])('%s', (_, b, status) => {
    expect(binaryStatus(b)).toBe(status)
  })
})

describe('verdictLine', () => {
  it('says how many binaries, targets and artifacts when all is well', () => {
    const binaries = [
      'linux/amd64',
      'linux/arm64',
      'darwin/amd64',
      'darwin/arm64',
      'windows/amd64',
      'windows/arm64'
    ].flatMap((t) => [
      binary(t),
      binary(t, {}, {}, 'cli')
    ])
    expect(
      verdictLine(
        run(binaries, {
          artifacts: binaries.slice(0, 6).map((b) => b.artifact!)
        })
      )
    ).toBe(
      '12 binaries built and verified for 6 targets; 0 failed; uploaded as 6 artifacts'
    )
  })

  it.each<[string, Result, string]>([
    [
      'one binary, singular words',
      run([binary('linux/amd64')]),
      '1 binary built and verified for 1 target; 0 failed; uploaded as 1 artifact'
    ],
    [
      'verify off, upload none',
      run(
        [
          binary('linux/amd64', {
            verification: undefined,
            artifact: undefined
          })
        ],
        {
          uploadSkipped: 'upload: none'
        }
      ),
      '1 binary built for 1 target; 0 failed; not uploaded: upload: none'
    ],
    [
      'failures are named with their stage',
      run(
        [
          binary('darwin/arm64'),
          failed('linux/386'),
          failed('linux/amd64'),
          failed('windows/amd64'),
          binary('windows/arm64', {
            verification: { format: '', checks: {}, findings: [], ok: false }
          })
        ],
        { failures: ['a', 'b', 'c', 'd'] }
      ),
      '1 of 5 binaries built and verified for 5 targets; 4 failed (linux/386: build, linux/amd64: build, windows/amd64: build, +1 more); uploaded as 2 artifacts'
    ],
    [
      'a failure that belongs to no binary',
      run([binary('linux/amd64', { artifact: undefined })], {
        failures: ['checksums: could not write SHA256SUMS'],
        artifacts: []
      }),
      '1 binary built and verified for 1 target; 0 failed; 1 other failure; nothing uploaded'
    ],
    [
      'skipped builds after fail-fast',
      run(
        [
          failed('linux/amd64'),
          binary(
            'linux/arm64',
            { artifact: undefined, verification: undefined },
            { status: 'skipped' }
          )
        ],
        {
          failures: ['x', 'y']
        }
      ),
      '0 of 2 binaries built for 2 targets; 1 failed (linux/amd64: build); 1 skipped; nothing uploaded'
    ]
  ])('%s', (_, result, line) => {
    expect(verdictLine(result)).toBe(line)
  })
})

describe('planLines', () => {
  it('names Go, host, parallelism, targets and dropped variables', () => {
    expect(
      planLines({
        goVersion: 'go1.26.8',
        host: 'darwin/arm64',
        parallel: 4,
        droppedEnv: ['CC', 'CGO_CFLAGS'],
        targets: [target('linux/amd64'), target('linux/arm/7')],
        outputDir: '/w/dist'
      })
    ).toEqual([
      'Go 1.26.8 on darwin/arm64, 4 builds at a time, CGO_ENABLED=0',
      '2 targets: linux/amd64, linux/arm/7',
      'output: /w/dist',
      'dropped from the inherited environment: CC, CGO_CFLAGS'
    ])
  })

  it('says when nothing was dropped', () => {
    const lines = planLines({
      goVersion: '1.26.8',
      host: 'linux/amd64',
      parallel: 1,
      droppedEnv: [],
      targets: [target('linux/amd64')]
    })
    expect(lines[0]).toBe(
      'Go 1.26.8 on linux/amd64, 1 build at a time, CGO_ENABLED=0'
    )
    expect(lines.at(-1)).toBe('dropped from the inherited environment: nothing')
  })
})

describe('summaryMarkdown', () => {
  const twelve = [
    'linux/amd64',
    'linux/arm64',
    'linux/386',
    'linux/arm/7',
    'darwin/amd64',
    'darwin/arm64',
    'windows/amd64',
    'windows/arm64',
    'freebsd/amd64',
    'netbsd/amd64',
    'openbsd/amd64',
    'js/wasm'
  ]

  it('has one table with a row per binary and the link to its artifact', () => {
    const md = summaryMarkdown(
      run([binary('linux/amd64'), binary('windows/arm64')])
    )
    const rows = md.split('\n').filter((l) => l.startsWith('| '))
    expect(rows).toHaveLength(4)
    expect(rows[0]).toBe(
      '| Target | Binary | Status | Format | Size | SHA-256 | Build | Paths | SBOM | Artifact |'
    )
    expect(rows[3]).toBe(
      '| <code>windows/arm64</code> | hello-windows-arm64.exe | ✅ built · verified · uploaded | ELF 64-bit LSB executable, arm64, statically linked, Go 1.26.8, CGO&#95;ENABLED=0, stripped | 1.5 MiB | <code>abababababab</code> | 1.2 s |  |  | [hello-windows-arm64](https://github.com/o/r/actions/runs/1/artifacts/windows-arm64) |'
    )
    expect(md).toMatch(
      /^## ✅ Go cross-build\n\n2 binaries built and verified for 2 targets; 0 failed; uploaded as 2 artifacts\n/
    )
    expect(md).not.toContain('<details>')
  })

  it('shows a compile error once for every target it broke, escaped', () => {
    const result = run(
      twelve.map((t) => failed(t)),
      {
        failures: twelve.map((t) => `${t}: go build hello failed (exit code 1)`)
      }
    )
    const md = summaryMarkdown(result)
    expect(md.match(/<details>/g)).toHaveLength(1)
    expect(md).toContain(
      '<summary>Compiler output: linux/amd64 (hello), linux/arm64 (hello), linux/386 (hello), +9 more</summary>'
    )
    expect(md).toContain('as &lt;nil&gt; &amp; &quot;y&quot; value')
    expect(md).not.toContain('<nil>')
    expect(md).toMatch(/^## ❌ Go cross-build/)
    expect(
      md.split('\n').filter((l) => l.includes('❌ build failed'))
    ).toHaveLength(12)
  })

  it('keeps different compiler outputs apart', () => {
    const md = summaryMarkdown(
      run(
        [
          failed('linux/amd64'),
          failed('js/wasm', 'main.go:1:1: js only <oops>')
        ],
        { failures: ['x', 'y'] }
      )
    )
    expect(md.match(/<details>/g)).toHaveLength(2)
    expect(md).toContain('js only &lt;oops&gt;')
  })

  it('escapes pipes and markup in cells, so a hostile value cannot break the table', () => {
    const b = binary('linux/amd64', {
      verification: {
        format: 'ELF | <script>alert(1)</script>',
        checks: {},
        findings: [],
        ok: true
      },
      artifact: { name: 'a|b', url: 'https://x/y (z)', binaries: [] }
    })
    const row = summaryMarkdown(run([b]))
      .split('\n')
      .find((l) => l.startsWith('| <code>linux/amd64'))!
    expect(row.split(' | ')).toHaveLength(10)
    expect(row).toContain('ELF &#124; &lt;script&gt;alert&#40;1&#41;&lt;/script&gt;')
    expect(row).toContain('[a&#124;b](https://x/y%20%28z%29)')
  })

  it('lists findings of a binary that failed verification', () => {
    const b = binary('linux/arm64', {
      verification: {
        format: 'ELF 64-bit LSB executable, x86-64',
        checks: {},
        ok: false,
        findings: [
          {
            check: 'machine',
            expected: 'AArch64',
            found: 'x86-64',
            hint: 'Check GOFLAGS & wrappers',
            severity: 'error'
          }
        ]
      }
    })
    const md = summaryMarkdown(
      run([b], { failures: ['linux/arm64: the binary is x86-64'] })
    )
    expect(md).toContain(
      '<summary>Verification failed: linux/arm64 hello-linux-arm64</summary>'
    )
    expect(md).toContain(
      '| ❌ machine | AArch64 | x86-64 | Check GOFLAGS &amp; wrappers |'
    )
    expect(md).toContain('- linux/arm64: the binary is x86-64')
  })

  it('says why nothing was uploaded and where the checksums are', () => {
    const md = summaryMarkdown(
      run([binary('linux/amd64', { artifact: undefined })], {
        uploadSkipped: 'upload: none',
        checksumsPath: '/w/dist/SHA256SUMS',
        artifacts: []
      })
    )
    expect(md).toContain('Not uploaded: upload: none.')
    expect(md).toContain('Checksums: <code>/w/dist/SHA256SUMS</code>')
    expect(md).toContain('| — |')
  })

  it('stays under the 1 MiB job summary limit', () => {
    const huge = (i: number) => `./main.go:${i}:1: ${'x'.repeat(20000)}`
    const result = run(
      Array.from({ length: 60 }, (_, i) =>
        failed(`linux/amd64/v${i}`, huge(i))
      ),
      { failures: ['x'] }
    )
    const md = summaryMarkdown(result)
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024)
    expect(md).toMatch(
      /\d+ more blocks of output did not fit in the job summary/
    )
    expect(md.split('\n').filter((l) => l.startsWith('| <code>'))).toHaveLength(
      60
    )
  })
})

describe('the release header fields note', () => {
  it.each([
    ['go1.26.8', ['darwin/arm64'], 'Release header fields judged for go1.26: linux/ppc64 ELFv1, darwin minimum macOS 12.0.'],
    ['go1.27.3', ['linux/ppc64'], 'Release header fields judged for go1.27: linux/ppc64 ELFv2, darwin minimum macOS 13.0.'],
    ['go1.28.0', ['darwin/amd64'], 'Release header fields not judged: go1.28.0 is not a release in the table (go1.26, go1.27), so linux/ppc64\'s ELF ABI level and darwin\'s minimum macOS are not checked against it.'],
    ['go1.28.0', ['linux/amd64', 'windows/arm64'], undefined]
  ])('%s building %j', (goVersion, targets, line) => {
    const result = run(targets.map((t) => binary(t)), { goVersion })
    expect(releaseHeadersLine(result)).toBe(line)
    const md = summaryMarkdown(result)
    // the note is in the summary, escaped as any text there is
    if (line) expect(md).toContain(line.split(/[(']/)[0])
    else expect(md).not.toContain('Release header fields')
  })
})

describe('writeSummary', () => {
  let dir: string
  let written: string[]
  let write: ReturnType<typeof jest.spyOn>
  const saved = process.env.GITHUB_STEP_SUMMARY

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'summary-'))
    written = []
    write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk))
        return true
      })
  })
  afterEach(() => {
    write.mockRestore()
    if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
    else process.env.GITHUB_STEP_SUMMARY = saved
    rmSync(dir, { recursive: true, force: true })
  })

  it('appends the summary to the GITHUB_STEP_SUMMARY file', async () => {
    const file = path.join(dir, 'summary.md')
    writeFileSync(file, 'earlier step\n')
    process.env.GITHUB_STEP_SUMMARY = file
    const result = run([binary('linux/amd64')])
    await expect(writeSummary(result)).resolves.toBe(true)
    expect(readFileSync(file, 'utf8')).toBe(
      `earlier step\n${summaryMarkdown(result)}\n`
    )
  })

  it('warns instead of failing when GITHUB_STEP_SUMMARY is unset', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(writeSummary(run([binary('linux/amd64')]))).resolves.toBe(
      false
    )
    expect(written.join('')).toMatch(
      /^::warning::GITHUB_STEP_SUMMARY is not set/m
    )
  })

  it('warns instead of failing when the file cannot be written', async () => {
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'missing', 'summary.md')
    await expect(writeSummary(run([binary('linux/amd64')]))).resolves.toBe(
      false
    )
    expect(written.join('')).toMatch(
      /^::warning::Could not write the job summary/m
    )
  })
})

describe('terminalReport', () => {
  it('aligns a row per binary, shows each distinct compiler output once, and ends with the verdict', () => {
    const result = run(
      [binary('linux/amd64'), failed('windows/arm64'), failed('linux/arm/7')],
      {
        failures: [
          'windows/arm64: go build hello failed (exit code 1)',
          'linux/arm/7: go build hello failed (exit code 1)'
        ]
      }
    )
    const text = terminalReport(result)
    const lines = text.split('\n')
    expect(lines[0]).toMatch(
      /^TARGET +BINARY +STATUS +SIZE +SHA-256 +TIME +FORMAT$/
    )
    expect(lines[1]).toMatch(
      /^linux\/amd64 +hello-linux-amd64 +built · verified · uploaded +1\.5 MiB +abababababab +1\.2 s +ELF/
    )
    // Every column starts at the same place in every row.
    for (const [header, cellText] of [
      ['BINARY', 'hello-'],
      ['STATUS', 'b'],
      ['SIZE', '1.5'],
      ['FORMAT', 'ELF']
    ])
      expect(lines[1].indexOf(cellText, lines[0].indexOf(header))).toBe(
        lines[0].indexOf(header)
      )
    expect(lines[2].indexOf('build failed')).toBe(lines[0].indexOf('STATUS'))
    expect(text.match(/undefined: foo/g)).toHaveLength(1)
    expect(text).toContain('✗ windows/arm64 (hello), linux/arm/7 (hello):')
    expect(text).not.toContain('Failures:')
    expect(lines.at(-2)).toBe(verdictLine(result))
  })
})

describe('the job summary with hostile text', () => {
  const hostile = [
    '[click here](https://evil.example/steal)',
    '<img src=x onerror=alert(1)>',
    '</pre><script>alert(2)</script><pre>',
    '* a list item',
    '# a heading',
    '1. an ordered item',
    '| a | table |',
    'see www.evil.example or mail a@evil.example',
    '![image](https://evil.example/i.png) `code` _em_ \\ {x} ~s~ \'q\''
  ].join('\n')

  /** Undo the character references the summary uses. */
  const decode = (text: string): string =>
    text
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')

  /** What Markdown or HTML would act on, anywhere in the summary. */
  const live = (summary: string): string[] => {
    // The action's own words and table rows are not foreign.
    const md = summary.replace(/CGO_ENABLED/g, '').replace(/^\| /gm, '')
    return [
      /\[[^\]]*\]\((?!https:\/\/github\.com\/o\/r\/)/g,
      /<(?!\/?(code|pre|details|summary|br)>)[a-z/]/gi,
      /https?:\/\/(?!github\.com\/o\/r\/)/g,
      /\bwww\./g,
      /@evil/g,
      /^\s*([*#]|\d+\.)\s/gm,
      /[`_'\\~{}!]/g,
      // A row of a table with a cell too many: a pipe came through.
      ...summary
        .split('\n')
        .filter((l) => l.startsWith('| '))
        .filter((l) => ![10, 4].includes(l.split(' | ').length))
    ].flatMap((re) => (typeof re === 'string' ? [re] : (md.match(re) ?? [])))
  }

  it('escapes smoke output inside <pre> and every foreign value outside it', () => {
    const b = binary(
      'linux/amd64',
      {
        smoke: { status: 'failed', detail: hostile },
        verification: {
          format: hostile,
          checks: {},
          ok: true,
          findings: [
            {
              check: 'machine',
              expected: hostile,
              found: hostile,
              hint: 'x',
              severity: 'note'
            }
          ]
        },
        artifact: undefined,
        uploadError: hostile
      },
      {},
      '[x](www.evil.example)*b*'
    )
    const md = summaryMarkdown(
      run([b], { failures: [hostile], uploadSkipped: hostile, artifacts: [] })
    )
    expect(live(md)).toEqual([])
    // What is escaped still reads the same.
    const pre = /<pre>([^]*?)<\/pre>/.exec(md)
    expect(decode(pre![1])).toBe(hostile)
    expect(md).toContain(
      '<summary>Smoke test failed: linux/amd64 &#91;x&#93;&#40;www&#46;evil.example&#41;&#42;b&#42;-linux-amd64</summary>'
    )
  })

  it('escapes compiler output, package names and failures the same way', () => {
    const b = failed('linux/amd64', hostile)
    b.build.pkg = { ...b.build.pkg, binaryName: '<b>[n](https://evil.example)' }
    const md = summaryMarkdown(run([b], { failures: [hostile] }))
    expect(live(md)).toEqual([])
    expect(decode(/<pre>([^]*?)<\/pre>/.exec(md)![1])).toBe(hostile)
  })

  it('says how many annotations were left out', () => {
    expect(summaryMarkdown(run([binary('linux/amd64')]), 17)).toContain(
      '17 annotations were left out'
    )
    expect(summaryMarkdown(run([binary('linux/amd64')]))).not.toContain(
      'left out'
    )
  })
})
