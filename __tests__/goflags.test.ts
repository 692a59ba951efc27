import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { ROOT, runAction } from './support/action.js'
import {
  goflagsSource,
  programFlagWarnings,
  type GoflagsSource
} from '../src/plan/goflags.js'

describe('programFlagWarnings', () => {
  const job: GoflagsSource = { kind: 'job' }
  it.each<[string, string, GoflagsSource, RegExp[]]>([
    ['-toolexec from the job', '-toolexec=/tmp/wrap', job, [/^GOFLAGS: "-toolexec=\/tmp\/wrap" \(from the job's environment\) brings in a program or files the workflow does not name: it makes go run that program in place of every compiler and linker call.*remove it where an earlier step or the workflow exports GOFLAGS\.$/]],
    ['-exec with a separate value', '-exec /tmp/run', job, [/^GOFLAGS: "-exec \/tmp\/run" \(from the job's environment\) brings in a program or files the workflow does not name: it makes go run and go test start binaries/]],
    ['--overlay from go env -w', '-mod=mod --overlay=/tmp/o.json', { kind: 'file', file: '/home/u/.config/go/env' }, [/^GOFLAGS: "--overlay=\/tmp\/o.json" \(from "go env -w" \(\/home\/u\/.config\/go\/env\)\) brings in .* it makes go compile the files .* run "go env -u GOFLAGS" before this step, or set GOENV: off for it\.$/]],
    ['from the env input', '-toolexec=x', { kind: 'input' }, [/\(from the env input\) .* remove it from the env input\.$/]],
    ['every one of several', '-toolexec=a -v -exec=b -overlay=c', job, [/"-toolexec=a"/, /"-exec=b"/, /"-overlay=c"/]]
  ])('%s', (_, goflags, source, expected) => {
    const warnings = programFlagWarnings(goflags, source)
    expect(warnings).toHaveLength(expected.length)
    expected.forEach((re, i) => expect(warnings[i]).toMatch(re))
  })

  it.each(['', '-mod=mod -trimpath', '-v -buildvcs=false', '-toolexecx=y', '-Exec=y'])(
    'says nothing of %j',
    (goflags) => expect(programFlagWarnings(goflags, job)).toEqual([])
  )
})

describe('goflagsSource', () => {
  it.each<[Record<string, string>, Record<string, string>, GoflagsSource]>([
    [{ GOFLAGS: '-x' }, { GOFLAGS: '-x' }, { kind: 'input' }],
    [{ GOFLAGS: '-x' }, {}, { kind: 'job' }],
    [{}, {}, { kind: 'file', file: '/g/env' }],
    [{ GOFLAGS: '' }, {}, { kind: 'file', file: '/g/env' }]
  ])('env %j, env input %j: %j', (env, input, source) => {
    expect(goflagsSource(env, input, '/g/env')).toEqual(source)
  })
})

describe('the bundle names GOFLAGS that run other programs in the plan log', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'goflags-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  // /usr/bin/env as -toolexec runs each tool unchanged, so the build passes.
  const run = (env: Record<string, string>) =>
    runAction(
      {
        targets: 'linux/amd64',
        'working-directory': path.join(ROOT, '__fixtures__', 'hello'),
        'output-dir': path.join(dir, 'out'),
        upload: 'none'
      },
      { GITHUB_ACTIONS: 'true', RUNNER_TEMP: dir, GITHUB_WORKSPACE: ROOT, ...env }
    )

  it("from the job's environment", async () => {
    const result = await run({ GOFLAGS: '-toolexec=/usr/bin/env', GOENV: 'off' })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(
      /^::warning::GOFLAGS: "-toolexec=\/usr\/bin\/env" \(from the job's environment\) brings in a program or files the workflow does not name: it makes go run that program in place of every compiler and linker call/m
    )
  }, 120_000)

  it('from go env -w', async () => {
    const goenv = path.join(dir, 'go-env')
    writeFileSync(goenv, 'GOFLAGS=-toolexec=/usr/bin/env\n')
    const result = await run({ GOFLAGS: '', GOENV: goenv })
    expect(result.exitCode).toBe(0)
    const line = result.stdout
      .split('\n')
      .find((l) => l.startsWith('::warning::GOFLAGS: '))
    expect(line).toContain(`"-toolexec=/usr/bin/env" (from "go env -w" (${goenv}))`)
    expect(line).toContain('run "go env -u GOFLAGS" before this step')
  }, 120_000)

  it('says nothing without such a flag', async () => {
    const result = await run({ GOFLAGS: '-trimpath', GOENV: 'off' })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).not.toMatch(/GOFLAGS: "/)
  }, 120_000)
})
