/**
 * Report stage: what a person reads at the end of a run. Everything here is
 * a pure function of the `Result` except `writeSummary`, the thin edge
 * that appends the job summary.
 *
 *   summaryMarkdown  the job summary: one table, a row per binary, then the
 *                    compiler output and findings of whatever failed
 *   planLines        the short plan logged before the first build
 *   verdictLine      the closing one-line verdict
 *   terminalReport   the same report for a terminal (the CLI)
 */
import * as core from '@actions/core'
import { basename } from 'node:path'
import { pathCheckText } from '../inspect/paths.js'
import { goRelease, LINKER_HEADERS, linkerHeadersFor } from '../inspect/releases.js'
import { actionLog, type Log } from '../log.js'
import { problemLine } from '../problem.js'
import type { BinaryReport, Result, Target } from '../types.js'

/** The job summary of one step may hold at most 1 MiB; stay well below. */
const SUMMARY_BUDGET = 900 * 1024
/** At most this many characters of one compiler output in the summary. */
const OUTPUT_BUDGET = 16 * 1024
/** At most this many target names in one list before `+N more`. */
const LIST_LIMIT = 3

/** The characters HTML gives a meaning to, as entities. */
const HTML_ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/** A character as a numeric character reference: `[` → `&#91;`. */
function entity(c: string): string {
  return `&#${c.codePointAt(0)};`
}

/**
 * The one escape for text in the job summary, inside and outside tables and
 * `<pre>`: what HTML gives a meaning to (`& < > " '`), what Markdown does
 * (`\ \` * _ [ ] ( ) ! | ~ # { }`), what starts a block at a line start
 * (`-`, `+`, `=`, a digit), and what GitHub turns into a link by itself
 * (`://`, `www.`, `@`) — all as character references, which read the same
 * in the rendered summary and mean nothing to either language. The job
 * summary API escapes nothing, and compiler output is full of `<`, `>`
 * and `&`.
 */
export function escapeHtml(text: string, lineStarts = true): string {
  const escaped = text
    .replace(/[&<>"'\\`*_[\]()!|~#{}@]/g, (c) => HTML_ENTITY[c] ?? entity(c))
    .replace(/:\/\//g, '&#58;//')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#46;`)
  return lineStarts
    ? escaped.replace(
        /(^|[\r\n])([ \t]*)([-+=0-9])/g,
        (_, br: string, sp: string, c: string) => br + sp + entity(c)
      )
    : escaped
}

/**
 * Escape text for one cell of a Markdown table (or one line): its line
 * breaks become `<br>`, so no line of it starts a block.
 */
function cell(text: string): string {
  return escapeHtml(text, false).replace(/\r\n|[\r\n]/g, '<br>')
}

/** Escape text for a `<pre>` block: line breaks stay. */
function pre(text: string): string {
  return `<pre>${escapeHtml(text)}</pre>`
}

/** `1.9 MiB`, `840 KiB`, `512 B`. */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}

/** `3.2 s`. */
export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(1)} s`
}

/** The first 12 hex digits of a SHA-256, enough to tell binaries apart. */
export function shortSha(sha256: string | undefined): string {
  return sha256 ? sha256.slice(0, 12) : ''
}

/** `1 binary`, `2 binaries`. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * A list of names, cut after `limit` entries:
 * `linux/amd64, windows/arm64, +10 more`.
 */
export function shortList(
  names: readonly string[],
  limit = LIST_LIMIT
): string {
  if (names.length <= limit) return names.join(', ')
  return `${names.slice(0, limit).join(', ')}, +${names.length - limit} more`
}

/** Why a binary counts as failed, or undefined when it does not. */
export function failureKind(binary: BinaryReport): string | undefined {
  if (binary.build.status === 'failed') return 'build'
  if (binary.build.status === 'skipped') return undefined
  if (binary.verification && !binary.verification.ok) return 'verification'
  if (binary.smoke?.status === 'failed') return 'smoke test'
  if (binary.uploadError) return 'upload'
  return undefined
}

/** The checks whose findings failed a binary: `machine, cgo`. */
function failedChecks(binary: BinaryReport): string {
  const checks = (binary.verification?.findings ?? [])
    .filter((f) => f.severity === 'error')
    .map((f) => f.check)
  return [...new Set(checks)].join(', ')
}

/**
 * What happened to one binary, step by step, in words:
 * `built · verified · uploaded`, `build failed`,
 * `built · verification failed (machine) · not uploaded`.
 */
export function binaryStatus(binary: BinaryReport, result?: Result): string {
  const { build, verification, smoke, artifact, uploadError } = binary
  if (build.status === 'failed') return 'build failed'
  if (build.status === 'skipped') return 'skipped (fail-fast)'
  const steps = ['built']
  if (verification) {
    if (verification.ok) {
      const notes = verification.findings.filter((f) => f.severity === 'note')
      steps.push(
        notes.length
          ? `verified (${count(notes.length, 'note', 'notes')})`
          : 'verified'
      )
    } else steps.push(`verification failed (${failedChecks(binary)})`)
  }
  if (smoke?.status === 'passed') steps.push('smoke test passed')
  else if (smoke?.status === 'failed') steps.push('smoke test failed')
  if (artifact) steps.push('uploaded')
  else if (uploadError) steps.push('upload failed')
  else if (result && !result.uploadSkipped && result.artifacts.length > 0)
    steps.push('not uploaded')
  return steps.join(' · ')
}

/** The name of a binary's row: its target, plus the file when it helps. */
function rowName(binary: BinaryReport): string {
  return binary.build.target.name
}

/** What the report needs to print the plan: a `Result` also fits. */
export type PlanSummary = Pick<
  Result,
  'goVersion' | 'host' | 'parallel' | 'droppedEnv' | 'targets'
> & { outputDir?: string }

/**
 * The short plan logged before the first build: Go version and host,
 * parallelism, the targets, and which inherited variables were dropped.
 */
export function planLines(plan: PlanSummary): string[] {
  const lines = [
    `Go ${plan.goVersion.replace(/^go/, '')} on ${plan.host}, ${count(plan.parallel, 'build', 'builds')} at a time, CGO_ENABLED=0`,
    `${count(plan.targets.length, 'target', 'targets')}: ${plan.targets.map((t: Target) => t.name).join(', ')}`
  ]
  if (plan.outputDir) lines.push(`output: ${plan.outputDir}`)
  lines.push(
    plan.droppedEnv.length
      ? `dropped from the inherited environment: ${plan.droppedEnv.join(', ')}`
      : 'dropped from the inherited environment: nothing'
  )
  return lines
}

/**
 * The closing one-line verdict:
 * `12 binaries built and verified for 6 targets; 0 failed; uploaded as 6 artifacts`.
 */
export function verdictLine(result: Result): string {
  const all = result.binaries
  const verifying = all.some((b) => b.verification)
  const done = verifying ? 'built and verified' : 'built'
  const good = all.filter(
    (b) => b.build.status === 'built' && failureKind(b) === undefined
  )
  const failed = all.filter((b) => failureKind(b) !== undefined)
  const skipped = all.filter((b) => b.build.status === 'skipped')

  const head =
    good.length === all.length
      ? `${count(all.length, 'binary', 'binaries')} ${done}`
      : `${good.length} of ${count(all.length, 'binary', 'binaries')} ${done}`
  const parts = [
    `${head} for ${count(result.targets.length, 'target', 'targets')}`
  ]
  parts.push(
    failed.length
      ? `${failed.length} failed (${shortList(failed.map((b) => `${rowName(b)}: ${failureKind(b)}`))})`
      : '0 failed'
  )
  if (skipped.length) parts.push(`${skipped.length} skipped`)
  const counted = new Set([...failed, ...skipped].map((b) => b.build.id))
  const other = result.problems.filter(
    (p) => !p.builds?.some((id) => counted.has(id))
  ).length
  if (failed.length === 0 && other > 0)
    parts.push(`${count(other, 'other failure', 'other failures')}`)
  if (result.artifacts.length)
    parts.push(
      `uploaded as ${count(result.artifacts.length, 'artifact', 'artifacts')}`
    )
  else if (result.uploadSkipped)
    parts.push(`not uploaded: ${result.uploadSkipped}`)
  else parts.push('nothing uploaded')
  return parts.join('; ')
}

/** Failed builds grouped by identical compiler output, in target order. */
export function groupCompilerOutput(
  result: Result,
  name: (target: string, binaryName: string) => string = (t, n) =>
    `${t} (${n})`
): { names: string[]; output: string; errors: string[] }[] {
  const groups = new Map<
    string,
    { names: string[]; output: string; errors: string[] }
  >()
  for (const b of result.binaries) {
    if (b.build.status !== 'failed') continue
    const output = b.build.output.trim()
    const key = `${b.build.pkg.binaryName}\0${output}`
    let group = groups.get(key)
    if (!group) {
      group = { names: [], output, errors: [] }
      groups.set(key, group)
    }
    group.names.push(name(b.build.target.name, b.build.pkg.binaryName))
    if (b.build.error) group.errors.push(b.build.error)
  }
  return [...groups.values()]
}

/** Keep the first `budget` characters of a long text and say so. */
function truncate(text: string, budget: number): string {
  if (text.length <= budget) return text
  return `${text.slice(0, budget)}\n… ${text.length - budget} more characters in the log`
}

/** A Markdown link, or the plain name when there is no URL. */
function artifactCell(binary: BinaryReport): string {
  const a = binary.artifact
  if (!a) return binary.uploadError ? 'upload failed' : '—'
  if (a.url && /^https?:\/\//.test(a.url))
    return `[${cell(a.name)}](${a.url.replace(/[()\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase())})`
  return `<code>${cell(a.name)}</code>`
}

/**
 * A binary's reproducibility in its row: `✅ reproducible`, `❌ differs at
 * .rodata+0x1a2` (⚠️ with reproducible: report, where it fails nothing).
 */
function reproducibleCell(binary: BinaryReport, mode: 'assert' | 'report'): string {
  const r = binary.reproducible
  if (!r) return '—'
  const bad = mode === 'assert' ? '❌' : '⚠️'
  const mark = r.result === 'reproducible' ? '✅' : r.result === 'differs' ? bad : '⬜'
  return `${mark} ${cell(r.text)}`
}

/** The rebuild's cost, as one line: what was copied and how long each build took. */
export function reproducibleLine(result: Result): string | undefined {
  const r = result.reproducible
  if (!r) return undefined
  const copy = r.copy
    ? ` from a copy of ${r.copy.root} (${count(r.copy.files, 'file', 'files')}, ${formatSize(r.copy.bytes)}, copied in ${formatSeconds(r.copySeconds)})`
    : ''
  const cost = `the rebuild took ${formatSeconds(r.seconds)}, the first build ${formatSeconds(r.firstBuildSeconds)}`
  const kept = r.keptDir ? `; the rebuilt binaries that differ are in ${r.keptDir}` : ''
  const failed = r.failure ? `; nothing could be checked: ${r.failure}` : ''
  return `Reproducible (${r.mode}): ${count(r.targets, 'target', 'targets')} built again${copy} with an empty GOCACHE; ${cost}${kept}${failed}.`
}

/** The reproducibility rebuild's part of the summary: what it cost. */
function reproducibleSection(result: Result): string[] {
  const line = reproducibleLine(result)
  return line ? [cell(line), ''] : []
}

/**
 * Whether the header fields that depend on the Go release (LINKER_HEADERS)
 * were judged, for a run with a target that has them: linux/ppc64 (its ELF
 * ABI level) or darwin (its minimum macOS).
 */
export function releaseHeadersLine(result: Result): string | undefined {
  const has = result.binaries.some(
    (b) =>
      (b.build.target.goos === 'linux' && b.build.target.goarch === 'ppc64') ||
      b.build.target.goos === 'darwin'
  )
  if (!has) return undefined
  const release = goRelease(result.goVersion)
  const row = linkerHeadersFor(result.goVersion)
  if (row && release)
    return `Release header fields judged for ${release}: linux/ppc64 ELFv${row.ppc64ElfAbi}, darwin minimum macOS ${row.macosMinos.replace(/\.0$/, '')}.`
  return `Release header fields not judged: ${result.goVersion} is not a release in the table (${Object.keys(LINKER_HEADERS).join(', ')}), so linux/ppc64's ELF ABI level and darwin's minimum macOS are not checked against it.`
}

/** The build-machine path check: `✅ clean`, `❌ 2 hits`, `⏭️ skipped (trimpath off)`. */
function pathsCell(binary: BinaryReport): string {
  const check = binary.verification?.paths
  const text = pathCheckText(check)
  if (!check || text === null) return ''
  const mark =
    check.state === 'clean' ? '✅' : check.state === 'hits' ? '❌' : '⏭️'
  return `${mark} ${cell(text)}`
}

/** The binary's SBOM file, `off` with sbom: false, or nothing when none was written. */
function sbomCell(binary: BinaryReport, result: Result): string {
  if (binary.sbom) return `<code>${cell(basename(binary.sbom))}</code>`
  return result.sbom === false ? 'off' : result.sbom ? '—' : ''
}

/** The build cache's part of the summary: per target, the key's hit or miss and the sizes. */
function cacheSection(result: Result): string[] {
  const c = result.cache
  if (!c || c.state !== 'on') return []
  const rows = c.restored.map((r) => {
    const s = c.saved.find((x) => x.slot.target.id === r.slot.target.id)
    const hit = r.hit === 'exact' ? '✅ hit' : r.hit === 'fallback' ? '↩️ restore key' : '⬜ miss'
    return `| <code>${cell(r.slot.target.name)}</code> | ${hit} | ${cell(formatSize(r.bytes))} | ${cell(s ? `${s.status}${s.bytes ? `, ${formatSize(s.bytes)}` : ''}` : '')} |`
  })
  return [
    '### Build cache',
    '',
    cell(`One entry per target; ${c.why}.`),
    '',
    '| Target | Key | Restored | Saved |',
    '| --- | --- | ---: | --- |',
    ...rows,
    ''
  ]
}

/**
 * The job summary in GitHub-flavoured Markdown: a heading with the verdict,
 * one table with a row per binary, then a `<details>` block per distinct
 * compiler output of failed builds (HTML-escaped) and per binary with
 * findings, and what was not uploaded and why.
 */
export function summaryMarkdown(
  result: Result,
  omittedAnnotations = 0
): string {
  const ok = result.problems.length === 0
  const out: string[] = []
  out.push(`## ${ok ? '✅' : '❌'} Go cross-build`, '')
  out.push(cell(verdictLine(result)), '')
  out.push(
    `Go ${cell(result.goVersion.replace(/^go/, ''))} on ${cell(result.host)}, ` +
      `${count(result.parallel, 'build', 'builds')} at a time, CGO_ENABLED=0. ` +
      (result.droppedEnv.length
        ? `Dropped from the inherited environment: ${result.droppedEnv.map((n) => `<code>${cell(n)}</code>`).join(', ')}.`
        : 'Nothing had to be dropped from the inherited environment.'),
    ''
  )
  const headers = releaseHeadersLine(result)
  if (headers) out.push(cell(headers), '')
  const repro = result.reproducible
  out.push(
    `| Target | Binary | Status | Format | Size | SHA-256 | Build | Paths | SBOM |${repro ? ' Reproducible |' : ''} Artifact |`,
    `| --- | --- | --- | --- | ---: | --- | ---: | --- | --- |${repro ? ' --- |' : ''} --- |`
  )
  for (const b of result.binaries) {
    const mark = failureKind(b)
      ? '❌'
      : b.build.status === 'built'
        ? '✅'
        : '⏭️'
    out.push(
      '| ' +
        [
          `<code>${cell(b.build.target.name)}</code>`,
          cell(b.build.fileName),
          `${mark} ${cell(binaryStatus(b, result))}`,
          cell(b.verification?.format ?? ''),
          cell(formatSize(b.build.size)),
          b.build.sha256 ? `<code>${shortSha(b.build.sha256)}</code>` : '',
          cell(formatSeconds(b.build.seconds)),
          pathsCell(b),
          sbomCell(b, result),
          ...(repro ? [reproducibleCell(b, repro.mode)] : []),
          artifactCell(b)
        ].join(' | ') +
        ' |'
    )
  }
  out.push('')

  out.push(...reproducibleSection(result))
  out.push(...cacheSection(result))

  if (result.problems.length) {
    out.push('### Failures', '')
    for (const p of result.problems) out.push(`- ${cell(problemLine(p))}`)
    out.push('')
  }
  if (omittedAnnotations > 0)
    out.push(
      `${count(omittedAnnotations, 'annotation was', 'annotations were')} left out (a step shows only a few); the log has every message.`,
      ''
    )

  // Details come last and only while they fit: the table always shows.
  const details: string[][] = []
  for (const group of groupCompilerOutput(
    result,
    (t, n) => `${t} (${cell(n)})`
  )) {
    if (!group.output) continue
    details.push([
      '<details>',
      `<summary>Compiler output: ${shortList(group.names)}</summary>`,
      '',
      pre(truncate(group.output, OUTPUT_BUDGET)),
      '',
      '</details>',
      ''
    ])
  }

  for (const b of result.binaries) {
    const findings = b.verification?.findings ?? []
    if (!findings.length) continue
    const errors = findings.some((f) => f.severity === 'error')
    details.push([
      '<details>',
      `<summary>${errors ? 'Verification failed' : 'Notes'}: ${cell(b.build.target.name)} ${cell(b.build.fileName)}</summary>`,
      '',
      '| Check | Expected | Found | What to do |',
      '| --- | --- | --- | --- |',
      ...findings.map(
        (f) =>
          `| ${f.severity === 'error' ? '❌' : 'ℹ️'} ${cell(f.check)} | ${cell(f.expected)} | ${cell(f.found)} | ${cell(f.hint)} |`
      ),
      '',
      '</details>',
      ''
    ])
  }

  for (const b of result.binaries) {
    if (b.smoke?.status !== 'failed') continue
    details.push([
      '<details>',
      `<summary>Smoke test failed: ${cell(b.build.target.name)} ${cell(b.build.fileName)}</summary>`,
      '',
      pre(truncate(b.smoke.detail, OUTPUT_BUDGET)),
      '',
      '</details>',
      ''
    ])
  }

  // Where things went come last, after the details.
  const tail: string[] = []
  const uploadErrors = result.binaries.filter((b) => b.uploadError)
  for (const b of uploadErrors)
    tail.push(
      `- Upload of ${cell(b.build.fileName)} failed: ${cell(b.uploadError ?? '')}`
    )
  if (uploadErrors.length) tail.push('')
  if (result.uploadSkipped)
    tail.push(`Not uploaded: ${cell(result.uploadSkipped)}.`, '')
  if (result.checksumsPath)
    tail.push(`Checksums: <code>${cell(result.checksumsPath)}</code>`, '')

  let size = [...out, ...tail].join('\n').length
  let left = 0
  for (const block of details) {
    const text = block.join('\n')
    if (size + text.length > SUMMARY_BUDGET) {
      left++
      continue
    }
    out.push(text)
    size += text.length + 1
  }
  if (left)
    out.push(
      `${count(left, 'more block', 'more blocks')} of output did not fit in the job summary; the log has everything.`,
      ''
    )
  out.push(...tail)
  return out.join('\n')
}

/**
 * Append the job summary. Never fails the step: without
 * `GITHUB_STEP_SUMMARY` (a local run) or when the write fails, it logs a
 * warning and returns false.
 */
export async function writeSummary(
  result: Result,
  log: Pick<Log, 'warning' | 'value' | 'omitted'> = actionLog()
): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    log.warning(
      'GITHUB_STEP_SUMMARY is not set, so there is no job summary; the log has the same report.'
    )
    return false
  }
  try {
    await core.summary.addRaw(summaryMarkdown(result, log.omitted()), true).write()
    return true
  } catch (error) {
    core.summary.emptyBuffer()
    log.warning(
      `Could not write the job summary to ${log.value(process.env.GITHUB_STEP_SUMMARY)}: ${log.value((error as Error).message)}`
    )
    return false
  }
}

/** Pad every column of a table of plain text to its widest cell. */
function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((r) => (r[i] ?? '').length))
  )
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  )
}

/** Indent every line of a block of text. */
function indent(text: string, prefix = '    '): string {
  return text
    .split(/\r?\n/)
    .map((l) => prefix + l)
    .join('\n')
}

/**
 * The report for a terminal: a table with a row per binary (target, file,
 * status, size, short sha256, seconds, format), the compiler output of what
 * failed (once per distinct output), findings, where things are, and the
 * verdict.
 */
export function terminalReport(result: Result): string {
  const rows = [
    ['TARGET', 'BINARY', 'STATUS', 'SIZE', 'SHA-256', 'TIME', 'FORMAT']
  ]
  if (result.reproducible) rows[0].splice(6, 0, 'REPRODUCIBLE')
  for (const b of result.binaries)
    rows.push([
      b.build.target.name,
      b.build.fileName,
      binaryStatus(b, result),
      formatSize(b.build.size),
      shortSha(b.build.sha256),
      formatSeconds(b.build.seconds),
      ...(result.reproducible ? [b.reproducible?.text ?? ''] : []),
      b.verification?.format ?? ''
    ])
  const out = [...columns(rows), '']

  for (const group of groupCompilerOutput(result)) {
    out.push(`✗ ${shortList(group.names)}:`)
    if (group.errors.length) out.push(indent(group.errors[0], '  '))
    if (group.output) out.push(indent(group.output))
    out.push('')
  }
  for (const b of result.binaries) {
    const findings = b.verification?.findings ?? []
    if (!findings.length) continue
    out.push(
      `${b.verification?.ok ? 'i' : '✗'} ${b.build.target.name} ${b.build.fileName}:`
    )
    for (const f of findings)
      out.push(
        `    ${f.severity} ${f.check}: expected ${f.expected}, found ${f.found}. ${f.hint}`
      )
    out.push('')
  }
  for (const b of result.binaries) {
    if (b.smoke?.status === 'failed')
      out.push(
        `✗ ${b.build.target.name} smoke test:`,
        indent(b.smoke.detail),
        ''
      )
    if (b.uploadError)
      out.push(`✗ ${b.build.target.name} upload: ${b.uploadError}`, '')
  }
  // a build's own problem is its row and its compiler output above
  const others = result.problems.filter(
    (p) => !(p.stage === 'build' && p.builds?.length === 1)
  )
  if (others.length) {
    out.push('Failures:')
    for (const p of others) out.push(`  - ${problemLine(p)}`)
    out.push('')
  }
  const repro = reproducibleLine(result)
  if (repro) out.push(repro, '')
  out.push(`binaries: ${result.outputDir}`)
  if (result.checksumsPath) out.push(`checksums: ${result.checksumsPath}`)
  for (const a of result.artifacts)
    out.push(`artifact: ${a.name}${a.url ? ` ${a.url}` : ''}`)
  out.push('', verdictLine(result))
  return out.join('\n') + '\n'
}
