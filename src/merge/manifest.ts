/**
 * A leg's manifest: what one run of the build action made and verified, so
 * that the merge needs nothing but the artifact store. Uploaded by each leg
 * as a small artifact of its own (a raw per-target artifact has no room for
 * it), named after the leg, and read back by the merge.
 */

/** The manifest's format version; the merge refuses others. */
export const MANIFEST_SCHEMA = 'go-cross-build/manifest@1'

/** Artifacts whose name starts with this are manifests. */
export const MANIFEST_PREFIX = 'go-cross-build-manifest-'

/** The file inside a manifest artifact. */
export const MANIFEST_FILE = 'manifest.json'

/** One binary of a leg. */
export interface ManifestEntry {
  /** `linux/arm/7` */
  target: string
  /** The binary's base name (`hello`). */
  package: string
  /** The built file (`hello-linux-arm-7`). */
  file: string
  /** sha256 of the built file. */
  sha256: string
  /** The file that ships (the binary itself, or its archive). */
  release: string
  /** sha256 of the release file. */
  releaseSha256: string
  /** The artifact that holds the release file. */
  artifact: string
  /** Verification passed on the leg. */
  verified: boolean
  /** The leg's one-line description of the binary. */
  format: string
  /**
   * Its SBOM (`<file>.cdx.json`), when the leg wrote one: inside the
   * release archive, or a release file of its own (then with its sha256
   * and the artifact that holds it).
   */
  sbom?: string
  /** sha256 of the SBOM, when it is a release file of its own. */
  sbomSha256?: string
  /** The artifact that holds the SBOM, when it is a release file of its own. */
  sbomArtifact?: string
}

/** What a leg writes. */
export interface Manifest {
  schema: typeof MANIFEST_SCHEMA
  /** The leg's name (`leg-2`), unique in the run. */
  leg: string
  /** Where it ran: `RUNNER_OS/RUNNER_ARCH (RUNNER_NAME)`. */
  runner: string
  goVersion: string
  entries: ManifestEntry[]
}

/** The artifact name of a leg's manifest. */
export function manifestArtifactName(leg: string): string {
  return `${MANIFEST_PREFIX}${leg}`
}

const HEX64 = /^[0-9a-f]{64}$/
/** A file name the merge may write into release-dir: one component, no tricks. */
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/

/**
 * Parses a manifest read from the artifact store (untrusted: another job
 * wrote it), refusing anything that is not exactly the expected shape.
 *
 * @throws Error naming the artifact and the field
 */
export function parseManifest(text: string, artifact: string): Manifest {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new Error(`${artifact}: ${MANIFEST_FILE} is not JSON`, { cause: error })
  }
  const fail = (what: string): never => {
    throw new Error(`${artifact}: ${MANIFEST_FILE} ${what}`)
  }
  const obj = (v: unknown, where: string): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : fail(`${where} is not an object`)
  const str = (o: Record<string, unknown>, key: string, where: string, test?: RegExp): string => {
    const v = o[key]
    if (typeof v !== 'string' || (test && !test.test(v)))
      fail(`${where}.${key} is ${JSON.stringify(v)?.slice(0, 80)}, not ${test ? `a value matching ${test}` : 'a string'}`)
    return v as string
  }
  const m = obj(data, 'the top level')
  if (m.schema !== MANIFEST_SCHEMA) fail(`has schema ${JSON.stringify(m.schema)}, not ${MANIFEST_SCHEMA}`)
  if (!Array.isArray(m.entries)) fail('entries is not a list')
  const entries = (m.entries as unknown[]).map((raw, i): ManifestEntry => {
    const e = obj(raw, `entries[${i}]`)
    const where = `entries[${i}]`
    if (typeof e.verified !== 'boolean') fail(`${where}.verified is not true or false`)
    // optional, but exactly typed when there
    const sbom = e.sbom === undefined ? {} : { sbom: str(e, 'sbom', where, SAFE_FILE) }
    if ((e.sbomSha256 === undefined) !== (e.sbomArtifact === undefined) || (e.sbomSha256 !== undefined && e.sbom === undefined))
      fail(`${where} has only part of sbom, sbomSha256 and sbomArtifact`)
    const own =
      e.sbomSha256 === undefined
        ? {}
        : { sbomSha256: str(e, 'sbomSha256', where, HEX64), sbomArtifact: str(e, 'sbomArtifact', where) }
    return {
      ...sbom,
      ...own,
      target: str(e, 'target', where, /^[a-z0-9]+\/[a-z0-9]+(\/[A-Za-z0-9.,]+)?$/),
      package: str(e, 'package', where, SAFE_FILE),
      file: str(e, 'file', where, SAFE_FILE),
      sha256: str(e, 'sha256', where, HEX64),
      release: str(e, 'release', where, SAFE_FILE),
      releaseSha256: str(e, 'releaseSha256', where, HEX64),
      artifact: str(e, 'artifact', where),
      verified: e.verified as boolean,
      format: str(e, 'format', where)
    }
  })
  return {
    schema: MANIFEST_SCHEMA,
    leg: str(m, 'leg', 'the top level', /^[A-Za-z0-9._-]{1,100}$/),
    runner: str(m, 'runner', 'the top level'),
    goVersion: str(m, 'goVersion', 'the top level'),
    entries
  }
}

/** What `manifestOf` reads of a run: the parts of its stages' outputs. */
export interface LegRun {
  leg: string
  runner: string
  goVersion: string
  binaries: ReadonlyArray<{
    build: {
      id: string
      target: { name: string }
      pkg: { binaryName: string }
      fileName: string
      deliverable: string
      sha256?: string
      /** Its SBOM's name, when the plan gave it one. */
      sbom?: string
    }
    verification?: { ok: boolean; format: string }
  }>
  /** The packaged files, with the build each holds. */
  files: ReadonlyArray<{ build: string; sha256: string; kind: 'release' | 'sbom' }>
  /** The uploads, with the builds each holds. */
  uploads: ReadonlyArray<{ artifact: { name: string; binaries: readonly string[] }; builds: readonly string[] }>
}

/**
 * The leg's manifest: one entry per binary that was uploaded, with the
 * names the plan gave it and the hashes the package stage computed (pure).
 */
export function manifestOf(run: LegRun): Manifest {
  const entries: ManifestEntry[] = []
  for (const b of run.binaries) {
    const upload = run.uploads.find(
      (u) => u.builds.includes(b.build.id) && u.artifact.binaries.length > 0
    )
    const file = run.files.find(
      (f) => f.build === b.build.id && f.kind === 'release'
    )
    if (!upload || !file || !b.build.sha256) continue
    // An SBOM of its own sits in the binary's artifact, or (raw uploads)
    // in an artifact of its own that holds no binary.
    const sbomFile = run.files.find(
      (f) => f.build === b.build.id && f.kind === 'sbom'
    )
    const sbomUpload =
      run.uploads.find(
        (u) => u.builds.includes(b.build.id) && u.artifact.binaries.length === 0
      ) ?? upload
    entries.push({
      ...(b.build.sbom ? { sbom: b.build.sbom } : {}),
      ...(sbomFile
        ? { sbomSha256: sbomFile.sha256, sbomArtifact: sbomUpload.artifact.name }
        : {}),
      target: b.build.target.name,
      package: b.build.pkg.binaryName,
      file: b.build.fileName,
      sha256: b.build.sha256,
      release: b.build.deliverable,
      releaseSha256: file.sha256,
      artifact: upload.artifact.name,
      verified: b.verification?.ok ?? false,
      format: b.verification?.format ?? ''
    })
  }
  return { schema: MANIFEST_SCHEMA, leg: run.leg, runner: run.runner, goVersion: run.goVersion, entries }
}
