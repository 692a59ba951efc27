/**
 * The copy a reproducibility rebuild builds from, against real git: the
 * copy's git status, HEAD and commit time read as the original's (so that
 * -buildvcs stamps the same), for a repository and for a linked worktree
 * (a .git file); symlinks are copied as links and never followed; ignored bulk is skipped, output-dir too; the bounds refuse
 * a tree that is too large, by name. No go build: these cost git commands.
 */
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  CopyLimitError,
  commonAncestor,
  copyRootFor,
  copyTree,
  findVcsRoot
} from '../src/reproduce/copy.js'
import { copyPath } from '../src/reproduce/reproduce.js'
import { describeWithTools, missingTools } from './support/tools.js'

const base = mkdtempSync(path.join(tmpdir(), 'gcb-repro-copy-'))

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync(
    'git',
    ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }
  )
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

/** What -buildvcs reads: the revision, the commit time, and git status. */
function vcsState(dir: string): string[] {
  return [
    git(dir, 'rev-parse', 'HEAD'),
    git(dir, 'log', '-1', '--format=%cd', '--date=iso-strict'),
    git(dir, 'status', '--porcelain')
  ]
}

/** A repository with a module in mod/, a dirty tree, ignored bulk and links. */
function makeRepo(name: string): string {
  const repo = path.join(base, name)
  mkdirSync(path.join(repo, 'mod'), { recursive: true })
  writeFileSync(path.join(repo, 'mod', 'go.mod'), 'module example.com/m\n\ngo 1.26\n')
  writeFileSync(path.join(repo, 'mod', 'main.go'), 'package main\n\nfunc main() {}\n')
  writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\ndist/\n')
  symlinkSync('mod/main.go', path.join(repo, 'inside-link'))
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'add', '.')
  git(repo, 'commit', '-qm', 'first')
  // dirty: a change, and an untracked file
  writeFileSync(path.join(repo, 'mod', 'main.go'), 'package main\n\nfunc main() { }\n')
  writeFileSync(path.join(repo, 'untracked.txt'), 'x\n')
  mkdirSync(path.join(repo, 'node_modules', 'big'), { recursive: true })
  writeFileSync(path.join(repo, 'node_modules', 'big', 'file.js'), 'x'.repeat(1000))
  mkdirSync(path.join(repo, 'dist'))
  writeFileSync(path.join(repo, 'dist', 'old-binary'), 'old')
  symlinkSync(tmpdir(), path.join(repo, 'outside-link'))
  return repo
}

/** The ignored directories, as the rebuild asks git for them. */
function ignored(repo: string): string[] {
  return git(repo, 'ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z')
    .split('\0')
    .filter((p) => p.endsWith('/'))
    .map((p) => path.join(repo, p))
}

describeWithTools('the copy of the tree', await missingTools([{ name: 'git', install: 'apt-get install -y git' }]), () => {
  it('reads the same to git as the original: revision, commit time, dirty state', async () => {
    const repo = makeRepo('repo')
    const dest = path.join(base, 'copy-of-repo')
    const copied = await copyTree(repo, dest, [path.join(repo, 'dist')], ignored(repo))
    expect(vcsState(dest)).toEqual(vcsState(repo))
    expect(git(dest, 'status', '--porcelain')).toMatch(/ M mod\/main.go/)
    // no object was copied: the copy reads the original's store
    expect(readFileSync(path.join(dest, '.git', 'objects', 'info', 'alternates'), 'utf8')).toBe(
      `${path.join(repo, '.git', 'objects')}\n`
    )
    expect(existsSync(path.join(dest, '.git', 'objects', 'pack'))).toBe(false)
    expect(copied.skipped.sort()).toEqual(['dist', 'node_modules'])
    // a link out is copied as the link it is, never followed
    expect(copied.outsideLinks).toEqual(['outside-link'])
    expect(readlinkSync(path.join(dest, 'outside-link'))).toBe(tmpdir())
    expect(readlinkSync(path.join(dest, 'inside-link'))).toBe('mod/main.go')
    expect(lstatSync(path.join(dest, 'inside-link')).isSymbolicLink()).toBe(true)
    // and the original's store is untouched by the copy's git commands
    expect(git(repo, 'status', '--porcelain')).toBe(vcsState(repo)[2])
  })

  it('keeps a linked worktree\'s .git a file, pointing to a standalone git directory with the same state', async () => {
    const repo = makeRepo('main-of-worktree')
    const wt = path.join(base, 'linked')
    git(repo, 'worktree', 'add', '-q', '-b', 'side', wt)
    writeFileSync(path.join(wt, 'mod', 'new.go'), 'package main\n')
    git(wt, 'commit', '-qam', 'side commit', '--allow-empty')
    writeFileSync(path.join(wt, 'untracked-in-worktree'), 'y\n')
    expect(lstatSync(path.join(wt, '.git')).isFile()).toBe(true)
    const dest = path.join(base, 'copy-of-linked')
    await copyTree(wt, dest, [], ignored(wt))
    expect(lstatSync(path.join(dest, '.git')).isFile()).toBe(true)
    const gitdir = readFileSync(path.join(dest, '.git'), 'utf8')
    expect(gitdir).toMatch(new RegExp(`^gitdir: ${dest}\\.git-dirs/git-\\w+\n$`))
    expect(vcsState(dest)).toEqual(vcsState(wt))
    expect(git(dest, 'rev-parse', '--show-toplevel').trim()).toBe(dest)
    expect(git(dest, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('side')
  })

  it('refuses a tree past its bounds, naming the tree', async () => {
    const repo = makeRepo('too-big')
    const dest = path.join(base, 'copy-too-big')
    await expect(copyTree(repo, dest, [], [], { maxBytes: 1 << 30, maxFiles: 3 })).rejects.toThrow(
      new CopyLimitError(`the tree to copy, ${repo}, holds more than 3 files`)
    )
    await expect(
      copyTree(repo, path.join(base, 'copy-too-big-2'), [], [], { maxBytes: 200, maxFiles: 1000 })
    ).rejects.toThrow(/^the tree to copy, .*too-big, holds more than 0 MiB$/)
  })

  it('finds the VCS root above a module in a subdirectory', async () => {
    const repo = makeRepo('vcs-root')
    expect(await findVcsRoot(path.join(repo, 'mod'))).toBe(repo)
  })
})

describe('what is copied, and where', () => {
  it.each<[string, Parameters<typeof copyRootFor>[0], string]>([
    ['the module alone', { moduleDir: '/w/repo/mod' }, '/w/repo/mod'],
    ['up to the VCS root', { moduleDir: '/w/repo/mod', vcsRoot: '/w/repo' }, '/w/repo'],
    ['a go.work above the module', { moduleDir: '/w/ws/a', gowork: '/w/ws/go.work' }, '/w/ws'],
    ['a replace ../x beside it', { moduleDir: '/w/repo/a', localDirs: ['/w/repo/x'] }, '/w/repo'],
    ['a replace outside the repository', { moduleDir: '/w/repo/a', vcsRoot: '/w/repo', localDirs: ['/w/other/x'] }, '/w']
  ])('%s', (_, facts, root) => {
    expect(copyRootFor(facts)).toBe(root)
  })

  it('takes the deepest common directory', () => {
    expect(commonAncestor(['/a/b/c', '/a/b/d/e'])).toBe('/a/b')
    expect(commonAncestor(['/a/b', '/a/bc'])).toBe('/a')
  })

  it.each([
    ['/home/runner/work/tool/tool', '/home/runner/work/_temp/gcb-r-abc/src'],
    ['/w/a-long-module-directory-name', '/t/x/src'],
    ['/w/m', '/tmp/gcb-r-abcdef/src']
  ])('puts the copy of %s at a path of the same length when %s leaves room', (root, parent) => {
    const copy = copyPath(root, parent)
    expect(path.dirname(copy)).toBe(parent)
    if (root.length > parent.length + 1) expect(copy.length).toBe(root.length)
    else expect(copy).toBe(path.join(parent, path.basename(root)))
  })
})
