/** What the numbers were measured on. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, totalmem, release } from 'node:os'

export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown'
  const flags = /^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1].split(' ') ?? []
  return {
    nproc: availableParallelism(),
    cpuModel: model,
    cpuFlags: ['sha_ni', 'avx2', 'avx512f'].filter((f) => flags.includes(f)),
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    loadAvgAtStart: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  }
}

export function goVersion() {
  return execFileSync('go', ['version'], { encoding: 'utf8' }).trim()
}
