/**
 * Preloaded into the action's node process with NODE_OPTIONS=--import, so
 * that the bench learns the peak resident memory and CPU time of node alone
 * (getrusage RUSAGE_SELF: children such as go build are not included).
 */
import { writeFileSync } from 'node:fs'

const out = process.env.BENCH_PROBE_OUT
const loadedAt = Date.now()
if (out) {
  process.on('exit', (code) => {
    const ru = process.resourceUsage()
    writeFileSync(
      out,
      JSON.stringify({
        code,
        maxRssKb: ru.maxRSS,
        userSeconds: ru.userCPUTime / 1e6,
        systemSeconds: ru.systemCPUTime / 1e6,
        // Epoch ms when node was ready to load user code, and at exit.
        loadedAt,
        exitAt: Date.now(),
        nodeBootMs: loadedAt - performance.timeOrigin
      })
    )
  })
}
