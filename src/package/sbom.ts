/**
 * A software bill of materials per binary: CycloneDX 1.6 JSON made from the
 * module graph Go embeds in the binary (what `go version -m` prints), built
 * with @cyclonedx/cyclonedx-library's model and JSON normalizer.
 *
 * - metadata.component: the main module, type application, with the Go
 *   version, the target and every build setting as properties, and the
 *   binary itself nested as a file component with its SHA-256.
 * - components: every dependency module, as it is linked into the binary
 *   (a replaced module is its replacement, the original kept as a property).
 * - dependencies: the main module depends on every module. Go's build info
 *   lists the modules that were linked, not who requires whom, so the edges
 *   from one dependency to another are unknown and are left out, which is
 *   what CycloneDX says to do for unknown dependencies.
 *
 * Pure: the same input gives the same bytes. The serial number is derived
 * from the binary's SHA-256, and the timestamp is only written when the
 * caller passes one (see `sbomTimestamp`).
 */
import { createHash } from 'node:crypto'
// The subpaths, not the package root: the root also loads the validators,
// whose optional ajv (a devDependency, for the tests) would be bundled.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize'
import * as Spec from '@cyclonedx/cyclonedx-library/Spec'
import { PackageURL } from 'packageurl-js'
import {
  setting,
  type BuildInfo,
  type Module
} from '../inspect/binary/index.js'
import type { Target } from '../types.js'

/** What one binary's SBOM is made from. */
export interface SbomInput {
  /** The build info `inspectBinary` read from the binary. */
  buildInfo: BuildInfo
  /** The target the binary was built for. */
  target: Target
  /** The binary's file name as packaged (`tool.exe`). */
  fileName: string
  /** The binary's SHA-256, lowercase hex. */
  sha256: string
  /** metadata.timestamp; left out when undefined, for reproducible files. */
  timestamp?: Date
  /** The program that wrote the SBOM, for metadata.tools. */
  tool?: { name: string; version: string }
}

/**
 * Property names. `cdx:` is CycloneDX's own namespace (its `cdx:gomod:`
 * taxonomy belongs to cyclonedx-gomod and names only GOOS, GOARCH,
 * CGO_ENABLED, GOVERSION and tags), so ours are `go:`, and build settings
 * keep the key Go gives them: `go:build:-ldflags`, `go:build:vcs.revision`.
 */
export const SbomProperty = {
  /** The Go toolchain that built the binary (`go1.26.8`). */
  goVersion: 'go:version',
  /** The main package (`example.com/tool/cmd/server`). */
  mainPackage: 'go:package',
  /** The target the action built for (`linux/arm/7`). */
  target: 'go:target',
  /** Prefix of every build setting, in Go's spelling. */
  buildSetting: 'go:build:',
  /** On a replaced module: what go.mod required (`path@version`). */
  replaces: 'go:module:replaces',
  /** On a module replaced by a directory: that directory (`./greet`). */
  directory: 'go:module:directory',
  /** The go.sum hash as Go wrote it (`h1:...`). */
  sum: 'go:module:sum'
} as const

export { sbomFileName } from '../plan/names.js'

/**
 * The timestamp to write: SOURCE_DATE_EPOCH when it is set (the convention
 * for reproducible builds), otherwise none, so that the same binary gives the
 * same SBOM byte for byte. vcs.time is not used: it is when the commit was
 * made, not when the SBOM was, and it is already a property.
 */
export function sbomTimestamp(
  sourceDateEpoch: string | undefined
): Date | undefined {
  if (sourceDateEpoch === undefined || sourceDateEpoch === '') return undefined
  const seconds = /^[0-9]{1,12}$/.test(sourceDateEpoch)
    ? Number(sourceDateEpoch)
    : NaN
  if (!Number.isSafeInteger(seconds)) {
    throw new Error(
      `SOURCE_DATE_EPOCH: "${sourceDateEpoch}" is not a whole number of seconds since 1970-01-01 UTC. Set it to one (for example $(git log -1 --format=%ct)) or unset it to write SBOMs without a timestamp.`
    )
  }
  return new Date(seconds * 1000)
}

/** A name-based (version 5, SHA-1) UUID, as RFC 9562 section 5.5 defines it. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  if (ns.length !== 16) throw new Error(`uuidV5: bad namespace ${namespace}`)
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest()
  h[6] = (h[6] & 0x0f) | 0x50
  h[8] = (h[8] & 0x3f) | 0x80
  const x = h.subarray(0, 16).toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

/** The namespace of our serial numbers: a random UUID, chosen once, never changed. */
const SERIAL_NAMESPACE = '3f89d174-10af-477a-b0e4-21de45b3fd76'

/** `urn:uuid:` of a UUID derived from the binary's SHA-256. */
export function sbomSerialNumber(sha256: string): string {
  return `urn:uuid:${uuidV5(SERIAL_NAMESPACE, `sha256:${sha256.toLowerCase()}`)}`
}

/**
 * The SHA-256 inside a go.sum hash, as hex, or undefined when it is not one.
 * An `h1:` hash is golang.org/x/mod's dirhash.Hash1: the base64 of the
 * SHA-256 of a listing of the module's files, one `<sha256 hex>  <path>\n`
 * line per file, sorted. So it is a SHA-256 of the module's content, not of
 * its zip file: tools check it against go.sum, not against a download.
 */
export function h1Sha256(sum: string): string | undefined {
  if (!sum.startsWith('h1:')) return undefined
  const b64 = sum.slice(3)
  if (!/^[A-Za-z0-9+/]{43}=$/.test(b64)) return undefined
  return Buffer.from(b64, 'base64').toString('hex')
}

/** Whether a replacement path is a directory (`./x`, `../x`, `/x`, `C:\x`) rather than a module. */
export function isDirectoryPath(path: string): boolean {
  return (
    path.startsWith('./') ||
    path.startsWith('../') ||
    path.startsWith('/') ||
    path === '.' ||
    path === '..' ||
    /^[A-Za-z]:[\\/]/.test(path) ||
    path.startsWith('.\\') ||
    path.startsWith('..\\')
  )
}

/**
 * The package URL of a Go module, `pkg:golang/<module path>@<version>`,
 * with `type=module` as cyclonedx-gomod writes it (a golang purl can name a
 * package too). The path keeps its case: Go module paths are case-sensitive
 * (github.com/BurntSushi/toml), whatever the old text of the purl spec says.
 * `(devel)` is no version anyone can fetch, so it is left out.
 */
export function goModulePurl(
  path: string,
  version: string,
  qualifiers: Record<string, string> = {}
): string {
  const slash = path.lastIndexOf('/')
  const namespace = slash < 0 ? undefined : path.slice(0, slash)
  const name = path.slice(slash + 1)
  const v = version === '' || version === '(devel)' ? undefined : version
  return new PackageURL('golang', namespace, name, v, {
    ...qualifiers,
    type: 'module'
  }).toString()
}

/** A dependency as the binary links it: the replacement if there is one. */
function dependencyComponent(m: Module): Models.Component {
  const rep = m.replace
  const dir = rep !== undefined && isDirectoryPath(rep.path)
  // A directory is no module: it keeps the module path it stands in for.
  const path = rep && !dir ? rep.path : m.path
  const version = rep ? rep.version : m.version
  const sum = rep ? rep.sum : m.sum
  const purl = dir ? undefined : goModulePurl(path, version)
  const c = new Models.Component(Enums.ComponentType.Library, path, {
    bomRef: purl ?? `${m.path}@${m.version}=>${rep?.path ?? ''}`,
    version: version || undefined,
    purl
  })
  const hex = h1Sha256(sum)
  if (hex) c.hashes.set(Enums.HashAlgorithm['SHA-256'], hex)
  if (sum) c.properties.add(new Models.Property(SbomProperty.sum, sum))
  if (rep) {
    c.properties.add(
      new Models.Property(SbomProperty.replaces, `${m.path}@${m.version}`)
    )
  }
  if (dir && rep) {
    c.properties.add(new Models.Property(SbomProperty.directory, rep.path))
  }
  return c
}

/** The main module (metadata.component) with the binary nested in it. */
function mainComponent(input: SbomInput): Models.Component {
  const { buildInfo: bi, target } = input
  // Outside a module (`go build file.go`) there is no mod line: name the
  // package, which Go calls command-line-arguments.
  const path = bi.mod?.path || bi.path
  const version = bi.mod?.version ?? ''
  const goos = setting(bi, 'GOOS') ?? target.goos
  const goarch = setting(bi, 'GOARCH') ?? target.goarch
  const purl = bi.mod?.path
    ? goModulePurl(path, version, { goos, goarch })
    : undefined
  const main = new Models.Component(Enums.ComponentType.Application, path, {
    bomRef: purl ?? `main:${path}`,
    version: version || undefined,
    purl
  })
  const props: [string, string][] = [
    [SbomProperty.goVersion, bi.goVersion],
    [SbomProperty.mainPackage, bi.path],
    [SbomProperty.target, target.name],
    // Every setting, -ldflags included: they are in the binary already, and
    // `go version -m` prints them to anyone who has it.
    ...bi.settings.map(([k, v]): [string, string] => [
      `${SbomProperty.buildSetting}${k}`,
      v
    ])
  ]
  for (const [k, v] of props) main.properties.add(new Models.Property(k, v))
  const file = new Models.Component(Enums.ComponentType.File, input.fileName, {
    bomRef: `file:${input.fileName}`
  })
  file.hashes.set(Enums.HashAlgorithm['SHA-256'], input.sha256.toLowerCase())
  main.components.add(file)
  return main
}

/** The model of one binary's SBOM, before serialization. */
export function sbomModel(input: SbomInput): Models.Bom {
  const main = mainComponent(input)
  const bom = new Models.Bom({
    serialNumber: sbomSerialNumber(input.sha256),
    metadata: new Models.Metadata({
      component: main,
      timestamp: input.timestamp
    })
  })
  if (input.tool) {
    bom.metadata.tools.components.add(
      new Models.Component(Enums.ComponentType.Application, input.tool.name, {
        version: input.tool.version
      })
    )
  }
  for (const m of input.buildInfo.modules) {
    const c = dependencyComponent(m)
    bom.components.add(c)
    main.dependencies.add(c.bomRef)
  }
  return bom
}

/**
 * One binary's SBOM: CycloneDX 1.6 JSON, lists sorted, two-space indent, a
 * final newline. The library's normalizer writes a graph entry for every
 * component, and an entry without `dependsOn` says "depends on nothing";
 * only the main module's entry is known, so only that one is kept.
 */
export function cycloneDxSbom(input: SbomInput): string {
  const normalizer = new Serialize.JSON.Normalize.Factory(
    Spec.Spec1dot6
  ).makeForBom()
  const json = normalizer.normalize(sbomModel(input), { sortLists: true })
  json.dependencies = json.dependencies?.filter((d) => d.dependsOn?.length)
  return `${JSON.stringify(json, null, 2)}\n`
}
