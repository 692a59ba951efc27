/**
 * The committed bundle, run as a runner would, uploading to the local
 * artifact service backed by a real Azurite: every artifact is downloaded
 * back and compared byte for byte with what was built and verified.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { binariesOf, ROOT, runAction } from './support/action.js'
import { startArtifactService, type ArtifactService } from './support/artifact-service.js'
import { unzipBytes } from './support/artifact-files.js'

const hello = path.join(ROOT, '__fixtures__', 'hello')
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'gcb-upload-'))

let svc: ArtifactService
beforeAll(async () => {
  svc = await startArtifactService()
})
afterAll(async () => {
  await svc?.stop()
})

describe('uploads from the bundle', () => {
  it('per-target: one artifact per binary, bytes identical, checksums that sha256sum accepts', async () => {
    const env = svc.newRun()
    const out = tmp()
    const run = await runAction(
      {
        'working-directory': hello,
        'output-dir': out,
        targets: 'linux/amd64 windows/arm64',
        upload: 'per-target'
      },
      env
    )
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const artifacts = JSON.parse(run.outputs.artifacts) as Array<Record<string, unknown>>
    expect(artifacts.map((a) => a.name).sort()).toEqual([
      'hello-linux-amd64',
      'hello-windows-arm64'
    ])
    for (const a of artifacts) {
      expect(a.url).toBe(
        `https://github.com/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${a.id}`
      )
      expect(svc.artifact(a.name as string)).toBeDefined()
    }
    for (const b of binariesOf(run)) {
      expect(b.artifact).toBe(`hello-${b.id}`)
      const { dir, files } = await unzipBytes(await svc.download(b.artifact as string), tmp())
      // the binary, its SBOM (sbom: true by default) and the sidecar
      expect(files).toEqual([b.name, `${b.name}.cdx.json`, `${b.name}.sha256`])
      expect(readFileSync(path.join(dir, b.name as string))).toEqual(
        readFileSync(b.path as string)
      )
    }
    const sums = run.outputs.checksums
    expect(sums).toBe(path.join(out, 'SHA256SUMS'))
    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' })
    ).toBe(
      'hello-linux-amd64: OK\nhello-linux-amd64.cdx.json: OK\nhello-windows-arm64.exe: OK\nhello-windows-arm64.exe.cdx.json: OK\n'
    )
  })

  it('combined tar.gz: one artifact, executable bit kept', async () => {
    const env = svc.newRun()
    const out = tmp()
    const run = await runAction(
      {
        'working-directory': hello,
        'output-dir': out,
        targets: 'linux/arm64 darwin/arm64',
        upload: 'combined',
        archive: 'tar.gz'
      },
      env
    )
    expect(run.exitCode).toBe(0)
    expect(svc.artifacts().map((a) => a.name)).toEqual(['hello'])
    const { dir, files } = await unzipBytes(await svc.download('hello'), tmp())
    expect(files.filter((f) => f.endsWith('.tar.gz')).sort()).toEqual([
      'hello-darwin-arm64.tar.gz',
      'hello-linux-arm64.tar.gz'
    ])
    const listing = execFileSync('tar', ['-tvzf', path.join(dir, 'hello-linux-arm64.tar.gz')], {
      encoding: 'utf8'
    })
    expect(listing).toMatch(
      /^-rwxr-xr-x .* hello-linux-arm64\n-rw-r--r-- .* hello-linux-arm64\.cdx\.json\n$/
    )
  })

  it('outside a runner: says uploads are skipped and keeps the files', async () => {
    const out = tmp()
    const run = await runAction(
      { 'working-directory': hello, 'output-dir': out, targets: 'linux/amd64' },
      { ACTIONS_RUNTIME_TOKEN: undefined, ACTIONS_RESULTS_URL: undefined }
    )
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/upload: skipped, ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set/)
    expect(JSON.parse(run.outputs.artifacts)).toEqual([])
    expect(readFileSync(path.join(out, 'hello-linux-amd64')).length).toBeGreaterThan(0)
  })

  it('a failed upload fails the step, names the artifact and keeps every binary', async () => {
    const env = svc.newRun()
    svc.failNext('CreateArtifact', 1, 409)
    const out = tmp()
    const run = await runAction(
      { 'working-directory': hello, 'output-dir': out, targets: 'linux/amd64' },
      env
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/::error::.*hello-linux-amd64/)
    expect(readFileSync(path.join(out, 'hello-linux-amd64')).length).toBeGreaterThan(0)
  })

  it('artifact names are checked before any build', async () => {
    const out = tmp()
    const run = await runAction(
      {
        'working-directory': hello,
        'output-dir': out,
        targets: 'linux/amd64',
        'artifact-name': 'bin:{target}',
        'retention-days': '91'
      },
      svc.newRun()
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/artifact-name: "bin:\{target\}" contains colon/)
    expect(run.stdout).toMatch(/retention-days: "91" is not a whole number of days from 1 to 90/)
    expect(run.stdout).not.toMatch(/::group::/)
  })
})
