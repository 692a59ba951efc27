export const id = 518;
export const ids = [518];
export const modules = {

/***/ 8518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeTarGz: () => (/* binding */ writeTarGz),
/* harmony export */   writeZip: () => (/* binding */ writeZip)
/* harmony export */ });
/* unused harmony export EXECUTABLE_MODE */
/* harmony import */ var archiver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(99392);
/* harmony import */ var archiver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(archiver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var tar__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98697);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(75310);
/**
 * Archives of one binary each: tar.gz (npm `tar`) and zip (`archiver`). Both
 * record the file as a regular file with mode 0755, whatever the file system
 * of the runner says (Windows has no executable bit), so the binary can run
 * after extraction. The artifact service's own zip loses modes; these keep them.
 */




const ns = archiver__WEBPACK_IMPORTED_MODULE_0__;
const createArchiver = ns.default ?? archiver__WEBPACK_IMPORTED_MODULE_0__;
/** The mode every binary gets inside an archive. */
const EXECUTABLE_MODE = 0o755;
/**
 * Writes a gzip-compressed tar holding one file with mode 0755.
 *
 * @param entry The file.
 * @param dest The archive to write (replaced when it exists, through a temp
 *   file and a rename: a symlink there is replaced, never followed).
 */
async function writeTarGz(entry, dest) {
    const pack = tar__WEBPACK_IMPORTED_MODULE_2__.c({
        cwd: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(entry.source),
        gzip: { level: 9 },
        portable: true,
        mtime: entry.mtime,
        onWriteEntry: (w) => {
            w.path = entry.name;
            if (w.stat)
                w.stat.mode = (w.stat.mode & ~0o7777) | EXECUTABLE_MODE;
        }
    }, [(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(entry.source)]);
    await (0,_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writeStreamAtomic */ .Zs)(dest, pack);
}
/**
 * Writes a zip holding one file, recorded as a unix file with mode 0755.
 *
 * @param entry The file.
 * @param dest The archive to write (replaced when it exists, through a temp
 *   file and a rename: a symlink there is replaced, never followed).
 */
async function writeZip(entry, dest) {
    const zip = createArchiver('zip', { zlib: { level: 9 } });
    // a warning (a missing file) fails the archive, like an error
    zip.on('warning', (warning) => zip.destroy(warning));
    zip.file(entry.source, {
        name: entry.name,
        mode: EXECUTABLE_MODE,
        date: entry.mtime
    });
    const written = (0,_files_js__WEBPACK_IMPORTED_MODULE_3__/* .writeStreamAtomic */ .Zs)(dest, zip);
    void zip.finalize().catch(() => { });
    await written;
}


/***/ })

};

//# sourceMappingURL=518.index.js.map