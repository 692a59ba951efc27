/**
 * The publish stage's inputs: how to package and upload, validated before the
 * first build starts, and the name templates the plan names artifacts with
 * (`src/plan/names.ts` decides every name, once).
 *
 * Everything here is pure: no `@actions/core`, no files, no network.
 */

import { ProblemError } from '../problem.js'
import type { Target } from '../types.js'

/** The action inputs this stage reads, by their names in action.yml. */
export const PublishInputs = {
  upload: 'upload',
  artifactName: 'artifact-name',
  archive: 'archive',
  skipArchive: 'skip-archive',
  retentionDays: 'retention-days',
  compressionLevel: 'compression-level',
  overwrite: 'overwrite',
  sbom: 'sbom'
} as const

/** How binaries become artifacts. */
export type UploadMode = 'per-target' | 'combined' | 'none'

/** How each binary is packed before upload (`auto`: zip for windows, tar.gz otherwise). */
export type ArchiveFormat = 'none' | 'tar.gz' | 'zip' | 'auto'

/** The validated publish inputs. */
export interface PublishOptions {
  upload: UploadMode
  /** Artifact name template, already defaulted for the upload mode. */
  artifactName: string
  archive: ArchiveFormat
  /** Upload each per-target file as it is (the client's `skipArchive`). */
  skipArchive: boolean
  /** 1–90, or undefined for the repository's setting. */
  retentionDays?: number
  /** 0–9. */
  compressionLevel: number
  /** Delete an existing artifact of the same name before uploading. */
  overwrite: boolean
  /** Write a CycloneDX SBOM per binary (`<file>.cdx.json`); true unless set to false. */
  sbom: boolean
}

/** The values a name template can use. */
export interface NameVars {
  /** The binary's base name without extension (`tool`). */
  name: string
  goos: string
  goarch: string
  /** The variant (`7`, `v3`), or ''. */
  variant: string
  /** The target id (`linux-arm-7`). */
  target: string
}

const UPLOAD_MODES: readonly UploadMode[] = ['per-target', 'combined', 'none']
const ARCHIVE_FORMATS: readonly ArchiveFormat[] = [
  'none',
  'tar.gz',
  'zip',
  'auto'
]
const PLACEHOLDERS: readonly (keyof NameVars)[] = [
  'name',
  'goos',
  'goarch',
  'variant',
  'target'
]
const TARGET_PLACEHOLDERS: readonly (keyof NameVars)[] = [
  'goos',
  'goarch',
  'variant',
  'target'
]

/** Default artifact name template for one artifact per binary. */
export const DEFAULT_PER_TARGET_NAME = '{name}-{target}'
/** Default artifact name template for one artifact with every binary. */
export const DEFAULT_COMBINED_NAME = '{name}'

/**
 * Characters the artifact service refuses in names, with how to call them
 * (the same list as `@actions/artifact`'s own validation).
 */
const FORBIDDEN_NAME_CHARS: ReadonlyMap<string, string> = new Map([
  ['"', 'double quote "'],
  [':', 'colon :'],
  ['<', 'less than <'],
  ['>', 'greater than >'],
  ['|', 'vertical bar |'],
  ['*', 'asterisk *'],
  ['?', 'question mark ?'],
  ['\r', 'carriage return \\r'],
  ['\n', 'line feed \\n'],
  ['\\', 'backslash \\'],
  ['/', 'forward slash /']
])

const PLACEHOLDER_RE = /([-_.]?)\{([^{}]*)\}/g

/**
 * Reads and validates the publish inputs.
 *
 * @param get Returns an input's value ('' when unset), like `core.getInput`.
 * @returns The validated options.
 * @throws ProblemError listing every problem: the input, its value and the fix.
 */
export function parsePublishInputs(
  get: (name: string) => string
): PublishOptions {
  const problems: string[] = []
  const read = (name: string): string => (get(name) ?? '').trim()

  const uploadRaw = read(PublishInputs.upload)
  let upload: UploadMode = 'per-target'
  if (uploadRaw !== '') {
    const found = UPLOAD_MODES.find((m) => m === uploadRaw.toLowerCase())
    if (found) upload = found
    else
      problems.push(
        `${PublishInputs.upload}: "${uploadRaw}" is not an upload mode; use ${quoteList(UPLOAD_MODES)}.`
      )
  }

  const archiveRaw = read(PublishInputs.archive)
  let archive: ArchiveFormat = 'none'
  if (archiveRaw !== '') {
    const found = ARCHIVE_FORMATS.find((a) => a === archiveRaw.toLowerCase())
    if (found) archive = found
    else
      problems.push(
        `${PublishInputs.archive}: "${archiveRaw}" is not an archive format; use ${quoteList(ARCHIVE_FORMATS)}.`
      )
  }

  const skipArchive = readBoolean(PublishInputs.skipArchive, read, problems)
  const overwrite = readBoolean(PublishInputs.overwrite, read, problems)
  // Not given is the documented default: an SBOM per binary.
  const sbom =
    read(PublishInputs.sbom) === ''
      ? true
      : readBoolean(PublishInputs.sbom, read, problems)

  if (skipArchive && upload === 'combined') {
    problems.push(
      `${PublishInputs.skipArchive}: "true" needs upload: per-target (one file per artifact), but upload is "combined"; set skip-archive: false or upload: per-target.`
    )
  }

  const retentionRaw = read(PublishInputs.retentionDays)
  let retentionDays: number | undefined
  if (retentionRaw !== '') {
    const n = strictInteger(retentionRaw)
    if (n === undefined || n < 1 || n > 90) {
      problems.push(
        `${PublishInputs.retentionDays}: "${retentionRaw}" is not a whole number of days from 1 to 90; use an integer such as 7, or leave it empty for the repository's setting.`
      )
    } else retentionDays = n
  }

  const levelRaw = read(PublishInputs.compressionLevel)
  let compressionLevel = 6
  if (levelRaw !== '') {
    const n = strictInteger(levelRaw)
    if (n === undefined || n > 9) {
      problems.push(
        `${PublishInputs.compressionLevel}: "${levelRaw}" is not a zip compression level; use an integer from 0 (store) to 9 (smallest), default 6.`
      )
    } else compressionLevel = n
  }

  const nameRaw = read(PublishInputs.artifactName)
  const artifactName =
    nameRaw !== ''
      ? nameRaw
      : upload === 'combined'
        ? DEFAULT_COMBINED_NAME
        : DEFAULT_PER_TARGET_NAME
  if (nameRaw !== '') problems.push(...checkTemplate(nameRaw, upload))

  if (problems.length > 0) {
    throw new ProblemError(problems, {
      heading: `Invalid publish input${problems.length > 1 ? 's' : ''}:`
    })
  }
  return {
    upload,
    artifactName,
    archive,
    skipArchive,
    retentionDays,
    compressionLevel,
    overwrite,
    sbom
  }
}

/** Problems with an artifact-name template, before any value is put in. */
function checkTemplate(template: string, upload: UploadMode): string[] {
  const problems: string[] = []
  const input = PublishInputs.artifactName
  const used = new Set<string>()
  for (const m of template.matchAll(PLACEHOLDER_RE)) used.add(m[2])
  for (const p of used) {
    if (!(PLACEHOLDERS as readonly string[]).includes(p)) {
      problems.push(
        `${input}: "${template}" uses {${p}}, which is not a placeholder; use ${PLACEHOLDERS.map((x) => `{${x}}`).join(', ')}.`
      )
    }
  }
  if (upload === 'combined') {
    const perTarget = TARGET_PLACEHOLDERS.filter((p) => used.has(p))
    if (perTarget.length > 0) {
      problems.push(
        `${input}: "${template}" uses ${perTarget.map((p) => `{${p}}`).join(', ')}, which has no single value when upload is "combined" (one artifact for every target); use {name} and fixed text, or upload: per-target.`
      )
    }
  }
  if (isDotName(template))
    problems.push(
      `${input}: "${template}" names the current or parent directory, not an artifact; give a name such as "{name}-{target}".`
    )
  const literal = template.replace(PLACEHOLDER_RE, '$1')
  const bad = forbiddenChars(literal)
  if (bad.length > 0) {
    problems.push(
      `${input}: "${template}" contains ${bad.join(', ')}, which artifact names may not contain; use letters, digits, '-', '_' or '.'.`
    )
  }
  return problems
}

/**
 * Renders an artifact name template. A placeholder whose value is empty
 * (usually `{variant}`) disappears together with one separator (`-`, `_` or
 * `.`) in front of it: `{name}-{target}-{variant}` gives `tool-linux-amd64`.
 *
 * @param template Template with `{name}`, `{goos}`, `{goarch}`, `{variant}`, `{target}`.
 * @param vars The values.
 * @returns The name (unknown placeholders are left as they are).
 */
export function artifactName(template: string, vars: NameVars): string {
  return template.replace(
    PLACEHOLDER_RE,
    (whole: string, sep: string, key: string) => {
      if (!(PLACEHOLDERS as readonly string[]).includes(key)) return whole
      const value = vars[key as keyof NameVars]
      return value === '' ? '' : `${sep}${value}`
    }
  )
}

/**
 * The template values for one binary of one target.
 *
 * @param target The target.
 * @param binaryName The binary's base name without extension.
 * @returns The values for {@link artifactName}.
 */
export function nameVars(target: Target, binaryName: string): NameVars {
  return {
    name: binaryName,
    goos: target.goos,
    goarch: target.goarch,
    variant: target.variant,
    target: target.id
  }
}

/**
 * Checks artifact names against the service's rules: not empty, none of
 * `" : < > | * ? \r \n \ /`, unique within the run.
 *
 * @param names The names that will be uploaded.
 * @returns One line per problem; empty when every name is fine.
 */
export function checkArtifactNames(names: string[]): string[] {
  const problems: string[] = []
  const seen = new Map<string, number>()
  for (const name of names) {
    if (name.trim() === '') {
      problems.push(
        `${PublishInputs.artifactName}: an artifact name is empty; give a template that always yields text, such as "{name}-{target}".`
      )
      continue
    }
    if (isDotName(name)) {
      problems.push(
        `${PublishInputs.artifactName}: an artifact name is "${name}", which names a directory, not an artifact; give a template that yields a real name, such as "{name}-{target}".`
      )
      continue
    }
    const bad = forbiddenChars(name)
    if (bad.length > 0) {
      problems.push(
        `${PublishInputs.artifactName}: "${printable(name)}" contains ${bad.join(', ')}, which artifact names may not contain; change the template or the binary name.`
      )
    }
    seen.set(name, (seen.get(name) ?? 0) + 1)
  }
  for (const [name, count] of seen) {
    if (count > 1) {
      problems.push(
        `${PublishInputs.artifactName}: "${printable(name)}" would be used by ${count} artifacts, but names must be unique in a workflow run; add {target} (and {name} with several packages) to the template.`
      )
    }
  }
  return problems
}

/**
 * Which archive a target's binary gets.
 *
 * @param archive The `archive` input.
 * @param goos The target's GOOS.
 * @returns The concrete format.
 */
export function archiveFormatFor(
  archive: ArchiveFormat,
  goos: string
): 'none' | 'tar.gz' | 'zip' {
  if (archive === 'auto') return goos === 'windows' ? 'zip' : 'tar.gz'
  return archive
}

/**
 * The name of the single combined artifact. `{name}` is the binary name, or
 * every distinct binary name joined by `-` (sorted) when there are several.
 */
export function combinedArtifactName(
  opts: PublishOptions,
  binaryNames: string[]
): string {
  const name = [...new Set(binaryNames)].sort().join('-')
  return artifactName(opts.artifactName, {
    name,
    goos: '',
    goarch: '',
    variant: '',
    target: ''
  })
}

function readBoolean(
  name: string,
  read: (name: string) => string,
  problems: string[]
): boolean {
  const raw = read(name)
  if (raw === '') return false
  if (['true', 'True', 'TRUE'].includes(raw)) return true
  if (['false', 'False', 'FALSE'].includes(raw)) return false
  problems.push(`${name}: "${raw}" is not a boolean; use true or false.`)
  return false
}

/** A base-10 integer made only of digits ('3abc', '1.5', ' 3' and '' are not). */
function strictInteger(raw: string): number | undefined {
  if (!/^[0-9]{1,6}$/.test(raw)) return undefined
  return Number(raw)
}

/** `.` and `..`: names of directories, never of a file or an artifact. */
function isDotName(name: string): boolean {
  return name === '.' || name === '..'
}

function forbiddenChars(text: string): string[] {
  const found: string[] = []
  for (const [ch, label] of FORBIDDEN_NAME_CHARS) {
    if (text.includes(ch)) found.push(label)
  }
  return found
}

function quoteList(values: readonly string[]): string {
  const q = values.map((v) => `"${v}"`)
  return `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`
}

function printable(name: string): string {
  return name.replace(/\r/g, '\\r').replace(/\n/g, '\\n')
}

/**
 * Why nothing will be uploaded, or undefined when uploads will be tried:
 * upload: none, nothing to upload, or not a GitHub Actions runner (no
 * ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL). Pure, so the caller can
 * decide before loading the artifact client at all.
 */
export function uploadSkipReason(
  opts: PublishOptions,
  packaged: { packages: readonly unknown[]; outputDir: string },
  env: NodeJS.ProcessEnv
): string | undefined {
  if (opts.upload === 'none') return 'upload is "none"'
  if (packaged.packages.length === 0) return 'there is nothing to upload'
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter(
    (v) => !env[v]
  )
  if (missing.length > 0)
    return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, so this is not a GitHub Actions runner; the files are kept in ${packaged.outputDir}`
  return undefined
}
