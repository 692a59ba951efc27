/**
 * The package and upload stages, for `main.ts`:
 *
 *   parsePublishInputs ─> checkPlannedNames ─> (build, inspect)
 *     ─> packageBinaries ─> uploadPackages
 */

export {
  PublishInputs,
  parsePublishInputs,
  artifactName,
  nameVars,
  checkArtifactNames,
  checkPlannedNames,
  plannedArtifactNames,
  combinedArtifactName,
  archiveFormatFor,
  DEFAULT_PER_TARGET_NAME,
  DEFAULT_COMBINED_NAME,
  type PublishOptions,
  type UploadMode,
  type ArchiveFormat,
  type NameVars,
  type PlannedBinary
} from './options.js'
export {
  packageBinaries,
  type Package,
  type Packaged,
  type PackagedFile
} from './package.js'
export { CHECKSUMS_FILE, formatChecksums, sha256File } from './checksums.js'
export {
  uploadPackages,
  type UploadDeps,
  type UploadResult,
  type UploadFailure
} from '../upload/upload.js'
