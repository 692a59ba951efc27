/**
 * Reproducible, proven on demand (`reproducible: assert | report`): every
 * target built a second time, by the same scheduler (`buildAll`), from a
 * copy of the tree at another path, into another output directory, with
 * an empty GOCACHE, and each binary compared byte for byte with the first
 * build's. A difference is a finding that names the first differing byte,
 * its section and the likely cause; with `assert` it is an error (the
 * binary fails verification and is not published), with `report` a note.
 *
 * The module cache (GOMODCACHE) stays shared: its contents are the
 * checksummed module zips go.sum pins, extracted read-only, so a second
 * copy would hold the same bytes and cost a download; the check is about
 * what this build does with them. With trimpath off its path is the same
 * in both builds, so a difference from it cannot show; the tree's path,
 * which does differ, is what the check catches.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { buildAll } from '../build/build.js'
import { inspectBinary, type BinaryInfo } from '../inspect/binary/index.js'
import { machinePaths, scanForPaths } from '../inspect/paths.js'
import type { Log } from '../log.js'
import type { BuildPlan, Plan } from '../plan/plan.js'
import { errorMessage, type Problem } from '../problem.js'
import { onCancel, PROBE_TIMEOUT_MS, runProcess } from '../process.js'
import type { BinaryReport, Build, Finding } from '../types.js'
import {
  buildIdRanges,
  compareFiles,
  likelyCause,
  placeText,
  sectionAt,
  type Place
} from './compare.js'
import {
  COPY_LIMITS,
  copyRootFor,
  copyTree,
  findVcsRoot,
  isInside,
  type CopyLimits,
  type TreeCopy
} from './copy.js'

/** The `reproducible` input. */
export type ReproducibleMode = 'assert' | 'report' | 'off'

/** What the check says about one binary. */
export interface ReproCheck {
  result: 'reproducible' | 'differs' | 'not-checked'
  /** `reproducible`, `differs at .rodata+0x1a2`, `not checked` */
  text: string
  /** Why it was not checked, when it was not. */
  reason?: string
  /** File offset of the first differing byte (as `cmp` counts, minus one). */
  offset?: number
  place?: Place
  /** The first differing byte outside the Go build ID, and its section. */
  offsetOutsideBuildId?: number
  placeOutsideBuildId?: Place
  /** The rebuild's binary, kept (in a temp directory) when it differs. */
  rebuilt?: string
}

/** What the rebuild did and cost, for the log and the summary. */
export interface ReproReport {
  mode: 'assert' | 'report'
  /** Wall seconds of the rebuild (copy included), and of the first build. */
  seconds: number
  copySeconds: number
  firstBuildSeconds: number
  targets: number
  /** What was copied, when the copy was made. */
  copy?: Omit<TreeCopy, 'skipped' | 'outsideLinks'> & {
    skipped: number
    outsideLinks: number
  }
  /** Where rebuilt binaries that differ were kept. */
  keptDir?: string
  /** Why nothing could be checked, when nothing could. */
  failure?: string
}

/** Facts about the module's surroundings, from the go command. */
interface Surroundings {
  gowork?: string
  gomodcache?: string
  gocache?: string
  localDirs: string[]
}

/** Run a go command for a probe; '' when it fails (the copy is then smaller). */
async function goQuiet(b: BuildPlan, args: string[]): Promise<string> {
  const r = await runProcess(b.go, args, {
    cwd: b.cwd,
    env: { ...b.baseEnv, CGO_ENABLED: '0' },
    timeoutMs: PROBE_TIMEOUT_MS
  }).catch(() => undefined)
  return r && r.exitCode === 0 ? r.stdout : ''
}

/** Local directories a go.mod or go.work names (`replace ../x`, `use ./y`). */
function localDirsOf(json: string, base: string): string[] {
  if (!json.trim()) return []
  try {
    const file = JSON.parse(json) as {
      Replace?: { New?: { Path?: string; Version?: string } }[] | null
      Use?: { DiskPath?: string }[] | null
    }
    const dirs = [
      ...(file.Replace ?? [])
        .filter((r) => r.New?.Path && !r.New.Version)
        .map((r) => r.New!.Path!),
      ...(file.Use ?? []).map((u) => u.DiskPath ?? '').filter(Boolean)
    ]
    return dirs
      .filter((d) => d.startsWith('.') || path.isAbsolute(d))
      .map((d) => path.resolve(base, d))
  } catch {
    return []
  }
}

async function surroundings(plan: Plan): Promise<Surroundings> {
  const b = plan.build
  const env = await goQuiet(b, ['env', '-json', 'GOWORK', 'GOMODCACHE', 'GOCACHE'])
  let vars: Record<string, string> = {}
  try {
    vars = JSON.parse(env) as Record<string, string>
  } catch {
    vars = {}
  }
  const gowork = vars.GOWORK && vars.GOWORK !== 'off' ? vars.GOWORK : undefined
  const moduleDir = plan.toolchain.gomod ? path.dirname(plan.toolchain.gomod) : b.cwd
  const localDirs = plan.toolchain.gomod
    ? localDirsOf(await goQuiet(b, ['mod', 'edit', '-json']), moduleDir)
    : []
  if (gowork)
    localDirs.push(
      ...localDirsOf(
        await goQuiet(b, ['work', 'edit', '-json', gowork]),
        path.dirname(gowork)
      )
    )
  return {
    gowork,
    gomodcache: vars.GOMODCACHE || undefined,
    gocache: vars.GOCACHE || undefined,
    localDirs
  }
}

/** Directories git ignores under root (collapsed to the top ignored one). */
async function ignoredDirs(root: string, env: Record<string, string>): Promise<string[]> {
  const r = await runProcess(
    'git',
    ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z'],
    { cwd: root, env, timeoutMs: PROBE_TIMEOUT_MS }
  ).catch(() => undefined)
  if (!r || r.exitCode !== 0) return []
  return r.stdout
    .split('\0')
    .filter((p) => p.endsWith('/'))
    .map((p) => path.join(root, p))
}

/** The rebuild's plan: the first one's, moved to the copy and an empty cache. */
export function rebuildPlan(
  first: BuildPlan,
  moves: { root: string; copy: string; outputDir: string; gocache: string },
  targetIds: ReadonlySet<string>
): BuildPlan {
  const move = (p: string): string =>
    isInside(moves.root, p) ? path.join(moves.copy, path.relative(moves.root, p)) : p
  const targets = first.targets.filter((t) => targetIds.has(t.id))
  const baseEnv = { ...first.baseEnv }
  if (baseEnv.GOWORK && path.isAbsolute(baseEnv.GOWORK)) baseEnv.GOWORK = move(baseEnv.GOWORK)
  // package patterns are directories, absolute after the plan
  const movePkg = <T extends { pattern: string }>(p: T): T =>
    path.isAbsolute(p.pattern) ? { ...p, pattern: move(p.pattern) } : p
  return {
    ...first,
    cwd: move(first.cwd),
    outputDir: moves.outputDir,
    targets,
    packages: first.packages.map(movePkg),
    binaries: first.binaries
      .filter((b) => targetIds.has(b.target.id))
      .map((b) => ({
        ...b,
        pkg: movePkg(b.pkg),
        path: path.join(moves.outputDir, b.fileName)
      })),
    baseEnv,
    failFast: false,
    gocache: Object.fromEntries(targets.map((t) => [t.id, moves.gocache]))
  }
}

const EXPECTED = 'the same bytes from a second build in another directory with an empty GOCACHE'

/** The finding of a binary that differs, or could not be checked. */
export function reproFinding(
  mode: 'assert' | 'report',
  binary: Build,
  check: ReproCheck,
  causes: readonly string[]
): Finding {
  const severity = mode === 'assert' ? 'error' : 'note'
  if (check.result === 'not-checked')
    return {
      check: 'reproducible',
      expected: EXPECTED,
      found: `not checked: ${check.reason}`,
      hint: `${binary.target.name}: ${binary.fileName} could not be checked for reproducibility: ${check.reason}.${mode === 'assert' ? ' With reproducible: assert an unproven binary fails; fix the cause, or use reproducible: report.' : ''}`,
      severity
    }
  const at = `0x${check.offset!.toString(16)}`
  const outside =
    check.offsetOutsideBuildId !== undefined &&
    check.offsetOutsideBuildId !== check.offset
      ? ` The first difference outside the build IDs (Go's, and the GNU build ID or Mach-O UUID made from it: hashes of the rest, which differ whenever anything does) is at file offset 0x${check.offsetOutsideBuildId.toString(16)}, ${placeText(check.placeOutsideBuildId!)}.`
      : ''
  return {
    check: 'reproducible',
    expected: EXPECTED,
    found: `${check.text} (file offset ${at})`,
    hint: `${binary.target.name}: ${binary.fileName} is not reproducible: a second build differs first at file offset ${at}, ${placeText(check.place!)}.${outside} Likely cause: ${causes.join('; or ')}.${check.rebuilt ? ` The rebuild is kept at ${check.rebuilt} for cmp or diffoscope.` : ''}`,
    severity
  }
}

/** Compare one binary with its rebuild. */
async function compareOne(
  first: Build,
  rebuilt: Build,
  trees: { rootA: string; rootB: string }
): Promise<{ check: ReproCheck; causes: string[] }> {
  let infoA: BinaryInfo | undefined
  let infoB: BinaryInfo | undefined
  try {
    ;[infoA, infoB] = await Promise.all([inspectBinary(first.path), inspectBinary(rebuilt.path)])
  } catch {
    // unreadable headers: compared without sections
  }
  const skip = [
    ...(await buildIdRanges(first.path, infoA?.ranges)),
    ...(await buildIdRanges(rebuilt.path, infoB?.ranges))
  ]
  const cmp = await compareFiles(first.path, rebuilt.path, skip)
  if (cmp.same) return { check: { result: 'reproducible', text: 'reproducible' }, causes: [] }
  const place = sectionAt(infoA?.ranges, cmp.first!)
  const check: ReproCheck = {
    result: 'differs',
    text: `differs at ${placeText(place)}`,
    offset: cmp.first,
    place,
    rebuilt: rebuilt.path
  }
  if (cmp.firstOutside !== undefined) {
    check.offsetOutsideBuildId = cmp.firstOutside
    check.placeOutsideBuildId = sectionAt(infoA?.ranges, cmp.firstOutside)
  }
  const [scanA, scanB] = await Promise.all([
    scanForPaths(first.path, machinePaths([{ label: 'the tree', dir: trees.rootA }])),
    scanForPaths(rebuilt.path, machinePaths([{ label: 'the tree', dir: trees.rootB }]))
  ])
  const causes = likelyCause({
    settingsA: infoA?.buildInfo ? new Map(infoA.buildInfo.settings) : undefined,
    settingsB: infoB?.buildInfo ? new Map(infoB.buildInfo.settings) : undefined,
    onlyBuildId: cmp.firstOutside === undefined,
    pathsA: scanA.total,
    pathsB: scanB.total,
    rootA: trees.rootA,
    rootB: trees.rootB
  })
  return { check, causes }
}

/** The last lines of a compiler output, for a one-line reason. */
function outputTail(output: string): string {
  const lines = output.trim().split(/\r?\n/)
  return lines.slice(-3).join(' / ').slice(-600)
}

/** The binaries with the check's findings added, and `ok` again. */
function withFinding(b: BinaryReport, check: ReproCheck, finding?: Finding): BinaryReport {
  if (!finding || !b.verification) return { ...b, reproducible: check }
  const findings = [...b.verification.findings, finding]
  return {
    ...b,
    reproducible: check,
    verification: {
      ...b.verification,
      findings,
      ok: !findings.some((f) => f.severity === 'error')
    }
  }
}

/**
 * Where the copy of `root` goes under `parent`: a path of the same length
 * when `parent` is short enough, so that where an absolute path differs
 * the bytes after it do not move, and the first difference outside the
 * build ID is the path itself rather than every offset after it.
 */
export function copyPath(root: string, parent: string): string {
  const base = path.basename(root) || 'root'
  const room = root.length - parent.length - 1
  if (room < 1) return path.join(parent, base)
  const name = base.length >= room ? base.slice(0, room) : base + '_'.repeat(room - base.length)
  return path.join(parent, name === '.' || name === '..' ? '_'.repeat(room) : name)
}

/** What the check stage returns. */
export interface Reproduced {
  binaries: BinaryReport[]
  report?: ReproReport
  problems: Problem[]
}

/**
 * Rebuild every target that built and compare. Never throws: a copy or a
 * rebuild that fails leaves the binaries `not checked` (an error finding
 * with assert, a note with report).
 *
 * @param firstBuildSeconds the first build's wall time, for the cost line
 */
export async function reproduceBuilds(
  plan: Plan,
  binaries: readonly BinaryReport[],
  mode: ReproducibleMode,
  log: Log,
  options: {
    firstBuildSeconds: number
    env?: NodeJS.ProcessEnv
    limits?: CopyLimits
  }
): Promise<Reproduced> {
  if (mode === 'off')
    return { binaries: [...binaries], problems: [] }
  const started = performance.now()
  const elapsed = (): number => (performance.now() - started) / 1000
  const env = options.env ?? process.env
  const first = plan.build
  const built = binaries.filter((b) => b.build.status === 'built')
  const targetIds = new Set(built.map((b) => b.build.target.id))
  const report: ReproReport = {
    mode,
    seconds: 0,
    copySeconds: 0,
    firstBuildSeconds: options.firstBuildSeconds,
    targets: targetIds.size
  }
  const notChecked = (reason: string): Reproduced => {
    report.failure = reason
    report.seconds = elapsed()
    return {
      binaries: binaries.map((b) => {
        const check: ReproCheck = { result: 'not-checked', text: 'not checked', reason }
        return b.build.status === 'built'
          ? withFinding(b, check, reproFinding(mode, b.build, check, []))
          : { ...b, reproducible: { result: 'not-checked', text: 'not checked', reason: 'the first build did not succeed' } }
      }),
      report,
      problems: []
    }
  }
  if (!built.length) return notChecked('nothing was built')

  const tempRoot = env.RUNNER_TEMP || tmpdir()
  const temp = await mkdtemp(path.join(tempRoot, 'gcb-r-'))
  // a cancelled run leaves no copy behind
  const forget = onCancel(() => rm(temp, { recursive: true, force: true }))
  let keep = false
  try {
    const around = await surroundings(plan)
    const moduleDir = plan.toolchain.gomod ? path.dirname(plan.toolchain.gomod) : first.cwd
    const vcsRoot = await findVcsRoot(moduleDir)
    const root = copyRootFor({ moduleDir, gowork: around.gowork, localDirs: around.localDirs, vcsRoot })
    const copyDir = copyPath(root, path.join(temp, 'src'))
    let copied: TreeCopy
    try {
      const ignored = vcsRoot ? await ignoredDirs(vcsRoot, { ...first.baseEnv }) : []
      copied = await copyTree(
        root,
        copyDir,
        [first.outputDir, temp, ...[around.gomodcache, around.gocache].filter((d): d is string => !!d)],
        ignored,
        options.limits ?? COPY_LIMITS
      )
    } catch (error) {
      return notChecked(
        `reproducible: could not copy ${root} for the rebuild: ${errorMessage(error)}; move bulky files out of the tree, keep output-dir inside it ignored, or use reproducible: off`
      )
    }
    report.copySeconds = elapsed()
    report.copy = {
      root: copied.root,
      copy: copied.copy,
      files: copied.files,
      bytes: copied.bytes,
      skipped: copied.skipped.length,
      outsideLinks: copied.outsideLinks.length
    }
    log.info(
      `reproducible: copied ${log.value(root)} (${copied.files} files, ${(copied.bytes / (1024 * 1024)).toFixed(1)} MiB${copied.skipped.length ? `, left out: ${log.value(copied.skipped.join(', '))}` : ''}${copied.outsideLinks.length ? `, ${copied.outsideLinks.length} symlink(s) leading out of it copied as links, not followed` : ''}) to ${log.value(copyDir)} in ${report.copySeconds.toFixed(1)} s; rebuilding ${targetIds.size} target(s) with an empty GOCACHE`
    )
    const second = rebuildPlan(
      first,
      { root, copy: copyDir, outputDir: path.join(temp, '.out'), gocache: path.join(temp, '.gocache') },
      targetIds
    )
    const rebuilt = await buildAll(second)
    const byId = new Map(rebuilt.map((b) => [b.id, b]))
    const out: BinaryReport[] = []
    for (const b of binaries) {
      if (b.build.status !== 'built') {
        out.push({ ...b, reproducible: { result: 'not-checked', text: 'not checked', reason: 'the first build did not succeed' } })
        continue
      }
      const again = byId.get(b.build.id)
      if (!again || again.status !== 'built') {
        const check: ReproCheck = {
          result: 'not-checked',
          text: 'not checked',
          reason: `the rebuild in ${copyDir} failed: ${again?.error ?? 'not built'}${again?.output ? ` (${outputTail(again.output)})` : ''}`
        }
        out.push(withFinding(b, check, reproFinding(mode, b.build, check, [])))
        continue
      }
      const { check, causes } = await compareOne(b.build, again, { rootA: root, rootB: copyDir })
      if (check.result === 'differs') keep = true
      out.push(
        withFinding(b, check, check.result === 'differs' ? reproFinding(mode, b.build, check, causes) : undefined)
      )
    }
    report.seconds = elapsed()
    if (keep) report.keptDir = second.outputDir
    const differs = out.filter((b) => b.reproducible?.result === 'differs').length
    const same = out.filter((b) => b.reproducible?.result === 'reproducible').length
    log.info(
      `reproducible: ${same} reproducible, ${differs} differ, ${out.length - same - differs} not checked; the rebuild took ${report.seconds.toFixed(1)} s, the first build ${report.firstBuildSeconds.toFixed(1)} s${keep ? `; rebuilt binaries that differ are kept in ${log.value(second.outputDir)}` : ''}`
    )
    return { binaries: out, report, problems: [] }
  } catch (error) {
    return notChecked(`reproducible: the rebuild stopped: ${errorMessage(error)}`)
  } finally {
    forget()
    const leave = keep ? [path.join(temp, 'src'), path.join(temp, '.gocache')] : [temp]
    // Go's cache and a copied module cache may hold read-only files
    await Promise.all(leave.map((d) => rm(d, { recursive: true, force: true }).catch(() => {})))
  }
}
