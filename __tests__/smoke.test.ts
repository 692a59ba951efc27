/**
 * Smoke tests: the run plan table, and real runs of hello natively and under
 * qemu-user (installed by CI: Debian package qemu-user).
 */
import {
  hostPlatform,
  planRun,
  smokeTest,
  QEMU
} from '../src/inspect/smoke.js'
import {
  buildHello,
  removeOutDir,
  target,
  twoAtATime,
  type Built
} from './binary-builds.js'
import { describeWithTools, missingTools } from './support/tools.js'
import type { Target } from '../src/types.js'

const smokeHost = hostPlatform()
const smokeForeign: Target[] = [
  target('linux', 'arm64'),
  target('linux', 'arm', '6'),
  target('linux', '386'),
  target('linux', 'riscv64'),
  target('linux', 'ppc64le'),
  target('linux', 's390x'),
  target('linux', 'mips')
].filter((t) => t.goarch !== smokeHost.goarch)
const missingQemu = await missingTools(
  smokeForeign.flatMap((t) => {
    const plan = planRun(t, smokeHost)
    return plan.how === 'qemu'
      ? [{ name: plan.qemu, install: 'apt-get install -y qemu-user' }]
      : []
  })
)

describe('planRun', () => {
  const linuxAmd64 = { goos: 'linux', goarch: 'amd64' }
  it.each([
    [
      'linux/amd64 on linux/amd64',
      target('linux', 'amd64'),
      linuxAmd64,
      'native'
    ],
    ['linux/386 on linux/amd64', target('linux', '386'), linuxAmd64, 'native'],
    [
      'linux/arm64 on linux/amd64',
      target('linux', 'arm64'),
      linuxAmd64,
      'qemu-aarch64'
    ],
    [
      'linux/arm/6 on linux/amd64',
      target('linux', 'arm', '6'),
      linuxAmd64,
      'qemu-arm'
    ],
    [
      'linux/mipsle on linux/amd64',
      target('linux', 'mipsle'),
      linuxAmd64,
      'qemu-mipsel'
    ],
    [
      'linux/amd64 on linux/arm64',
      target('linux', 'amd64'),
      { goos: 'linux', goarch: 'arm64' },
      'qemu-x86_64'
    ],
    [
      'windows/amd64 on windows/arm64',
      target('windows', 'amd64'),
      { goos: 'windows', goarch: 'arm64' },
      'native'
    ],
    [
      'windows/386 on windows/amd64',
      target('windows', '386'),
      { goos: 'windows', goarch: 'amd64' },
      'native'
    ],
    [
      'darwin/amd64 on darwin/arm64 (Rosetta not assumed)',
      target('darwin', 'amd64'),
      { goos: 'darwin', goarch: 'arm64' },
      'none'
    ],
    [
      'darwin/arm64 on linux/amd64',
      target('darwin', 'arm64'),
      linuxAmd64,
      'none'
    ],
    [
      'windows/amd64 on linux/amd64',
      target('windows', 'amd64'),
      linuxAmd64,
      'none'
    ],
    [
      'freebsd/amd64 on linux/amd64',
      target('freebsd', 'amd64'),
      linuxAmd64,
      'none'
    ],
    ['js/wasm on linux/amd64', target('js', 'wasm'), linuxAmd64, 'none']
  ] as const)('%s', (_name, t, host, want) => {
    const plan = planRun(t, host)
    expect(plan.how === 'qemu' ? plan.qemu : plan.how).toBe(want)
    if (plan.how === 'none') expect(plan.reason).toMatch(/^not runnable here: /)
  })

  it.each([
    ['linux', 'x64', 'linux', 'amd64'],
    ['darwin', 'arm64', 'darwin', 'arm64'],
    ['win32', 'arm64', 'windows', 'arm64'],
    ['win32', 'ia32', 'windows', '386']
  ])('hostPlatform(%s, %s) is %s/%s', (platform, arch, goos, goarch) => {
    expect(hostPlatform(platform, arch)).toEqual({ goos, goarch })
  })
})

describeWithTools('smokeTest runs real binaries', missingQemu, () => {
  const host = smokeHost
  const native = target(host.goos, host.goarch)
  const foreign = smokeForeign
  const built = new Map<string, Built>()

  beforeAll(async () => {
    const results = await twoAtATime(
      [native, ...foreign].map((t) => () => buildHello(t, true))
    )
    for (const b of results) {
      if (!b.ok)
        throw new Error(`build of ${b.target.name} failed: ${b.output}`)
      built.set(b.target.name, b)
    }
  }, 600_000)
  afterAll(() => removeOutDir())

  it('runs a native binary and captures its output', async () => {
    const r = await smokeTest(native, built.get(native.name)!.path, [
      '--version'
    ])
    expect(r).toEqual({ status: 'passed', detail: 'native: exit 0: hello dev' })
  })

  it.each(foreign.map((t) => [t.name, t] as const))(
    'runs %s (native or under qemu-user)',
    async (_n, t) => {
      const r = await smokeTest(t, built.get(t.name)!.path, ['--version'], {
        timeoutMs: 60_000
      })
      const plan = planRun(t, host)
      const how = plan.how === 'qemu' ? plan.qemu : 'native'
      expect(r).toEqual({
        status: 'passed',
        detail: `${how}: exit 0: hello dev`
      })
    }
  )

  it('reports a non-zero exit as failed, with the code', async () => {
    const r = await smokeTest(native, '/bin/false', [])
    expect(r).toEqual({ status: 'failed', detail: 'native: exit 1' })
  })

  it('kills a binary that outlives the timeout', async () => {
    const started = Date.now()
    const r = await smokeTest(native, '/bin/sleep', ['30'], { timeoutMs: 300 })
    expect(r.status).toBe('failed')
    expect(r.detail).toBe('native: timed out after 300 ms')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('reports a binary for the wrong platform that cannot start as failed', async () => {
    const windows = await buildHello(target('windows', host.goarch), true)
    const r = await smokeTest(native, windows.path, [])
    expect(r.status).toBe('failed')
    expect(r.detail).toMatch(/^native: (could not start|exit \d+)/)
  })

  it('says not runnable for another OS, and never fails on it', async () => {
    const r = await smokeTest(target('darwin', 'arm64'), '/nonexistent', [
      '--version'
    ])
    expect(r.status).toBe('not-runnable')
    expect(r.detail).toContain('darwin/arm64 binary cannot run on this')
  })

  it('says not runnable when the qemu it needs is not on PATH', async () => {
    const t = foreign[0]
    const saved = process.env.PATH
    process.env.PATH = '/nonexistent'
    try {
      const r = await smokeTest(t, built.get(t.name)!.path, ['--version'])
      expect(r).toEqual({
        status: 'not-runnable',
        detail: `not runnable here: ${QEMU[t.goarch]} is not on PATH (install qemu-user to run ${t.goos}/${t.goarch} binaries)`
      })
    } finally {
      process.env.PATH = saved
    }
  })
})
