/**
 * What `go version -m` says about a binary, parsed here independently of
 * src/, and the check of an SBOM against it: valid against the official
 * CycloneDX 1.6 JSON schema (the library's strict validator), and one
 * component per module Go linked, with its version and go.sum hash.
 */
import { execFileSync } from 'node:child_process'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'

/** One module as `go version -m` prints it, after its `=>` line. */
export interface GoModLine {
  path: string
  version: string
  sum: string
  replace?: { path: string; version: string; sum: string }
}

/** What `go version -m` says, parsed here independently of src/. */
export interface GoVersionM {
  goVersion: string
  path: string
  mod: { path: string; version: string }
  deps: GoModLine[]
  settings: [string, string][]
}

export function goVersionM(file: string): GoVersionM {
  const out = execFileSync('go', ['version', '-m', file], { encoding: 'utf8' })
  const lines = out.split('\n')
  const result: GoVersionM = {
    goVersion: lines[0].slice(lines[0].lastIndexOf(' ') + 1),
    path: '',
    mod: { path: '', version: '' },
    deps: [],
    settings: []
  }
  for (const line of lines.slice(1)) {
    const [, key, ...f] = line.split('\t')
    if (key === 'path') result.path = f[0]
    if (key === 'mod') result.mod = { path: f[0], version: f[1] }
    if (key === 'dep') {
      result.deps.push({ path: f[0], version: f[1], sum: f[2] ?? '' })
    }
    if (key === '=>') {
      const last = result.deps[result.deps.length - 1]
      last.replace = { path: f[0], version: f[1], sum: f[2] ?? '' }
    }
    if (key === 'build') {
      const s = f.join('\t')
      const eq = s.startsWith('"') ? s.indexOf('"=') + 1 : s.indexOf('=')
      const unquote = (v: string): string =>
        v.startsWith('"') ? (JSON.parse(v) as string) : v
      result.settings.push([unquote(s.slice(0, eq)), unquote(s.slice(eq + 1))])
    }
  }
  return result
}

/** The parts of a CycloneDX component the comparison reads. */
interface Component {
  type: string
  name: string
  version?: string
  hashes?: { alg: string; content: string }[]
  properties?: { name: string; value: string }[]
  components?: Component[]
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)

/**
 * Checks one SBOM file's text against the binary it describes: schema
 * errors (null when valid) and what it says next to what `go version -m`
 * says, for a test to compare with toEqual.
 */
export async function sbomAgainstBinary(
  text: string,
  binary: string
): Promise<{ got: unknown; want: unknown }> {
  const bom = JSON.parse(text) as {
    specVersion: string
    metadata: { component: Component }
    components?: Component[]
  }
  const m = goVersionM(binary)
  const hex = (sum: string): string | undefined =>
    sum ? Buffer.from(sum.slice(3), 'base64').toString('hex') : undefined
  const byName = (x: { name: string }, y: { name: string }): number =>
    x.name.localeCompare(y.name)
  const main = bom.metadata.component
  const prop = (name: string): string[] =>
    (main.properties ?? []).filter((p) => p.name === name).map((p) => p.value)
  const got = {
    schemaErrors: await validator.validate(text),
    specVersion: bom.specVersion,
    main: main.name,
    goVersion: prop('go:version'),
    package: prop('go:package'),
    settings: (main.properties ?? [])
      .filter((p) => p.name.startsWith('go:build:'))
      .map((p) => `${p.name.slice('go:build:'.length)}=${p.value}`)
      .sort(),
    components: (bom.components ?? [])
      .map((c) => ({
        name: c.name,
        version: c.version,
        sha256: c.hashes?.find((h) => h.alg === 'SHA-256')?.content
      }))
      .sort(byName)
  }
  const want = {
    schemaErrors: null,
    specVersion: '1.6',
    main: m.mod.path,
    goVersion: [m.goVersion],
    package: [m.path],
    // the SBOM's lists are sorted
    settings: m.settings.map(([k, v]) => `${k}=${v}`).sort(),
    components: m.deps
      .map((d) => {
        const r = d.replace
        const dir = r !== undefined && /^\.{0,2}\//.test(r.path)
        return {
          name: r && !dir ? r.path : d.path,
          version: r ? r.version : d.version,
          sha256: hex(r ? r.sum : d.sum)
        }
      })
      .sort(byName)
  }
  return { got, want }
}
