/**
 * The join between the build and package stages, as a user meets it: the
 * real fixture built by the real build stage, packaged in every mode, and
 * `sha256sum -c SHA256SUMS` run in output-dir. SHA256SUMS must name exactly
 * what is uploaded, raw artifacts must be named after the real files, and
 * nothing else may be left in output-dir.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { buildAll, buildRecord } from '../src/build/build.js'
import { getInputs } from '../src/inputs/inputs.js'
import { nameBinaries } from '../src/plan/names.js'
import { makePlan } from '../src/plan/plan.js'
import { packageBinaries } from '../src/package/package.js'
import type { Build, MainPackage, Target } from '../src/types.js'
import { ROOT } from './support/action.js'

const fixture = path.join(ROOT, '__fixtures__', 'hello')
const base = mkdtempSync(path.join(tmpdir(), 'gcb-modes-'))
const built = path.join(base, 'built')
let builds: Build[] = []
let targets: Target[] = []
let packages: MainPackage[] = []

beforeAll(async () => {
  const inputs = getInputs(
    (name) =>
      ({
        targets: 'linux/amd64, windows/amd64',
        'working-directory': fixture,
        'output-dir': built
      })[name]
  )
  const plan = await makePlan(inputs, process.env)
  builds = await buildAll(plan.build)
  targets = plan.build.targets
  packages = plan.build.packages
  expect(builds.map((b) => b.status)).toEqual(['built', 'built'])
})

const modes: [string, string, string][] = []
for (const archive of ['none', 'tar.gz', 'zip', 'auto'])
  for (const upload of ['per-target', 'combined', 'none'])
    for (const skip of ['false', 'true'])
      if (!(skip === 'true' && upload === 'combined'))
        modes.push([archive, upload, skip])

describe.each(modes)('archive %s, upload %s, skip-archive %s', (archive, upload, skip) => {
  it('lists exactly what is uploaded, and sha256sum -c passes', async () => {
    const dir = path.join(base, `${archive}-${upload}-${skip}`)
    cpSync(built, dir, { recursive: true })
    const inputs = getInputs(
      (name) =>
        ({
          targets: 'linux/amd64, windows/amd64',
          'working-directory': fixture,
          'output-dir': dir,
          archive,
          upload,
          'skip-archive': skip
        })[name]
    )
    // the same binaries, named by the plan for this mode's inputs
    const named = nameBinaries(inputs.publish, targets, packages, dir).binaries
    const moved = builds.map((b, i) =>
      buildRecord(named[i], b.status, { size: b.size, sha256: b.sha256 })
    )
    expect(moved.map((b) => b.fileName)).toEqual(builds.map((b) => b.fileName))
    const packaged = await packageBinaries(moved, inputs.publish, dir)
    expect(packaged.problems).toEqual([])

    const listed = packaged.files.map((f) => f.file).sort()
    const uploaded = packaged.packages
      .flatMap((p) => p.files)
      .map((f) => path.basename(f))
      .filter((f) => f !== 'SHA256SUMS' && !f.endsWith('.sha256'))
      .sort()
    if (upload !== 'none') expect(uploaded).toEqual(listed)
    for (const p of packaged.packages.filter((p) => p.raw))
      expect(p.name).toBe(path.basename(p.files[0]))

    const binaries = builds.map((b) => b.fileName).sort()
    if (archive === 'none') expect(listed).toEqual(binaries)
    else expect(listed.some((f) => binaries.includes(f))).toBe(false)

    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })
        .trim()
        .split('\n')
        .sort()
    ).toEqual(listed.map((f) => `${f}: OK`))

    const sidecars =
      upload === 'per-target' && skip === 'false'
        ? listed.map((f) => `${f}.sha256`)
        : []
    expect(readdirSync(dir).sort()).toEqual(
      [...new Set([...binaries, ...listed, ...sidecars, 'SHA256SUMS'])].sort()
    )
  })
})
