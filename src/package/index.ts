/**
 * The package and upload stages, for `pipeline.ts`:
 *
 *   parsePublishInputs ─> (plan names every file and artifact) ─> (build,
 *     inspect) ─> publishable ─> packageBinaries ─> uploadPackages
 */

export {
  PublishInputs,
  parsePublishInputs,
  artifactName,
  nameVars,
  checkArtifactNames,
  combinedArtifactName,
  archiveFormatFor,
  uploadSkipReason,
  DEFAULT_PER_TARGET_NAME,
  DEFAULT_COMBINED_NAME,
  type PublishOptions,
  type UploadMode,
  type ArchiveFormat,
  type NameVars
} from './options.js'
export {
  packageBinaries,
  type Package,
  type Packaged,
  type PackagedFile
} from './package.js'
export { publishable } from './publishable.js'
export { CHECKSUMS_FILE, formatChecksums, sha256File } from './checksums.js'
export { uploadPackages, type UploadDeps } from '../upload/upload.js'
