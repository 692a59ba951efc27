/**
 * reproducible: assert | report, with real builds. The rebuild compiles
 * the standard library cold (an empty GOCACHE) for each target, so each
 * case builds one target of the hello fixture: a trimmed build is
 * reproducible; with trimpath: false the two trees' paths end up in the
 * binaries, and the finding's offset and section are checked against cmp
 * and readelf on the two real files. report keeps the run green; assert
 * fails the binary and keeps it out of SHA256SUMS.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { INPUT_DEFAULTS, getInputs } from '../src/inputs/inputs.js'
import { streamLog } from '../src/log.js'
import { run } from '../src/main.js'
import { execute } from '../src/pipeline.js'
import { binariesOutput } from '../src/report/outputs.js'
import { escapeHtml, summaryMarkdown } from '../src/report/report.js'
import { ROOT, parseOutputFile } from './support/action.js'
import { setEnv } from './support/artifact-files.js'
import { describeWithTools, missingTools } from './support/tools.js'

const hello = path.join(ROOT, '__fixtures__', 'hello')
const base = mkdtempSync(path.join(tmpdir(), 'gcb-reproducible-'))
// hello outside any repository, at a path long enough that the copy (under
// RUNNER_TEMP=base) gets a path of the same length: a path that differs
// then moves no other byte.
const longHello = path.join(base, 'a-module-directory-long-enough-for-a-copy-of-equal-length', 'hello')
cpSync(hello, longHello, { recursive: true })

/** Inputs as a runner passes them: every input, defaults for the rest. */
function inputs(values: Record<string, string>): Record<string, string> {
  return {
    ...INPUT_DEFAULTS,
    targets: 'linux/amd64',
    'working-directory': hello,
    upload: 'none',
    ...values
  }
}

const lines: string[] = []
const log = streamLog((line) => lines.push(line))

/** cmp's first differing byte (1-based, as cmp counts). */
function cmpFirstByte(a: string, b: string): number | undefined {
  const r = spawnSync('cmp', [a, b], { encoding: 'utf8' })
  if (r.status === 0) return undefined
  const m = /differ: (?:byte|char) (\d+)/.exec(r.stdout)
  if (!m) throw new Error(`cmp said: ${r.stdout}${r.stderr}`)
  return Number(m[1])
}

/** The section readelf -S places a file offset in. */
function readelfSection(file: string, offset: number): string | undefined {
  const r = spawnSync('readelf', ['-S', '-W', file], { encoding: 'utf8' })
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)/.exec(line)
    if (!m || m[2] === 'NOBITS') continue
    const start = parseInt(m[3], 16)
    const size = parseInt(m[4], 16)
    if (offset >= start && offset < start + size) return m[1]
  }
  return undefined
}

let restore: () => void = () => {}
afterEach(() => restore())

const tools = [
  { name: 'cmp', install: 'apt-get install -y diffutils' },
  { name: 'readelf', install: 'apt-get install -y binutils' }
]

describeWithTools('reproducible', await missingTools(tools), () => {
  it('assert: a trimmed, VCS-stamped build is reproducible, and the cost is in the log and the summary', async () => {
    // hello in a git repository with a dirty tree, built with -buildvcs=true
    // (over this machine's go env): the stamp (revision, commit time,
    // modified) must read the same in the copy
    const repo = path.join(base, 'repo')
    cpSync(hello, path.join(repo, 'hello'), { recursive: true })
    const git = (...args: string[]): string =>
      spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: repo,
        encoding: 'utf8'
      }).stdout
    git('init', '-q')
    git('add', '.')
    git('commit', '-qm', 'hello')
    writeFileSync(path.join(repo, 'untracked.txt'), 'dirty\n')
    const out = path.join(base, 'same')
    const given = inputs({
      'output-dir': out,
      'working-directory': path.join(repo, 'hello'),
      reproducible: 'assert',
      flags: '-buildvcs=true'
    })
    lines.length = 0
    const result = await execute(getInputs((n) => given[n]), log)
    expect(result.problems).toEqual([])
    const [b] = result.binaries
    const stamp = spawnSync('go', ['version', '-m', b.build.path], { encoding: 'utf8' }).stdout
    expect(stamp).toContain(`vcs.revision=${git('rev-parse', 'HEAD').trim()}`)
    expect(stamp).toContain('vcs.modified=true')
    expect(b.reproducible).toEqual({ result: 'reproducible', text: 'reproducible' })
    expect(binariesOutput(result)[0]).toMatchObject({ reproducible: 'reproducible', rebuilt: null })
    const r = result.reproducible!
    expect(r.mode).toBe('assert')
    expect(r.targets).toBe(1)
    // the copy is of the VCS root that holds the module
    expect(r.copy!.root).toBe(repo)
    expect(r.seconds).toBeGreaterThan(0)
    expect(r.keptDir).toBeUndefined()
    expect(lines.join('\n')).toMatch(
      /reproducible: 1 reproducible, 0 differ, 0 not checked; the rebuild took \d+\.\d s, the first build \d+\.\d s/
    )
    const summary = summaryMarkdown(result)
    expect(summary).toMatch(/\| Build \| Paths \| SBOM \| Reproducible \| Artifact \|/)
    expect(summary).toContain('✅ reproducible')
    expect(summary).toMatch(/Reproducible &#40;assert&#41;: 1 target built again from a copy of .* with an empty GOCACHE; the rebuild took \d+\.\d s, the first build \d+\.\d s\./)
    expect(summary).toMatch(
      new RegExp(`a copy of ${escapeHtml(repo, false).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} &#40;\\d+ files, [\\d.]+ (?:B|KiB|MiB), copied in \\d+\\.\\d s&#41;`)
    )
    // nothing of the rebuild is left behind
    expect(existsSync(path.dirname(r.copy!.copy))).toBe(false)
  })

  it('report: with trimpath off the rebuild differs; the note names the offset cmp finds and the section readelf finds, and the run stays green', async () => {
    const dir = mkdtempSync(path.join(base, 'runner-'))
    const outputFile = path.join(dir, 'output')
    const summaryFile = path.join(dir, 'summary')
    writeFileSync(outputFile, '')
    writeFileSync(summaryFile, '')
    const out = path.join(base, 'report')
    const given = inputs({
      'output-dir': out,
      'working-directory': longHello,
      reproducible: 'report',
      trimpath: 'false'
    })
    restore = setEnv({
      ...Object.fromEntries(
        Object.entries(given).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])
      ),
      RUNNER_TEMP: base,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile
    })
    const write = process.stdout.write
    const logged: string[] = []
    process.stdout.write = ((s: string) => {
      logged.push(String(s))
      return true
    }) as typeof process.stdout.write
    try {
      await run()
      expect(process.exitCode ?? 0).toBe(0)
    } finally {
      process.stdout.write = write
      process.exitCode = undefined
    }
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'))
    const [b] = JSON.parse(outputs.binaries) as {
      path: string
      verified: boolean
      reproducible: string
      rebuilt: string
      findings: { check: string; severity: string; found: string; hint: string }[]
    }[]
    expect(b.verified).toBe(true)
    expect(b.reproducible).toMatch(/^differs at \S+\+0x[0-9a-f]+$/)
    // the first build's binary and the rebuild's, both real files
    const byte = cmpFirstByte(b.path, b.rebuilt)
    expect(byte).toBeDefined()
    const offset = byte! - 1
    const finding = b.findings.find((f) => f.check === 'reproducible')!
    expect(finding.severity).toBe('note')
    expect(finding.found).toBe(`${b.reproducible} (file offset 0x${offset.toString(16)})`)
    // the first differing byte is the Go build ID, a hash of the rest
    const section = readelfSection(b.path, offset)
    expect(section).toBe('.note.go.buildid')
    expect(b.reproducible).toBe(
      `differs at ${section}+0x${(offset - sectionStart(b.path, section!)).toString(16)}`
    )
    // the first one outside it and the GNU build ID made from it, by
    // cmp -l, is the module's path itself
    const ids = ['.note.go.buildid', '.note.gnu.build-id'].map((n) => sectionRange(b.path, n))
    const outside = cmpAll(b.path, b.rebuilt).find(
      (o) => !ids.some((id) => o >= id.start && o < id.start + id.size)
    )!
    const where = readelfSection(b.path, outside)!
    expect(finding.hint).toContain(
      `The first difference outside the build IDs (Go's, and the GNU build ID or Mach-O UUID made from it: hashes of the rest, which differ whenever anything does) is at file offset 0x${outside.toString(16)}, ${where}+0x${(outside - sectionStart(b.path, where)).toString(16)}.`
    )
    const bytes = readFileSync(b.path)
    expect(bytes.subarray(outside - 200, outside + 200).toString('latin1')).toContain(longHello)
    expect(finding.hint).toMatch(/Likely cause: absolute paths: the build's tree .*a-module-directory-long-enough-for-a-copy-of-equal-length\/hello appears [1-9]\d* time\(s\) in its binary/)
    expect(outputs.checksums).toBe(path.join(out, 'SHA256SUMS'))
    expect(readFileSync(outputs.checksums, 'utf8')).toContain('hello-linux-amd64')
    const summary = readFileSync(summaryFile, 'utf8')
    expect(summary).toContain('## ✅ Go cross-build')
    // a note, not a failure: the mark says so
    expect(summary).toMatch(/\| ⚠️ differs at \.note\.go\.buildid\+0x[0-9a-f]+ \|/)
    expect(summary).toMatch(/the rebuilt binaries that differ are in /)
    expect(logged.join('')).toMatch(/reproducible: 0 reproducible, 1 differ, 0 not checked/)
  })

  it('assert: the same difference fails the binary and keeps it out of SHA256SUMS', async () => {
    const out = path.join(base, 'assert')
    const given = inputs({
      'output-dir': out,
      'working-directory': longHello,
      reproducible: 'assert',
      trimpath: 'false'
    })
    const result = await execute(getInputs((n) => given[n]), log)
    const [b] = result.binaries
    expect(b.verification?.ok).toBe(false)
    expect(b.reproducible?.result).toBe('differs')
    expect(result.problems).toEqual([
      expect.objectContaining({ stage: 'inspect', builds: ['linux-amd64/hello'] })
    ])
    expect(result.problems[0].what).toMatch(
      /^linux\/amd64: hello-linux-amd64 is not reproducible: a second build differs first at file offset 0x[0-9a-f]+, /
    )
    expect(result.checksumsPath).toBeUndefined()
    expect(summaryMarkdown(result)).toContain('verification failed &#40;reproducible&#41;')
  })
})

/** Where readelf says a section lies in the file. */
function sectionRange(file: string, name: string): { start: number; size: number } {
  const r = spawnSync('readelf', ['-S', '-W', file], { encoding: 'utf8' })
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)/.exec(line)
    if (m && m[1] === name) return { start: parseInt(m[2], 16), size: parseInt(m[3], 16) }
  }
  throw new Error(`readelf does not list ${name} in ${file}`)
}

/** The file offset where readelf says a section starts. */
function sectionStart(file: string, name: string): number {
  return sectionRange(file, name).start
}

/** Every differing byte's offset (0-based), by cmp -l (1-based). */
function cmpAll(a: string, b: string): number[] {
  const r = spawnSync('cmp', ['-l', a, b], { encoding: 'utf8', maxBuffer: 64 << 20 })
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(l.trim().split(/\s+/)[0]) - 1)
}
