/**
 * TypeScript sources of the repository, bundled with esbuild (its packages
 * left as imports from node_modules) and imported: how the bench calls code
 * that only exists as .ts.
 */
import { pathToFileURL } from 'node:url'

/** Bundles `entry` into `outfile` (ESM, for node) and imports it. */
export async function importBundled(entry, outfile) {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning'
  })
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)
}
