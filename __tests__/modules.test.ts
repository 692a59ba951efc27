/**
 * The module download, started while the plan is still being made: the real
 * `go mod download` against a module proxy on localhost that never answers
 * (a stuck network), and with GOPROXY=off (a failure the build stage must
 * report). A plan that fails stops the download instead of waiting for it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { moduleDownload } from '../src/build/modules.js'
import { liveProcessCount } from '../src/process.js'

const dir = mkdtempSync(path.join(tmpdir(), 'gcb-modules-'))
const gomod = path.join(dir, 'go.mod')
writeFileSync(gomod, 'module example.com/app\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n')
const modcache = mkdtempSync(path.join(tmpdir(), 'gcb-modcache-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(modcache, { recursive: true, force: true })
})

function env(proxy: string): Record<string, string> {
  const e: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('GOFLAGS')) e[k] = v
  return { ...e, GOMODCACHE: modcache, GOPROXY: proxy, GOSUMDB: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' }
}

describe('moduleDownload', () => {
  let server: Server
  const sockets: Socket[] = []
  let port = 0
  beforeAll(async () => {
    // accepts and never answers
    server = createServer((s) => sockets.push(s))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  })
  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await new Promise((resolve) => server.close(resolve))
  })

  it('a plan that failed stops a download stuck on the network, without waiting for it', async () => {
    const download = moduleDownload()
    download.start({ gomod, goflags: '' }, { go: 'go', cwd: dir, env: env(`http://127.0.0.1:${port}`) })
    // go mod download has reached the proxy and waits for its answer
    for (let i = 0; i < 200 && sockets.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sockets.length).toBeGreaterThan(0)
    expect(liveProcessCount()).toBe(1)
    const began = Date.now()
    await download.abandon()
    expect(Date.now() - began).toBeLessThan(5000)
    expect(liveProcessCount()).toBe(0)
  }, 60000)

  it('a start that comes after abandon (the plan answered late) starts nothing', async () => {
    const download = moduleDownload()
    await download.abandon()
    download.start({ gomod, goflags: '' }, { go: 'go', cwd: dir, env: env(`http://127.0.0.1:${port}`) })
    expect(liveProcessCount()).toBe(0)
    await download.finish()
  })

  it('the build stage waits for the download started early and reports its failure', async () => {
    const download = moduleDownload()
    download.start({ gomod, goflags: '' }, { go: 'go', cwd: dir, env: env('off') })
    // a second start (another hook call) does not run it twice
    download.start({ gomod, goflags: '' }, { go: 'go', cwd: dir, env: env('off') })
    expect(liveProcessCount()).toBe(1)
    await expect(download.finish()).rejects.toThrow(
      new RegExp(`^go mod download failed in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*GOPROXY=off.*Check the module's go.mod`)
    )
  }, 60000)

  it('is not run for a vendored module or outside a module', async () => {
    const download = moduleDownload()
    download.start({ gomod: '', goflags: '' }, { go: 'go', cwd: dir, env: env('off') })
    expect(liveProcessCount()).toBe(0)
    await expect(download.finish()).resolves.toBeUndefined()
    const vendored = moduleDownload()
    vendored.start({ gomod, goflags: '-mod=vendor' }, { go: 'go', cwd: dir, env: env('off') })
    expect(liveProcessCount()).toBe(0)
    await expect(vendored.finish()).resolves.toBeUndefined()
  })
})
