/**
 * The second tree of a reproducibility check: a copy of what the build
 * reads, at another path.
 *
 * "The module" is not always enough: a go.work workspace, `replace ../x`
 * directives and VCS stamping all reach outside the module's directory.
 * `copyRootFor` (pure) picks the smallest directory holding the module, its
 * workspace, every local replacement and the VCS root, whose state
 * (`-buildvcs`: revision, commit time, dirty or not) must read the same in
 * the copy. `copyTree` copies it, bounded in bytes and files, never
 * following a symlink: every link is copied as a link with its text
 * unchanged (git compares the text), and those that lead out of the tree
 * are counted for the log. A `.git` is
 * copied without its objects, which the copy reads from the original
 * through `objects/info/alternates` (read only): commit, index and refs
 * are the original's, so `git status` in the copy says what it says in
 * the original, at a small fraction of the bytes. A `.git` file (a linked
 * worktree, a submodule) stays a file, pointing to a standalone git
 * directory built beside the copy from the one it points to.
 */
import type { Dirent } from 'node:fs'
import {
  lstat,
  mkdtemp,
  opendir,
  readFile,
  readlink,
  symlink
} from 'node:fs/promises'
import * as path from 'node:path'
import { copyFileAtomic, makeDirectory, writeFileAtomic } from '../files.js'

/** The most the copy may hold (the objects of `.git` are not copied). */
export interface CopyLimits {
  maxBytes: number
  maxFiles: number
}

/** 2 GiB and 200,000 files: a large monorepo, not a home directory. */
export const COPY_LIMITS: CopyLimits = {
  maxBytes: 2 * 1024 * 1024 * 1024,
  maxFiles: 200_000
}

/**
 * Ignored directories that no Go build reads and that can be large; left
 * out only when git ignores them, so that git status is the same.
 */
export const BULKY_IGNORED = new Set([
  'node_modules',
  '.venv',
  '.tox',
  '.gradle',
  '.terraform',
  '.next'
])

/** Version control directories that mark a VCS root, as cmd/go looks for them. */
export const VCS_MARKERS = ['.git', '.hg', '.bzr', '.svn', '.fslckout', '_FOSSIL_']

/** What was copied. */
export interface TreeCopy {
  /** The directory copied. */
  root: string
  /** Where it was copied to. */
  copy: string
  files: number
  bytes: number
  /** Directories left out, relative to root (output-dir, ignored bulk). */
  skipped: string[]
  /** Symlinks that lead out of the tree (copied as links, not followed), relative to root. */
  outsideLinks: string[]
}

/** The copy would pass its bounds. */
export class CopyLimitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CopyLimitError'
  }
}

/** `child` is `parent` or below it (both absolute). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/** The deepest directory holding every one of `dirs` (absolute). */
export function commonAncestor(dirs: readonly string[]): string {
  let common = path.resolve(dirs[0])
  for (const d of dirs.slice(1)) {
    const dir = path.resolve(d)
    while (!isInside(common, dir)) {
      const parent = path.dirname(common)
      if (parent === common) break
      common = parent
    }
  }
  return common
}

/**
 * The directory to copy: the deepest one that holds the module, the
 * workspace (go.work's directory and its `use` directories), every local
 * `replace` and the VCS root of the module.
 */
export function copyRootFor(facts: {
  moduleDir: string
  gowork?: string
  localDirs?: readonly string[]
  vcsRoot?: string
}): string {
  return commonAncestor([
    facts.moduleDir,
    ...(facts.gowork ? [path.dirname(facts.gowork)] : []),
    ...(facts.localDirs ?? []),
    ...(facts.vcsRoot ? [facts.vcsRoot] : [])
  ])
}

/** The nearest VCS root at or above `dir`, as cmd/go finds it. */
export async function findVcsRoot(dir: string): Promise<string | undefined> {
  for (let current = path.resolve(dir); ; ) {
    for (const marker of VCS_MARKERS) {
      try {
        await lstat(path.join(current, marker))
        return current
      } catch {
        // not here
      }
    }
    const parent = path.dirname(current)
    if (parent === current) return undefined
    current = parent
  }
}

/** Counts the copy against its limits. */
class Budget {
  files = 0
  bytes = 0
  constructor(
    private readonly limits: CopyLimits,
    private readonly root: string
  ) {}

  add(bytes: number): void {
    this.files++
    this.bytes += bytes
    if (this.files > this.limits.maxFiles)
      throw new CopyLimitError(
        `the tree to copy, ${this.root}, holds more than ${this.limits.maxFiles} files`
      )
    if (this.bytes > this.limits.maxBytes)
      throw new CopyLimitError(
        `the tree to copy, ${this.root}, holds more than ${Math.round(this.limits.maxBytes / (1024 * 1024))} MiB`
      )
  }
}

/** The entries of a directory, sorted so that the copy is deterministic. */
async function entries(dir: string): Promise<Dirent[]> {
  const out: Dirent[] = []
  for await (const e of await opendir(dir)) out.push(e)
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** Names of `.git` entries that are not copied (objects come by alternates). */
const GIT_LEFT_OUT = new Set(['objects', 'logs', 'worktrees', 'modules', 'lfs'])

/** The git directory a `.git` file points to (`gitdir: …`). */
async function gitDirOf(gitFile: string): Promise<string> {
  const text = (await readFile(gitFile, 'utf8')).slice(0, 4096)
  const m = /^gitdir: (.+)$/m.exec(text)
  if (!m) throw new Error(`${gitFile} is a file but not a "gitdir:" link`)
  return path.resolve(path.dirname(gitFile), m[1].trim())
}

/**
 * A standalone copy of the git directory `gitDir` at `dest`, without the
 * objects: the shared part of a linked worktree's repository (config,
 * refs, packed-refs, info/exclude) first, then its own HEAD and index, and
 * `objects/info/alternates` naming the original object store, which git
 * then only reads.
 */
async function copyGitDir(
  gitDir: string,
  dest: string,
  budget: Budget
): Promise<void> {
  let commonDir = gitDir
  try {
    const common = (await readFile(path.join(gitDir, 'commondir'), 'utf8')).trim()
    commonDir = path.resolve(gitDir, common)
  } catch {
    commonDir = gitDir
  }
  await makeDirectory(dest, 'reproducible')
  await copyDir(commonDir, dest, budget, {
    root: commonDir,
    leaveOut: (rel) => GIT_LEFT_OUT.has(rel) || rel === 'index' || rel === 'HEAD'
  })
  for (const name of ['HEAD', 'index']) {
    const from = path.join(gitDir, name)
    const s = await lstat(from).catch(() => undefined)
    if (!s?.isFile()) continue
    budget.add(s.size)
    await copyFileAtomic(from, path.join(dest, name))
  }
  const objects = path.join(dest, 'objects')
  await makeDirectory(path.join(objects, 'info'), 'reproducible')
  await writeFileAtomic(
    path.join(objects, 'info', 'alternates'),
    `${path.join(commonDir, 'objects')}\n`
  )
}

/**
 * Copy a `.git`: a directory as a standalone git directory; a file (a
 * linked worktree, a submodule) as a file again (cmd/go may treat the two
 * differently), pointing to a standalone git directory built in `gitDirs`,
 * outside the copied tree. Its `core.worktree` is dropped: found through
 * the file, the work tree is the file's directory.
 */
async function copyGit(
  gitPath: string,
  dest: string,
  budget: Budget,
  gitDirs: string
): Promise<void> {
  if (!(await lstat(gitPath)).isFile()) return copyGitDir(gitPath, dest, budget)
  await makeDirectory(gitDirs, 'reproducible')
  const standalone = await mkdtemp(path.join(gitDirs, 'git-'))
  await copyGitDir(await gitDirOf(gitPath), standalone, budget)
  const config = path.join(standalone, 'config')
  const text = await readFile(config, 'utf8').catch(() => undefined)
  if (text !== undefined && /^\s*worktree\s*=/m.test(text))
    await writeFileAtomic(config, text.replace(/^\s*worktree\s*=.*(\r?\n|$)/gm, ''))
  budget.add(0)
  await writeFileAtomic(dest, `gitdir: ${standalone}\n`)
}

interface CopyOptions {
  /** The tree's root, for relative names and link checks. */
  root: string
  /** Relative paths (from root) to leave out. */
  leaveOut: (rel: string, isDir: boolean) => boolean
  skipped?: string[]
  outsideLinks?: string[]
  /** Where standalone git directories for `.git` files go; `.git` entries are copied specially when set. */
  gitDirs?: string
}

/** Copy one directory's entries, recursively, never following a link. */
async function copyDir(
  src: string,
  dest: string,
  budget: Budget,
  o: CopyOptions
): Promise<void> {
  for (const e of await entries(src)) {
    const from = path.join(src, e.name)
    const to = path.join(dest, e.name)
    const rel = path.relative(o.root, from)
    if (o.leaveOut(rel, e.isDirectory())) {
      o.skipped?.push(rel)
      continue
    }
    if (o.gitDirs && e.name === '.git' && (e.isDirectory() || e.isFile())) {
      await copyGit(from, to, budget, o.gitDirs)
      continue
    }
    if (e.isSymbolicLink()) {
      // A link is copied as a link, its text unchanged, and never
      // followed: git stores the text, so the copy's status stays the
      // original's. One that leads out of the tree is counted for the log.
      const link = await readlink(from)
      if (!isInside(o.root, path.resolve(src, link))) o.outsideLinks?.push(rel)
      budget.add(0)
      await symlink(link, to)
    } else if (e.isDirectory()) {
      await makeDirectory(to, 'reproducible')
      await copyDir(from, to, budget, o)
    } else if (e.isFile()) {
      const s = await lstat(from)
      budget.add(s.size)
      await copyFileAtomic(from, to)
    }
    // sockets, fifos and devices are not copied
  }
}

/**
 * Copy the tree at `root` to `dest` (which must not exist yet).
 *
 * @param skip absolute directories to leave out (output-dir, the temp dir)
 * @param ignored absolute directories git ignores, of which those named in
 *   BULKY_IGNORED are left out
 * @throws CopyLimitError when the copy would pass its bounds
 */
export async function copyTree(
  root: string,
  dest: string,
  skip: readonly string[],
  ignored: readonly string[] = [],
  limits: CopyLimits = COPY_LIMITS
): Promise<TreeCopy> {
  const budget = new Budget(limits, root)
  const out: TreeCopy = {
    root,
    copy: dest,
    files: 0,
    bytes: 0,
    skipped: [],
    outsideLinks: []
  }
  const skipRel = new Set(
    skip
      .filter((d) => isInside(root, d) && path.resolve(d) !== path.resolve(root))
      .map((d) => path.relative(root, d))
  )
  const bulky = new Set(
    ignored
      .filter((d) => BULKY_IGNORED.has(path.basename(d)) && isInside(root, d))
      .map((d) => path.relative(root, d))
  )
  await makeDirectory(dest, 'reproducible')
  await copyDir(root, dest, budget, {
    root,
    leaveOut: (rel, isDir) => isDir && (skipRel.has(rel) || bulky.has(rel)),
    skipped: out.skipped,
    outsideLinks: out.outsideLinks,
    gitDirs: `${dest}.git-dirs`
  })
  out.files = budget.files
  out.bytes = budget.bytes
  return out
}
