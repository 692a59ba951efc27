/**
 * The three contestants, each as an argument vector plus environment:
 *
 *   action  node dist/index.js with INPUT_* variables, upload off
 *   serial  a shell loop of `go build`, one target after another
 *   xargs   xargs -P<cores> -n1 over the same per-target helper
 *
 * Every contestant builds the same packages for the same targets with the
 * same flags (CGO_ENABLED=0, -trimpath, -ldflags='-s -w', -buildvcs=false)
 * into a fresh output directory, with the GOCACHE it is given.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Reads the inputs' defaults from action.yml (the runner fills them in). */
export function actionDefaults(actionYml) {
  const defaults = {}
  let inInputs = false
  let current
  for (const line of readFileSync(actionYml, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inInputs = line.startsWith('inputs:')
    if (!inInputs) continue
    const input = /^ {2}([\w-]+):\s*$/.exec(line)
    if (input) current = input[1]
    const dflt = /^ {4}default:\s*(?:'((?:[^']|'')*)'|"([^"]*)"|(.*))\s*$/.exec(line)
    if (dflt && current) {
      defaults[current] = (dflt[1]?.replace(/''/g, "'") ?? dflt[2] ?? dflt[3] ?? '').trim()
    }
  }
  return defaults
}

/** The environment every contestant inherits: no target leaks in. */
export function baseEnv(gocache) {
  const env = { ...process.env }
  for (const k of Object.keys(env)) {
    if (/^(GOOS|GOARCH|GOARM|GOAMD64|GOARM64|GO386|GOMIPS|GOMIPS64|GOPPC64|GORISCV64|CGO_ENABLED|INPUT_.*|NODE_OPTIONS|ACTIONS_.*)$/.test(k)) {
      delete env[k]
    }
  }
  env.GOCACHE = gocache
  env.GOTOOLCHAIN = 'local'
  return env
}

/**
 * @param {object} o
 * @param {string} o.name       'action' | 'serial' | 'xargs'
 * @param {object} o.workload   { dir, targets, packages }
 * @param {string} o.outDir     fresh directory for the binaries
 * @param {string} o.scratch    directory for GITHUB_OUTPUT & co
 * @param {string} o.gocache
 * @param {number} o.cores
 * @param {object} o.paths      { repo, bundle, probe, baseline, go }
 * @returns {{ argv: string[], env: object, cwd: string, files: object }}
 */
export function contestant({ name, workload, outDir, scratch, gocache, cores, paths }) {
  const env = baseEnv(gocache)
  const cwd = workload.dir
  if (name === 'action') {
    const inputs = {
      ...actionDefaults(join(paths.repo, 'action.yml')),
      targets: workload.targets.join(', '),
      'working-directory': workload.dir,
      package: workload.packages.join(' '),
      'output-dir': outDir,
      upload: 'none',
      flags: '-buildvcs=false',
      go: paths.go ?? 'go'
    }
    for (const [k, v] of Object.entries(inputs)) {
      env[`INPUT_${k.toUpperCase()}`] = v
    }
    const files = {
      output: join(scratch, 'github-output'),
      summary: join(scratch, 'step-summary.md'),
      probe: join(scratch, 'probe.json')
    }
    writeFileSync(files.output, '')
    writeFileSync(files.summary, '')
    Object.assign(env, {
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_WORKSPACE: workload.dir,
      RUNNER_TEMP: scratch,
      BENCH_PROBE_OUT: files.probe,
      NODE_OPTIONS: `--import=${paths.probe}`
    })
    return { argv: [process.execPath, paths.bundle], env, cwd, files }
  }
  env.BENCH_OUT = outDir
  env.BENCH_PKGS = workload.packages.join(' ')
  if (paths.go) env.BENCH_GO = paths.go
  if (name === 'serial') {
    return {
      argv: ['sh', join(paths.baseline, 'serial.sh'), ...workload.targets],
      env,
      cwd,
      files: {}
    }
  }
  if (name === 'xargs') {
    const list = join(scratch, 'targets.txt')
    writeFileSync(list, workload.targets.join('\n') + '\n')
    return {
      argv: ['xargs', `-P${cores}`, '-n1', '-a', list, 'sh', join(paths.baseline, 'build-one.sh')],
      env,
      cwd,
      files: {}
    }
  }
  if (name === 'goreleaser') {
    // goreleaser build, the way a maintainer releases: its own parallelism
    // (default: the CPU count) and go's default -p, same targets and flags.
    const config = join(scratch, 'goreleaser.yaml')
    writeFileSync(config, goreleaserConfig(workload, outDir))
    return {
      argv: [paths.goreleaser, 'build', '--snapshot', '--clean', '--config', config, '--parallelism', String(cores)],
      env,
      cwd,
      files: {}
    }
  }
  throw new Error(`unknown contestant ${name}`)
}

/** Our target (linux/arm/6) as goreleaser names it (linux_arm_6). */
export function goreleaserTarget(target) {
  return target.split('/').join('_')
}

/** A .goreleaser.yaml that builds the workload's targets with the action's flags into outDir. */
export function goreleaserConfig(workload, outDir) {
  const q = (x) => JSON.stringify(x)
  return [
    'version: 2',
    `project_name: ${q(workload.project ?? 'bench')}`,
    `dist: ${q(outDir)}`,
    'builds:',
    ...workload.packages.flatMap((pkg, i) => [
      `  - id: ${q(`b${i}`)}`,
      `    main: ${q(pkg)}`,
      `    binary: ${q(workload.binary ?? 'app')}`,
      '    env: [CGO_ENABLED=0]',
      '    flags: [-trimpath, -buildvcs=false]',
      `    ldflags: [${q('-s -w')}]`,
      '    targets:',
      ...workload.targets.map((t) => `      - ${q(goreleaserTarget(t))}`)
    ]),
    ''
  ].join('\n')
}

/**
 * Parses `name=value` pairs, `name<<DELIM … DELIM` blocks and all, from a
 * GITHUB_OUTPUT file.
 */
export function parseGithubOutput(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const value = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i])
      out[heredoc[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=')
      out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1)
    }
  }
  return out
}

/**
 * Reads the lead's timing line, tolerantly: any `timing k=1.23s k2=0.5s`
 * line (with or without ::debug::); the last one wins per key. Returns {}
 * when the action prints none.
 */
export function parseTimings(log) {
  const timings = {}
  for (const line of log.split('\n')) {
    const m = /(?:^|::|\s)timings?[:\s]+(.*)$/i.exec(line)
    if (!m) continue
    for (const [, k, v, unit] of m[1].matchAll(/([\w.-]+)=([\d.]+)\s*(ms|s)?\b/g)) {
      const n = Number(v)
      if (Number.isFinite(n)) timings[k] = unit === 'ms' ? n / 1000 : n
    }
  }
  return timings
}
