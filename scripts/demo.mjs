#!/usr/bin/env node
// Runs the committed bundle (dist/index.js) as a runner would, on the bundled
// example module __fixtures__/hello, for the default six-target matrix, with
// uploads off. Prints where the binaries are. No shell: argument vectors only.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const work = mkdtempSync(path.join(tmpdir(), 'go-cross-build-demo-'))
const outputFile = path.join(work, 'github-output')
const summaryFile = path.join(work, 'step-summary.md')
writeFileSync(outputFile, '')
writeFileSync(summaryFile, '')

const env = { ...process.env }
for (const k of Object.keys(env)) if (k.startsWith('INPUT_')) delete env[k]
Object.assign(env, {
  'INPUT_WORKING-DIRECTORY': path.join(root, '__fixtures__', 'hello'),
  'INPUT_OUTPUT-DIR': path.join(root, 'out', 'demo'),
  INPUT_UPLOAD: 'none',
  GITHUB_OUTPUT: outputFile,
  GITHUB_STEP_SUMMARY: summaryFile
})

const result = spawnSync(process.execPath, [path.join(root, 'dist', 'index.js')], {
  env,
  stdio: 'inherit'
})

const outputs = {}
const lines = readFileSync(outputFile, 'utf8').split('\n')
for (let i = 0; i < lines.length; i++) {
  const m = /^([^=<]+)<<(.+)$/.exec(lines[i])
  if (!m) continue
  const value = []
  for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
  outputs[m[1]] = value.join('\n')
}

console.log('')
if (outputs.binaries) {
  console.log(`Binaries in ${outputs['output-dir']}:`)
  for (const b of JSON.parse(outputs.binaries)) {
    const status = b.status === 'built' ? (b.verified === false ? 'FAILED VERIFICATION' : 'ok') : b.status
    console.log(`  ${b.target.padEnd(16)} ${String(b.path).padEnd(60)} ${status}${b.format ? `  ${b.format}` : ''}`)
  }
}
console.log(`Job summary written to ${summaryFile}`)
process.exit(result.status ?? 1)
