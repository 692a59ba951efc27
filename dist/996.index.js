export const id = 996;
export const ids = [996,496];
export const modules = {

/***/ 12996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   uploadManifest: () => (/* binding */ uploadManifest)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59148);
/* harmony import */ var _merge_manifest_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(25923);
/* harmony import */ var _upload_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4496);
/**
 * Uploads a leg's manifest (src/merge/manifest.ts) as the artifact
 * `go-cross-build-manifest-<leg>`, through the same upload path as the
 * binaries. It replaces a manifest of the same leg left by an earlier
 * attempt of the run: its content is wholly this job's.
 */






/** Writes the manifest to a fresh directory under RUNNER_TEMP and uploads it. */
async function uploadManifest(manifest, opts, log) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'go-cross-build-manifest-'));
    try {
        const file = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, _merge_manifest_js__WEBPACK_IMPORTED_MODULE_5__/* .MANIFEST_FILE */ .h1);
        await (0,_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writeFileAtomic */ .Zf)(file, JSON.stringify(manifest, null, 2) + '\n');
        const name = (0,_merge_manifest_js__WEBPACK_IMPORTED_MODULE_5__/* .manifestArtifactName */ .pe)(manifest.leg);
        const uploaded = await (0,_upload_js__WEBPACK_IMPORTED_MODULE_4__.uploadPackages)({
            outputDir: dir,
            checksumsPath: undefined,
            files: [],
            problems: [],
            sboms: {},
            packages: [{ name, files: [file], rootDirectory: dir, raw: false, builds: [], binaries: [] }]
        }, { ...opts, overwrite: true }, { log });
        if (!uploaded.problems.length)
            log.info(`leg ${log.value(manifest.leg)}: manifest of ${manifest.entries.length} binaries uploaded as ${log.value(name)}`);
        return { problems: uploaded.problems };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 4496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   uploadPackages: () => (/* binding */ uploadPackages)
/* harmony export */ });
/* unused harmony exports environmentProblem, resultsScope, artifactUrl, isRetryable */
/* harmony import */ var _actions_artifact__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76850);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25625);
/* harmony import */ var _problem_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64008);
/* harmony import */ var _package_limit_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(81395);
/* harmony import */ var _package_options_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71906);
/**
 * The upload stage: creates one workflow artifact per package with
 * `@actions/artifact`, a few at a time, retrying what the client does not
 * retry, and checking that raw uploads carried exactly the verified bytes.
 * Files on disk are never removed or changed here.
 */





/**
 * Uploads every package as a workflow artifact.
 *
 * Nothing is tried (and `skipped` says why) with upload: none, with nothing to
 * upload, or outside a runner (no ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL).
 * A token without the `Actions.Results:<run>:<job>` scope, or a GitHub
 * Enterprise Server, gives one failure and no upload.
 *
 * @param packaged The package stage's result.
 * @param opts Validated publish options.
 * @param deps Optional client and retry knobs (tests).
 * @returns The uploads with the build ids each holds, and one problem per
 *   artifact that failed, naming its builds.
 */
async function uploadPackages(packaged, opts, deps = {}) {
    const env = deps.env ?? process.env;
    const skipped = (0,_package_options_js__WEBPACK_IMPORTED_MODULE_3__/* .uploadSkipReason */ .VX)(opts, packaged, env);
    if (skipped !== undefined)
        return { uploads: [], problems: [], skipped };
    const blocker = environmentProblem(env);
    if (blocker !== undefined) {
        const problem = {
            subject: 'upload',
            what: blocker,
            fix: `Files are kept in ${packaged.outputDir}.`,
            stage: 'upload',
            builds: packaged.packages.flatMap((p) => p.builds)
        };
        return { uploads: [], problems: [problem] };
    }
    const client = deps.client ?? new _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .DefaultArtifactClient */ .t9();
    const settings = {
        concurrency: deps.concurrency ?? 4,
        attempts: deps.attempts ?? 3,
        retryDelayMs: deps.retryDelayMs ?? 2000,
        log: deps.log ?? (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .actionLog */ .Zx)()
    };
    const outcomes = await (0,_package_limit_js__WEBPACK_IMPORTED_MODULE_4__/* .mapLimit */ .s)(packaged.packages, settings.concurrency, (p) => uploadOne(client, p, opts, settings, env));
    const result = { uploads: [], problems: [] };
    for (const [i, outcome] of outcomes.entries()) {
        const p = packaged.packages[i];
        if ('error' in outcome)
            result.problems.push({
                subject: `artifact ${p.name} (${p.binaries.join(', ')})`,
                what: outcome.error,
                fix: `The file${p.files.length > 1 ? 's are' : ' is'} kept in ${packaged.outputDir}.`,
                stage: 'upload',
                builds: p.builds
            });
        else
            result.uploads.push({ artifact: outcome, builds: p.builds });
    }
    return result;
}
/**
 * Why no upload can work in this environment, or undefined.
 * (Checks what the client would otherwise fail on once per artifact.)
 */
function environmentProblem(env) {
    const server = env['GITHUB_SERVER_URL'] || 'https://github.com';
    let host = '';
    try {
        host = new URL(server).hostname.toLowerCase();
    }
    catch {
        return `GITHUB_SERVER_URL "${server}" is not a URL.`;
    }
    if (host !== 'github.com' &&
        !host.endsWith('.ghe.com') &&
        !host.endsWith('.localhost')) {
        return `the artifact service used by @actions/artifact v2+ is not available on GitHub Enterprise Server (${server}); set upload: none and upload with actions/upload-artifact@v3 instead.`;
    }
    const scope = resultsScope(env['ACTIONS_RUNTIME_TOKEN'] ?? '');
    if (scope === undefined) {
        return 'ACTIONS_RUNTIME_TOKEN has no "Actions.Results:<run>:<job>" scope, so artifacts cannot be created; run the action as a step of a job (not in a container action or with a token of your own).';
    }
    return undefined;
}
/**
 * The `Actions.Results:<run>:<job>` scope of a runtime token, if it has one
 * (the signature is not checked; the service does that).
 */
function resultsScope(token) {
    const payload = token.split('.')[1];
    if (!payload)
        return undefined;
    let claims;
    try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }
    catch {
        return undefined;
    }
    const scp = claims?.scp;
    if (typeof scp !== 'string')
        return undefined;
    for (const scope of scp.split(' ')) {
        const parts = scope.split(':');
        if (parts[0] === 'Actions.Results' && parts.length === 3) {
            return { runId: parts[1], jobId: parts[2] };
        }
    }
}
async function uploadOne(client, p, opts, settings, env) {
    if (opts.overwrite) {
        try {
            await client.deleteArtifact(p.name);
            settings.log.info(`Deleted the existing artifact ${settings.log.value(p.name)} (overwrite: true).`);
        }
        catch (error) {
            if (!(error instanceof _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .ArtifactNotFoundError */ .CL)) {
                return {
                    error: `could not delete the existing artifact for overwrite: ${(0,_problem_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`
                };
            }
        }
    }
    for (let attempt = 1;; attempt++) {
        try {
            const res = await client.uploadArtifact(p.name, p.files, p.rootDirectory, {
                retentionDays: opts.retentionDays,
                compressionLevel: opts.compressionLevel,
                skipArchive: p.raw
            });
            if (p.raw && p.sha256 !== undefined && res.digest !== p.sha256) {
                return {
                    error: `the service received bytes with sha256 ${res.digest ?? '(none)'}, but the verified file has ${p.sha256}; the file changed during the upload. Delete the artifact and re-run the step.`
                };
            }
            settings.log.info(`Uploaded artifact ${settings.log.value(p.name)} (id ${res.id ?? '?'}, ${res.size ?? '?'} bytes).`);
            return {
                name: p.name,
                id: res.id,
                url: artifactUrl(env, res.id),
                digest: res.digest,
                size: res.size,
                binaries: p.binaries
            };
        }
        catch (error) {
            const text = (0,_problem_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error);
            const hint = hintFor(text);
            if (!isRetryable(error) || attempt >= settings.attempts) {
                const tries = attempt > 1 ? ` (after ${attempt} tries)` : '';
                return { error: `upload failed${tries}: ${sentence(text)}${hint}` };
            }
            const wait = settings.retryDelayMs * 2 ** (attempt - 1);
            settings.log.warning(`Upload of artifact ${p.name} failed (try ${attempt} of ${settings.attempts}): ${oneLine(text)}; trying again in ${wait} ms.`);
            await new Promise((r) => setTimeout(r, wait));
        }
    }
}
/**
 * The artifact's page, when the runner's variables say where it is:
 * `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}/artifacts/${id}`.
 */
function artifactUrl(env, id) {
    const server = env['GITHUB_SERVER_URL'];
    const repo = env['GITHUB_REPOSITORY'];
    const run = env['GITHUB_RUN_ID'];
    if (!server || !repo || !run || id === undefined)
        return undefined;
    return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}/artifacts/${id}`;
}
/**
 * Whether a client error is worth another try: not when the client already
 * retried, when the service said no for good (4xx), or for usage errors.
 * The client's own error classes are checked by class; its service calls
 * rethrow every failure (status, quota, network) as a plain
 * `Error('Failed to <method>: ...')`, so for those only the message tells.
 */
function isRetryable(error) {
    if (error instanceof _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .FilesNotFoundError */ .B9 ||
        error instanceof _actions_artifact__WEBPACK_IMPORTED_MODULE_0__/* .GHESNotSupportedError */ .jK)
        return false;
    const permanent = [
        /Received non-retryable error/,
        /Failed to make request after \d+ attempts/,
        /storage quota has been hit/,
        /Failed to get backend IDs/,
        /artifact name is not valid/i,
        /ENOTFOUND/
    ];
    const text = (0,_problem_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error);
    return !permanent.some((re) => re.test(text));
}
/**
 * What to do about an upload failure. A 409 or 401/403 reaches us only as
 * text (`Failed request: (409) Conflict`) inside the client's plain Error.
 */
function hintFor(text) {
    if (/\(409\)/.test(text) || /already exists/i.test(text)) {
        return ' An artifact of this name already exists in this workflow run: set overwrite: true to replace it, or give each job its own artifact-name (in a matrix, include a matrix value).';
    }
    if (/\((401|403)\)/.test(text)) {
        return ' The artifact service refused the runtime token; the step must run in the job that owns it.';
    }
    if (/Unable to make request/.test(text)) {
        return ' The artifact service could not be reached; on a self-hosted runner, check access to the GitHub endpoints.';
    }
    return '';
}
/** The first line, ending with a full stop. */
function sentence(text) {
    const line = oneLine(text);
    return /[.!?]$/.test(line) ? line : `${line}.`;
}
function oneLine(text) {
    return text.split('\n')[0].trim();
}


/***/ })

};

//# sourceMappingURL=996.index.js.map