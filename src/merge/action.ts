/**
 * The merge sub-action (`OWNER/go-cross-build/merge@v1`): the release job
 * after the legs. Reads its inputs, expands `targets` with the build's own
 * parser, merges through @actions/artifact, sets the outputs and writes one
 * job summary for the whole release.
 */
import * as core from '@actions/core'
import * as path from 'node:path'
import { tmpdir } from 'node:os'
import { actionLog } from '../log.js'
import { baseEnvironment } from '../plan/environment.js'
import { parseTargets } from '../plan/targets.js'
import { probeToolchain } from '../plan/toolchain.js'
import { escapeHtml } from '../report/report.js'
import { mergeRelease, type ArtifactStore, type MergeResult } from './merge.js'

/** The artifact client of this workflow run, as the merge needs it. */
export async function runArtifacts(): Promise<ArtifactStore> {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const client = new DefaultArtifactClient()
  return {
    list: async () => (await client.listArtifacts({ latest: true })).artifacts,
    download: async (artifact, dir, raw) => {
      const r = await client.downloadArtifact(artifact.id, {
        path: dir,
        expectedHash: artifact.digest,
        skipDecompress: raw
      })
      return { digestMismatch: r.digestMismatch ?? false }
    }
  }
}

/**
 * Uploads the release directory (every release file and SHA256SUMS) as one
 * artifact, e.g. for a later job or a manual check. Only a release without
 * problems is uploaded.
 *
 * @returns the artifact's id and digest
 */
export async function uploadRelease(
  result: MergeResult,
  name: string
): Promise<{ id?: number; digest?: string }> {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const files = [...result.files, 'SHA256SUMS'].map((f) => path.join(result.releaseDir, f))
  return new DefaultArtifactClient().uploadArtifact(name, files, result.releaseDir)
}

/** The job summary of a merge (every foreign value escaped). */
export function mergeSummary(result: MergeResult): string {
  const e = (s: string | undefined): string => escapeHtml(s ?? '')
  const rows = result.binaries.map(
    (b) =>
      `| ${e(b.target)} | ${e(b.package)} | ${e(b.leg)} | ${e(b.runner)} | ${e(b.release)} | ${b.verified ? 'yes' : 'no'} | ${e(b.problem)} |`
  )
  return [
    `## Release: ${result.files.length} file(s) verified after download${result.problems.length ? `, ${result.problems.length} problem(s)` : ''}`,
    '',
    '| target | package | leg | runner | release file | verified again | problem |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ''
  ].join('\n')
}

/** The sub-action's entry point: never throws, every problem fails the step. */
export async function run(read: (name: string) => string = (n) => core.getInput(n)): Promise<void> {
  const log = actionLog()
  try {
    const sidecarsText = read('sidecars').trim().toLowerCase() || 'false'
    if (sidecarsText !== 'true' && sidecarsText !== 'false')
      throw new Error(`sidecars: "${sidecarsText}" is not true or false`)
    const releaseDir = path.resolve(read('release-dir').trim() || 'release')
    const env = baseEnvironment(process.env, {}).env
    const toolchain = await probeToolchain(read('go').trim() || 'go', process.cwd(), env)
    const parsed = parseTargets(read('targets'), toolchain.platforms, toolchain.version)
    if (parsed.errors.length) throw new Error(parsed.errors.join('\n'))
    const started = performance.now()
    const result = await mergeRelease(parsed.targets, await runArtifacts(), {
      releaseDir,
      scratch: process.env.RUNNER_TEMP || tmpdir(),
      sidecars: sidecarsText === 'true'
    })
    for (const leg of result.legs)
      log.info(`${log.value(leg.leg)} on ${log.value(leg.runner)} (${log.value(leg.goVersion)}): ${leg.binaries} binaries`)
    for (const b of result.binaries)
      log.info(`${b.verified ? '✓' : '✗'} ${b.target} ${log.value(b.release ?? '')} ${b.problem ? log.value(b.problem) : ''}`.trimEnd())
    log.info(`merge: ${result.files.length} release file(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    core.setOutput('release-dir', result.releaseDir)
    core.setOutput('checksums', result.checksumsPath ?? '')
    core.setOutput('files', JSON.stringify(result.files))
    core.setOutput('binaries', JSON.stringify(result.binaries.map(({ verification, ...b }) => ({ ...b, format: verification?.format ?? null }))))
    const artifactName = read('artifact-name').trim()
    if (artifactName && !result.problems.length && result.files.length) {
      const uploaded = await uploadRelease(result, artifactName)
      log.info(`release uploaded as the artifact ${log.value(artifactName)} (id ${uploaded.id ?? '?'})`)
      core.setOutput('artifact-id', String(uploaded.id ?? ''))
    }
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(mergeSummary(result)).write()
    if (result.problems.length)
      core.setFailed(`${result.problems.length} problem(s):\n${result.problems.join('\n')}`)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
