export const id = 518;
export const ids = [518];
export const modules = {

/***/ 8518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DATA_MODE: () => (/* binding */ DATA_MODE),
/* harmony export */   EXECUTABLE_MODE: () => (/* binding */ EXECUTABLE_MODE),
/* harmony export */   writeTarGz: () => (/* binding */ writeTarGz),
/* harmony export */   writeZip: () => (/* binding */ writeZip)
/* harmony export */ });
/* harmony import */ var archiver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(99392);
/* harmony import */ var archiver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(archiver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var tar__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98697);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59148);
/**
 * Archives of one binary each (and its SBOM beside it): tar.gz (npm `tar`)
 * and zip (`archiver`). Both record the binary as a regular file with mode
 * 0755, whatever the file system of the runner says (Windows has no
 * executable bit), so the binary can run after extraction, and other files
 * with 0644. The artifact service's own zip loses modes; these keep them.
 */




const ns = archiver__WEBPACK_IMPORTED_MODULE_0__;
const createArchiver = ns.default ?? archiver__WEBPACK_IMPORTED_MODULE_0__;
/** The mode every binary gets inside an archive. */
const EXECUTABLE_MODE = 0o755;
/** The mode of the other files in an archive (the SBOM). */
const DATA_MODE = 0o644;
/**
 * Writes a gzip-compressed tar holding the files, in the order given, the
 * binary with mode 0755.
 *
 * @param entries The files, all in one directory (output-dir).
 * @param dest The archive to write (replaced when it exists, through a temp
 *   file and a rename: a symlink there is replaced, never followed).
 */
async function writeTarGz(entries, dest) {
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(entries[0].source);
    if (entries.some((e) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(e.source) !== dir))
        throw new Error(`the files of ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(dest)} are not in one directory`);
    const byFile = new Map(entries.map((e) => [(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(e.source), e]));
    const pack = tar__WEBPACK_IMPORTED_MODULE_2__.c({
        cwd: dir,
        gzip: { level: 9 },
        portable: true,
        mtime: entries[0].mtime,
        onWriteEntry: (w) => {
            const entry = byFile.get(w.path);
            if (!entry)
                return;
            w.path = entry.name;
            if (w.stat)
                w.stat.mode =
                    (w.stat.mode & ~0o7777) | (entry.mode ?? EXECUTABLE_MODE);
        }
    }, [...byFile.keys()]);
    await (0,_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writeStreamAtomic */ .Zs)(dest, pack);
}
/**
 * Writes a zip holding the files, in the order given, recorded as unix
 * files, the binary with mode 0755.
 *
 * @param entries The files.
 * @param dest The archive to write (replaced when it exists, through a temp
 *   file and a rename: a symlink there is replaced, never followed).
 */
async function writeZip(entries, dest) {
    const zip = createArchiver('zip', { zlib: { level: 9 } });
    // a warning (a missing file) fails the archive, like an error
    zip.on('warning', (warning) => zip.destroy(warning));
    for (const entry of entries)
        zip.file(entry.source, {
            name: entry.name,
            mode: entry.mode ?? EXECUTABLE_MODE,
            date: entry.mtime
        });
    const written = (0,_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writeStreamAtomic */ .Zs)(dest, zip);
    void zip.finalize().catch(() => { });
    await written;
}


/***/ })

};

//# sourceMappingURL=518.index.js.map