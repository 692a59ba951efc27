/** The merge sub-action's entry point: the only module here with a side effect. */
import { run } from './action.js'

await run()
