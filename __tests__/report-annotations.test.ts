import { execFileSync } from 'node:child_process'
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { jest } from '@jest/globals'
import {
  GO_PROBLEM_MATCHER,
  annotate,
  collectAnnotations,
  parseCompilerOutput,
  repoPath,
  suspendGoMatcher,
  type CompilerMessage,
  type PathContext
} from '../src/report/annotations.js'
import { buildRecord } from '../src/build/build.js'
import type { BinaryReport } from '../src/types.js'
import { plannedBinary } from './support/artifact-files.js'


/** A failed build of `hello` for a target with the given compiler output. */
function failed(name: string, output: string): BinaryReport {
  return {
    build: buildRecord(plannedBinary('/repo/app/dist', name), 'failed', {
      seconds: 0.5,
      output,
      error: `${name}: go build hello failed (exit code 1)`
    })
  }
}

describe('parseCompilerOutput', () => {
  it.each<[string, string, CompilerMessage[]]>([
    ['empty output', '', []],
    [
      'a package header and a relative path',
      '# example.com/hello\n./main.go:4:2: undefined: foo',
      [
        {
          file: './main.go',
          line: 4,
          column: 2,
          message: 'undefined: foo',
          pkg: 'example.com/hello'
        }
      ]
    ],
    [
      'a path into a subdirectory and one out of the directory',
      'internal/lib/lib.go:3:23: cannot use "s" as int value\n../shared/x.go:1:1: expected package',
      [
        {
          file: 'internal/lib/lib.go',
          line: 3,
          column: 23,
          message: 'cannot use "s" as int value'
        },
        {
          file: '../shared/x.go',
          line: 1,
          column: 1,
          message: 'expected package'
        }
      ]
    ],
    [
      'continuation lines belong to the message above',
      'lib.go:7:16: too many arguments in call to G\n\thave (string, number)\n\twant (int)\nlib.go:9:1: missing return',
      [
        {
          file: 'lib.go',
          line: 7,
          column: 16,
          message:
            'too many arguments in call to G\nhave (string, number)\nwant (int)'
        },
        { file: 'lib.go', line: 9, column: 1, message: 'missing return' }
      ]
    ],
    [
      'a Windows path with a drive letter and backslashes',
      'C:\\a\\repo\\main.go:12:5: undefined: x\r\n.\\cmd\\tool\\main.go:3:2: y',
      [
        {
          file: 'C:\\a\\repo\\main.go',
          line: 12,
          column: 5,
          message: 'undefined: x'
        },
        { file: '.\\cmd\\tool\\main.go', line: 3, column: 2, message: 'y' }
      ]
    ],
    [
      'a line without a column',
      'main.go:12: relocation target main.x not defined',
      [
        {
          file: 'main.go',
          line: 12,
          message: 'relocation target main.x not defined'
        }
      ]
    ],
    [
      'lines that are not located are skipped',
      'go: downloading example.com/x v1.0.0\nmain.go:3:2: too many errors\nnote: module requires Go 1.27\n\tindented after a note',
      [{ file: 'main.go', line: 3, column: 2, message: 'too many errors' }]
    ],
    [
      'a file name with spaces and a message with colons',
      './my dir/a file.go:1:2: cannot use x (type T): reason: here',
      [
        {
          file: './my dir/a file.go',
          line: 1,
          column: 2,
          message: 'cannot use x (type T): reason: here'
        }
      ]
    ]
  ])('%s', (_, output, messages) => {
    expect(parseCompilerOutput(output)).toEqual(messages)
  })
})

describe('repoPath', () => {
  it.each<[string, PathContext, string | undefined]>([
    [
      './main.go',
      { moduleDir: '/repo', workspace: '/repo', platform: 'linux' },
      'main.go'
    ],
    [
      './main.go',
      { moduleDir: '/repo/app', workspace: '/repo', platform: 'linux' },
      'app/main.go'
    ],
    [
      'internal/x.go',
      { moduleDir: '/repo/app', workspace: '/repo/', platform: 'linux' },
      'app/internal/x.go'
    ],
    [
      '../lib/x.go',
      { moduleDir: '/repo/app', workspace: '/repo', platform: 'linux' },
      'lib/x.go'
    ],
    [
      '/repo/app/x.go',
      { moduleDir: '/repo/app', workspace: '/repo', platform: 'linux' },
      'app/x.go'
    ],
    [
      '/root/go/pkg/mod/x.io/y@v1/y.go',
      { moduleDir: '/repo', workspace: '/repo', platform: 'linux' },
      undefined
    ],
    [
      '../../elsewhere.go',
      { moduleDir: '/repo/app', workspace: '/repo', platform: 'linux' },
      undefined
    ],
    [
      '.\\cmd\\tool\\main.go',
      {
        moduleDir: 'D:\\a\\r\\r\\app',
        workspace: 'D:\\a\\r\\r',
        platform: 'win32'
      },
      'app/cmd/tool/main.go'
    ],
    [
      'D:\\a\\r\\r\\x.go',
      { moduleDir: 'D:\\a\\r\\r', workspace: 'D:\\a\\r\\r', platform: 'win32' },
      'x.go'
    ],
    [
      'C:\\Go\\src\\x.go',
      { moduleDir: 'D:\\a\\r\\r', workspace: 'D:\\a\\r\\r', platform: 'win32' },
      undefined
    ]
  ])('%s from %j is %j', (file, ctx, expected) => {
    expect(repoPath(file, ctx)).toBe(expected)
  })
})

describe('collectAnnotations', () => {
  const ctx: PathContext = {
    moduleDir: '/repo/app',
    workspace: '/repo',
    platform: 'linux'
  }
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
  const output =
    '# example.com/hello\n./main.go:4:2: undefined: foo\n./main.go:5:6: declared and not used: x'

  it('annotates an error once, however many targets it broke, and lists them', () => {
    const annotations = collectAnnotations(
      twelve.map((t) => failed(t, output)),
      ctx
    )
    expect(annotations).toEqual([
      {
        title: 'go build failed in example.com/hello',
        message:
          'undefined: foo (linux/amd64, linux/arm64, linux/386, +9 more)',
        file: 'app/main.go',
        startLine: 4,
        startColumn: 2,
        targets: twelve
      },
      {
        title: 'go build failed in example.com/hello',
        message:
          'declared and not used: x (linux/amd64, linux/arm64, linux/386, +9 more)',
        file: 'app/main.go',
        startLine: 5,
        startColumn: 6,
        targets: twelve
      }
    ])
  })

  it('keeps errors that only some targets have apart', () => {
    const annotations = collectAnnotations(
      [
        failed('linux/amd64', './main.go:4:2: undefined: foo'),
        failed(
          'windows/amd64',
          './main.go:4:2: undefined: foo\n./unix.go:3:8: undefined: syscall.Kill'
        ),
        failed('windows/arm64', './unix.go:3:8: undefined: syscall.Kill')
      ],
      ctx
    )
    expect(annotations.map((a) => a.message)).toEqual([
      'undefined: foo (linux/amd64, windows/amd64)',
      'undefined: syscall.Kill (windows/amd64, windows/arm64)'
    ])
  })

  it('lists a target once when two of its packages fail the same way', () => {
    const other = failed('linux/amd64', '../lib/x.go:1:1: boom')
    other.build.pkg = { pattern: './cmd/b', importPath: 'example.com/hello/cmd/b', binaryName: 'b' }
    const annotations = collectAnnotations(
      [failed('linux/amd64', '../lib/x.go:1:1: boom'), other],
      ctx
    )
    expect(annotations).toHaveLength(1)
    expect(annotations[0]).toMatchObject({
      file: 'lib/x.go',
      message: 'boom (linux/amd64)'
    })
  })

  it('keeps the location in the message when the file is outside the repository', () => {
    const [a] = collectAnnotations(
      [
        failed(
          'linux/amd64',
          '/root/go/pkg/mod/x.io/y@v1/y.go:3:1: undefined: z'
        )
      ],
      ctx
    )
    expect(a).toEqual({
      title: 'go build failed',
      message:
        '/root/go/pkg/mod/x.io/y@v1/y.go:3:1: undefined: z (linux/amd64)',
      targets: ['linux/amd64']
    })
  })

  it('ignores builds that did not fail', () => {
    const ok = failed('linux/amd64', './main.go:1:1: not really')
    ok.build.status = 'built'
    expect(collectAnnotations([ok], ctx)).toEqual([])
  })
})

describe('annotate', () => {
  it('emits one error per annotation with its title, file and position', () => {
    const calls: unknown[][] = []
    const n = annotate(
      [failed('linux/amd64', './main.go:4:2: undefined: foo\nmain.go:9: bad')],
      { moduleDir: '/repo', workspace: '/repo', platform: 'linux' },
      {
        error: (...args: unknown[]) => void calls.push(args),
        info: () => {},
        omit: () => {}
      }
    )
    expect(n).toEqual({ emitted: 2, omitted: 0 })
    expect(calls).toEqual([
      [
        'undefined: foo (linux/amd64)',
        {
          title: 'go build failed',
          file: 'main.go',
          startLine: 4,
          startColumn: 2
        }
      ],
      [
        'bad (linux/amd64)',
        {
          title: 'go build failed',
          file: 'main.go',
          startLine: 9,
          startColumn: undefined
        }
      ]
    ])
  })
})

describe('annotate through @actions/core', () => {
  it('prints one ::error workflow command per annotation, with file, line and column', () => {
    const written: string[] = []
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk))
        return true
      })
    try {
      annotate(
        ['linux/amd64', 'windows/arm64'].map((t) =>
          failed(t, './main.go:4:2: undefined: foo, bar')
        ),
        { moduleDir: '/repo/app', workspace: '/repo', platform: 'linux' }
      )
    } finally {
      spy.mockRestore()
    }
    expect(written.join('').trim().split(/\r?\n/)).toEqual([
      '::error title=go build failed,file=app/main.go,line=4,col=2::undefined: foo, bar (linux/amd64, windows/arm64)'
    ])
  })
})

describe('suspendGoMatcher', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'matcher-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it("removes the go matcher on a runner and registers setup-go's definition again", () => {
    const out: string[] = []
    const restore = suspendGoMatcher((t) => out.push(t), {
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: dir
    })
    expect(out.join('')).toMatch(/^::remove-matcher owner=go::\r?\n$/)
    restore()
    const m = /^::add-matcher::(.+?)\r?\n$/.exec(out[1])
    expect(m).not.toBeNull()
    const matcher = JSON.parse(readFileSync(m![1], 'utf8'))
    expect(matcher).toEqual(GO_PROBLEM_MATCHER)
    expect(matcher.problemMatcher[0].owner).toBe('go')
    // The regexp is the one that would have matched the raw compiler lines.
    const re = new RegExp(matcher.problemMatcher[0].pattern[0].regexp)
    expect(re.exec('./main.go:4:2: undefined: foo')?.slice(1)).toEqual([
      './main.go',
      '4',
      '2',
      'undefined: foo'
    ])
  })

  it('does nothing outside a runner', () => {
    const out: string[] = []
    suspendGoMatcher((t) => out.push(t), { RUNNER_TEMP: dir })()
    expect(out).toEqual([])
  })

  it('replaces a symlink planted at the matcher file, never the file it points to', () => {
    const victim = path.join(mkdtempSync(path.join(tmpdir(), 'victim-')), 'victim')
    writeFileSync(victim, 'victim\n')
    const file = path.join(dir, 'go-cross-build-go-matcher.json')
    symlinkSync(victim, file)
    const out: string[] = []
    suspendGoMatcher((t) => out.push(t), { GITHUB_ACTIONS: 'true', RUNNER_TEMP: dir })()
    expect(readFileSync(victim, 'utf8')).toBe('victim\n')
    expect(lstatSync(file).isFile()).toBe(true)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(GO_PROBLEM_MATCHER)
    expect(out[1]).toMatch(/^::add-matcher::.*go-cross-build-go-matcher\.json\r?\n$/)
    rmSync(path.dirname(victim), { recursive: true, force: true })
  })
})

describe('annotations from the real Go compiler', () => {
  let repo: string
  let pkgDir: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'annotate-'))
    const app = path.join(repo, 'app')
    pkgDir = path.join(app, 'internal', 'lib')
    mkdirSync(pkgDir, { recursive: true })
    writeFileSync(
      path.join(app, 'go.mod'),
      'module example.com/bad\n\ngo 1.21\n'
    )
    // A package without imports fails in a blink: no runtime to compile first.
    writeFileSync(
      path.join(pkgDir, 'lib.go'),
      'package lib\n\nfunc F() int { return "s" }\n\nfunc G(a int) {}\n\nvar _ = G("x", 2)\n'
    )
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  /** `go build .` in the package directory for one target; its output. */
  function goBuild(goos: string, goarch: string): string {
    try {
      execFileSync('go', ['build', '-o', path.join(repo, 'out'), '.'], {
        cwd: pkgDir,
        env: {
          ...process.env,
          GOOS: goos,
          GOARCH: goarch,
          CGO_ENABLED: '0',
          GOFLAGS: ''
        },
        stdio: 'pipe'
      })
    } catch (error) {
      return String((error as { stderr: Buffer }).stderr)
    }
    throw new Error('the broken module built')
  }

  it('points at the repository file and line, once for every target', () => {
    const outputs = [goBuild('linux', 'arm64'), goBuild('windows', 'amd64')]
    expect(outputs[0]).toMatch(/^\.\/lib\.go:3:23: /m)
    const binaries = [
      failed('linux/arm64', outputs[0]),
      failed('windows/amd64', outputs[1])
    ]
    const annotations = collectAnnotations(binaries, {
      moduleDir: pkgDir,
      workspace: repo
    })
    expect(
      annotations.map(({ file, startLine, startColumn, message }) => [
        file,
        startLine,
        startColumn,
        message
      ])
    ).toEqual([
      [
        'app/internal/lib/lib.go',
        3,
        23,
        expect.stringMatching(
          /^cannot use "s" .* \(linux\/arm64, windows\/amd64\)$/
        )
      ],
      [
        'app/internal/lib/lib.go',
        7,
        9,
        expect.stringMatching(/used as value \(linux\/arm64, windows\/amd64\)$/)
      ],
      [
        'app/internal/lib/lib.go',
        7,
        16,
        'too many arguments in call to G\nhave (string, number)\nwant (int) (linux/arm64, windows/amd64)'
      ]
    ])
  })
})
