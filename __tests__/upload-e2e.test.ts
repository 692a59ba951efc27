/**
 * Uploads end to end: the real DefaultArtifactClient talks to the local
 * artifact service (Twirp JSON) and puts blobs into a real Azurite; every
 * artifact is downloaded back and compared byte for byte.
 */

import { DefaultArtifactClient } from '@actions/artifact'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  parsePublishInputs,
  type PublishOptions
} from '../src/package/options.js'
import { packageBinaries, type Packaged } from '../src/package/package.js'
import { uploadPackages } from '../src/upload/upload.js'
import { problemLine } from '../src/problem.js'
import type { Artifact, Build, Uploaded } from '../src/types.js'
import {
  runtimeToken,
  startArtifactService,
  unusedUrl,
  type ArtifactService
} from './support/artifact-service.js'
import {
  buildHello,
  captureStdout,
  fakeBuild,
  listFiles,
  RUNNER_VARS,
  setEnv,
  sha256,
  tarEntries,
  tempDir,
  unzipBytes,
  zipEntries
} from './support/artifact-files.js'

/**
 * Publish options from input values; sbom: false unless given, like the
 * support helpers (the SBOM's upload is checked in pipeline-join).
 */
function options(values: Record<string, string>) {
  const given: Record<string, string> = { sbom: 'false', ...values }
  return parsePublishInputs((name) => given[name] ?? '')
}

let svc: ArtifactService
let goOut: string
let goBuilds: Build[]
let restoreEnv: () => void
const dirs: string[] = []

async function dir(): Promise<string> {
  const d = await tempDir()
  dirs.push(d)
  return d
}

/**
 * Copies of the real Go binaries in a fresh output dir, under the names the
 * plan gives them for these publish options.
 */
async function binaries(
  opts: PublishOptions
): Promise<{ out: string; builds: Build[] }> {
  const out = await dir()
  const builds: Build[] = []
  for (const b of goBuilds) {
    const bytes = await readFile(b.path)
    builds.push(await fakeBuild(out, b.target.name, bytes, 'hello', opts))
  }
  return { out, builds }
}

/** The upload problems, as lines. */
function failures(result: Uploaded): string[] {
  return result.problems.map(problemLine)
}

/** The uploaded artifacts, in package order. */
function artifacts(result: Uploaded): Artifact[] {
  return result.uploads.map((u) => u.artifact)
}

/** Every file of an output dir with its hash, to prove nothing was lost. */
async function snapshot(out: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const f of await listFiles(out)) {
    files[f] = sha256(await readFile(join(out, f)))
  }
  return files
}

beforeAll(async () => {
  ;[svc, goOut] = await Promise.all([startArtifactService(), tempDir('hello-')])
  goBuilds = await buildHello(goOut, [
    'linux/amd64',
    'linux/arm/7',
    'windows/amd64'
  ])
}, 240000)

afterAll(async () => {
  await svc?.stop()
  for (const d of [goOut, ...dirs]) {
    if (d) await rm(d, { recursive: true, force: true })
  }
})

let stopCapture: () => string
const clear = Object.fromEntries(RUNNER_VARS.map((v) => [v, undefined]))

beforeEach(() => {
  // every test is a new workflow run, seen from a runner-like environment
  restoreEnv = setEnv({ ...clear, ...svc.newRun() })
  stopCapture = captureStdout()
})

afterEach(() => {
  stopCapture()
  restoreEnv()
})

describe('uploadPackages against the local artifact service', () => {
  it('per-target: one zipped artifact per binary with its .sha256', async () => {
    const opts = options({ 'retention-days': '5' })
    const { out, builds } = await binaries(opts)
    const packaged = await packageBinaries(builds, opts, out)
    const result = await uploadPackages(packaged, opts)

    expect(failures(result)).toEqual([])
    expect(result.skipped).toBeUndefined()
    expect(artifacts(result).map((a) => a.name)).toEqual([
      'hello-linux-amd64',
      'hello-linux-arm-7',
      'hello-windows-amd64'
    ])
    for (const [i, artifact] of artifacts(result).entries()) {
      const stored = svc.artifact(artifact.name)!
      expect(artifact).toEqual({
        name: artifact.name,
        id: stored.id,
        url: `https://github.com/octo-org/hello/actions/runs/4242/artifacts/${stored.id}`,
        digest: stored.digest!.replace('sha256:', ''),
        size: stored.size,
        binaries: [packaged.packages[i].binaries[0]]
      })
      expect(stored.mimeType).toBe('application/zip')
      // retention-days reached the service as an expiry about 5 days away
      const days = (Date.parse(stored.expiresAt!) - Date.now()) / 86400000
      expect(days).toBeGreaterThan(4.9)
      expect(days).toBeLessThan(5.1)

      const bytes = await svc.download(artifact.name)
      expect(sha256(bytes)).toBe(artifact.digest)
      const got = await unzipBytes(bytes, await dir())
      const bin = builds[i]
      const rel = bin.fileName
      expect(got.files).toEqual([rel, `${rel}.sha256`])
      expect(sha256(await readFile(join(got.dir, rel)))).toBe(bin.sha256)
      expect(await readFile(join(got.dir, `${rel}.sha256`), 'utf8')).toBe(
        `${bin.sha256}  ${bin.fileName}\n`
      )
    }
  })

  it('per-target with archives: tar.gz/zip inside keep mode 0755', async () => {
    const opts = options({ archive: 'auto', 'compression-level': '0' })
    const { out, builds } = await binaries(opts)
    const packaged = await packageBinaries(builds, opts, out)
    const result = await uploadPackages(packaged, opts)
    expect(failures(result)).toEqual([])

    const linux = await unzipBytes(
      await svc.download('hello-linux-arm-7'),
      await dir()
    )
    expect(linux.files).toEqual([
      'hello-linux-arm-7.tar.gz',
      'hello-linux-arm-7.tar.gz.sha256'
    ])
    expect(
      await tarEntries(join(linux.dir, 'hello-linux-arm-7.tar.gz'))
    ).toEqual([{ mode: '-rwxr-xr-x', name: 'hello-linux-arm-7' }])
    const win = await unzipBytes(
      await svc.download('hello-windows-amd64'),
      await dir()
    )
    expect(await zipEntries(join(win.dir, 'hello-windows-amd64.zip'))).toEqual([
      { mode: '-rwxr-xr-x', name: 'hello-windows-amd64.exe' }
    ])
    const archive = await readFile(join(win.dir, 'hello-windows-amd64.zip'))
    expect(sha256(archive)).toBe(
      packaged.files.find((f) => f.file === 'hello-windows-amd64.zip')!.sha256
    )
  })

  it('combined: one artifact with every binary and a SHA256SUMS that checks', async () => {
    const opts = options({ upload: 'combined', 'artifact-name': 'all-{name}' })
    const { out, builds } = await binaries(opts)
    const packaged = await packageBinaries(builds, opts, out)
    const result = await uploadPackages(packaged, opts)

    expect(failures(result)).toEqual([])
    expect(artifacts(result)).toHaveLength(1)
    expect(artifacts(result)[0]).toMatchObject({
      name: 'all-hello',
      binaries: [
        'hello-linux-amd64',
        'hello-linux-arm-7',
        'hello-windows-amd64.exe'
      ]
    })
    const got = await unzipBytes(await svc.download('all-hello'), await dir())
    expect(got.files).toEqual([
      'SHA256SUMS',
      'hello-linux-amd64',
      'hello-linux-arm-7',
      'hello-windows-amd64.exe'
    ])
    for (const b of builds) {
      const rel = b.fileName
      expect(sha256(await readFile(join(got.dir, rel)))).toBe(b.sha256)
    }
    expect(await readFile(join(got.dir, 'SHA256SUMS'), 'utf8')).toBe(
      await readFile(packaged.checksumsPath!, 'utf8')
    )
  })

  it('skip-archive: the raw binary is the artifact, and its digest is checked', async () => {
    const opts = options({ 'skip-archive': 'true' })
    const { out, builds } = await binaries(opts)
    const packaged = await packageBinaries(builds, opts, out)
    const result = await uploadPackages(packaged, opts)

    expect(failures(result)).toEqual([])
    expect(artifacts(result).map((a) => [a.name, a.digest])).toEqual([
      ['hello-linux-amd64', builds[0].sha256],
      ['hello-linux-arm-7', builds[1].sha256],
      ['hello-windows-amd64.exe', builds[2].sha256]
    ])
    for (const [i, a] of artifacts(result).entries()) {
      const bytes = await svc.download(a.name)
      expect(sha256(bytes)).toBe(builds[i].sha256)
      expect(svc.artifact(a.name)!.mimeType).not.toBe('application/zip')
    }
  })

  it('skip-archive: a file changed after packaging is reported, not trusted', async () => {
    const out = await dir()
    const opts = options({ 'skip-archive': 'true' })
    const b = await fakeBuild(out, 'linux/riscv64', 'verified bytes', 'hello', opts)
    const packaged = await packageBinaries([b], opts, out)
    // the staged copy is what is uploaded; change it as a rogue step would
    await writeFile(packaged.packages[0].files[0], 'other bytes')
    const result = await uploadPackages(packaged, opts)
    expect(artifacts(result)).toEqual([])
    expect(failures(result)).toEqual([
      expect.stringMatching(
        /^artifact hello-linux-riscv64 \(hello-linux-riscv64\): the service received bytes with sha256 [0-9a-f]{64}, but the verified file has [0-9a-f]{64}/
      )
    ])
  })
})

describe('uploadPackages when things go wrong', () => {
  /** One small per-target package set in a fresh dir. */
  async function small(
    values: Record<string, string> = {},
    content = 'binary bytes'
  ): Promise<{
    out: string
    packaged: Packaged
    opts: ReturnType<typeof options>
  }> {
    const out = await dir()
    const opts = options(values)
    const b = await fakeBuild(out, 'linux/amd64', content, 'hello', opts)
    return { out, opts, packaged: await packageBinaries([b], opts, out) }
  }

  const methodCalls = (method: string): number[] =>
    svc.calls.filter((c) => c.method === method).map((c) => c.status)

  it('bounds the uploads in flight', async () => {
    const out = await dir()
    const builds: Build[] = []
    for (const t of [
      'aix/ppc64',
      'linux/386',
      'linux/arm64',
      'linux/s390x',
      'netbsd/arm64',
      'plan9/amd64'
    ]) {
      builds.push(await fakeBuild(out, t, `bytes for ${t}`))
    }
    const opts = options({})
    const result = await uploadPackages(
      await packageBinaries(builds, opts, out),
      opts,
      {
        concurrency: 2
      }
    )
    expect(failures(result)).toEqual([])
    expect(artifacts(result)).toHaveLength(6)
    expect(svc.peakInFlight()).toBe(2)
  })

  it('rides out two 503s from CreateArtifact (the client retries)', async () => {
    const { out, packaged, opts } = await small()
    const before = await snapshot(out)
    svc.failNext('CreateArtifact', 2)
    const result = await uploadPackages(packaged, opts)
    expect(failures(result)).toEqual([])
    expect(artifacts(result).map((a) => a.name)).toEqual(['hello-linux-amd64'])
    expect(methodCalls('CreateArtifact')).toEqual([503, 503, 200])
    expect(stopCapture()).toMatch(
      /Attempt 2 of 5 failed with error: Failed request: \(503\)/
    )
    stopCapture = captureStdout()
    expect(await snapshot(out)).toEqual(before)
  }, 60000)

  it('409 without overwrite: fails naming the artifact, the old one stays', async () => {
    const first = await small({}, 'first')
    expect(failures(await uploadPackages(first.packaged, first.opts))).toEqual(
      []
    )
    const second = await small({}, 'second')
    const before = await snapshot(second.out)

    const result = await uploadPackages(second.packaged, second.opts)
    expect(artifacts(result)).toEqual([])
    expect(failures(result)).toEqual([
      `artifact hello-linux-amd64 (hello-linux-amd64): upload failed: Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run: hello-linux-amd64. An artifact of this name already exists in this workflow run: set overwrite: true to replace it, or give each job its own artifact-name (in a matrix, include a matrix value). The files are kept in ${second.out}.`
    ])
    expect(result.problems).toEqual([
      expect.objectContaining({
        subject: 'artifact hello-linux-amd64 (hello-linux-amd64)',
        what: expect.stringContaining('(409) Conflict'),
        stage: 'upload',
        builds: ['linux-amd64/hello']
      })
    ])
    expect(methodCalls('CreateArtifact')).toEqual([200, 409])
    const got = await unzipBytes(
      await svc.download('hello-linux-amd64'),
      await dir()
    )
    expect(await readFile(join(got.dir, 'hello-linux-amd64'), 'utf8')).toBe(
      'first'
    )
    expect(await snapshot(second.out)).toEqual(before)
  })

  it('409 with overwrite: the old artifact is deleted and replaced', async () => {
    const first = await small({ overwrite: 'true' }, 'first')
    // nothing to delete yet: that is fine
    const one = await uploadPackages(first.packaged, first.opts)
    expect(failures(one)).toEqual([])
    const second = await small({ overwrite: 'true' }, 'second')
    const two = await uploadPackages(second.packaged, second.opts)

    expect(failures(two)).toEqual([])
    expect(artifacts(two)[0].id).not.toBe(artifacts(one)[0].id)
    expect(svc.artifacts().map((a) => [a.name, a.id])).toEqual([
      ['hello-linux-amd64', artifacts(two)[0].id]
    ])
    expect(methodCalls('DeleteArtifact')).toEqual([200])
    const got = await unzipBytes(
      await svc.download('hello-linux-amd64'),
      await dir()
    )
    expect(await readFile(join(got.dir, 'hello-linux-amd64'), 'utf8')).toBe(
      'second'
    )
  })

  it('a token without an Actions.Results scope: one failure, no request', async () => {
    setEnv({
      ACTIONS_RUNTIME_TOKEN: runtimeToken('Actions.GenericRead:00000000')
    })
    const { out, packaged, opts } = await small()
    const before = await snapshot(out)
    const result = await uploadPackages(packaged, opts)
    expect(artifacts(result)).toEqual([])
    expect(failures(result)).toEqual([
      `upload: ACTIONS_RUNTIME_TOKEN has no "Actions.Results:<run>:<job>" scope, so artifacts cannot be created; run the action as a step of a job (not in a container action or with a token of your own). Files are kept in ${out}.`
    ])
    expect(result.problems.map((p) => p.builds)).toEqual([['linux-amd64/hello']])
    expect(svc.calls.filter((c) => c.method === 'CreateArtifact')).toEqual([])
    expect(await snapshot(out)).toEqual(before)
  })

  it('a token of another run: the service says 403, reported per artifact', async () => {
    const stale = svc.env.ACTIONS_RUNTIME_TOKEN
    svc.newRun()
    setEnv({ ACTIONS_RUNTIME_TOKEN: stale })
    const { out, packaged, opts } = await small()
    const before = await snapshot(out)
    const result = await uploadPackages(packaged, opts)
    expect(artifacts(result)).toEqual([])
    expect(failures(result)).toEqual([
      expect.stringMatching(
        /^artifact hello-linux-amd64 \(hello-linux-amd64\): upload failed: .*\(403\) Forbidden: the token is not valid for this run and job\. The artifact service refused the runtime token/
      )
    ])
    expect(methodCalls('CreateArtifact')).toEqual([403])
    expect(svc.artifacts()).toEqual([])
    expect(await snapshot(out)).toEqual(before)
  })

  it('the service is down: retried, then reported, files kept', async () => {
    setEnv({ ACTIONS_RESULTS_URL: await unusedUrl() })
    const { out, packaged, opts } = await small({ archive: 'tar.gz' })
    const before = await snapshot(out)
    const result = await uploadPackages(packaged, opts, {
      attempts: 3,
      retryDelayMs: 50
    })
    expect(artifacts(result)).toEqual([])
    expect(failures(result)).toEqual([
      `artifact hello-linux-amd64 (hello-linux-amd64): upload failed (after 3 tries): Failed to CreateArtifact: Unable to make request: ECONNREFUSED. The artifact service could not be reached; on a self-hosted runner, check access to the GitHub endpoints. The files are kept in ${out}.`
    ])
    expect(stopCapture()).toContain(
      '::warning::Upload of artifact hello-linux-amd64 failed (try 2 of 3)'
    )
    stopCapture = captureStdout()
    expect(await snapshot(out)).toEqual(before)
    expect(Object.keys(before)).toEqual([
      'SHA256SUMS',
      'hello-linux-amd64',
      'hello-linux-amd64.tar.gz',
      'hello-linux-amd64.tar.gz.sha256'
    ])
  })

  it('outside a runner: skipped with the reason, nothing sent', async () => {
    setEnv(clear)
    const { out, packaged, opts } = await small()
    const result = await uploadPackages(packaged, opts)
    expect(result).toEqual({
      uploads: [],
      problems: [],
      skipped: `ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set, so this is not a GitHub Actions runner; the files are kept in ${out}`
    })
    expect(
      svc.calls.filter((c) => c.status === 200 && c.method === 'CreateArtifact')
    ).toEqual([])
  })

  it('upload: none: skipped', async () => {
    const { packaged, opts } = await small({ upload: 'none' })
    expect(await uploadPackages(packaged, opts)).toEqual({
      uploads: [],
      problems: [],
      skipped: 'upload is "none"'
    })
  })

  it('GitHub Enterprise Server: one failure saying why, nothing sent', async () => {
    setEnv({ GITHUB_SERVER_URL: 'https://github.example.com' })
    const { packaged, opts } = await small()
    const calls = svc.calls.length
    const result = await uploadPackages(packaged, opts)
    expect(failures(result)).toEqual([
      expect.stringMatching(
        /^upload: the artifact service .* is not available on GitHub Enterprise Server \(https:\/\/github\.example\.com\)/
      )
    ])
    expect(svc.calls.length).toBe(calls)
  })

  it('a client error is retried, and the artifact is named in the log', async () => {
    const { packaged, opts } = await small()
    const real = new DefaultArtifactClient()
    let calls = 0
    const flaky = {
      deleteArtifact: real.deleteArtifact.bind(real),
      uploadArtifact: (...args: Parameters<typeof real.uploadArtifact>) => {
        calls++
        if (calls === 1)
          return Promise.reject(new Error('Upload progress stalled.'))
        return real.uploadArtifact(...args)
      }
    }
    const result = await uploadPackages(packaged, opts, {
      client: flaky,
      retryDelayMs: 10
    })
    expect(failures(result)).toEqual([])
    expect(calls).toBe(2)
    expect(stopCapture()).toContain(
      '::warning::Upload of artifact hello-linux-amd64 failed (try 1 of 3): Upload progress stalled.; trying again in 10 ms.'
    )
    stopCapture = captureStdout()
  })
})
