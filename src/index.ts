/**
 * The action's entry point: the only module with a side effect. The plan
 * starts (toolchain probe, `go list`, module download) before the adapter
 * and the toolkit packages are evaluated, which takes about 60 ms; the
 * adapter adopts it when the inputs read the same through the toolkit.
 */
import { installCancelHandlers } from './process.js'
import { startEarly } from './start.js'

// From the first process on, cancelling the job stops every process tree.
installCancelHandlers()
const early = startEarly()
const { run } = await import('./main.js')
await run(early)
