export const id = 239;
export const ids = [239];
export const modules = {

/***/ 81239:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SbomProperty: () => (/* binding */ SbomProperty),
/* harmony export */   cycloneDxSbom: () => (/* binding */ cycloneDxSbom),
/* harmony export */   goModulePurl: () => (/* binding */ goModulePurl),
/* harmony export */   h1Sha256: () => (/* binding */ h1Sha256),
/* harmony export */   isDirectoryPath: () => (/* binding */ isDirectoryPath),
/* harmony export */   sbomFileName: () => (/* reexport safe */ _plan_names_js__WEBPACK_IMPORTED_MODULE_7__.RM),
/* harmony export */   sbomModel: () => (/* binding */ sbomModel),
/* harmony export */   sbomSerialNumber: () => (/* binding */ sbomSerialNumber),
/* harmony export */   sbomTimestamp: () => (/* binding */ sbomTimestamp),
/* harmony export */   uuidV5: () => (/* binding */ uuidV5)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6820);
/* harmony import */ var _cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50320);
/* harmony import */ var _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(_cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _cyclonedx_cyclonedx_library_Serialize__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51248);
/* harmony import */ var _cyclonedx_cyclonedx_library_Serialize__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(_cyclonedx_cyclonedx_library_Serialize__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _cyclonedx_cyclonedx_library_Spec__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(94321);
/* harmony import */ var _cyclonedx_cyclonedx_library_Spec__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(_cyclonedx_cyclonedx_library_Spec__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(87091);
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(packageurl_js__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _inspect_binary_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(26208);
/* harmony import */ var _plan_names_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(42471);
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

// The subpaths, not the package root: the root also loads the validators,
// whose optional ajv (a devDependency, for the tests) would be bundled.






/**
 * Property names. `cdx:` is CycloneDX's own namespace (its `cdx:gomod:`
 * taxonomy belongs to cyclonedx-gomod and names only GOOS, GOARCH,
 * CGO_ENABLED, GOVERSION and tags), so ours are `go:`, and build settings
 * keep the key Go gives them: `go:build:-ldflags`, `go:build:vcs.revision`.
 */
const SbomProperty = {
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
};

/**
 * The timestamp to write: SOURCE_DATE_EPOCH when it is set (the convention
 * for reproducible builds), otherwise none, so that the same binary gives the
 * same SBOM byte for byte. vcs.time is not used: it is when the commit was
 * made, not when the SBOM was, and it is already a property.
 */
function sbomTimestamp(sourceDateEpoch) {
    if (sourceDateEpoch === undefined || sourceDateEpoch === '')
        return undefined;
    const seconds = /^[0-9]{1,12}$/.test(sourceDateEpoch)
        ? Number(sourceDateEpoch)
        : NaN;
    if (!Number.isSafeInteger(seconds)) {
        throw new Error(`SOURCE_DATE_EPOCH: "${sourceDateEpoch}" is not a whole number of seconds since 1970-01-01 UTC. Set it to one (for example $(git log -1 --format=%ct)) or unset it to write SBOMs without a timestamp.`);
    }
    return new Date(seconds * 1000);
}
/** A name-based (version 5, SHA-1) UUID, as RFC 9562 section 5.5 defines it. */
function uuidV5(namespace, name) {
    const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (ns.length !== 16)
        throw new Error(`uuidV5: bad namespace ${namespace}`);
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha1').update(ns).update(name, 'utf8').digest();
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
/** The namespace of our serial numbers: a random UUID, chosen once, never changed. */
const SERIAL_NAMESPACE = '3f89d174-10af-477a-b0e4-21de45b3fd76';
/** `urn:uuid:` of a UUID derived from the binary's SHA-256. */
function sbomSerialNumber(sha256) {
    return `urn:uuid:${uuidV5(SERIAL_NAMESPACE, `sha256:${sha256.toLowerCase()}`)}`;
}
/**
 * The SHA-256 inside a go.sum hash, as hex, or undefined when it is not one.
 * An `h1:` hash is golang.org/x/mod's dirhash.Hash1: the base64 of the
 * SHA-256 of a listing of the module's files, one `<sha256 hex>  <path>\n`
 * line per file, sorted. So it is a SHA-256 of the module's content, not of
 * its zip file: tools check it against go.sum, not against a download.
 */
function h1Sha256(sum) {
    if (!sum.startsWith('h1:'))
        return undefined;
    const b64 = sum.slice(3);
    if (!/^[A-Za-z0-9+/]{43}=$/.test(b64))
        return undefined;
    return Buffer.from(b64, 'base64').toString('hex');
}
/** Whether a replacement path is a directory (`./x`, `../x`, `/x`, `C:\x`) rather than a module. */
function isDirectoryPath(path) {
    return (path.startsWith('./') ||
        path.startsWith('../') ||
        path.startsWith('/') ||
        path === '.' ||
        path === '..' ||
        /^[A-Za-z]:[\\/]/.test(path) ||
        path.startsWith('.\\') ||
        path.startsWith('..\\'));
}
/**
 * The package URL of a Go module, `pkg:golang/<module path>@<version>`,
 * with `type=module` as cyclonedx-gomod writes it (a golang purl can name a
 * package too). The path keeps its case: Go module paths are case-sensitive
 * (github.com/BurntSushi/toml), whatever the old text of the purl spec says.
 * `(devel)` is no version anyone can fetch, so it is left out.
 */
function goModulePurl(path, version, qualifiers = {}) {
    const slash = path.lastIndexOf('/');
    const namespace = slash < 0 ? undefined : path.slice(0, slash);
    const name = path.slice(slash + 1);
    const v = version === '' || version === '(devel)' ? undefined : version;
    return new packageurl_js__WEBPACK_IMPORTED_MODULE_5__.PackageURL('golang', namespace, name, v, {
        ...qualifiers,
        type: 'module'
    }).toString();
}
/** A dependency as the binary links it: the replacement if there is one. */
function dependencyComponent(m) {
    const rep = m.replace;
    const dir = rep !== undefined && isDirectoryPath(rep.path);
    // A directory is no module: it keeps the module path it stands in for.
    const path = rep && !dir ? rep.path : m.path;
    const version = rep ? rep.version : m.version;
    const sum = rep ? rep.sum : m.sum;
    const purl = dir ? undefined : goModulePurl(path, version);
    const c = new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__.ComponentType.Library, path, {
        bomRef: purl ?? `${m.path}@${m.version}=>${rep?.path ?? ''}`,
        version: version || undefined,
        purl
    });
    const hex = h1Sha256(sum);
    if (hex)
        c.hashes.set(_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__.HashAlgorithm['SHA-256'], hex);
    if (sum)
        c.properties.add(new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Property(SbomProperty.sum, sum));
    if (rep) {
        c.properties.add(new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Property(SbomProperty.replaces, `${m.path}@${m.version}`));
    }
    if (dir && rep) {
        c.properties.add(new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Property(SbomProperty.directory, rep.path));
    }
    return c;
}
/** The main module (metadata.component) with the binary nested in it. */
function mainComponent(input) {
    const { buildInfo: bi, target } = input;
    // Outside a module (`go build file.go`) there is no mod line: name the
    // package, which Go calls command-line-arguments.
    const path = bi.mod?.path || bi.path;
    const version = bi.mod?.version ?? '';
    const goos = (0,_inspect_binary_index_js__WEBPACK_IMPORTED_MODULE_6__.setting)(bi, 'GOOS') ?? target.goos;
    const goarch = (0,_inspect_binary_index_js__WEBPACK_IMPORTED_MODULE_6__.setting)(bi, 'GOARCH') ?? target.goarch;
    const purl = bi.mod?.path
        ? goModulePurl(path, version, { goos, goarch })
        : undefined;
    const main = new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__.ComponentType.Application, path, {
        bomRef: purl ?? `main:${path}`,
        version: version || undefined,
        purl
    });
    const props = [
        [SbomProperty.goVersion, bi.goVersion],
        [SbomProperty.mainPackage, bi.path],
        [SbomProperty.target, target.name],
        // Every setting, -ldflags included: they are in the binary already, and
        // `go version -m` prints them to anyone who has it.
        ...bi.settings.map(([k, v]) => [
            `${SbomProperty.buildSetting}${k}`,
            v
        ])
    ];
    for (const [k, v] of props)
        main.properties.add(new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Property(k, v));
    const file = new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__.ComponentType.File, input.fileName, {
        bomRef: `file:${input.fileName}`
    });
    file.hashes.set(_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__.HashAlgorithm['SHA-256'], input.sha256.toLowerCase());
    main.components.add(file);
    return main;
}
/** The model of one binary's SBOM, before serialization. */
function sbomModel(input) {
    const main = mainComponent(input);
    const bom = new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Bom({
        serialNumber: sbomSerialNumber(input.sha256),
        metadata: new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Metadata({
            component: main,
            timestamp: input.timestamp
        })
    });
    if (input.tool) {
        bom.metadata.tools.components.add(new _cyclonedx_cyclonedx_library_Models__WEBPACK_IMPORTED_MODULE_2__.Component(_cyclonedx_cyclonedx_library_Enums__WEBPACK_IMPORTED_MODULE_1__.ComponentType.Application, input.tool.name, {
            version: input.tool.version
        }));
    }
    for (const m of input.buildInfo.modules) {
        const c = dependencyComponent(m);
        bom.components.add(c);
        main.dependencies.add(c.bomRef);
    }
    return bom;
}
/**
 * One binary's SBOM: CycloneDX 1.6 JSON, lists sorted, two-space indent, a
 * final newline. The library's normalizer writes a graph entry for every
 * component, and an entry without `dependsOn` says "depends on nothing";
 * only the main module's entry is known, so only that one is kept.
 */
function cycloneDxSbom(input) {
    const normalizer = new _cyclonedx_cyclonedx_library_Serialize__WEBPACK_IMPORTED_MODULE_3__.JSON.Normalize.Factory(_cyclonedx_cyclonedx_library_Spec__WEBPACK_IMPORTED_MODULE_4__.Spec1dot6).makeForBom();
    const json = normalizer.normalize(sbomModel(input), { sortLists: true });
    json.dependencies = json.dependencies?.filter((d) => d.dependsOn?.length);
    return `${JSON.stringify(json, null, 2)}\n`;
}


/***/ })

};

//# sourceMappingURL=239.index.js.map