export const id = 103;
export const ids = [103];
export const modules = {

/***/ 59148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oh: () => (/* binding */ makeDirectory),
/* harmony export */   Q3: () => (/* binding */ writeFileAtomicSync),
/* harmony export */   Vh: () => (/* binding */ copyFileAtomic),
/* harmony export */   Zf: () => (/* binding */ writeFileAtomic),
/* harmony export */   Zs: () => (/* binding */ writeStreamAtomic)
/* harmony export */ });
/* unused harmony exports EXCLUSIVE_CREATE, tempPathFor, openAtomic */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(67063);
/**
 * Writing files so that a planted symlink cannot redirect the write and a
 * reader never sees half a file.
 *
 * Every file is created under a fresh, unguessable name in its own
 * directory (`.<name>.tmp-<32 hex>`) with an exclusive create
 * (O_CREAT|O_EXCL, plus O_NOFOLLOW where the platform has it), which fails
 * on any existing name, a symlink included, instead of following it. Once
 * complete it is renamed over its final name: rename(2) replaces whatever is
 * there, a symlink itself rather than the file it points to, in one step.
 * On any error the temp file is removed, so nothing partial stays behind,
 * under the final name or the temp one; a cancelled run removes it too.
 */






/**
 * open(2) flags of a temp file: write only, create it, fail when the name
 * exists (a symlink or a dangling symlink included), never follow a symlink.
 */
const EXCLUSIVE_CREATE = node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_WRONLY |
    node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_CREAT |
    node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_EXCL |
    (node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NOFOLLOW ?? 0);
/** Characters of the final name kept in a temp name (names stay < 255 bytes). */
const KEPT_NAME_CHARS = 64;
/**
 * A fresh temp path next to `path`, in the same directory so that the
 * rename stays on one file system: `.<name>.tmp-<32 hex>`.
 *
 * @param path The final path.
 * @returns A path no one can guess (128 random bits).
 */
function tempPathFor(path) {
    const name = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.basename)(path).slice(0, KEPT_NAME_CHARS);
    const random = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(16).toString('hex');
    return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path), `.${name}.tmp-${random}`);
}
/** The error of a failed write: what, where, why, and what to do. */
function writeError(path, error) {
    const reason = messageOf(error);
    return new Error(`could not write ${path}: ${reason}. Nothing was left under that name; check that ${(0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path)} is writable and has free space, then re-run.`, { cause: error });
}
/**
 * Writes `data` to `path` through a temp file and a rename: a symlink at
 * `path` is replaced, never followed, and `path` holds either its old
 * content or all of `data`.
 *
 * @param path The final path.
 * @param data What to write.
 * @param mode The new file's mode (before the umask).
 * @throws Error naming `path` and the cause (ENOSPC, EACCES, ...); no temp
 *   file remains.
 */
async function writeFileAtomic(path, data, mode = 0o666) {
    const temp = tempPathFor(path);
    const forget = (0,_process_js__WEBPACK_IMPORTED_MODULE_5__/* .onCancel */ .Ao)(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true }));
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(temp, EXCLUSIVE_CREATE, mode);
        await handle.writeFile(data);
        await handle.close();
        handle = undefined;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, path);
    }
    catch (error) {
        await handle?.close().catch(() => { });
        // an open that failed created nothing: leave whatever has the name alone
        if (handle !== undefined || !isCode(error, 'EEXIST'))
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true }).catch(() => { });
        throw writeError(path, error);
    }
    finally {
        forget();
    }
}
/**
 * {@link writeFileAtomic} for code that cannot wait (a `finally` that
 * restores the runner's state): the same temp file, exclusive create and
 * rename, synchronously.
 *
 * @param path The final path.
 * @param data What to write.
 * @throws Error naming `path` and the cause; no temp file remains.
 */
function writeFileAtomicSync(path, data) {
    const temp = tempPathFor(path);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(temp, EXCLUSIVE_CREATE, 0o666);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(fd, data);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
        fd = undefined;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)(temp, path);
    }
    catch (error) {
        let created = true;
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
        else
            created = !isCode(error, 'EEXIST');
        if (created)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(temp, { force: true });
        throw writeError(path, error);
    }
}
/**
 * Opens a fresh temp file next to `path` for streaming into it. Call
 * `commit()` when all is written or `abort()` on failure.
 *
 * @param path The final path.
 * @param mode The new file's mode (before the umask).
 * @returns The open file.
 * @throws Error naming `path` when the temp file cannot be created.
 */
async function openAtomic(path, mode = 0o666) {
    const temp = tempPathFor(path);
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(temp, EXCLUSIVE_CREATE, mode);
    }
    catch (error) {
        throw writeError(path, error);
    }
    const forget = (0,_process_js__WEBPACK_IMPORTED_MODULE_5__/* .onCancel */ .Ao)(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true }));
    const stream = handle.createWriteStream();
    const closed = new Promise((resolve, reject) => {
        stream.once('close', resolve);
        stream.once('error', reject);
    });
    closed.catch(() => { });
    let settled = false;
    const abort = async () => {
        if (settled)
            return;
        settled = true;
        stream.destroy();
        await closed.catch(() => { });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true }).catch(() => { });
        forget();
    };
    const commit = async () => {
        if (settled)
            throw new Error(`${path}: already committed or aborted`);
        try {
            if (!stream.writableEnded)
                stream.end();
            await closed;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, path);
            settled = true;
            forget();
        }
        catch (error) {
            await abort();
            throw writeError(path, error);
        }
    };
    return { path, tempPath: temp, stream, commit, abort };
}
/**
 * Streams `source` into `path` through a temp file and a rename (see
 * {@link openAtomic}). An error of the source or of the write removes the
 * temp file and leaves `path` as it was.
 *
 * @param path The final path.
 * @param source A readable stream or any async iterable of chunks.
 * @param mode The new file's mode (before the umask).
 * @throws Error naming `path` and the cause.
 */
async function writeStreamAtomic(path, source, mode = 0o666) {
    const file = await openAtomic(path, mode);
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(source, file.stream);
    }
    catch (error) {
        await file.abort();
        throw writeError(path, error);
    }
    await file.commit();
}
/**
 * Copies `source` to `dest` through a temp file and a rename; the copy
 * keeps the source's mode. A symlink at `dest` is replaced, never followed.
 *
 * @param source The file to copy.
 * @param dest The final path.
 * @throws Error naming `dest` and the cause; no temp file remains.
 */
async function copyFileAtomic(source, dest) {
    const temp = tempPathFor(dest);
    const forget = (0,_process_js__WEBPACK_IMPORTED_MODULE_5__/* .onCancel */ .Ao)(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true }));
    try {
        // COPYFILE_EXCL opens the destination with O_CREAT|O_EXCL
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.copyFile)(source, temp, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.COPYFILE_EXCL);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, dest);
    }
    catch (error) {
        if (!isCode(error, 'EEXIST'))
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true }).catch(() => { });
        throw writeError(dest, error);
    }
    finally {
        forget();
    }
}
/**
 * Creates a directory and its missing parents one at a time, refusing a
 * component that turns out to be a symlink (planted after the plan checked
 * the path, or by a race with the creation) or not a directory. The part of
 * the path that already existed is taken as it is: the plan has checked it
 * against the workspace (`output-dir` out of the workspace through a
 * symlink is refused there).
 *
 * @param dir The directory.
 * @param input The input it comes from, for messages (`output-dir`).
 * @throws Error naming the component and how to fix it.
 */
async function makeDirectory(dir, input = 'output-dir') {
    const target = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(dir);
    const missing = [];
    for (let current = target;;) {
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(current);
            break;
        }
        catch (error) {
            if (!isCode(error, 'ENOENT'))
                throw directoryError(input, current, error);
            missing.unshift(current);
            const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(current);
            if (parent === current)
                break;
            current = parent;
        }
    }
    for (const part of missing) {
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(part);
        }
        catch (error) {
            if (!isCode(error, 'EEXIST'))
                throw directoryError(input, part, error);
        }
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(part);
        if (st.isSymbolicLink())
            throw new Error(`${input}: ${part} became a symlink while the action created the directory; the action does not write through symlinks. Remove it and re-run, and check what else in the job writes there.`);
        if (!st.isDirectory())
            throw new Error(`${input}: ${part} is not a directory; remove it or choose another ${input}.`);
    }
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(target).catch(async (error) => {
        if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(target)).isSymbolicLink())
            throw new Error(`${input}: ${target} is a symlink to nowhere (${messageOf(error)}); the action does not create directories through symlinks. Remove it and re-run.`, { cause: error });
        throw directoryError(input, target, error);
    });
    if (!st.isDirectory())
        throw new Error(`${input}: ${target} is not a directory; remove it or choose another ${input}.`);
}
function directoryError(input, path, error) {
    const reason = messageOf(error);
    return new Error(`${input}: could not create the directory ${path}: ${reason}. Check that its parent is writable, or choose another ${input}.`, { cause: error });
}
/**
 * The message of an error from any realm (under jest's VM, fs errors are
 * not `instanceof Error`).
 */
function messageOf(error) {
    const message = error?.message;
    return typeof message === 'string' ? message : String(error);
}
function isCode(error, code) {
    return error?.code === code;
}


/***/ }),

/***/ 71565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oU: () => (/* binding */ readElf),
/* harmony export */   vM: () => (/* binding */ EM_PPC64)
/* harmony export */ });
/* unused harmony exports ELFCLASS32, ELFCLASS64, ELFDATA2LSB, ELFDATA2MSB, ET_EXEC, ET_DYN, PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_NOTE, PT_PHDR, PF_X, PF_W, SHT_SYMTAB, SHT_NOTE, SHT_NOBITS, DT_NULL, DT_NEEDED, DT_STRTAB, DT_STRSZ, DT_FLAGS_1, DF_1_PIE, EM_386, EM_MIPS, EM_S390, EM_ARM, EM_X86_64, EM_AARCH64, EM_RISCV, EM_LOONGARCH, ELFOSABI_NONE, ELFOSABI_NETBSD, ELFOSABI_FREEBSD, ELFOSABI_OPENBSD, elfArch, elfMachineName, elfFlagsText, addressToOffset */
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(32277);
/**
 * ELF reader: the file header, program and section header tables, notes,
 * the interpreter and the dynamic section's needed libraries. Constants are
 * named as the System V ABI names them.
 */

const ELFCLASS32 = 1;
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ELFDATA2MSB = 2;
const ET_EXEC = 2;
const ET_DYN = 3;
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const PT_NOTE = 4;
const PT_PHDR = 6;
const PF_X = 1;
const PF_W = 2;
const SHT_SYMTAB = 2;
const SHT_NOTE = 7;
const SHT_NOBITS = 8;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_FLAGS_1 = 0x6ffffffb;
const DF_1_PIE = 0x08000000;
const EM_386 = 3;
const EM_MIPS = 8;
const EM_PPC64 = 21;
const EM_S390 = 22;
const EM_ARM = 40;
const EM_X86_64 = 62;
const EM_AARCH64 = 183;
const EM_RISCV = 243;
const EM_LOONGARCH = 258;
/** OS/ABI values Go writes. */
const ELFOSABI_NONE = 0;
const ELFOSABI_NETBSD = 2;
const ELFOSABI_FREEBSD = 9;
const ELFOSABI_OPENBSD = 12;
const MAX_SEGMENTS = 256;
const MAX_SECTIONS = 4096;
const MAX_NOTES = 64;
const MAX_DYNAMIC = 4096;
const MAX_LIBRARIES = 256;
/** e_machine → [name as `file` prints it, GOARCH for each byte order]. */
const MACHINES = {
    [EM_386]: ['Intel 80386', { little: '386' }],
    [EM_X86_64]: ['x86-64', { little: 'amd64' }],
    [EM_ARM]: ['ARM', { little: 'arm' }],
    [EM_AARCH64]: ['ARM aarch64', { little: 'arm64' }],
    [EM_MIPS]: ['MIPS', { little: 'mipsle', big: 'mips' }],
    [EM_PPC64]: [
        '64-bit PowerPC or cisco 7500',
        { little: 'ppc64le', big: 'ppc64' }
    ],
    [EM_S390]: ['IBM S/390', { big: 's390x' }],
    [EM_RISCV]: ['UCB RISC-V', { little: 'riscv64' }],
    [EM_LOONGARCH]: ['LoongArch', { little: 'loong64' }]
};
/** The GOARCH an ELF machine/class/byte order stands for, or ''. */
function elfArch(machine, bits, order) {
    const entry = MACHINES[machine];
    if (!entry)
        return '';
    const arch = entry[1][order] ?? '';
    if (machine === EM_MIPS && bits === 64)
        return arch ? arch.replace('mips', 'mips64') : '';
    if (machine === EM_PPC64 && bits !== 64)
        return '';
    if (machine === EM_RISCV && bits !== 64)
        return '';
    if (machine === EM_386 && bits !== 32)
        return '';
    if (machine === EM_ARM && bits !== 32)
        return '';
    if ([EM_X86_64, EM_AARCH64, EM_S390, EM_LOONGARCH].includes(machine) &&
        bits !== 64)
        return '';
    return arch;
}
/** The machine name as `file` prints it. */
function elfMachineName(machine) {
    return MACHINES[machine]?.[0] ?? `machine ${machine}`;
}
/** The meaning of e_flags for the machines Go targets. */
function elfFlagsText(machine, flags) {
    const out = [];
    switch (machine) {
        case EM_ARM: {
            const eabi = flags >>> 24;
            if (eabi)
                out.push(`EABI${eabi}`);
            if (flags & 0x400)
                out.push('hard-float ABI');
            if (flags & 0x200)
                out.push('soft-float ABI');
            break;
        }
        case EM_MIPS: {
            const archs = {
                0: 'mips1',
                1: 'mips2',
                2: 'mips3',
                3: 'mips4',
                4: 'mips5',
                5: 'mips32',
                6: 'mips64',
                7: 'mips32r2',
                8: 'mips64r2',
                9: 'mips32r6',
                10: 'mips64r6'
            };
            out.push(archs[flags >>> 28] ?? `arch ${flags >>> 28}`);
            const abi = (flags >>> 12) & 0xf;
            if (abi === 1)
                out.push('o32');
            if (abi === 2)
                out.push('o64');
            if (flags & 0x20)
                out.push('nan2008');
            if (flags & 0x1)
                out.push('noreorder');
            if (flags & 0x2)
                out.push('pic');
            if (flags & 0x4)
                out.push('cpic');
            break;
        }
        case EM_PPC64:
            if (flags & 3)
                out.push(`ABI v${flags & 3}`);
            break;
        case EM_RISCV: {
            if (flags & 1)
                out.push('RVC');
            const fabi = [
                'soft-float ABI',
                'single-float ABI',
                'double-float ABI',
                'quad-float ABI'
            ];
            out.push(fabi[(flags >>> 1) & 3]);
            if (flags & 8)
                out.push('RVE');
            if (flags & 0x10)
                out.push('TSO');
            break;
        }
        case EM_LOONGARCH: {
            const abi = ['', 'LP64S', 'LP64F', 'LP64D'][flags & 7];
            if (abi)
                out.push(abi);
            out.push(`object v${(flags >>> 6) & 3}`);
            break;
        }
    }
    return out;
}
/** Reads an ELF file whose first 4 bytes are `\x7fELF`. */
async function readElf(r) {
    const ident = await r.read('ELF identification', 0, 16);
    const cls = ident.u8(4);
    const encoding = ident.u8(5);
    if (cls !== ELFCLASS32 && cls !== ELFCLASS64) {
        throw new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryFormatError */ .rY('ELF identification', 4, `EI_CLASS ${cls} is neither 1 (32-bit) nor 2 (64-bit)`);
    }
    if (encoding !== ELFDATA2LSB && encoding !== ELFDATA2MSB) {
        throw new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryFormatError */ .rY('ELF identification', 5, `EI_DATA ${encoding} is neither 1 (LSB) nor 2 (MSB)`);
    }
    const bits = cls === ELFCLASS64 ? 64 : 32;
    const order = encoding === ELFDATA2LSB ? 'little' : 'big';
    const is64 = bits === 64;
    const h = await r.read('ELF header', 0, is64 ? 64 : 52, order);
    const type = h.u16(16);
    const machine = h.u16(18);
    const entry = h.word(24, bits);
    const phoff = is64 ? h.u64(32) : h.u32(28);
    const shoff = is64 ? h.u64(40) : h.u32(32);
    const flags = h.u32(is64 ? 48 : 36);
    const phentsize = h.u16(is64 ? 54 : 42);
    let phnum = h.u16(is64 ? 56 : 44);
    const shentsize = h.u16(is64 ? 58 : 46);
    let shnum = h.u16(is64 ? 60 : 48);
    let shstrndx = h.u16(is64 ? 62 : 50);
    // Section headers (with extended numbering through section 0).
    const shsize = is64 ? 64 : 40;
    let sections = [];
    if (shoff !== 0) {
        if (shentsize < shsize) {
            throw new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryFormatError */ .rY('ELF header', is64 ? 58 : 46, `e_shentsize ${shentsize} is smaller than ${shsize}`);
        }
        const first = await r.read('ELF section header 0', shoff, shsize, order);
        if (shnum === 0)
            shnum = first.word(is64 ? 32 : 20, bits);
        if (shstrndx === 0xffff)
            shstrndx = first.u32(is64 ? 40 : 24);
        if (phnum === 0xffff)
            phnum = first.u32(is64 ? 44 : 28);
        (0,_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .checkCount */ .wE)('ELF section header table', shoff, shnum, MAX_SECTIONS);
        const table = await r.read('ELF section header table', shoff, shnum * shentsize, order);
        for (let i = 0; i < shnum; i++) {
            const at = i * shentsize;
            sections.push({
                name: '',
                nameOffset: table.u32(at),
                type: table.u32(at + 4),
                addr: table.word(at + (is64 ? 16 : 12), bits),
                offset: table.word(at + (is64 ? 24 : 16), bits),
                size: table.word(at + (is64 ? 32 : 20), bits),
                link: table.u32(at + (is64 ? 40 : 24))
            });
        }
        if (shnum > 0) {
            if (shstrndx >= shnum) {
                throw new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryFormatError */ .rY('ELF header', is64 ? 62 : 50, `e_shstrndx ${shstrndx} is not below e_shnum ${shnum}`);
            }
            const strtab = sections[shstrndx];
            const names = await r.read('ELF section name table', strtab.offset, strtab.size, order);
            sections = sections.map((s) => ({
                ...s,
                name: s.nameOffset < names.length ? names.cstring(s.nameOffset, 256) : ''
            }));
        }
    }
    // Program headers.
    const phsize = is64 ? 56 : 32;
    const segments = [];
    if (phnum > 0) {
        if (phentsize < phsize) {
            throw new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryFormatError */ .rY('ELF header', is64 ? 54 : 42, `e_phentsize ${phentsize} is smaller than ${phsize}`);
        }
        (0,_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .checkCount */ .wE)('ELF program header table', phoff, phnum, MAX_SEGMENTS);
        const table = await r.read('ELF program header table', phoff, phnum * phentsize, order);
        for (let i = 0; i < phnum; i++) {
            const at = i * phentsize;
            segments.push(is64
                ? {
                    type: table.u32(at),
                    flags: table.u32(at + 4),
                    offset: table.u64(at + 8),
                    vaddr: table.u64(at + 16),
                    filesz: table.u64(at + 32),
                    memsz: table.u64(at + 40)
                }
                : {
                    type: table.u32(at),
                    flags: table.u32(at + 24),
                    offset: table.u32(at + 4),
                    vaddr: table.u32(at + 8),
                    filesz: table.u32(at + 16),
                    memsz: table.u32(at + 20)
                });
        }
    }
    // Interpreter.
    let interpreter;
    const interp = segments.find((s) => s.type === PT_INTERP);
    if (interp) {
        const v = await r.read('ELF PT_INTERP segment', interp.offset, Math.min(interp.filesz, 4096), order);
        interpreter = v.cstring(0);
    }
    // Dynamic section: needed libraries and DT_FLAGS_1.
    const loads = segments
        .filter((s) => s.type === PT_LOAD)
        .map((s) => ({ addr: s.vaddr, offset: s.offset, size: s.filesz }));
    const libraries = [];
    let flags1;
    const dyn = segments.find((s) => s.type === PT_DYNAMIC);
    if (dyn) {
        const entsize = is64 ? 16 : 8;
        const count = Math.floor(dyn.filesz / entsize);
        (0,_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .checkCount */ .wE)('ELF dynamic section', dyn.offset, count, MAX_DYNAMIC);
        const v = await r.read('ELF dynamic section', dyn.offset, count * entsize, order);
        const needed = [];
        let strtab;
        let strsz = 0;
        for (let i = 0; i < count; i++) {
            const tag = v.word(i * entsize, bits);
            const val = v.word(i * entsize + entsize / 2, bits);
            if (tag === DT_NULL)
                break;
            if (tag === DT_NEEDED && needed.length < MAX_LIBRARIES)
                needed.push(val);
            if (tag === DT_STRTAB)
                strtab = val;
            if (tag === DT_STRSZ)
                strsz = val;
            if (tag === DT_FLAGS_1)
                flags1 = val;
        }
        if (needed.length > 0) {
            const off = strtab === undefined ? undefined : addressToOffset(loads, strtab);
            if (off === undefined) {
                throw new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryFormatError */ .rY('ELF dynamic section', dyn.offset, 'DT_STRTAB is missing or not in a loaded segment');
            }
            const str = await r.readUpTo('ELF dynamic string table', off, Math.min(strsz || 65536, 1 << 20), order);
            for (const n of needed) {
                if (n >= str.length) {
                    throw new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryFormatError */ .rY('ELF dynamic string table', off, `DT_NEEDED name offset ${n} is past its end`);
                }
                libraries.push(str.cstring(n, 1024));
            }
        }
    }
    // Notes: from SHT_NOTE sections, else from PT_NOTE segments.
    const notes = [];
    const noteSources = sections.length > 0
        ? sections
            .filter((s) => s.type === SHT_NOTE)
            .map((s) => ({ name: s.name, offset: s.offset, size: s.size }))
        : segments
            .filter((s) => s.type === PT_NOTE)
            .map((s) => ({ name: '', offset: s.offset, size: s.filesz }));
    for (const src of noteSources.slice(0, MAX_NOTES)) {
        const v = await r.read(`ELF note ${src.name || 'segment'}`, src.offset, Math.min(src.size, 65536), order);
        parseNotes(v, src.name, notes);
        if (notes.length > MAX_NOTES) {
            throw new _reader_js__WEBPACK_IMPORTED_MODULE_0__/* .BinaryFormatError */ .rY('ELF notes', src.offset, `more than ${MAX_NOTES} notes`);
        }
    }
    const sectionNames = sections.map((s) => s.name);
    const symbols = sections.some((s) => s.type === SHT_SYMTAB);
    const dwarf = sectionNames.some((n) => n.startsWith('.debug_') || n.startsWith('.zdebug_'));
    const kind = type === ET_EXEC
        ? 'executable'
        : type === ET_DYN
            ? interpreter !== undefined ||
                (flags1 !== undefined && (flags1 & DF_1_PIE) !== 0)
                ? 'pie'
                : 'shared object'
            : type === 1
                ? 'object'
                : type === 4
                    ? 'core'
                    : 'other';
    const osabi = ident.u8(7);
    const os = elfOs(osabi, notes);
    // Where build info lives (see Go's debug/buildinfo).
    let data;
    const bi = sections.find((s) => s.name === '.go.buildinfo');
    if (bi && bi.type !== SHT_NOBITS) {
        data = { start: bi.addr, size: bi.size, regions: loads };
    }
    else {
        const rw = segments.find((s) => s.type === PT_LOAD && (s.flags & (PF_X | PF_W)) === PF_W);
        if (rw)
            data = { start: rw.vaddr, size: rw.memsz, regions: loads };
    }
    return {
        container: 'elf',
        bits,
        byteOrder: order,
        arch: elfArch(machine, bits, order),
        machine: elfMachineName(machine),
        kind,
        interpreter,
        libraries,
        staticallyLinked: interpreter === undefined && libraries.length === 0,
        symbols,
        dwarf,
        os,
        data,
        ranges: sections
            .filter((s) => s.type !== SHT_NOBITS && s.size > 0 && s.offset > 0)
            .map((s) => ({ name: s.name, offset: s.offset, size: s.size }))
            .sort((a, b) => a.offset - b.offset),
        elf: {
            osabi,
            abiVersion: ident.u8(8),
            type,
            machine,
            flags,
            flagsText: elfFlagsText(machine, flags),
            entry,
            segments: segments.map((s) => s.type),
            sections: sectionNames,
            notes,
            flags1
        }
    };
}
function parseNotes(v, section, out) {
    let at = 0;
    while (at + 12 <= v.length && out.length <= MAX_NOTES) {
        const namesz = v.u32(at);
        const descsz = v.u32(at + 4);
        const type = v.u32(at + 8);
        const nameAt = at + 12;
        const descAt = nameAt + align4(namesz);
        const owner = namesz > 0 ? v.cstring(nameAt, Math.min(namesz, 256)) : '';
        v.slice(descAt, descsz);
        const desc = Buffer.from(v.slice(descAt, Math.min(descsz, 64))).toString('hex');
        out.push({ section, owner, type, desc });
        at = descAt + align4(descsz);
    }
}
function align4(n) {
    return (n + 3) & ~3;
}
/** The file offset of virtual address `addr`, if a loaded segment maps it. */
function addressToOffset(regions, addr) {
    for (const r of regions) {
        if (addr >= r.addr && addr < r.addr + r.size)
            return r.offset + (addr - r.addr);
    }
    return undefined;
}
/** The OS an ELF file identifies by OS/ABI and notes alone. */
function elfOs(osabi, notes) {
    if (osabi === ELFOSABI_FREEBSD)
        return 'freebsd';
    if (osabi === ELFOSABI_OPENBSD || notes.some((n) => n.owner === 'OpenBSD'))
        return 'openbsd';
    if (osabi === ELFOSABI_NETBSD || notes.some((n) => n.owner === 'NetBSD'))
        return 'netbsd';
    return undefined;
}


/***/ }),

/***/ 26208:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BinaryFormatError: () => (/* reexport */ reader/* BinaryFormatError */.rY),
  MemorySource: () => (/* reexport */ reader/* MemorySource */.Zb),
  inspectBinary: () => (/* binding */ inspectBinary),
  inspectSource: () => (/* binding */ inspectSource),
  setting: () => (/* reexport */ setting)
});

// EXTERNAL MODULE: ./src/inspect/binary/reader.ts
var reader = __webpack_require__(32277);
;// CONCATENATED MODULE: ./src/inspect/binary/buildinfo.ts
/**
 * Go build info: the `\xff Go buildinf:` header the linker places at the
 * start of the data the container reader points to, then the Go version and
 * the module info, either inline as varint-prefixed strings (Go 1.18 and
 * later) or behind pointers to Go string headers (older). Parsed as Go's
 * debug/buildinfo and runtime/debug.ParseBuildInfo do, with bounded reads.
 */

/** The magic that starts the build info header. */
const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const ALIGN = 16;
const HEADER_SIZE = 32;
/** How far into the data we look for the header: the linker puts it first. */
const SEARCH_LIMIT = 1 << 20;
const CHUNK = 64 * 1024;
/** Longest version or module info string we accept. */
const MAX_STRING = 1 << 20;
const MAX_LINES = 10000;
/** Reads and parses the build info from `loc`. */
async function readBuildInfo(r, loc) {
    const headerAddr = await searchMagic(r, loc);
    const header = await readAt(r, loc.regions, headerAddr, HEADER_SIZE, 'Go build info header');
    const ptrSize = header[14];
    const flags = header[15];
    let version;
    let mod;
    let format;
    if ((flags & 2) !== 0) {
        format = 'inline';
        const v = await decodeString(r, loc.regions, headerAddr + HEADER_SIZE, 'Go version string');
        const m = await decodeString(r, loc.regions, v.next, 'Go module info');
        version = v.value;
        mod = m.value;
    }
    else {
        format = 'pointer';
        if (ptrSize !== 4 && ptrSize !== 8) {
            throw new reader/* BinaryFormatError */.rY('Go build info header', headerAddr, `pointer size ${ptrSize} is neither 4 nor 8`);
        }
        const big = (flags & 1) !== 0;
        const dv = new DataView(header.buffer, header.byteOffset, header.byteLength);
        const ptr = (b, at) => ptrSize === 4 ? b.getUint32(at, !big) : safe(b.getBigUint64(at, !big));
        const versPtr = ptr(dv, 16);
        const modPtr = ptr(dv, 16 + ptrSize);
        const readGoString = async (addr, what) => {
            const h = await readAt(r, loc.regions, addr, 2 * ptrSize, `${what} header`);
            const hv = new DataView(h.buffer, h.byteOffset, h.byteLength);
            const data = ptr(hv, 0);
            const len = ptr(hv, ptrSize);
            if (len > MAX_STRING) {
                throw new reader/* BinaryFormatError */.rY(what, addr, `length ${len} exceeds ${MAX_STRING}`);
            }
            const b = await readAt(r, loc.regions, data, len, what);
            return Buffer.from(b).toString('utf8');
        };
        version = await readGoString(versPtr, 'Go version string');
        mod = await readGoString(modPtr, 'Go module info');
    }
    if (!version) {
        throw new reader/* BinaryFormatError */.rY('Go version string', headerAddr, 'is empty');
    }
    // Strip the 16-byte sentinels around the module info.
    if (mod.length >= 33 && mod[mod.length - 17] === '\n') {
        mod = mod.slice(16, mod.length - 16);
    }
    else {
        mod = '';
    }
    return { ...parseModInfo(mod), goVersion: version, format };
}
function safe(v) {
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
}
/** Finds the 16-byte-aligned magic in the first `SEARCH_LIMIT` bytes of the data. */
async function searchMagic(r, loc) {
    const start = loc.relative ? loc.start : Math.ceil(loc.start / ALIGN) * ALIGN;
    const end = loc.start + Math.min(loc.size, SEARCH_LIMIT);
    for (let addr = start; addr < end; addr += CHUNK) {
        const want = Math.min(CHUNK, end - addr);
        const region = regionOf(loc.regions, addr);
        if (!region)
            break;
        const off = region.offset + (addr - region.addr);
        const avail = Math.min(want, region.size - (addr - region.addr));
        const v = await r.readUpTo('Go build info search', off, avail);
        for (let i = 0; i + BUILDINFO_MAGIC.length <= v.length; i += ALIGN) {
            if (Buffer.from(v.bytes.subarray(i, i + BUILDINFO_MAGIC.length)).equals(BUILDINFO_MAGIC)) {
                return addr + i;
            }
        }
        if (v.length < want)
            break;
    }
    throw new reader/* BinaryFormatError */.rY('Go build info', loc.start, `no "\\xff Go buildinf:" header in the first ${Math.min(loc.size, SEARCH_LIMIT)} bytes of data: not a Go binary, or a damaged one`);
}
function regionOf(regions, addr) {
    return regions.find((g) => addr >= g.addr && addr < g.addr + g.size);
}
/** Reads exactly `n` bytes at virtual address `addr` (within one region). */
async function readAt(r, regions, addr, n, what) {
    const g = regionOf(regions, addr);
    if (!g) {
        throw new reader/* BinaryFormatError */.rY(what, addr, 'address is not mapped by any segment');
    }
    if (addr + n > g.addr + g.size) {
        throw new reader/* BinaryFormatError */.rY(what, addr, `${n} bytes run past the end of the segment`);
    }
    const v = await r.read(what, g.offset + (addr - g.addr), n);
    return v.bytes;
}
async function decodeString(r, regions, addr, what) {
    const g = regionOf(regions, addr);
    if (!g)
        throw new reader/* BinaryFormatError */.rY(what, addr, 'address is not mapped by any segment');
    const room = g.addr + g.size - addr;
    const head = await r.readUpTo(what, g.offset + (addr - g.addr), Math.min(10, room));
    let len = 0;
    let n = 0;
    let mul = 1;
    for (;;) {
        if (n >= head.length || n >= 8) {
            throw new reader/* BinaryFormatError */.rY(what, addr, 'length varint is truncated or too long');
        }
        const b = head.u8(n++);
        len += (b & 0x7f) * mul;
        mul *= 128;
        if ((b & 0x80) === 0)
            break;
    }
    if (len > MAX_STRING) {
        throw new reader/* BinaryFormatError */.rY(what, addr, `length ${len} exceeds ${MAX_STRING}`);
    }
    const bytes = await readAt(r, regions, addr + n, len, what);
    return { value: Buffer.from(bytes).toString('utf8'), next: addr + n + len };
}
/** Parses module info text (`path`, `mod`, `dep`, `=>`, `build` lines). */
function parseModInfo(text) {
    const info = {
        path: '',
        mod: undefined,
        deps: [],
        modules: [],
        settings: []
    };
    // The module a `=>` line replaces: the `dep` just before it, as in Go.
    let last;
    const lines = text.split('\n').slice(0, MAX_LINES);
    for (const line of lines) {
        const tab = line.indexOf('\t');
        if (tab < 0)
            continue;
        const key = line.slice(0, tab);
        const rest = line.slice(tab + 1);
        const f = rest.split('\t');
        switch (key) {
            case 'path':
                info.path = rest;
                break;
            case 'mod':
                info.mod = { path: f[0] ?? '', version: f[1] ?? '', sum: f[2] ?? '' };
                last = undefined;
                break;
            case 'dep':
                info.deps.push(`${f[0] ?? ''}@${f[1] ?? ''}`);
                last = { path: f[0] ?? '', version: f[1] ?? '', sum: f[2] ?? '' };
                info.modules.push(last);
                break;
            case '=>':
                if (last) {
                    last.replace = {
                        path: f[0] ?? '',
                        version: f[1] ?? '',
                        sum: f[2] ?? ''
                    };
                }
                last = undefined;
                break;
            case 'build': {
                const kv = splitSetting(rest);
                if (kv)
                    info.settings.push(kv);
                break;
            }
        }
    }
    return info;
}
/** Splits `key=value`, either part possibly Go-quoted. */
function splitSetting(s) {
    let key;
    let rest;
    if (s.startsWith('"')) {
        const q = readQuoted(s, 0);
        if (!q)
            return undefined;
        key = q.value;
        rest = s.slice(q.end);
        if (!rest.startsWith('='))
            return undefined;
        rest = rest.slice(1);
    }
    else {
        const eq = s.indexOf('=');
        if (eq < 0)
            return undefined;
        key = s.slice(0, eq);
        rest = s.slice(eq + 1);
    }
    if (rest.startsWith('"')) {
        const q = readQuoted(rest, 0);
        if (q && q.end === rest.length)
            return [key, q.value];
    }
    return [key, rest];
}
const SIMPLE_ESCAPES = {
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    '"': '"',
    "'": "'"
};
/** Reads a Go double-quoted string literal starting at `at`. */
function readQuoted(s, at) {
    if (s[at] !== '"')
        return undefined;
    const bytes = [];
    let i = at + 1;
    const pushString = (t) => {
        for (const b of Buffer.from(t, 'utf8'))
            bytes.push(b);
    };
    while (i < s.length) {
        const c = s[i];
        if (c === '"')
            return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
        if (c !== '\\') {
            const cp = s.codePointAt(i) ?? 0;
            const ch = String.fromCodePoint(cp);
            pushString(ch);
            i += ch.length;
            continue;
        }
        const e = s[i + 1];
        if (e === undefined)
            return undefined;
        if (e in SIMPLE_ESCAPES) {
            pushString(SIMPLE_ESCAPES[e]);
            i += 2;
        }
        else if (e === 'x' || e === 'u' || e === 'U') {
            const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const hex = s.slice(i + 2, i + 2 + n);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n)
                return undefined;
            const v = Number.parseInt(hex, 16);
            if (e === 'x')
                bytes.push(v);
            else if (v <= 0x10ffff)
                pushString(String.fromCodePoint(v));
            else
                return undefined;
            i += 2 + n;
        }
        else if (/[0-7]/.test(e)) {
            const oct = s.slice(i + 1, i + 4);
            if (!/^[0-7]{3}$/.test(oct))
                return undefined;
            bytes.push(Number.parseInt(oct, 8) & 0xff);
            i += 4;
        }
        else {
            return undefined;
        }
    }
    return undefined;
}
/** The value of build setting `key`, or undefined. */
function setting(info, key) {
    return info?.settings.find(([k]) => k === key)?.[1];
}
/** cmd/go's modload.infoStart and infoEnd: the sentinels around module info. */
const INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');
/** How much of a wasm data section we scan for the framed module info. */
const FRAMED_SCAN_LIMIT = 8 << 20;
/**
 * Finds module info framed by its sentinels in a file range (wasm, which has
 * no build info header), and the Go version string near it.
 */
async function readFramedBuildInfo(r, range) {
    const end = range.offset + Math.min(range.size, FRAMED_SCAN_LIMIT);
    const overlap = 64;
    let version = '';
    for (let at = range.offset; at < end; at += CHUNK - overlap) {
        const v = await r.readUpTo('Go module info search', at, Math.min(CHUNK, end - at));
        const buf = Buffer.from(v.bytes);
        if (!version) {
            const m = /go1\.[0-9]+(?:\.[0-9]+|rc[0-9]+|beta[0-9]+)?(?:[^0-9a-z.]|$)/.exec(buf.toString('latin1'));
            if (m)
                version = m[0].replace(/[^0-9a-z.]$/, '');
        }
        const i = buf.indexOf(INFO_START);
        if (i >= 0) {
            const rest = await r.readUpTo('Go module info', at + i, 65536);
            const text = Buffer.from(rest.bytes);
            const j = text.indexOf(INFO_END, INFO_START.length);
            if (j < 0) {
                throw new reader/* BinaryFormatError */.rY('Go module info', at + i, 'has no end sentinel within 64 KiB');
            }
            if (!version) {
                throw new reader/* BinaryFormatError */.rY('Go version string', range.offset, 'not found before the module info');
            }
            const mod = text.subarray(INFO_START.length, j).toString('utf8');
            return { ...parseModInfo(mod), goVersion: version, format: 'framed' };
        }
        if (v.length < Math.min(CHUNK, end - at))
            break;
    }
    throw new reader/* BinaryFormatError */.rY('Go module info', range.offset, `no framed module info in the first ${Math.min(range.size, FRAMED_SCAN_LIMIT)} bytes of data`);
}

// EXTERNAL MODULE: ./src/inspect/binary/elf.ts
var elf = __webpack_require__(71565);
;// CONCATENATED MODULE: ./src/inspect/binary/macho.ts
/**
 * Mach-O reader (thin files, 32 and 64 bit): header, load commands,
 * segments and sections, dylinker, dylibs, LC_BUILD_VERSION and symtab.
 */

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const MH_EXECUTE = 2;
const MH_DYLIB = 6;
const CPU_TYPE_X86 = 7;
const CPU_TYPE_X86_64 = 0x01000007;
const CPU_TYPE_ARM = 12;
const CPU_TYPE_ARM64 = 0x0100000c;
const LC_SEGMENT = 0x1;
const LC_SYMTAB = 0x2;
const LC_LOAD_DYLIB = 0xc;
const LC_LOAD_DYLINKER = 0xe;
const LC_DYSYMTAB = 0xb;
const LC_SEGMENT_64 = 0x19;
const LC_VERSION_MIN_MACOSX = 0x24;
const LC_VERSION_MIN_IPHONEOS = 0x25;
const LC_BUILD_VERSION = 0x32;
const LC_LOAD_WEAK_DYLIB = 0x80000018;
const LC_REEXPORT_DYLIB = 0x8000001f;
const LC_UUID = 0x1b;
const MAX_COMMANDS = 1024;
const MAX_SECTIONS = 1024;
const MAX_COMMANDS_SIZE = 1 << 20;
const FLAG_NAMES = [
    [0x1, 'NOUNDEFS'],
    [0x2, 'INCRLINK'],
    [0x4, 'DYLDLINK'],
    [0x8, 'BINDATLOAD'],
    [0x10, 'PREBOUND'],
    [0x20, 'SPLIT_SEGS'],
    [0x80, 'TWOLEVEL'],
    [0x100, 'FORCE_FLAT'],
    [0x200000, 'PIE'],
    [0x800000, 'HAS_TLV_DESCRIPTORS'],
    [0x1000000, 'NO_HEAP_EXECUTION']
];
/** LC_BUILD_VERSION platform numbers. */
const PLATFORMS = {
    1: 'macos',
    2: 'ios',
    3: 'tvos',
    4: 'watchos',
    5: 'bridgeos',
    6: 'maccatalyst',
    7: 'iossimulator',
    8: 'tvossimulator',
    9: 'watchossimulator',
    10: 'driverkit',
    11: 'visionos',
    12: 'visionossimulator'
};
/** cputype → [name as `file` prints it, GOARCH]. */
const CPUS = {
    [CPU_TYPE_X86]: ['i386', '386'],
    [CPU_TYPE_X86_64]: ['x86_64', 'amd64'],
    [CPU_TYPE_ARM]: ['arm', 'arm'],
    [CPU_TYPE_ARM64]: ['arm64', 'arm64']
};
function version(v) {
    return `${v >>> 16}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}
/** Reads a thin Mach-O file. */
async function readMacho(r) {
    const m = await r.read('Mach-O header', 0, 4, 'big');
    const raw = m.u32(0);
    const order = raw === MH_MAGIC || raw === MH_MAGIC_64 ? 'big' : 'little';
    const magic = order === 'big'
        ? raw
        : (await r.read('Mach-O header', 0, 4, 'little')).u32(0);
    const is64 = magic === MH_MAGIC_64;
    const hsize = is64 ? 32 : 28;
    const h = await r.read('Mach-O header', 0, hsize, order);
    const cputype = h.u32(4);
    const cpusubtype = h.u32(8);
    const filetype = h.u32(12);
    const ncmds = h.u32(16);
    const sizeofcmds = h.u32(20);
    const flags = h.u32(24);
    (0,reader/* checkCount */.wE)('Mach-O load commands', hsize, ncmds, MAX_COMMANDS);
    if (sizeofcmds > MAX_COMMANDS_SIZE) {
        throw new reader/* BinaryFormatError */.rY('Mach-O load commands', hsize, `sizeofcmds ${sizeofcmds} exceeds ${MAX_COMMANDS_SIZE}`);
    }
    const cmds = await r.read('Mach-O load commands', hsize, sizeofcmds, order);
    const segments = [];
    const sections = [];
    const ranges = [];
    const loadCommands = [];
    const libraries = [];
    const regions = [];
    let interpreter;
    let platform;
    let minos;
    let sdk;
    let symbols = false;
    let definedSymbols;
    let dwarf = false;
    let buildinfoSection;
    let rwSegment;
    let at = 0;
    for (let i = 0; i < ncmds; i++) {
        const cmd = cmds.u32(at);
        const size = cmds.u32(at + 4);
        if (size < 8 || at + size > cmds.length) {
            throw new reader/* BinaryFormatError */.rY('Mach-O load command', hsize + at, `cmdsize ${size} is invalid`);
        }
        loadCommands.push(cmd);
        // The UUID, which Go's linker derives from the Go build ID: a range of
        // its own, so that a comparison can tell it from the rest.
        if (cmd === LC_UUID && size >= 24)
            ranges.push({ name: 'LC_UUID', offset: hsize + at + 8, size: 16 });
        const lcString = () => {
            const off = cmds.u32(at + 8);
            if (off >= size)
                throw new reader/* BinaryFormatError */.rY('Mach-O load command', hsize + at, `string offset ${off} is outside the command`);
            return cmds.cstring(at + off, size - off);
        };
        if (cmd === LC_SEGMENT_64 || cmd === LC_SEGMENT) {
            const s64 = cmd === LC_SEGMENT_64;
            const name = cmds.cstring(at + 8, 16);
            const vmaddr = s64 ? cmds.u64(at + 24) : cmds.u32(at + 24);
            const vmsize = s64 ? cmds.u64(at + 32) : cmds.u32(at + 28);
            const fileoff = s64 ? cmds.u64(at + 40) : cmds.u32(at + 32);
            const filesize = s64 ? cmds.u64(at + 48) : cmds.u32(at + 36);
            const maxprot = cmds.u32(at + (s64 ? 56 : 40));
            const initprot = cmds.u32(at + (s64 ? 60 : 44));
            const nsects = cmds.u32(at + (s64 ? 64 : 48));
            (0,reader/* checkCount */.wE)('Mach-O sections', hsize + at, sections.length + nsects, MAX_SECTIONS);
            segments.push(name);
            if (name !== '__PAGEZERO' && filesize > 0)
                regions.push({ addr: vmaddr, offset: fileoff, size: filesize });
            if (name === '__DWARF')
                dwarf = true;
            if (!rwSegment &&
                vmaddr !== 0 &&
                filesize !== 0 &&
                maxprot === 3 &&
                initprot === 3) {
                rwSegment = { addr: vmaddr, size: vmsize };
            }
            const ssize = s64 ? 80 : 68;
            const first = at + (s64 ? 72 : 56);
            for (let j = 0; j < nsects; j++) {
                const s = first + j * ssize;
                if (s + ssize > at + size) {
                    throw new reader/* BinaryFormatError */.rY('Mach-O section header', hsize + s, 'runs past its load command');
                }
                const sect = cmds.cstring(s, 16);
                const seg = cmds.cstring(s + 16, 16);
                sections.push(`${seg},${sect}`);
                // section_64: addr u64 @32, size u64 @40, offset u32 @48;
                // section: addr u32 @32, size u32 @36, offset u32 @40. Zero-fill
                // sections have offset 0.
                const sectSize = s64 ? cmds.u64(s + 40) : cmds.u32(s + 36);
                const sectOffset = cmds.u32(s + (s64 ? 48 : 40));
                if (sectOffset > 0 && sectSize > 0)
                    ranges.push({ name: `${seg},${sect}`, offset: sectOffset, size: sectSize });
                if (seg === '__DWARF' ||
                    sect.startsWith('__debug_') ||
                    sect.startsWith('__zdebug_'))
                    dwarf = true;
                if (sect === '__go_buildinfo') {
                    buildinfoSection = {
                        addr: s64 ? cmds.u64(s + 32) : cmds.u32(s + 32),
                        size: s64 ? cmds.u64(s + 40) : cmds.u32(s + 36)
                    };
                }
            }
        }
        else if (cmd === LC_SYMTAB) {
            symbols = cmds.u32(at + 12) > 0;
        }
        else if (cmd === LC_DYSYMTAB) {
            // Local plus externally defined symbols; imports alone survive -s.
            definedSymbols = cmds.u32(at + 12) + cmds.u32(at + 20);
        }
        else if (cmd === LC_LOAD_DYLINKER) {
            interpreter = lcString();
        }
        else if (cmd === LC_LOAD_DYLIB ||
            cmd === LC_LOAD_WEAK_DYLIB ||
            cmd === LC_REEXPORT_DYLIB) {
            libraries.push(lcString());
        }
        else if (cmd === LC_BUILD_VERSION) {
            platform = cmds.u32(at + 8);
            minos = version(cmds.u32(at + 12));
            sdk = version(cmds.u32(at + 16));
        }
        else if (cmd === LC_VERSION_MIN_MACOSX ||
            cmd === LC_VERSION_MIN_IPHONEOS) {
            platform ??= cmd === LC_VERSION_MIN_MACOSX ? 1 : 2;
            minos ??= version(cmds.u32(at + 8));
            sdk ??= version(cmds.u32(at + 12));
        }
        at += size;
    }
    const flagNames = FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
    const cpu = CPUS[cputype];
    const platformName = platform === undefined
        ? undefined
        : (PLATFORMS[platform] ?? `platform ${platform}`);
    const data = buildinfoSection ?? rwSegment;
    return {
        container: 'macho',
        bits: is64 ? 64 : 32,
        byteOrder: order,
        arch: cpu?.[1] ?? '',
        machine: cpu?.[0] ?? `cputype ${cputype}`,
        kind: filetype === MH_EXECUTE
            ? 'executable'
            : filetype === MH_DYLIB
                ? 'shared object'
                : filetype === 1
                    ? 'object'
                    : 'other',
        interpreter,
        libraries,
        staticallyLinked: interpreter === undefined && libraries.length === 0,
        symbols: symbols && (definedSymbols === undefined || definedSymbols > 0),
        dwarf,
        os: platformName === 'macos'
            ? 'darwin'
            : platformName === 'ios'
                ? 'ios'
                : undefined,
        data: data ? { start: data.addr, size: data.size, regions } : undefined,
        ranges: ranges.sort((a, b) => a.offset - b.offset),
        macho: {
            cputype,
            cpusubtype,
            filetype,
            flags,
            flagNames,
            platform,
            platformName,
            minos,
            sdk,
            segments,
            sections,
            loadCommands
        }
    };
}

;// CONCATENATED MODULE: ./src/inspect/binary/pe.ts
/**
 * PE/COFF reader (PE32 and PE32+): COFF header, optional header, section
 * table (long names through the COFF string table) and imported DLLs.
 */

const IMAGE_FILE_MACHINE_I386 = 0x14c;
const IMAGE_FILE_MACHINE_AMD64 = 0x8664;
const IMAGE_FILE_MACHINE_ARMNT = 0x1c4;
const IMAGE_FILE_MACHINE_ARM64 = 0xaa64;
const PE32_MAGIC = 0x10b;
const PE32PLUS_MAGIC = 0x20b;
const IMAGE_FILE_DLL = 0x2000;
const IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x40;
const DATA_RW = 0x40 | 0x40000000 | 0x80000000;
const ALIGN_MASK = 0x00f00000;
const pe_MAX_SECTIONS = 96;
const MAX_IMPORTS = 256;
/** Machine → [name as `file` prints it, GOARCH]. */
const MACHINES = {
    [IMAGE_FILE_MACHINE_I386]: ['Intel 80386', '386'],
    [IMAGE_FILE_MACHINE_AMD64]: ['x86-64', 'amd64'],
    [IMAGE_FILE_MACHINE_ARMNT]: ['ARMv7 Thumb', 'arm'],
    [IMAGE_FILE_MACHINE_ARM64]: ['Aarch64', 'arm64']
};
/** Subsystem numbers as `file` names them. */
const SUBSYSTEMS = {
    1: 'native',
    2: 'GUI',
    3: 'console',
    7: 'POSIX',
    9: 'Windows CE GUI',
    10: 'EFI application',
    11: 'EFI boot service driver',
    12: 'EFI runtime driver'
};
/** Reads a PE image whose first bytes are `MZ`. */
async function readPe(r) {
    const dos = await r.read('DOS header', 0, 64);
    const lfanew = dos.u32(0x3c);
    const sig = await r.read('PE signature', lfanew, 4);
    if (sig.u32(0) !== 0x4550) {
        throw new reader/* BinaryFormatError */.rY('PE signature', lfanew, 'is not "PE\\0\\0"');
    }
    const coff = await r.read('COFF header', lfanew + 4, 20);
    const machine = coff.u16(0);
    const nsections = coff.u16(2);
    const symptr = coff.u32(8);
    const nsyms = coff.u32(12);
    const optSize = coff.u16(16);
    const characteristics = coff.u16(18);
    const optAt = lfanew + 24;
    if (optSize < 2)
        throw new reader/* BinaryFormatError */.rY('PE optional header', optAt, 'is missing');
    const opt = await r.read('PE optional header', optAt, optSize);
    const magic = opt.u16(0);
    if (magic !== PE32_MAGIC && magic !== PE32PLUS_MAGIC) {
        throw new reader/* BinaryFormatError */.rY('PE optional header', optAt, `magic 0x${magic.toString(16)} is neither PE32 nor PE32+`);
    }
    const plus = magic === PE32PLUS_MAGIC;
    const imageBase = plus ? opt.u64(24) : opt.u32(28);
    const subsystem = opt.u16(68);
    const dllCharacteristics = opt.u16(70);
    const ndirs = opt.u32(plus ? 108 : 92);
    const dirAt = plus ? 112 : 96;
    const importRva = ndirs > 1 ? opt.u32(dirAt + 8) : 0;
    const importSize = ndirs > 1 ? opt.u32(dirAt + 12) : 0;
    (0,reader/* checkCount */.wE)('PE section table', optAt + optSize, nsections, pe_MAX_SECTIONS);
    const table = await r.read('PE section table', optAt + optSize, nsections * 40);
    let strtab;
    const sections = [];
    for (let i = 0; i < nsections; i++) {
        const at = i * 40;
        let name = table.cstring(at, 8);
        if (name.startsWith('/') && symptr !== 0) {
            const off = Number(name.slice(1));
            if (Number.isInteger(off)) {
                strtab ??= await r.readUpTo('COFF string table', symptr + nsyms * 18, 65536);
                if (off < strtab.length)
                    name = strtab.cstring(off, 256);
            }
        }
        sections.push({
            name,
            vsize: table.u32(at + 8),
            va: table.u32(at + 12),
            rawSize: table.u32(at + 16),
            raw: table.u32(at + 20),
            ch: table.u32(at + 36)
        });
    }
    const regions = sections.map((s) => ({
        addr: imageBase + s.va,
        offset: s.raw,
        size: Math.min(s.rawSize, s.vsize || s.rawSize)
    }));
    // Imported DLLs.
    const libraries = [];
    if (importRva !== 0 && importSize !== 0) {
        const rvaToOffset = (rva) => {
            const s = sections.find((x) => rva >= x.va && rva < x.va + Math.max(x.vsize, x.rawSize));
            return s && rva - s.va < s.rawSize ? s.raw + (rva - s.va) : undefined;
        };
        const off = rvaToOffset(importRva);
        if (off === undefined) {
            throw new reader/* BinaryFormatError */.rY('PE import directory', importRva, 'RVA is not in any section');
        }
        for (let i = 0; i < MAX_IMPORTS; i++) {
            const d = await r.read('PE import descriptor', off + i * 20, 20);
            const nameRva = d.u32(12);
            if (nameRva === 0 && d.u32(16) === 0)
                break;
            const nameOff = rvaToOffset(nameRva);
            if (nameOff === undefined) {
                throw new reader/* BinaryFormatError */.rY('PE import descriptor', off + i * 20, `name RVA 0x${nameRva.toString(16)} is not in any section`);
            }
            libraries.push((await r.readUpTo('PE import name', nameOff, 256)).cstring(0, 256));
        }
    }
    const names = sections.map((s) => s.name);
    const dataSect = sections.find((s) => s.va !== 0 && s.rawSize !== 0 && (s.ch & ~ALIGN_MASK) === DATA_RW) ?? sections.find((s) => s.name === '.data');
    const cpu = MACHINES[machine];
    return {
        container: 'pe',
        bits: plus ? 64 : 32,
        byteOrder: 'little',
        arch: cpu?.[1] ?? '',
        machine: cpu?.[0] ?? `machine 0x${machine.toString(16)}`,
        kind: (characteristics & IMAGE_FILE_DLL) !== 0
            ? 'shared object'
            : (dllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) !== 0
                ? 'pie'
                : 'executable',
        interpreter: undefined,
        libraries,
        staticallyLinked: libraries.length === 0,
        symbols: nsyms > 0,
        dwarf: names.some((n) => n.startsWith('.debug_') || n.startsWith('.zdebug_')),
        os: 'windows',
        data: dataSect
            ? {
                start: imageBase + dataSect.va,
                size: dataSect.vsize || dataSect.rawSize,
                regions
            }
            : undefined,
        ranges: sections
            .filter((s) => s.raw > 0 && s.rawSize > 0)
            .map((s) => ({ name: s.name, offset: s.raw, size: s.rawSize }))
            .sort((a, b) => a.offset - b.offset),
        pe: {
            machine,
            magic,
            subsystem,
            subsystemName: SUBSYSTEMS[subsystem] ?? `subsystem ${subsystem}`,
            characteristics,
            dllCharacteristics,
            imageBase,
            sections: names,
            symbolCount: nsyms
        }
    };
}

;// CONCATENATED MODULE: ./src/inspect/binary/plan9.ts
/** Set in the magic of a 64-bit a.out, whose header has a 64-bit entry. */
const HDR_MAGIC = 0x8000;
const MAGIC_386 = (4 * 11 + 0) * 11 + 7;
const MAGIC_AMD64 = (4 * 26 + 0) * 26 + 7 + HDR_MAGIC;
const MAGIC_ARM = (4 * 20 + 0) * 20 + 7;
/** Magic → [name as `file` prints it, GOARCH]. */
const MAGICS = {
    [MAGIC_386]: ['Intel 386', '386'],
    [MAGIC_AMD64]: ['AMD64', 'amd64'],
    [MAGIC_ARM]: ['ARM', 'arm']
};
/** Whether the first bytes are a Plan 9 a.out magic Go writes. */
function isPlan9Magic(b) {
    if (b.length < 4)
        return false;
    const m = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    return m in MAGICS;
}
/** Reads a Plan 9 a.out. */
async function readPlan9(r) {
    const h = await r.read('Plan 9 header', 0, 32, 'big');
    const magic = h.u32(0);
    const text = h.u32(4);
    const data = h.u32(8);
    const bss = h.u32(12);
    const syms = h.u32(16);
    let entry = h.u32(20);
    const is64 = (magic & HDR_MAGIC) !== 0;
    let hdrSize = 32;
    if (is64) {
        entry = (await r.read('Plan 9 header', 32, 8, 'big')).u64(0);
        hdrSize = 40;
    }
    const dataOffset = hdrSize + text;
    const cpu = MAGICS[magic];
    return {
        container: 'plan9',
        bits: is64 ? 64 : 32,
        // The header is big-endian; the code of every Plan 9 port Go has is not.
        byteOrder: 'little',
        arch: cpu?.[1] ?? '',
        machine: cpu?.[0] ?? `magic 0x${magic.toString(16)}`,
        kind: 'executable',
        interpreter: undefined,
        libraries: [],
        staticallyLinked: true,
        symbols: syms > 0,
        dwarf: false,
        os: 'plan9',
        // As Go's debug/buildinfo does, addresses here are file offsets.
        data: data > 0
            ? {
                start: dataOffset,
                size: data,
                regions: [{ addr: dataOffset, offset: dataOffset, size: data }],
                relative: true
            }
            : undefined,
        plan9: { magic, text, data, bss, syms, entry }
    };
}

;// CONCATENATED MODULE: ./src/inspect/binary/wasm.ts
/**
 * WebAssembly reader: the module header, the section list, import module
 * names and custom section names. Go's wasm port keeps no build info header;
 * its module info sits framed by sentinels in the data section, which
 * `readFramedBuildInfo` finds.
 */

const SECTION_CUSTOM = 0;
const SECTION_IMPORT = 2;
const SECTION_DATA = 11;
const wasm_MAX_SECTIONS = 64;
const wasm_MAX_IMPORTS = 4096;
/** Import section bytes we are willing to read. */
const MAX_IMPORT_SECTION = 1 << 20;
/** Reads an unsigned LEB128 at `at` (at most 5 bytes: a u32). */
function uleb(v, at) {
    let value = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
        const b = v.u8(at + i);
        value += (b & 0x7f) * mul;
        mul *= 128;
        if ((b & 0x80) === 0)
            return { value, next: at + i + 1 };
    }
    throw new reader/* BinaryFormatError */.rY(v.structure, v.base + at, 'LEB128 value is longer than 5 bytes');
}
/** Reads a WebAssembly module. */
async function readWasm(r) {
    const h = await r.read('WebAssembly header', 0, 8);
    const version = h.u32(4);
    const importModules = [];
    const customSections = [];
    let data;
    let at = 8;
    let count = 0;
    while (at < r.size) {
        (0,reader/* checkCount */.wE)('WebAssembly sections', at, ++count, wasm_MAX_SECTIONS);
        const sh = await r.readUpTo('WebAssembly section header', at, 6);
        const id = sh.u8(0);
        const { value: size, next } = uleb(sh, 1);
        const body = at + next;
        if (body + size > r.size) {
            throw new reader/* BinaryFormatError */.rY('WebAssembly section', at, `size ${size} runs past the end of the file`);
        }
        if (id === SECTION_CUSTOM) {
            const v = await r.read('WebAssembly custom section name', body, Math.min(size, 260));
            const n = uleb(v, 0);
            customSections.push(Buffer.from(v.slice(n.next, n.value)).toString('utf8'));
        }
        else if (id === SECTION_IMPORT) {
            if (size > MAX_IMPORT_SECTION) {
                throw new reader/* BinaryFormatError */.rY('WebAssembly import section', at, `size ${size} exceeds ${MAX_IMPORT_SECTION}`);
            }
            const v = await r.read('WebAssembly import section', body, size);
            const n = uleb(v, 0);
            (0,reader/* checkCount */.wE)('WebAssembly imports', body, n.value, wasm_MAX_IMPORTS);
            let p = n.next;
            for (let i = 0; i < n.value; i++) {
                const ml = uleb(v, p);
                const mod = Buffer.from(v.slice(ml.next, ml.value)).toString('utf8');
                const fl = uleb(v, ml.next + ml.value);
                p = fl.next + fl.value;
                const kind = v.u8(p++);
                if (kind === 0)
                    p = uleb(v, p).next;
                else if (kind === 1)
                    p = limits(v, p + 1);
                else if (kind === 2)
                    p = limits(v, p);
                else if (kind === 3)
                    p += 2;
                else
                    throw new reader/* BinaryFormatError */.rY('WebAssembly import', body + p, `kind ${kind} is unknown`);
                if (!importModules.includes(mod))
                    importModules.push(mod);
            }
        }
        else if (id === SECTION_DATA) {
            data = { offset: body, size };
        }
        at = body + size;
    }
    const os = importModules.includes('gojs')
        ? 'js'
        : importModules.some((m) => m.startsWith('wasi_'))
            ? 'wasip1'
            : undefined;
    return {
        container: 'wasm',
        bits: 32,
        byteOrder: 'little',
        arch: 'wasm',
        machine: 'WebAssembly',
        kind: 'executable',
        interpreter: undefined,
        libraries: [],
        staticallyLinked: true,
        symbols: customSections.includes('name'),
        dwarf: customSections.some((n) => n.startsWith('.debug_')),
        os,
        data: undefined,
        framedData: data,
        wasm: { version, importModules, customSections }
    };
}
function limits(v, p) {
    const flag = v.u8(p);
    let q = uleb(v, p + 1).next;
    if (flag & 1)
        q = uleb(v, q).next;
    return q;
}

;// CONCATENATED MODULE: ./src/inspect/binary/xcoff.ts
/**
 * XCOFF reader (AIX; 64-bit as Go writes it, 32-bit headers understood):
 * file header, section headers and the loader section's import file IDs.
 */

const U802TOCMAGIC = 0x01df;
const U64_TOCMAGIC = 0x01f7;
const STYP_DWARF = 0x10;
const STYP_TEXT = 0x20;
const STYP_DATA = 0x40;
const STYP_BSS = 0x80;
const STYP_LOADER = 0x1000;
const F_EXEC = 0x2;
const F_SHROBJ = 0x2000;
const xcoff_MAX_SECTIONS = 64;
const xcoff_MAX_IMPORTS = 64;
/** Reads an XCOFF file (big-endian). */
async function readXcoff(r) {
    const m = await r.read('XCOFF file header', 0, 2, 'big');
    const magic = m.u16(0);
    const is64 = magic === U64_TOCMAGIC;
    const h = await r.read('XCOFF file header', 0, is64 ? 24 : 20, 'big');
    const nscns = h.u16(2);
    const nsyms = is64 ? h.u32(20) : h.u32(12);
    const opthdr = h.u16(16);
    const flags = h.u16(18);
    const hsize = is64 ? 24 : 20;
    const ssize = is64 ? 72 : 40;
    (0,reader/* checkCount */.wE)('XCOFF section table', hsize + opthdr, nscns, xcoff_MAX_SECTIONS);
    const t = await r.read('XCOFF section table', hsize + opthdr, nscns * ssize, 'big');
    const sections = [];
    for (let i = 0; i < nscns; i++) {
        const at = i * ssize;
        sections.push(is64
            ? {
                name: t.cstring(at, 8),
                vaddr: t.u64(at + 16),
                size: t.u64(at + 24),
                ptr: t.u64(at + 32),
                flags: t.u32(at + 64)
            }
            : {
                name: t.cstring(at, 8),
                vaddr: t.u32(at + 12),
                size: t.u32(at + 16),
                ptr: t.u32(at + 20),
                flags: t.u32(at + 36)
            });
    }
    const regions = sections
        .filter((s) => (s.flags & STYP_BSS) === 0 && s.ptr !== 0)
        .map((s) => ({ addr: s.vaddr, offset: s.ptr, size: s.size }));
    // Loader section: import file IDs (the first is the library search path).
    const libraries = [];
    const loader = sections.find((s) => (s.flags & STYP_LOADER) !== 0);
    if (loader) {
        const lh = await r.read('XCOFF loader header', loader.ptr, is64 ? 56 : 32, 'big');
        const nimpid = lh.u32(16);
        const istlen = lh.u32(12);
        const impoff = is64 ? lh.u64(24) : lh.u32(24);
        (0,reader/* checkCount */.wE)('XCOFF import file IDs', loader.ptr, nimpid, xcoff_MAX_IMPORTS);
        if (impoff + istlen > loader.size) {
            throw new reader/* BinaryFormatError */.rY('XCOFF import file IDs', loader.ptr + impoff, 'run past the loader section');
        }
        const s = await r.read('XCOFF import file IDs', loader.ptr + impoff, istlen, 'big');
        let at = 0;
        for (let i = 0; i < nimpid; i++) {
            const parts = [];
            for (let k = 0; k < 3; k++) {
                if (at > s.length)
                    throw new reader/* BinaryFormatError */.rY('XCOFF import file IDs', loader.ptr + impoff + at, 'truncated');
                const p = at < s.length ? s.cstring(at, s.length - at) : '';
                parts.push(p);
                at += Buffer.byteLength(p, 'latin1') + 1;
            }
            if (i === 0)
                continue;
            const [path, base, member] = parts;
            const lib = (path ? `${path}/` : '') + base + (member ? `(${member})` : '');
            if (lib)
                libraries.push(lib);
        }
    }
    const data = sections.find((s) => (s.flags & STYP_DATA) !== 0);
    return {
        container: 'xcoff',
        bits: is64 ? 64 : 32,
        byteOrder: 'big',
        arch: is64 ? 'ppc64' : '',
        machine: is64 ? '64-bit PowerPC' : 'PowerPC',
        kind: (flags & F_SHROBJ) !== 0
            ? 'shared object'
            : (flags & F_EXEC) !== 0
                ? 'executable'
                : 'object',
        interpreter: undefined,
        libraries,
        staticallyLinked: libraries.length === 0,
        symbols: nsyms > 0,
        dwarf: sections.some((s) => (s.flags & 0xffff) === STYP_DWARF),
        os: 'aix',
        data: data ? { start: data.vaddr, size: data.size, regions } : undefined,
        xcoff: {
            magic,
            flags,
            symbolCount: nsyms,
            sections: sections.map((s) => s.name)
        }
    };
}

;// CONCATENATED MODULE: ./src/inspect/binary/index.ts
/**
 * inspect: what a binary says it is. Picks the container reader by magic,
 * then reads the Go build info where that container keeps it. Only headers,
 * tables and the build info blob are read, whatever the file's size.
 */











/**
 * Reads what the file at `path` says it is.
 * Rejects with `BinaryFormatError` when the file is no executable we know or
 * its headers are malformed; a missing or damaged build info is reported in
 * `buildInfoError` instead. I/O errors (a missing file) reject as they are.
 */
async function inspectBinary(path) {
    const source = await reader/* FileSource */._n.open(path);
    try {
        return await inspectSource(source);
    }
    finally {
        await source.close();
    }
}
/** `inspectBinary` over any byte source. */
async function inspectSource(source) {
    const r = new reader/* Reader */.mP(source);
    const magic = (await r.readUpTo('file header', 0, 16)).bytes;
    const c = await readContainer(r, magic);
    let buildInfo;
    let buildInfoError;
    if (!c.data && !c.framedData) {
        buildInfoError = 'the file has no data section to hold Go build info';
    }
    else {
        try {
            buildInfo = c.data
                ? await readBuildInfo(r, c.data)
                : await readFramedBuildInfo(r, c.framedData);
        }
        catch (error) {
            if (!(error instanceof reader/* BinaryFormatError */.rY))
                throw error;
            buildInfoError = error.message;
        }
    }
    const { data: _data, framedData: _framed, ...rest } = c;
    return {
        ...rest,
        size: source.size,
        buildInfo,
        buildInfoError,
        bytesRead: r.bytesRead
    };
}
function startsWith(b, bytes) {
    return bytes.every((v, i) => b[i] === v);
}
async function readContainer(r, m) {
    if (startsWith(m, [0x7f, 0x45, 0x4c, 0x46]))
        return (0,elf/* readElf */.oU)(r);
    if (startsWith(m, [0xcf, 0xfa, 0xed, 0xfe]) ||
        startsWith(m, [0xce, 0xfa, 0xed, 0xfe]) ||
        startsWith(m, [0xfe, 0xed, 0xfa, 0xcf]) ||
        startsWith(m, [0xfe, 0xed, 0xfa, 0xce])) {
        return readMacho(r);
    }
    if (startsWith(m, [0x4d, 0x5a]))
        return readPe(r);
    if (startsWith(m, [0x01, 0xf7]) || startsWith(m, [0x01, 0xdf]))
        return readXcoff(r);
    if (startsWith(m, [0x00, 0x61, 0x73, 0x6d]))
        return readWasm(r);
    if (isPlan9Magic(m))
        return readPlan9(r);
    const hex = Buffer.from(m.subarray(0, 4)).toString('hex');
    throw new reader/* BinaryFormatError */.rY('file header', 0, m.length < 4
        ? `the file is only ${m.length} bytes long`
        : `magic ${hex} is none of ELF, Mach-O, PE, XCOFF, Plan 9 a.out or WebAssembly`);
}


/***/ }),

/***/ 32277:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Zb: () => (/* binding */ MemorySource),
/* harmony export */   _n: () => (/* binding */ FileSource),
/* harmony export */   mP: () => (/* binding */ Reader),
/* harmony export */   rY: () => (/* binding */ BinaryFormatError),
/* harmony export */   wE: () => (/* binding */ checkCount)
/* harmony export */ });
/* unused harmony exports MAX_READ, View */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Bounded random access to a binary: every read names the structure it is
 * for, is checked against the file's size and against a per-read cap, and
 * fails with a `BinaryFormatError` that says which structure was malformed at
 * which offset. Nothing here ever reads a whole file.
 */

/** The most bytes one structure may ask for (a section table, a string blob). */
const MAX_READ = 4 * 1024 * 1024;
/** A malformed or truncated structure, named with its offset. */
class BinaryFormatError extends Error {
    /** The structure being read (`ELF section header table`). */
    structure;
    /** Its file offset. */
    offset;
    constructor(structure, offset, message) {
        super(`${structure} at offset ${offset}: ${message}`);
        this.name = 'BinaryFormatError';
        this.structure = structure;
        this.offset = offset;
    }
}
/** A `Source` over a byte array (tests, property checks). */
class MemorySource {
    size;
    bytes;
    constructor(bytes) {
        this.bytes = bytes;
        this.size = bytes.length;
    }
    async readAt(offset, length) {
        return this.bytes.subarray(offset, offset + length);
    }
}
/** A `Source` over an open file; reads only what is asked for. */
class FileSource {
    size;
    handle;
    constructor(handle, size) {
        this.handle = handle;
        this.size = size;
    }
    /** Opens `path` read-only. Close it with `close()`. */
    static async open(path) {
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
        try {
            const stat = await handle.stat();
            return new FileSource(handle, stat.size);
        }
        catch (error) {
            await handle.close();
            throw error;
        }
    }
    async readAt(offset, length) {
        const buffer = Buffer.alloc(length);
        let done = 0;
        while (done < length) {
            const { bytesRead } = await this.handle.read(buffer, done, length - done, offset + done);
            if (bytesRead === 0)
                break;
            done += bytesRead;
        }
        return buffer.subarray(0, done);
    }
    /** Releases the file handle. */
    async close() {
        await this.handle.close();
    }
}
/** A bounds-checked, byte-order-aware view of bytes read for one structure. */
class View {
    bytes;
    order;
    /** File offset of `bytes[0]`, for error messages. */
    base;
    structure;
    dv;
    constructor(bytes, order, base, structure) {
        this.bytes = bytes;
        this.order = order;
        this.base = base;
        this.structure = structure;
        this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    get length() {
        return this.bytes.length;
    }
    check(at, n) {
        if (!Number.isInteger(at) || at < 0 || at + n > this.bytes.length) {
            throw new BinaryFormatError(this.structure, this.base + at, `needs ${n} bytes but only ${Math.max(0, this.bytes.length - at)} are there`);
        }
    }
    u8(at) {
        this.check(at, 1);
        return this.dv.getUint8(at);
    }
    u16(at) {
        this.check(at, 2);
        return this.dv.getUint16(at, this.order === 'little');
    }
    u32(at) {
        this.check(at, 4);
        return this.dv.getUint32(at, this.order === 'little');
    }
    /** A 64-bit value; values beyond 2^53 come back as `Infinity` (never valid offsets). */
    u64(at) {
        this.check(at, 8);
        const v = this.dv.getBigUint64(at, this.order === 'little');
        return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
    }
    /** A 32- or 64-bit word. */
    word(at, bits) {
        return bits === 64 ? this.u64(at) : this.u32(at);
    }
    /** `n` bytes at `at`. */
    slice(at, n) {
        this.check(at, n);
        return this.bytes.subarray(at, at + n);
    }
    /** A NUL-terminated string starting at `at` (at most `max` bytes). */
    cstring(at, max = 4096) {
        this.check(at, 0);
        const end = Math.min(this.bytes.length, at + max);
        let i = at;
        while (i < end && this.bytes[i] !== 0)
            i++;
        return Buffer.from(this.bytes.subarray(at, i)).toString('latin1');
    }
}
/** Reads structures from a `Source` with bounds and caps enforced. */
class Reader {
    source;
    /** Total bytes read so far: the cost of an inspection. */
    bytesRead = 0;
    constructor(source) {
        this.source = source;
    }
    get size() {
        return this.source.size;
    }
    /** Reads exactly `length` bytes at `offset` for `structure`, or throws. */
    async read(structure, offset, length, order = 'little') {
        if (!Number.isSafeInteger(offset) || offset < 0) {
            throw new BinaryFormatError(structure, offset, 'offset is invalid');
        }
        if (!Number.isSafeInteger(length) || length < 0) {
            throw new BinaryFormatError(structure, offset, `size ${length} is invalid`);
        }
        if (length > MAX_READ) {
            throw new BinaryFormatError(structure, offset, `size ${length} exceeds the ${MAX_READ}-byte limit`);
        }
        if (offset + length > this.source.size) {
            throw new BinaryFormatError(structure, offset, `${length} bytes run past the end of the ${this.source.size}-byte file`);
        }
        const bytes = await this.source.readAt(offset, length);
        this.bytesRead += bytes.length;
        if (bytes.length !== length) {
            throw new BinaryFormatError(structure, offset, 'short read');
        }
        return new View(bytes, order, offset, structure);
    }
    /** Reads up to `length` bytes (fewer at end of file) for `structure`. */
    async readUpTo(structure, offset, length, order = 'little') {
        const n = Math.max(0, Math.min(length, this.source.size - offset));
        return this.read(structure, offset, n, order);
    }
}
/** Throws a `BinaryFormatError` when `count` exceeds `cap`. */
function checkCount(structure, offset, count, cap) {
    if (!Number.isSafeInteger(count) || count < 0 || count > cap) {
        throw new BinaryFormatError(structure, offset, `count ${count} exceeds the limit of ${cap}`);
    }
}


/***/ }),

/***/ 25625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OE: () => (/* binding */ ANNOTATION_LIMIT),
/* harmony export */   Zx: () => (/* binding */ actionLog)
/* harmony export */ });
/* unused harmony exports LINE_BREAK, neutraliseLine, neutraliseLines, runnerValue, terminalText, stopToken, streamLog */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22988);
/**
 * The one logging port, and the one fence for text the action did not
 * write.
 *
 * Every line the action logs goes through a `Log`. Text that came from
 * elsewhere — compiler and `go` output, file, module and package names,
 * a binary's output or values read from a binary, input values — is
 * *foreign*: it goes through `foreign`, `foreignBlock` or `value`, never
 * straight into a line.
 *
 *   actionLog  the runner's log, through @actions/core. Foreign blocks are
 *              wrapped in `::stop-commands::TOKEN` … `::TOKEN::` with a
 *              fresh random token per block, and every foreign line start
 *              that the runner would read as a command (`::`, `##[`) is
 *              broken up as well, so that neither a block nor a value
 *              embedded in one of our lines can issue a workflow command.
 *   streamLog  a terminal: plain lines, groups as `▸ title`, annotations
 *              as `error: file:line:col: message`; terminal control
 *              characters in foreign text are shown as escapes.
 */




/**
 * At most this many annotations per step, all kinds together (GitHub shows
 * 10 of each kind per step and 50 per job; the rest only clutter). The
 * action's log sends one less, keeping one for the step's failure.
 */
const ANNOTATION_LIMIT = 30;
/**
 * Every line break the runner (a .NET `StreamReader.ReadLine`) or a
 * terminal may honour: CR LF, CR, LF, and to be safe VT, FF, NEL, LS, PS.
 */
const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;
/** Zero-width space: breaks `::` and `##[` without changing what one reads. */
const ZWSP = '\u200b';
/**
 * Break up what would make the runner read one line as a command: `::` at
 * the start (after white space, which the runner trims) and `##[` anywhere.
 */
function neutraliseLine(line) {
    return line
        .replace(/^(\s*):(?=:)/, `$1:${ZWSP}`)
        .replace(/##\[/g, `#${ZWSP}#[`);
}
/** Foreign text as lines, each made inert for the runner. */
function neutraliseLines(text) {
    return text.split(LINE_BREAK).map(neutraliseLine);
}
/** One foreign value for the runner's log: one inert line. */
function runnerValue(text) {
    return neutraliseLine(text.replace(new RegExp(LINE_BREAK.source, 'g'), (b) => b === '\r\n' ? '\\r\\n' : (0,_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeChar */ .k)(b)));
}
/**
 * Characters a terminal acts on: C0 controls but tab and LF, DEL, C1
 * controls, the bidi embeddings and overrides, the bidi isolates, and the
 * line and paragraph separators.
 */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/**
 * Foreign text for a terminal: every control character (ESC sequences
 * included, since ESC itself is shown) as a visible escape; CR LF becomes
 * LF. With `oneLine`, LF and tab are escaped too.
 */
function terminalText(text, oneLine = false) {
    const shown = text
        .replace(/\r\n/g, '\n')
        .replace(TERMINAL_CONTROL, escapeChar);
    return oneLine ? shown.replace(/[\n\t]/g, escapeChar) : shown;
}
/** A fresh, unguessable stop-commands token. */
function stopToken() {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomUUID)().replace(/-/g, '');
}
/**
 * The runner's log, through @actions/core (which escapes annotation
 * messages `%`, CR, LF and properties also `:` `,`).
 */
function actionLog(deps = {}) {
    const write = deps.write ?? ((text) => void process.stdout.write(text));
    const token = deps.token ?? stopToken;
    const limit = deps.annotationLimit ?? ANNOTATION_LIMIT - 1;
    let sent = 0;
    let omitted = 0;
    const fenced = (lines) => {
        const t = token();
        write([`::stop-commands::${t}`, ...lines, `::${t}::`].join(node_os__WEBPACK_IMPORTED_MODULE_2__.EOL) + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
    };
    // Over the limit an annotation is counted and becomes a plain, fenced
    // line: nothing is lost, nothing floods the checks page.
    const annotate = (kind, message, props) => {
        if (sent < limit) {
            sent++;
            if (kind === 'error')
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message, props);
            else
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message, props);
            return;
        }
        omitted++;
        const where = props.file
            ? `${props.file}${props.startLine ? `:${props.startLine}` : ''}: `
            : '';
        const title = props.title ? `${props.title}: ` : '';
        fenced(neutraliseLines(`${kind}: ${where}${title}${message}`));
    };
    return {
        info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(message),
        debug: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(message),
        warning: (message, props = {}) => annotate('warning', message, props),
        error: (message, props = {}) => annotate('error', message, props),
        startGroup: (title) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .startGroup */ .Oh(title),
        endGroup: () => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .endGroup */ .N4(),
        foreign: (text) => fenced(neutraliseLines(text)),
        foreignBlock: (title, text) => {
            if (title !== undefined)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(title);
            fenced(neutraliseLines(text));
        },
        value: runnerValue,
        omit: (count) => void (omitted += count),
        omitted: () => omitted
    };
}
/**
 * A terminal's log: plain lines to `write`, groups as `▸ title` with their
 * lines indented, annotations as `error: file:line:col: message`, debug
 * lines only when verbose. Foreign text has its control characters shown
 * as escapes.
 */
function streamLog(write, options = {}) {
    let inGroup = false;
    let omitted = 0;
    const lines = (text) => {
        const pad = inGroup ? '  ' : '';
        write(text
            .split('\n')
            .map((l) => (l ? pad + l : l))
            .join('\n') + '\n');
    };
    const annotation = (kind, message, props = {}) => {
        const { file, startLine, startColumn, title } = props;
        const where = file
            ? `${file}${startLine ? `:${startLine}${startColumn ? `:${startColumn}` : ''}` : ''}: `
            : '';
        lines(terminalText(`${kind}: ${where}${title && !file ? `${title}: ` : ''}${message}`));
    };
    return {
        info: (message) => lines(terminalText(message)),
        debug: (message) => {
            if (options.verbose)
                lines(terminalText(`debug: ${message}`));
        },
        warning: (message, props) => annotation('warning', message, props),
        error: (message, props) => annotation('error', message, props),
        startGroup: (title) => {
            inGroup = false;
            lines(`▸ ${terminalText(title, true)}`);
            inGroup = true;
        },
        endGroup: () => {
            inGroup = false;
        },
        foreign: (text) => lines(terminalText(text.replace(/\n+$/, ''))),
        foreignBlock: (title, text) => {
            if (title !== undefined)
                lines(terminalText(title));
            lines(terminalText(text.replace(/\n+$/, '')));
        },
        value: (text) => terminalText(text, true),
        omit: (count) => void (omitted += count),
        omitted: () => omitted
    };
}


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/inputs/parse.ts + 1 modules
var parse = __webpack_require__(39721);
;// CONCATENATED MODULE: ./src/inputs/inputs.ts
/**
 * Inputs stage: the only reader of the action's inputs. Parsing and
 * validation are in `parse.ts`; this module adds the runner's side, where
 * inputs come from (`core.getInput`) and the masking of `env` values.
 */



/**
 * The runner's way: `core.getInput`, which reads INPUT_<NAME>. A runner
 * always passes every input (action.yml defaults included); outside one
 * (the demo, local runs) a missing variable means "not given".
 */
const actionInputs = (name) => process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] === undefined
    ? undefined
    : core/* getInput */.V4(name);
/**
 * Read and validate the engine's inputs; values of `env` long enough to
 * mean something are registered as secrets before anything can log them.
 *
 * @param raw reads one input (undefined when not given); defaults are applied here
 * @throws InputError with one line per problem
 */
function getInputs(raw = actionInputs) {
    return (0,parse/* parseInputs */.TL)(raw, (secret) => core/* setSecret */.Pq(secret));
}

// EXTERNAL MODULE: ./src/log.ts
var src_log = __webpack_require__(25625);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/hash.ts
var hash = __webpack_require__(56495);
;// CONCATENATED MODULE: ./src/inspect/paths.ts
/**
 * Build-machine paths in a binary: the check a release engineer makes by
 * hand with `strings binary | grep /home/` after `-trimpath`. `machinePaths`
 * decides what to look for (pure); `scanForPaths` streams the file once in
 * fixed-size chunks, so memory stays flat whatever the binary's size;
 * `pathFindings` turns hits into findings that say where a path likely came
 * from.
 */


/** Directories shorter than this are too common to search for (`/`, `C:\`). */
const MIN_DIR_LENGTH = 5;
/** The most hits kept per binary; the rest are only counted. */
const MAX_PATH_HITS = 10;
const CHUNK = 1 << 20;
/**
 * The directories to look for, from the build's own facts and the runner's
 * environment, each with both separators on Windows spellings (`C:\a\b` and
 * `C:/a/b`: Go writes forward slashes in some places). Root directories and
 * duplicates are left out; the longest spelling of a place wins when two
 * labels name the same directory.
 */
function machinePaths(dirs) {
    const out = [];
    const seen = new Set();
    for (const { label, dir } of dirs) {
        if (!dir)
            continue;
        const trimmed = dir.replace(/[\\/]+$/, '');
        const spellings = /\\/.test(trimmed)
            ? [trimmed, trimmed.replace(/\\/g, '/')]
            : [trimmed];
        for (const s of spellings) {
            if (s.length < MIN_DIR_LENGTH || seen.has(s))
                continue;
            seen.add(s);
            out.push({ label, dir: s });
        }
    }
    return out;
}
/** `/` and `\`: a directory counts only when a separator follows it. */
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
function paths_anchors(paths) {
    const dirs = paths.map((p) => ({ p, dir: Buffer.from(p.dir) }));
    const out = [];
    for (const a of dirs) {
        // machinePaths left no two alike, so a prefix is a shorter directory
        const covered = dirs.some((b) => b.dir.length < a.dir.length && a.dir.subarray(0, b.dir.length).equals(b.dir));
        if (covered)
            continue;
        out.push({
            anchor: a.dir,
            candidates: dirs
                .filter((b) => b.dir.subarray(0, a.dir.length).equals(a.dir))
                .sort((x, y) => y.dir.length - x.dir.length)
        });
    }
    return out;
}
/** The printable run around `[start, end)` in `buf`, for a message. */
function context(buf, start, end) {
    const printable = (b) => b >= 0x20 && b < 0x7f;
    let a = start;
    let z = end;
    while (a > 0 && start - a < 60 && printable(buf[a - 1]))
        a--;
    while (z < buf.length && z - end < 100 && printable(buf[z]))
        z++;
    return buf.subarray(a, z).toString('latin1');
}
/**
 * Reports every occurrence of a machine path in bytes pushed to it in
 * order, chunk by chunk (so that the pass that hashes a binary can scan it
 * too). Memory is one chunk plus the longest needle, whatever the size.
 */
class PathScanner {
    paths;
    searches;
    overlap;
    buf;
    scan = { hits: [], total: 0, counts: {} };
    /** Bytes held in buf (the first ones carried over from the last scan). */
    filled = 0;
    /** File offset of buf[0]. */
    base = 0;
    constructor(paths) {
        this.paths = paths;
        // Longest first: where HOME is a prefix of the workspace, a hit is the
        // workspace's, counted once.
        this.searches = paths_anchors(paths);
        // the longest directory and its separator
        this.overlap = Math.max(0, ...paths.map((p) => Buffer.byteLength(p.dir)));
        this.buf = Buffer.alloc(this.searches.length ? CHUNK + this.overlap : 0);
    }
    /** The next bytes of the file. */
    push(data) {
        if (!this.searches.length)
            return;
        let at = 0;
        while (at < data.length) {
            const n = data.copy(this.buf, this.filled, at);
            this.filled += n;
            at += n;
            if (this.filled === this.buf.length)
                this.scanHeld(false);
        }
    }
    /** What was found, once every byte was pushed. */
    finish() {
        if (this.searches.length && this.filled > 0)
            this.scanHeld(true);
        return this.scan;
    }
    scanHeld(last) {
        const { buf, filled, overlap, scan } = this;
        const view = buf.subarray(0, filled);
        // A match is counted in the chunk where it starts, and only starts
        // before `limit` are taken unless this is the last chunk, so a match
        // straddling two chunks is seen exactly once.
        const limit = last ? filled : filled - overlap;
        const found = new Map();
        for (const { anchor, candidates } of this.searches) {
            for (let at = view.indexOf(anchor); at >= 0 && at < limit; at = view.indexOf(anchor, at + 1)) {
                const hit = candidates.find(({ dir }) => {
                    const sep = view[at + dir.length];
                    return ((sep === SLASH || sep === BACKSLASH) &&
                        view.subarray(at, at + dir.length).equals(dir));
                });
                if (hit)
                    found.set(at, { p: hit.p, end: at + hit.dir.length + 1 });
            }
        }
        for (const [at, { p, end }] of [...found].sort((a, b) => a[0] - b[0])) {
            scan.total++;
            scan.counts[p.label] = (scan.counts[p.label] ?? 0) + 1;
            if (scan.hits.length < MAX_PATH_HITS)
                scan.hits.push({
                    label: p.label,
                    dir: p.dir,
                    offset: this.base + at,
                    text: context(view, at, end)
                });
        }
        if (last) {
            this.filled = 0;
            return;
        }
        const keep = Math.min(overlap, filled);
        buf.copy(buf, 0, filled - keep, filled);
        this.base += filled - keep;
        this.filled = keep;
    }
}
/**
 * Streams `file` once and reports every occurrence of a machine path
 * ({@link PathScanner} over 1 MiB reads).
 */
async function scanForPaths(file, paths) {
    const scanner = new PathScanner(paths);
    if (!paths.length)
        return scanner.finish();
    const chunk = Buffer.allocUnsafe(CHUNK);
    const handle = await (0,promises_.open)(file, 'r');
    try {
        for (let at = 0;;) {
            const { bytesRead } = await handle.read(chunk, 0, CHUNK, at);
            if (bytesRead === 0)
                break;
            scanner.push(chunk.subarray(0, bytesRead));
            at += bytesRead;
        }
    }
    finally {
        await handle.close();
    }
    return scanner.finish();
}
/** Where a path of this kind most likely came from, and what to do. */
function origin(hit) {
    const tail = hit.text.slice(hit.text.indexOf(hit.dir) + hit.dir.length);
    if (/\.go\b/.test(tail))
        return `a Go source path survived: -trimpath did not reach this package (check GOFLAGS and a wrapper around go), or a dependency records runtime.Caller paths at build time`;
    if (hit.label === 'GOROOT')
        return `the Go installation's path survived: -trimpath did not reach the standard library, or an -ldflags -X value names GOROOT`;
    if (hit.label === 'GOMODCACHE' || hit.label === 'GOPATH')
        return `a dependency's path in the module cache survived: a dependency embeds it (go:embed of a generated file) or an -ldflags -X value names it`;
    return `most likely an -ldflags -X value or a //go:embed file that holds the path (a generated file that records where it was made); set the value from a relative path or strip it`;
}
/**
 * One error finding per hit (the first MAX_PATH_HITS), naming the path, its
 * offset and its likely origin; a note counts the rest.
 */
function pathFindings(scan, fileName) {
    const findings = scan.hits.map((hit) => ({
        check: 'build-path',
        expected: 'no path of the build machine (trimpath: true)',
        found: `${hit.label} ${hit.dir} at offset 0x${hit.offset.toString(16)}`,
        hint: `${fileName} holds ${hit.label} (${hit.dir}) at offset 0x${hit.offset.toString(16)}: "${hit.text}". ${origin(hit)}.`,
        severity: 'error'
    }));
    if (scan.total > scan.hits.length)
        findings.push({
            check: 'build-path',
            expected: 'no path of the build machine (trimpath: true)',
            found: `${scan.total} occurrences`,
            hint: `${fileName}: ${scan.total - scan.hits.length} more occurrence(s) of build-machine paths left out.`,
            severity: 'note'
        });
    return findings;
}
/** The machine paths of a build, from its facts and the environment. */
function buildMachinePaths(facts) {
    const env = facts.env;
    return machinePaths([
        { label: 'the module directory', dir: facts.moduleDir },
        { label: 'GITHUB_WORKSPACE', dir: env.GITHUB_WORKSPACE },
        { label: 'GOMODCACHE', dir: facts.gomodcache },
        { label: 'GOROOT', dir: facts.goroot },
        ...(facts.gopath ?? '')
            .split(external_node_path_.delimiter)
            .map((dir) => ({ label: 'GOPATH', dir })),
        { label: 'RUNNER_TEMP', dir: env.RUNNER_TEMP },
        { label: 'HOME', dir: env.HOME ?? env.USERPROFILE }
    ]);
}
/**
 * The path check's result in words, for the `binaries` output and the
 * summary: `clean`, `1 hit`, `3 hits`, `skipped (trimpath off)`.
 */
function pathCheckText(check) {
    if (!check)
        return null;
    if (check.state === 'skipped')
        return 'skipped (trimpath off)';
    if (check.state === 'clean')
        return 'clean';
    return `${check.hits} ${check.hits === 1 ? 'hit' : 'hits'}`;
}

// EXTERNAL MODULE: ./src/files.ts
var src_files = __webpack_require__(59148);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/plan/names.ts
var names = __webpack_require__(42471);
// EXTERNAL MODULE: ./src/package/checksums.ts
var checksums = __webpack_require__(71652);
;// CONCATENATED MODULE: ./src/package/stale.ts
/**
 * Checksum files left in the output directory by an earlier run are removed
 * before this run builds anything, so a run that fails part-way never leaves
 * a SHA256SUMS, or a `.sha256` file, that describes another run's files.
 */





/** The suffix of a per-file checksum file (`tool.tar.gz.sha256`). */
const SIDECAR_SUFFIX = '.sha256';
/** A sidecar is one line; anything longer is not one of ours. */
const MAX_SIDECAR_BYTES = 4096;
/**
 * Removes the step's checksum files of an earlier run from `outputDir`:
 * `SHA256SUMS` (a file or a symlink, never what a symlink points to) and
 * each `<file>.sha256` that is a regular file in the action's own format,
 * one line naming its sibling `<file>` (and a second naming its SBOM
 * `<file>.cdx.json`). Anything else is left alone. Only
 * the directory itself is read, not its subdirectories.
 *
 * @param outputDir The output directory (need not exist).
 * @returns The names removed, sorted.
 * @throws Error naming the file when one cannot be removed.
 */
async function removeStaleChecksums(outputDir) {
    let entries;
    try {
        entries = await (0,promises_.readdir)(outputDir, { withFileTypes: true });
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return [];
        throw staleError(outputDir, error);
    }
    const removed = [];
    for (const entry of entries) {
        const name = entry.name;
        const path = (0,external_node_path_.join)(outputDir, name);
        const stale = name === checksums/* CHECKSUMS_FILE */.aP
            ? !entry.isDirectory()
            : name.endsWith(SIDECAR_SUFFIX) &&
                entry.isFile() &&
                (await isOurSidecar(path, name.slice(0, -SIDECAR_SUFFIX.length)));
        if (!stale)
            continue;
        try {
            await (0,promises_.rm)(path, { force: true });
        }
        catch (error) {
            throw staleError(path, error);
        }
        removed.push(name);
    }
    return removed.sort();
}
/** Whether `path` holds exactly `<64 hex>  <sibling>\n`, read without following a symlink. */
async function isOurSidecar(path, sibling) {
    let handle;
    try {
        handle = await (0,promises_.open)(path, external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NOFOLLOW ?? 0));
        const buffer = Buffer.alloc(MAX_SIDECAR_BYTES + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (bytesRead > MAX_SIDECAR_BYTES)
            return false;
        const text = buffer.subarray(0, bytesRead).toString('utf8');
        // one line for the sibling, and one for its SBOM when it sits beside it
        const line = (name) => `[0-9a-f]{64}  ${escapeRegExp(name)}\n`;
        return new RegExp(`^${line(sibling)}(${line((0,names/* sbomFileName */.RM)(sibling))})?$`).test(text);
    }
    catch {
        return false;
    }
    finally {
        await handle?.close();
    }
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function staleError(path, error) {
    const message = error?.message;
    const reason = typeof message === 'string' ? message : String(error);
    return new Error(`output-dir: could not remove ${path}, a checksum file of an earlier run: ${reason}. Remove it by hand or make the directory writable, then re-run.`, { cause: error });
}

// EXTERNAL MODULE: ./src/plan/environment.ts
var environment = __webpack_require__(42582);
// EXTERNAL MODULE: ./src/plan/plan.ts + 5 modules
var plan_plan = __webpack_require__(15043);
// EXTERNAL MODULE: ./src/process.ts + 1 modules
var src_process = __webpack_require__(67063);
;// CONCATENATED MODULE: ./src/build/build.ts
/**
 * Build stage: one `go build` per target (all its main packages at once),
 * run in parallel up to a bound, sharing Go's build cache, each with its own
 * clean environment.
 */










/** The environment of every go command run for this target. */
function buildEnvironment(plan, target) {
    const env = (0,environment/* targetEnvironment */.dK)(plan.baseEnv, target, plan.platform, plan.variantDefaults);
    const gocache = plan.gocache?.[target.id];
    return gocache ? { ...env, GOCACHE: gocache } : env;
}
/**
 * Explain a failed build when a dependency needs cgo: list the packages that
 * have cgo files under CGO_ENABLED=1 and break under CGO_ENABLED=0 (an error
 * from go list, or named in the compiler's output). Standard-library packages
 * with cgo files (net, os/user) build fine without it and are never named.
 */
async function cgoCulprits(plan, target, pkg, compilerOutput) {
    const env = buildEnvironment(plan, target);
    const template = '{{.ImportPath}}\t{{.Standard}}\t{{len .CgoFiles}}\t{{if .Error}}1{{else}}0{{end}}\t{{len .GoFiles}}';
    const tags = plan.buildFlags.filter((f) => f.startsWith('-tags='));
    const list = (cgo) => (0,src_process/* runProcess */.R3)(plan.go, ['list', '-e', '-deps', ...tags, '-f', template, '--', pkg.pattern], {
        cwd: plan.cwd,
        env: { ...env, CGO_ENABLED: cgo },
        timeoutMs: src_process/* PROBE_TIMEOUT_MS */.W7
    }).then((r) => r.stdout);
    const [withCgo, withoutCgo] = await Promise.all([list('1'), list('0')]);
    const rows = (out) => new Map(out
        .split(/\r?\n/)
        .filter(Boolean)
        .map((l) => l.split('\t'))
        .map((cols) => [cols[0], cols]));
    const on = rows(withCgo);
    const off = rows(withoutCgo);
    const culprits = [];
    for (const [importPath, cols] of on) {
        const [, standard, cgoFiles] = cols;
        if (standard === 'true' || Number(cgoFiles) === 0)
            continue;
        const without = off.get(importPath);
        const broken = without && without[3] === '1';
        const named = compilerOutput.includes(`# ${importPath}\n`) ||
            compilerOutput.includes(`# ${importPath}\r\n`) ||
            compilerOutput.includes(`"${importPath}"`);
        if (broken || named)
            culprits.push(importPath);
    }
    return culprits.sort();
}
/**
 * The file name `go build -o DIR/` gives a main package's binary: the last
 * element of its import path, skipping a major-version element (cmd/go's
 * exeFromImportPath), plus .exe for windows.
 */
function goExecName(importPath, goos) {
    const parts = importPath.split('/');
    let elem = parts[parts.length - 1];
    if (parts.length > 1 && /^v([2-9]|[1-9][0-9]+)$/.test(elem))
        elem = parts[parts.length - 2];
    return elem + (goos === 'windows' ? '.exe' : '');
}
/** Phrase a failed build's error, naming the dependency that needs cgo. */
async function explainFailure(plan, target, pkg, exitCode, output) {
    const culprits = await cgoCulprits(plan, target, pkg, output).catch(() => []);
    if (culprits.length)
        return `${target.name}: ${culprits.join(', ')} ${culprits.length > 1 ? 'require' : 'requires'} cgo, which this action keeps off. Use a pure-Go alternative or drop the target.`;
    if (/requires external \(cgo\) linking/.test(output))
        return `${target.name}: Go can link this target only with cgo (external linking), which this action keeps off. Drop the target.`;
    return `${target.name}: go build ${pkg.binaryName} failed (exit code ${exitCode})`;
}
/**
 * The record of one planned binary's build: the one way a Build is made
 * (the build stage starts from it; tests make theirs with it too).
 *
 * @param binary the planned binary, with its names
 * @param status what happened
 * @param outcome what else is known (seconds, output, error, size, sha256, stamp)
 */
function buildRecord(binary, status, outcome = {}) {
    return { ...binary, status, seconds: 0, output: '', ...outcome };
}
/** The build stage's problems: one per failed or skipped build. */
function buildProblems(builds) {
    return builds
        .filter((b) => b.status !== 'built')
        .map((b) => ({
        what: b.error ?? `${b.target.name}: ${b.status}`,
        fix: '',
        stage: 'build',
        builds: [b.id]
    }));
}
/** The planned binaries of one target, in package order. */
function binariesOf(plan, target) {
    return plan.binaries.filter((b) => b.target.id === target.id);
}
/**
 * Build every main package for one target in one `go build`, as a person
 * would (`go build -o DIR/ ./cmd/a ./cmd/b`): the package graph is loaded
 * once and the links overlap. go writes into a fresh staging directory
 * (mkdtemp, inside the output directory so the rename stays on one file
 * system); each binary is renamed to its final path only once the build
 * succeeded, so a binary appears there complete or not at all, and the
 * rename replaces a symlink planted at that path instead of writing through
 * it. `exited` is told as soon as go build ends, before the binaries are
 * renamed and hashed, whether it succeeded; `spawned` once go build has
 * been started. With `machinePaths`, the pass that hashes a binary also
 * scans it for them (`pathScan`). Never throws: failures come
 * back as failed Builds.
 */
async function buildTarget(plan, target, compileParallel, exited = () => { }, spawned = () => { }, machinePaths) {
    const builds = binariesOf(plan, target).map((b) => buildRecord(b, 'failed'));
    const single = builds.length === 1;
    let staging = '';
    const env = buildEnvironment(plan, target);
    const goArgs = (out) => [
        'build',
        '-p',
        String(compileParallel),
        ...plan.buildFlags,
        '-o',
        out,
        '--',
        ...builds.map((b) => b.pkg.pattern)
    ];
    const built = (b) => external_node_path_.join(staging, single ? b.fileName : goExecName(b.pkg.importPath, target.goos));
    const started = performance.now();
    const finish = () => (performance.now() - started) / 1000;
    // A cancelled run leaves no half-written binary behind.
    const forget = (0,src_process/* onCancel */.Ao)(() => Promise.allSettled([
        ...builds.map((b) => (0,promises_.rm)(b.path, { force: true })),
        ...(staging ? [(0,promises_.rm)(staging, { recursive: true, force: true })] : [])
    ]));
    try {
        for (const b of builds)
            await (0,promises_.rm)(b.path, { force: true });
        staging = await (0,promises_.mkdtemp)(external_node_path_.join(plan.outputDir, `.go-cross-build-${target.id}-`));
        const out = single ? built(builds[0]) : staging + external_node_path_.sep;
        const running = (0,src_process/* runProcess */.R3)(plan.go, goArgs(out), {
            cwd: plan.cwd,
            env,
            timeoutMs: plan.timeoutMs
        });
        // runProcess spawns before its first await
        spawned();
        const result = await running;
        // the cores are free: the next build may start while this one's
        // binaries are renamed and hashed
        exited(!result.timedOut && result.exitCode === 0);
        const seconds = finish();
        const output = [result.stderr, result.stdout].filter(Boolean).join('\n');
        for (const b of builds) {
            b.seconds = seconds;
            b.output = output;
        }
        if (result.timedOut) {
            const limit = (0,parse/* formatDuration */.a3)(plan.timeoutMs ?? 0);
            for (const b of builds) {
                await (0,promises_.rm)(b.path, { force: true });
                b.error = `${target.name}: go build ${b.pkg.binaryName} was stopped after ${limit}, the build-timeout limit (its whole process tree was killed); raise build-timeout if the build needs longer, or find what hangs`;
            }
            return builds;
        }
        if (result.exitCode !== 0) {
            for (const b of builds)
                b.error = await explainFailure(plan, target, b.pkg, result.exitCode, output);
            return builds;
        }
        for (const b of builds) {
            await (0,promises_.rename)(built(b), b.path);
            // one read: the hash, and the path check's scan of the same bytes
            const { sha256, size, stamp, sink } = await (0,hash/* sha256File */.Q)(b.path, machinePaths && (() => new PathScanner(machinePaths)));
            b.size = size;
            b.sha256 = sha256;
            b.stamp = stamp;
            if (machinePaths && sink)
                b.pathScan = { paths: machinePaths, scan: sink.finish() };
            b.status = 'built';
        }
    }
    catch (error) {
        for (const b of builds) {
            if (b.status === 'built')
                continue;
            b.seconds = finish();
            b.error = `${target.name}: could not build ${b.pkg.binaryName}: ${error.message}`;
        }
    }
    finally {
        forget();
        if (staging)
            await (0,promises_.rm)(staging, { recursive: true, force: true }).catch(() => { });
    }
    return builds;
}
/**
 * The order builds start in: longest first, so that the last ones to start,
 * which run in the tail where cores fall idle, are the short ones. Every
 * target builds the same packages, so what sets a build's length apart is
 * its cache: a target whose GOCACHE missed compiles everything, a fallback
 * restore part of it, an exact hit little. Equal ones keep plan order.
 */
function startOrder(plan) {
    const rank = { miss: 0, fallback: 1, exact: 2 };
    const warmth = plan.targets.map((t) => {
        const hit = plan.cacheHits?.[t.id];
        return hit ? rank[hit] : 0;
    });
    return plan.targets
        .map((_, i) => i)
        .sort((a, b) => warmth[a] - warmth[b] || a - b);
}
/**
 * Run every build of the plan, one `go build` per target, at most
 * `parallel` at once, longest first ({@link startOrder}), each with the
 * `-p` of {@link compileParallelAt} for the targets left when it starts.
 * A slot takes its next target as soon as go build ends; the binaries are
 * renamed and hashed meanwhile, and `onDone` hears of each build once that
 * is done. `more.onFirstWave` is called once as many builds as run at once
 * have been spawned (the time to load what later stages need). With
 * `failFast`, no new build starts after the first failure; those not
 * started are 'skipped'. Results come back in plan order (targets sorted,
 * then packages).
 */
async function buildAll(plan, onDone = () => { }, more = {}) {
    const { onFirstWave = () => { }, machinePaths } = more;
    await (0,src_files/* makeDirectory */.Oh)(plan.outputDir);
    // no checksum file of an earlier run may outlive this one's builds
    await removeStaleChecksums(plan.outputDir);
    const results = new Array(plan.targets.length);
    const order = startOrder(plan);
    let next = 0;
    let stop = false;
    const workers = Math.max(1, Math.min(plan.parallel, plan.targets.length));
    // told once as many builds as run at once have been spawned
    let spawns = 0;
    const spawned = () => {
        if (++spawns === workers)
            onFirstWave();
    };
    const worker = async () => {
        for (;;) {
            const started = next++;
            if (started >= order.length)
                return;
            const i = order[started];
            const target = plan.targets[i];
            if (stop) {
                results[i] = binariesOf(plan, target).map((b) => buildRecord(b, 'skipped', {
                    error: `${target.name}: not built because an earlier build failed and fail-fast is on`
                }));
                for (const b of results[i])
                    onDone(b);
            }
            else {
                const p = (0,plan_plan/* compileParallelAt */._S)(plan.compileParallel, plan.maxCompileParallel ?? plan.compileParallel, order.length - started);
                let exited;
                const ended = new Promise((resolve) => (exited = resolve));
                const done = buildTarget(plan, target, p, exited, spawned, machinePaths).then((builds) => {
                    results[i] = builds;
                    for (const b of builds)
                        onDone(b);
                    const ok = builds.every((b) => b.status === 'built');
                    if (plan.failFast && !ok)
                        stop = true;
                    return ok;
                });
                finishing.push(done);
                // the slot is free once go build ends (or the build gave up before it)
                const ok = await Promise.race([ended, done]);
                if (plan.failFast && !ok)
                    stop = true;
            }
        }
    };
    const finishing = [];
    await Promise.all(Array.from({ length: workers }, worker));
    await Promise.all(finishing);
    return results.flat();
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/package/limit.ts
var limit = __webpack_require__(81395);
;// CONCATENATED MODULE: ./src/cache/cache.ts
/**
 * Warm CI runs: Go's build cache per target, restored before the builds and
 * saved after them through the runner's cache service (`@actions/cache`).
 *
 * Go compiles the standard library and every dependency separately for each
 * GOOS/GOARCH/variant, so caches of two targets share almost nothing. Each
 * target therefore builds with a GOCACHE of its own and has its own cache
 * entry: adding a target never makes the others cold, and a target's entry
 * holds only what its build used (entries restored but not touched by this
 * run are pruned before saving; see `markRestored`).
 *
 * `planCache` and `savePolicy` decide (pure); `restoreSlots` and `saveSlots`
 * do the I/O, through a `CacheClient` that is `@actions/cache`, loaded only
 * when a cache service is there.
 */




/** Loads `@actions/cache` (heavy: only when a cache service is there). */
async function loadCacheClient() {
    const cache = await Promise.all(/* import() */[__webpack_require__.e(533), __webpack_require__.e(692)]).then(__webpack_require__.bind(__webpack_require__, 45692));
    return {
        restoreCache: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
        saveCache: (paths, key) => cache.saveCache(paths, key)
    };
}
/** Bump when the layout of an entry changes, so old entries are not read. */
const KEY_VERSION = 'v1';
/** The events whose runs may save (see `savePolicy`). */
const SAVING_EVENTS = [
    'push',
    'pull_request',
    'merge_group',
    'schedule',
    'workflow_dispatch',
    'release',
    'create'
];
const cache_hash = (text, length) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, length);
/** A key-safe spelling (no commas: restore keys are comma-joined on GitHub). */
const keyPart = (text) => text.replace(/[^\w.-]+/g, '_');
/** The keys and directories of every target (pure). */
function planCache(targets, facts, policy, maxBytes) {
    const settings = cache_hash(JSON.stringify(facts.compileSettings), 12);
    const sum = facts.goSum ? cache_hash(facts.goSum, 16) : 'no-go.sum';
    return {
        policy,
        maxBytes,
        slots: targets.map((target) => {
            const prefix = [
                'go-cross-build',
                KEY_VERSION,
                keyPart(facts.runnerOs),
                keyPart(facts.runnerArch),
                keyPart(facts.goVersion),
                target.id,
                settings
            ].join('-');
            return {
                target,
                dir: external_node_path_.join(facts.root, target.id),
                key: `${prefix}-${sum}`,
                restoreKeys: [`${prefix}-`]
            };
        })
    };
}
/**
 * Which runs save. GitHub scopes a saved cache to the ref of the run that
 * saved it, and the default branch's caches are read by every branch and
 * pull request. Events that run in the default branch's scope while often
 * building code the repository has not reviewed (`pull_request_target`,
 * `workflow_run`, `issue_comment` and the like) would let that code write
 * caches every later run restores, so they never save; `pull_request`
 * saves only into the pull request's own scope, which nothing else reads.
 */
function savePolicy(event, mode = 'auto') {
    if (mode === 'never')
        return { save: false, why: 'cache-save is never' };
    if (!event)
        return { save: false, why: 'no GITHUB_EVENT_NAME: not a workflow run' };
    if (mode === 'always')
        return { save: true, why: `cache-save is always (event ${event})` };
    if (SAVING_EVENTS.includes(event))
        return {
            save: true,
            why: `a ${event} run saves into its own ref's scope`
        };
    return {
        save: false,
        why: `a ${event} run may build code the repository has not reviewed while it writes the default branch's caches, so it only restores (set cache-save: always to override)`
    };
}
/** Why no cache service can be used here, or undefined when one can. */
function cacheUnavailable(env) {
    if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL)
        return 'no cache service (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set only on a runner)';
    if (!env.ACTIONS_CACHE_SERVICE_V2)
        return 'the runner offers only the retired cache service (ACTIONS_CACHE_SERVICE_V2 is not set)';
    return undefined;
}
/** Go refreshes a cache file's mtime when it uses it and the mtime is older than this. */
const GO_MTIME_INTERVAL_MS = 60 * 60 * 1000;
/** Every regular file under `dir`, with its size and mtime. */
async function files(dir) {
    const out = [];
    // GOCACHE is 256 directories of many small files: list each directory's
    // files together, and the directories side by side (a sequential lstat
    // per file was most of a restore's time).
    const walk = async (d) => {
        let entries;
        try {
            entries = await (0,promises_.readdir)(d, { withFileTypes: true });
        }
        catch {
            return;
        }
        await Promise.all(entries.map(async (e) => {
            const file = external_node_path_.join(d, e.name);
            if (e.isDirectory())
                return walk(file);
            if (!e.isFile())
                return;
            const st = await (0,promises_.lstat)(file).catch(() => undefined);
            if (st?.isFile())
                out.push({ file, size: st.size, mtimeMs: st.mtimeMs });
        }));
    };
    await walk(dir);
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
/**
 * Ages every restored file past Go's refresh interval, so that each file a
 * build then uses gets a fresh mtime from Go itself, and the files it did
 * not use can be told apart and pruned before saving.
 */
async function markRestored(dir, now) {
    const old = new Date(now - 2 * GO_MTIME_INTERVAL_MS);
    const listed = await files(dir);
    await (0,limit/* mapLimit */.s)(listed, 64, (f) => (0,promises_.utimes)(f.file, old, old));
    return listed.map((f) => ({ ...f, mtimeMs: old.getTime() }));
}
/** Settles `promise` or rejects after `ms`. */
function within(promise, ms, what) {
    let timer;
    return Promise.race([
        promise,
        new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
            timer.unref();
        })
    ]).finally(() => clearTimeout(timer));
}
const ioDefaults = (o) => ({
    now: o.now ?? Date.now,
    timeoutMs: o.timeoutMs ?? 5 * 60_000
});
/**
 * Restores every target's entry into its directory, one after the other
 * (the client extracts with `tar`, which keeps a core busy). A failure or a
 * timeout is a miss with a warning, never an error; a target whose restore
 * timed out builds in a fresh directory so that a late extraction cannot
 * race its build.
 */
async function restoreSlots(plan, client, options = {}) {
    const { now, timeoutMs } = ioDefaults(options);
    // A few at once: one target's download overlaps another's extraction.
    return (0,limit/* mapLimit */.s)(plan.slots, RESTORE_CONCURRENCY, async (slot) => {
        const started = now();
        await (0,promises_.mkdir)(slot.dir, { recursive: true });
        let matchedKey;
        let warning;
        try {
            matchedKey = await within(client.restoreCache([slot.dir], slot.key, slot.restoreKeys), timeoutMs, `restoring the cache of ${slot.target.name}`);
        }
        catch (error) {
            warning = `${slot.target.name}: the build cache was not restored (${error instanceof Error ? error.message : String(error)}); it builds cold`;
            slot.dir = `${slot.dir}-cold`;
            await (0,promises_.rm)(slot.dir, { recursive: true, force: true });
            await (0,promises_.mkdir)(slot.dir, { recursive: true });
        }
        const listed = await markRestored(slot.dir, now());
        return {
            slot,
            hit: !matchedKey ? 'miss' : matchedKey === slot.key ? 'exact' : 'fallback',
            matchedKey,
            bytes: listed.reduce((n, f) => n + f.size, 0),
            files: listed.length,
            seconds: (now() - started) / 1000,
            warning
        };
    });
}
/** Targets restored at once. */
const RESTORE_CONCURRENCY = 3;
/**
 * Saves the entry of every target that did not hit its exact key, holding
 * only the files this run used (mtime at or after `runStartedMs`), within
 * the plan's byte budget, in target order. A failure is reported, never
 * thrown.
 */
async function saveSlots(plan, restored, runStartedMs, client, options = {}) {
    const { now, timeoutMs } = ioDefaults(options);
    let budget = plan.maxBytes;
    const out = [];
    for (const r of restored) {
        const started = now();
        const saved = (status, bytes, pruned, detail) => void out.push({ slot: r.slot, status, bytes, pruned, seconds: (now() - started) / 1000, detail });
        if (!plan.policy.save) {
            saved('not-saved', 0, 0, plan.policy.why);
            continue;
        }
        if (r.hit === 'exact') {
            saved('unchanged', r.bytes, 0, 'the exact key was restored; an entry never changes once saved');
            continue;
        }
        if (r.warning) {
            saved('not-saved', 0, 0, 'its restore failed, so what it built is not known to be complete');
            continue;
        }
        let pruned = 0;
        let bytes = 0;
        for (const f of await files(r.slot.dir)) {
            if (f.mtimeMs < runStartedMs - 1000) {
                await (0,promises_.rm)(f.file, { force: true });
                pruned++;
            }
            else
                bytes += f.size;
        }
        if (bytes === 0) {
            saved('not-saved', 0, pruned, 'nothing was written to it');
            continue;
        }
        if (bytes > budget) {
            saved('over-budget', bytes, pruned, `${mib(bytes)} would pass the ${mib(plan.maxBytes)} budget of cache-max-mb (${mib(budget)} left)`);
            continue;
        }
        try {
            const id = await within(client.saveCache([r.slot.dir], r.slot.key), timeoutMs, `saving the cache of ${r.slot.target.name}`);
            if (id === -1) {
                saved('failed', bytes, pruned, 'the cache service did not take it (see the warning above)');
                continue;
            }
            budget -= bytes;
            saved('saved', bytes, pruned);
        }
        catch (error) {
            saved('failed', bytes, pruned, error instanceof Error ? error.message : String(error));
        }
    }
    return out;
}
/** `12.3 MiB` */
function mib(bytes) {
    return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

;// CONCATENATED MODULE: ./src/cache/stage.ts
/**
 * The cache stage's edge: decides from the inputs and the runner whether a
 * build cache per target is used, restores it before the builds (giving
 * each target its own GOCACHE in the build plan) and saves it after them.
 * The cache never fails the build: every problem is a warning, and the
 * build goes on cold.
 */




/** The compile settings that go into the keys (pure). */
function compileSettings(inputs) {
    return [
        'CGO_ENABLED=0',
        `-trimpath=${inputs.trimpath}`,
        `-tags=${[...inputs.tags].sort().join(',')}`,
        ...inputs.flags
    ];
}
/**
 * Restores the cache of every target and points each target's builds at
 * its directory. Never throws.
 */
async function restoreCache(plan, inputs, env, log) {
    const off = (why) => {
        log.info(`cache: off, ${log.value(why)}`);
        return { report: { state: 'off', why, restored: [], saved: [] } };
    };
    if (!inputs.cache)
        return off('cache is false');
    const unavailable = cacheUnavailable(env);
    if (unavailable)
        return off(unavailable);
    try {
        const gomod = plan.toolchain.gomod;
        const goSumPath = gomod ? external_node_path_.join(external_node_path_.dirname(gomod), 'go.sum') : '';
        const cachePlan = planCache(plan.build.targets, {
            runnerOs: env.RUNNER_OS ?? process.platform,
            runnerArch: env.RUNNER_ARCH ?? process.arch,
            goVersion: plan.toolchain.version,
            compileSettings: compileSettings(inputs),
            goSum: goSumPath && (0,external_node_fs_.existsSync)(goSumPath) ? (0,external_node_fs_.readFileSync)(goSumPath, 'utf8') : '',
            root: external_node_path_.join(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'go-cross-build-gocache')
        }, savePolicy(env.GITHUB_EVENT_NAME, inputs.cacheSave), inputs.cacheMaxBytes);
        const client = await loadCacheClient();
        const restored = await restoreSlots(cachePlan, client);
        plan.build.gocache = Object.fromEntries(restored.map((r) => [r.slot.target.id, r.slot.dir]));
        plan.build.cacheHits = Object.fromEntries(restored.map((r) => [r.slot.target.id, r.hit]));
        for (const r of restored) {
            if (r.warning)
                log.warning(log.value(r.warning));
            log.info(`cache ${r.slot.target.name}: ${r.hit === 'exact' ? 'hit' : r.hit === 'fallback' ? `restored from ${log.value(r.matchedKey ?? '')}` : 'miss'}, ${mib(r.bytes)} in ${r.seconds.toFixed(1)} s`);
        }
        return {
            report: { state: 'on', why: cachePlan.policy.why, restored, saved: [] },
            plan: cachePlan,
            client
        };
    }
    catch (error) {
        log.warning(`cache: not restored (${log.value(error instanceof Error ? error.message : String(error))}); the builds run cold`);
        return off('the cache service failed');
    }
}
/** Saves what the builds used, within the budget. Never throws. */
async function saveCache(session, buildsStartedMs, log) {
    const { report, plan, client } = session;
    if (!plan || !client)
        return report;
    try {
        const saved = await saveSlots(plan, report.restored, buildsStartedMs, client);
        for (const s of saved)
            log.info(`cache ${s.slot.target.name}: ${s.status}${s.bytes ? `, ${mib(s.bytes)}` : ''}${s.pruned ? `, ${s.pruned} unused file(s) left out` : ''}${s.detail ? ` (${log.value(s.detail)})` : ''}`);
        return { ...report, saved };
    }
    catch (error) {
        log.warning(`cache: not saved (${log.value(error instanceof Error ? error.message : String(error))})`);
        return report;
    }
}

// EXTERNAL MODULE: ./src/inputs/flags.ts
var flags = __webpack_require__(12794);
;// CONCATENATED MODULE: ./src/inspect/smoke.ts
/**
 * smoke: runs a built binary once, natively when the host can execute it,
 * under qemu-user for foreign Linux targets when `qemu-<arch>` is on PATH,
 * and reports the rest as not runnable. No shell: an argument vector, a
 * timeout that kills the binary's whole process tree, output captured, and
 * the same base environment as go (no runner credentials, no inputs).
 */




/** Node's `process.arch` → GOARCH. */
const NODE_ARCH = {
    x64: 'amd64',
    ia32: '386',
    arm: 'arm',
    arm64: 'arm64',
    loong64: 'loong64',
    mips: 'mips',
    mipsel: 'mipsle',
    ppc64: 'ppc64le',
    riscv64: 'riscv64',
    s390x: 's390x'
};
/** Node's `process.platform` → GOOS. */
const NODE_OS = {
    linux: 'linux',
    darwin: 'darwin',
    win32: 'windows',
    freebsd: 'freebsd',
    openbsd: 'openbsd',
    netbsd: 'netbsd',
    aix: 'aix',
    sunos: 'solaris'
};
/** GOARCH → qemu-user binary name. */
const QEMU = {
    '386': 'qemu-i386',
    amd64: 'qemu-x86_64',
    arm: 'qemu-arm',
    arm64: 'qemu-aarch64',
    loong64: 'qemu-loongarch64',
    mips: 'qemu-mips',
    mipsle: 'qemu-mipsel',
    mips64: 'qemu-mips64',
    mips64le: 'qemu-mips64el',
    ppc64: 'qemu-ppc64',
    ppc64le: 'qemu-ppc64le',
    riscv64: 'qemu-riscv64',
    s390x: 'qemu-s390x'
};
/** The host as GOOS/GOARCH. */
function hostPlatform(platform = process.platform, arch = process.arch) {
    return {
        goos: NODE_OS[platform] ?? platform,
        goarch: NODE_ARCH[arch] ?? arch
    };
}
/**
 * Decides how `target` could run on `host` (pure; qemu availability is
 * checked by the caller). Only pairs known to work are native: a host's own
 * arch, 386 on amd64 Linux and Windows, and amd64 on arm64 Windows (its
 * emulation layer). Rosetta on macOS may be missing, so it is not assumed.
 */
function planRun(target, host) {
    if (target.goos === host.goos) {
        if (target.goarch === host.goarch)
            return { how: 'native' };
        if (host.goarch === 'amd64' &&
            target.goarch === '386' &&
            (host.goos === 'linux' || host.goos === 'windows')) {
            return { how: 'native' };
        }
        if (host.goos === 'windows' &&
            host.goarch === 'arm64' &&
            (target.goarch === 'amd64' || target.goarch === '386')) {
            return { how: 'native' };
        }
    }
    if (target.goos === 'linux' && host.goos === 'linux' && QEMU[target.goarch]) {
        return { how: 'qemu', qemu: QEMU[target.goarch] };
    }
    return {
        how: 'none',
        reason: `not runnable here: a ${target.goos}/${target.goarch} binary cannot run on this ${host.goos}/${host.goarch} runner${target.goos === 'linux' && host.goos === 'linux' ? ' (no qemu-user for this arch)' : ''}`
    };
}
/** Finds an executable named `name` on PATH, or undefined. */
async function findOnPath(name, path = process.env.PATH ?? '') {
    for (const dir of path.split(external_node_path_.delimiter)) {
        if (!dir)
            continue;
        const candidate = (0,external_node_path_.join)(dir, name);
        try {
            await (0,promises_.access)(candidate, promises_.constants.X_OK);
            return candidate;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
function tail(s, n = 400) {
    const t = s.trim();
    return t.length > n ? `…${t.slice(-n)}` : t;
}
/**
 * Runs the binary at `path` built for `target` with `args`, natively or
 * under qemu-user, and checks that it exits 0 within `timeoutMs`.
 *
 * @param opts.env the base environment of the builds (`baseEnvironment`);
 *   by default the runner's, with credentials and inputs withheld
 */
async function smokeTest(target, path, args, opts = {}) {
    const plan = planRun(target, hostPlatform());
    if (plan.how === 'none')
        return { status: 'not-runnable', detail: plan.reason };
    let file = path;
    let argv = args;
    let how = 'native';
    const env = { ...(opts.env ?? (0,environment/* baseEnvironment */.PZ)(process.env, {}).env) };
    if (plan.how === 'qemu') {
        const qemu = await findOnPath(plan.qemu, env.PATH ?? process.env.PATH);
        if (!qemu) {
            return {
                status: 'not-runnable',
                detail: `not runnable here: ${plan.qemu} is not on PATH (install qemu-user to run ${target.goos}/${target.goarch} binaries)`
            };
        }
        file = qemu;
        argv = [path, ...args];
        how = plan.qemu;
        // qemu-user crashes Go's 386 runtime unless async preemption is off.
        if (target.goarch === '386') {
            env.GODEBUG = [env.GODEBUG, 'asyncpreemptoff=1'].filter(Boolean).join(',');
        }
    }
    const timeout = opts.timeoutMs ?? 30_000;
    let result;
    try {
        result = await (0,src_process/* runProcess */.R3)(file, argv, {
            cwd: process.cwd(),
            env,
            timeoutMs: timeout
        });
    }
    catch (error) {
        const e = error;
        return {
            status: 'failed',
            detail: `${how}: could not start (${e.code ?? e.message})`
        };
    }
    const output = tail(`${result.stdout}${result.stderr}`);
    if (!result.timedOut && result.exitCode === 0 && !result.signal)
        return {
            status: 'passed',
            detail: `${how}: exit 0${output ? `: ${output}` : ''}`
        };
    const why = result.timedOut
        ? `timed out after ${timeout} ms`
        : result.signal
            ? `killed by ${result.signal}`
            : `exit ${result.exitCode}`;
    return {
        status: 'failed',
        detail: `${how}: ${why}${output ? `: ${output}` : ''}`
    };
}

// EXTERNAL MODULE: ./src/inspect/binary/index.ts + 6 modules
var binary = __webpack_require__(26208);
// EXTERNAL MODULE: ./src/inspect/binary/elf.ts
var binary_elf = __webpack_require__(71565);
;// CONCATENATED MODULE: ./src/inspect/releases.ts
/**
 * What differs between Go releases in the headers the verdict reads, in one
 * table keyed by release. Its own module, without the binary readers, so the
 * job summary can say which row was used without loading them.
 */
/**
 * The one table of what differs between Go releases, keyed by release, as
 * measured on real binaries of every target (the differential test builds
 * them with each release listed here and checks this table). A release not
 * listed (older, newer, or a pre-release) is not judged on these fields: a
 * newer Go may move them again, and a guess would fail good binaries.
 */
const LINKER_HEADERS = {
    'go1.26': { ppc64ElfAbi: 1, macosMinos: '12.0.0', macosSdk: '12.0.0' },
    'go1.27': { ppc64ElfAbi: 2, macosMinos: '13.0.0', macosSdk: '26.2.0' }
};
/**
 * The release (`go1.27`) of a Go version as the build info records it
 * (`go1.27.3`, `go1.27.3 X:jsonv2`), or undefined for a pre-release or a
 * development build (`go1.28rc1`, `devel go1.28-abc`).
 */
function goRelease(goVersion) {
    return /^(go1\.\d+)(?:\.\d+)?(?: |$)/.exec(goVersion)?.[1];
}
/** The header fields the Go release that built a binary writes, if known. */
function linkerHeadersFor(goVersion) {
    const release = goRelease(goVersion);
    return release === undefined ? undefined : LINKER_HEADERS[release];
}

;// CONCATENATED MODULE: ./src/inspect/verify.ts
/**
 * verify: compares what a binary says it is (`inspectBinary`) with what its
 * target promised. `expectedFor` and `judge` are pure; `verifyBinary` is the
 * thin edge that reads the file.
 */




const CONTAINERS = {
    aix: 'xcoff',
    darwin: 'macho',
    ios: 'macho',
    windows: 'pe',
    plan9: 'plan9',
    js: 'wasm',
    wasip1: 'wasm'
};
const CONTAINER_NAMES = {
    elf: 'ELF',
    macho: 'Mach-O',
    pe: 'PE',
    xcoff: 'XCOFF',
    plan9: 'Plan 9 a.out',
    wasm: 'WebAssembly'
};
const ARCHES = {
    '386': {
        bits: 32,
        order: 'little',
        machine: 'Intel 80386',
        variant: 'GO386'
    },
    amd64: { bits: 64, order: 'little', machine: 'x86-64', variant: 'GOAMD64' },
    arm: { bits: 32, order: 'little', machine: 'ARM', variant: 'GOARM' },
    arm64: {
        bits: 64,
        order: 'little',
        machine: 'ARM aarch64',
        variant: 'GOARM64'
    },
    loong64: { bits: 64, order: 'little', machine: 'LoongArch' },
    mips: {
        bits: 32,
        order: 'big',
        machine: 'MIPS (big-endian)',
        variant: 'GOMIPS'
    },
    mipsle: {
        bits: 32,
        order: 'little',
        machine: 'MIPS (little-endian)',
        variant: 'GOMIPS'
    },
    mips64: {
        bits: 64,
        order: 'big',
        machine: 'MIPS64 (big-endian)',
        variant: 'GOMIPS64'
    },
    mips64le: {
        bits: 64,
        order: 'little',
        machine: 'MIPS64 (little-endian)',
        variant: 'GOMIPS64'
    },
    ppc64: {
        bits: 64,
        order: 'big',
        machine: '64-bit PowerPC (big-endian)',
        variant: 'GOPPC64'
    },
    ppc64le: {
        bits: 64,
        order: 'little',
        machine: '64-bit PowerPC (little-endian)',
        variant: 'GOPPC64'
    },
    riscv64: {
        bits: 64,
        order: 'little',
        machine: 'RISC-V 64',
        variant: 'GORISCV64'
    },
    s390x: { bits: 64, order: 'big', machine: 'IBM S/390' },
    wasm: { bits: 32, order: 'little', machine: 'WebAssembly' }
};
/**
 * Platforms whose Go binaries link the system libraries even with cgo off,
 * as seen on real go1.26 binaries (the differential test re-checks this on
 * every target): `goos` or `goos/goarch`.
 */
const LINKS_SYSTEM_LIBRARIES = new Set([
    'aix',
    'darwin',
    'ios',
    'illumos',
    'solaris',
    'windows',
    'android/arm64',
    'openbsd'
]);
const ELF_OSABI = { freebsd: 9, netbsd: 2, openbsd: 12 };
const HEADER_OS = new Set([
    'freebsd',
    'openbsd',
    'netbsd',
    'darwin',
    'ios',
    'windows',
    'aix',
    'plan9',
    'js',
    'wasip1'
]);
/** What the binary for `target` should look like. */
function expectedFor(target) {
    const container = CONTAINERS[target.goos] ?? 'elf';
    const arch = ARCHES[target.goarch] ?? {
        bits: 64,
        order: 'little',
        machine: target.goarch
    };
    return {
        container,
        bits: arch.bits,
        byteOrder: arch.order,
        machine: arch.machine,
        elfOsabi: container === 'elf' ? (ELF_OSABI[target.goos] ?? 0) : undefined,
        os: HEADER_OS.has(target.goos) ? target.goos : undefined,
        linksSystemLibraries: LINKS_SYSTEM_LIBRARIES.has(target.goos) ||
            LINKS_SYSTEM_LIBRARIES.has(`${target.goos}/${target.goarch}`),
        variantVar: arch.variant
    };
}
const WRAPPER_HINT = "did not reach the compiler; check for a wrapper around go, or GOFLAGS/GOOS/GOARCH set in the job's environment";
/** Describes a binary's header in a few words (`ELF 64-bit LSB x86-64`). */
function describeHeader(info) {
    const order = info.byteOrder === 'little' ? 'LSB' : 'MSB';
    return `${CONTAINER_NAMES[info.container]} ${info.bits}-bit ${order} ${info.machine}`;
}
/** Compares what the binary says with what `target` promised. */
function judge(target, info, opts) {
    const e = expectedFor(target);
    const t = target.name;
    const found = describeHeader(info);
    const out = [];
    const add = (check, expected, got, hint, severity = 'error') => {
        out.push({ check, expected, found: got, hint: `${t}: ${hint}`, severity });
    };
    if (info.container !== e.container) {
        add('container', CONTAINER_NAMES[e.container], found, `the binary is ${found}, expected ${CONTAINER_NAMES[e.container]}. GOOS ${WRAPPER_HINT}.`);
        return out.concat(judgeBuildInfo(target, info, e));
    }
    if (info.arch !== target.goarch) {
        add('machine', `${e.machine} (GOARCH=${target.goarch})`, `${info.machine}${info.arch ? ` (GOARCH=${info.arch})` : ''}`, `the binary is ${found}, expected ${e.machine}. GOARCH ${WRAPPER_HINT}.`);
    }
    else {
        if (info.bits !== e.bits) {
            add('class', `${e.bits}-bit`, `${info.bits}-bit`, `the binary is ${found}, expected ${e.bits}-bit. The file header is damaged or was written for another target.`);
        }
        if (info.byteOrder !== e.byteOrder) {
            add('byte-order', e.byteOrder, info.byteOrder, `the binary is ${e.byteOrder === 'little' ? 'big' : 'little'}-endian, expected ${e.byteOrder}-endian. GOARCH ${WRAPPER_HINT}.`);
        }
    }
    if (info.elf && e.elfOsabi !== undefined && info.elf.osabi !== e.elfOsabi) {
        add('os', `ELF OS/ABI ${e.elfOsabi}`, `ELF OS/ABI ${info.elf.osabi}`, `the ELF header names OS/ABI ${info.elf.osabi}, expected ${e.elfOsabi} for ${target.goos}. GOOS ${WRAPPER_HINT}.`);
    }
    else if (info.os !== e.os &&
        (e.os !== undefined || info.container === 'elf')) {
        add('os', e.os ?? 'no OS mark', info.os ?? 'no OS mark', `the header identifies ${info.os ?? 'no OS'}, expected ${e.os ?? 'none'}. GOOS ${WRAPPER_HINT}.`);
    }
    if (info.kind !== 'executable' && info.kind !== 'pie') {
        add('kind', 'executable', info.kind, `the file is a ${info.kind}, not an executable. Check -buildmode in the build flags.`);
    }
    const linkage = info.interpreter
        ? `dynamically linked, interpreter ${info.interpreter}`
        : info.libraries.length > 0
            ? `dynamically linked (${info.libraries.join(', ')})`
            : 'statically linked';
    if (!info.staticallyLinked) {
        if (e.linksSystemLibraries) {
            add('static', 'system libraries (normal for this platform)', linkage, `Go links ${target.goos}'s system libraries even with CGO_ENABLED=0; this is expected, reported for information.`, 'note');
        }
        else {
            add('static', 'statically linked', linkage, 'the binary is dynamically linked although Go links this platform statically without cgo. cgo or -linkmode=external reached the build; check CGO_ENABLED and -ldflags.');
        }
    }
    if (opts.expectStripped && (info.symbols || info.dwarf)) {
        const what = [
            info.symbols ? 'a symbol table' : '',
            info.dwarf ? 'DWARF debug info' : ''
        ]
            .filter(Boolean)
            .join(' and ');
        add('stripped', 'no symbol table, no DWARF', what, 'the binary still has ' +
            what +
            ' although -ldflags="-s -w" was asked for. Check that the ldflags reached go build (a later -ldflags in GOFLAGS or flags replaces earlier ones).');
    }
    return out.concat(judgeLinkerHeaders(target, info), judgeBuildInfo(target, info, e));
}
/**
 * The header fields that `LINKER_HEADERS` fixes for the Go release in the
 * build info. A mismatch means the header and the build info were not
 * written by the same linker.
 */
function judgeLinkerHeaders(target, info) {
    const goVersion = info.buildInfo?.goVersion ?? '';
    const want = linkerHeadersFor(goVersion);
    if (!want)
        return [];
    const out = [];
    const add = (check, expected, found) => {
        out.push({
            check,
            expected,
            found,
            hint: `${target.name}: the header says ${found}, but ${goRelease(goVersion)} writes ${expected}, and the build info says ${goVersion} built it. The header and the build info come from different linkers: the binary was post-processed, or the toolchain is not the Go release it claims to be.`,
            severity: 'error'
        });
    };
    const elf = info.elf;
    if (elf &&
        target.goos === 'linux' &&
        elf.machine === binary_elf/* EM_PPC64 */.vM &&
        info.byteOrder === 'big') {
        const abi = elf.flags & 3;
        if (abi !== want.ppc64ElfAbi)
            add('elf-abi', `ELFv${want.ppc64ElfAbi}`, `ELFv${abi}`);
    }
    const macho = info.macho;
    if (macho && target.goos === 'darwin' && macho.platformName === 'macos') {
        const found = `minimum macOS ${macho.minos ?? 'not recorded'}`;
        if (macho.minos !== want.macosMinos)
            add('macos-version', `minimum macOS ${want.macosMinos}`, found);
    }
    return out;
}
function judgeBuildInfo(target, info, e) {
    const out = [];
    const t = target.name;
    const bi = info.buildInfo;
    if (!bi) {
        out.push({
            check: 'buildinfo',
            expected: 'Go build info',
            found: info.buildInfoError ?? 'none',
            hint: `${t}: the binary has no readable Go build info (${info.buildInfoError ?? 'missing'}). It was not built by go build, or was damaged or post-processed (packer, strip of data).`,
            severity: 'error'
        });
        return out;
    }
    const check = (key, want, hint) => {
        const got = (0,binary.setting)(bi, key);
        if (got !== want) {
            out.push({
                check: key === 'CGO_ENABLED' ? 'cgo' : key.toLowerCase(),
                expected: `${key}=${want}`,
                found: got === undefined ? `${key} not recorded` : `${key}=${got}`,
                hint: `${t}: ${hint}`,
                severity: 'error'
            });
        }
    };
    check('GOOS', target.goos, `the build info records another GOOS. GOOS ${WRAPPER_HINT}.`);
    check('GOARCH', target.goarch, `the build info records another GOARCH. GOARCH ${WRAPPER_HINT}.`);
    check('CGO_ENABLED', '0', "cgo was not disabled: CGO_ENABLED=0 did not reach go build (check the job's environment and any wrapper around go).");
    if (target.variant && e.variantVar) {
        check(e.variantVar, target.variant, `the build info records another ${e.variantVar}. ${e.variantVar} ${WRAPPER_HINT}.`);
    }
    return out;
}
/** A `file`-like one-line description of a binary. */
function formatLine(info) {
    const parts = [];
    const order = info.byteOrder === 'little' ? 'LSB' : 'MSB';
    const kind = info.kind === 'pie' ? 'pie executable' : info.kind;
    switch (info.container) {
        case 'elf':
            parts.push(`ELF ${info.bits}-bit ${order} ${kind}`, info.machine);
            if (info.elf?.flagsText.length)
                parts.push(info.elf.flagsText.join(' '));
            if (info.os)
                parts.push(`for ${info.os === 'freebsd' ? 'FreeBSD' : info.os === 'netbsd' ? 'NetBSD' : 'OpenBSD'}`);
            break;
        case 'macho':
            parts.push(`Mach-O ${info.bits}-bit ${info.machine} ${kind}`);
            if (info.macho?.platformName)
                parts.push(`${info.macho.platformName} ${info.macho.minos ?? ''}`.trim());
            break;
        case 'pe':
            parts.push(`${info.bits === 64 ? 'PE32+' : 'PE32'} executable (${info.pe?.subsystemName ?? '?'}) ${info.machine}, for MS Windows`);
            break;
        case 'xcoff':
            parts.push(`${info.bits}-bit XCOFF ${kind}`, info.machine);
            break;
        case 'plan9':
            parts.push('Plan 9 executable', info.machine);
            break;
        case 'wasm':
            parts.push(`WebAssembly (wasm) binary module version 0x${(info.wasm?.version ?? 0).toString(16)}`);
            if (info.wasm?.importModules.length)
                parts.push(`imports ${info.wasm.importModules.join(', ')}`);
            break;
    }
    if (info.container !== 'wasm' && info.container !== 'plan9') {
        parts.push(info.interpreter
            ? `dynamically linked, interpreter ${info.interpreter}`
            : info.libraries.length > 0
                ? `dynamically linked (${info.libraries.join(', ')})`
                : 'statically linked');
    }
    const bi = info.buildInfo;
    if (bi) {
        parts.push(`Go ${bi.goVersion.replace(/^go/, '')}`);
        const cgo = (0,binary.setting)(bi, 'CGO_ENABLED');
        if (cgo !== undefined)
            parts.push(`CGO_ENABLED=${cgo}`);
    }
    else {
        parts.push('no Go build info');
    }
    parts.push(info.symbols || info.dwarf ? 'not stripped' : 'stripped');
    return parts.join(', ');
}
/** The structured facts for the `binaries` output. */
function checksOf(info) {
    const bi = info.buildInfo;
    return {
        container: info.container,
        bits: info.bits,
        byteOrder: info.byteOrder,
        machine: info.machine,
        arch: info.arch,
        kind: info.kind,
        os: info.os ?? null,
        interpreter: info.interpreter ?? null,
        libraries: info.libraries,
        staticallyLinked: info.staticallyLinked,
        symbols: info.symbols,
        dwarf: info.dwarf,
        stripped: !info.symbols && !info.dwarf,
        ...(info.elf
            ? {
                elfOsabi: info.elf.osabi,
                elfMachine: info.elf.machine,
                elfFlags: info.elf.flags,
                elfFlagsText: info.elf.flagsText
            }
            : {}),
        ...(info.macho
            ? {
                cputype: info.macho.cputype,
                cpusubtype: info.macho.cpusubtype,
                platform: info.macho.platformName ?? null,
                minos: info.macho.minos ?? null
            }
            : {}),
        ...(info.pe
            ? {
                peMachine: info.pe.machine,
                peMagic: info.pe.magic,
                subsystem: info.pe.subsystemName
            }
            : {}),
        ...(info.wasm ? { importModules: info.wasm.importModules } : {}),
        goVersion: bi?.goVersion ?? null,
        // the LINKER_HEADERS row its release-dependent header fields were
        // judged against (`go1.27`), or null: a release not in the table
        releaseHeaders: bi && linkerHeadersFor(bi.goVersion) ? (goRelease(bi.goVersion) ?? null) : null,
        path: bi?.path ?? null,
        mod: bi?.mod ? `${bi.mod.path}@${bi.mod.version}` : null,
        build: bi ? Object.fromEntries(bi.settings) : null,
        buildInfoError: info.buildInfoError ?? null
    };
}
/**
 * Reads the binary at `path` and judges it against `target`. Never rejects:
 * an unreadable or malformed file gives an error finding.
 */
async function verifyBinary(target, path, opts) {
    let info;
    try {
        info = await (0,binary.inspectBinary)(path);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const e = expectedFor(target);
        return {
            format: `unreadable: ${message}`,
            checks: { error: message },
            findings: [
                {
                    check: 'format',
                    expected: `${CONTAINER_NAMES[e.container]} ${e.bits}-bit ${e.machine}`,
                    found: message,
                    hint: `${target.name}: the file could not be read as an executable (${message}). It is truncated, damaged, or not what go build wrote.`,
                    severity: 'error'
                }
            ],
            ok: false
        };
    }
    const findings = judge(target, info, opts);
    return {
        format: formatLine(info),
        checks: checksOf(info),
        findings,
        ok: !findings.some((f) => f.severity === 'error')
    };
}

;// CONCATENATED MODULE: ./src/inspect/inspect.ts
/**
 * Inspect stage: read every built binary and judge it against its target
 * (`verify.ts`), then, when asked, run the ones this runner can execute
 * (`smoke.ts`). The readers and runners are the edge; which findings and
 * smoke results are problems is decided here, by pure functions.
 */





/** Whether the ldflags ask for a stripped binary (`-s`; Go then drops DWARF too). */
function asksForStripping(ldflags) {
    try {
        return (0,flags/* splitWords */.yM)(ldflags).some((w) => w === '-s' || w === '-s=true');
    }
    catch {
        return false;
    }
}
/**
 * Read every built binary and judge it against its target, then (with
 * trimpath on) stream it once for build-machine paths: each hit is one more
 * error finding of the verification.
 *
 * @param builds every build, in plan order
 * @returns one report per build, with a verification for each that built
 */
async function verifyBuilds(builds, opts, early) {
    return (0,limit/* mapLimit */.s)(builds, 4, (build) => early?.started(build) ?? verifyOne(build, opts));
}
/** One build's report: its verification when it built, with the path check. */
async function verifyOne(build, opts) {
    if (build.status !== 'built')
        return { build };
    const verification = await verifyBinary(build.target, build.path, {
        expectStripped: asksForStripping(opts.ldflags)
    });
    return {
        build,
        verification: await checkPaths(verification, build, opts.machinePaths)
    };
}
/** An EarlyVerifier judging by `opts`. */
function earlyVerifier(opts) {
    const reports = new Map();
    return {
        start(build) {
            if (build.status !== 'built' || reports.has(build))
                return;
            const report = verifyOne(build, opts);
            // Awaited by verifyBuilds; never left to reject unobserved meanwhile.
            report.catch(() => { });
            reports.set(build, report);
        },
        started: (build) => reports.get(build)
    };
}
/** The verification with the path check's findings and result added. */
async function checkPaths(verification, build, paths) {
    const searched = (paths ?? []).map((p) => `${p.label}=${p.dir}`);
    if (paths === undefined)
        return { ...verification, paths: { state: 'skipped', hits: 0, searched } };
    let scan;
    try {
        // the scan the build stage made of the hashed bytes, when it was asked
        // for these very paths
        scan =
            build.pathScan?.paths === paths
                ? build.pathScan.scan
                : await scanForPaths(build.path, paths);
    }
    catch {
        // An unreadable file already has its own error finding.
        return verification;
    }
    const findings = [
        ...verification.findings,
        ...pathFindings(scan, build.fileName)
    ];
    const check = {
        state: scan.total ? 'hits' : 'clean',
        hits: scan.total,
        searched
    };
    return {
        ...verification,
        findings,
        ok: !findings.some((f) => f.severity === 'error'),
        paths: check
    };
}
/**
 * The problems verification found: one per error finding, when verify is
 * on. With verify off, findings are reported as warnings and fail nothing.
 */
function verificationProblems(binaries, verify) {
    if (!verify)
        return [];
    return binaries.flatMap((b) => (b.verification?.findings ?? [])
        .filter((f) => f.severity === 'error')
        .map((f) => ({
        what: f.hint,
        fix: '',
        stage: 'inspect',
        builds: [b.build.id]
    })));
}
/** The binaries the smoke test runs: built, and not failed by verification. */
function smokeCandidates(binaries) {
    return binaries.filter((b) => b.build.status === 'built' && (b.verification?.ok ?? true));
}
/**
 * Run each smoke candidate once, a bounded number at a time. Binaries this
 * runner cannot run come back `not-runnable`, never failed.
 *
 * @returns the reports, each candidate's with its smoke result
 */
async function smokeBinaries(binaries, args, parallel, env) {
    const runnable = new Set(smokeCandidates(binaries));
    return (0,limit/* mapLimit */.s)(binaries, Math.max(1, parallel), async (b) => runnable.has(b)
        ? {
            ...b,
            smoke: await smokeTest(b.build.target, b.build.path, [...args], {
                env
            })
        }
        : b);
}
/** One problem per failed smoke test. */
function smokeProblems(binaries) {
    return binaries
        .filter((b) => b.smoke?.status === 'failed')
        .map((b) => ({
        subject: b.build.target.name,
        what: `smoke test of ${b.build.fileName} failed: ${b.smoke?.detail}`,
        fix: '',
        stage: 'smoke',
        builds: [b.build.id]
    }));
}

// EXTERNAL MODULE: ./src/package/options.ts
var options = __webpack_require__(71906);
// EXTERNAL MODULE: ./src/problem.ts
var problem = __webpack_require__(64008);
;// CONCATENATED MODULE: ./src/package/package.ts
/**
 * The package stage: turns verified binaries into the files that will be
 * uploaded (archives, per-target `.sha256` files, the step's `SHA256SUMS`) and
 * into a list of artifacts to create, each with its name and files.
 */







/**
 * Packages binaries for upload, under the names the plan gave them. Only
 * builds with status 'built' are used. A binary whose file is still the one
 * the build stage hashed (the same `build.stamp`: device, inode, size,
 * mtime, ctime) keeps that hash without being read again, unless `reread`
 * is set (a binary of this run was executed since, such as by the smoke
 * test, and might have rewritten another in the same clock tick); any
 * other is hashed again and, when `build.sha256` is set, must still match it.
 *
 * Files written into `outputDir`:
 * - each binary's `deliverable` when it is not the binary itself: its
 *   `.tar.gz` / `.zip` archive, or with `skip-archive` a copy named like its
 *   artifact when the binary is not already so named;
 * - each binary's `sidecar` (`<file>.sha256`) for per-target artifacts
 *   (zipped by the service), so `sha256sum -c` works after download;
 * - `SHA256SUMS`, listing every file that is (or would be) uploaded, once
 *   they all exist; none when nothing was packaged.
 *
 * Each file is written under a fresh temp name and renamed into place
 * (src/files.ts), so a symlink planted at any of these names is replaced,
 * not written through, and no name ever holds a partial file.
 *
 * @param builds The verified builds.
 * @param opts Validated publish options.
 * @param outputDir The directory holding the binaries.
 * @param reread Hash every binary again, whatever its stamp.
 * @returns The packages to upload, the checksums and per-binary problems.
 * @throws when output-dir or SHA256SUMS cannot be written
 */
async function packageBinaries(builds, opts, outputDir, reread = false) {
    const root = (0,external_node_path_.resolve)(outputDir);
    await (0,src_files/* makeDirectory */.Oh)(root);
    const problems = [];
    const mtime = sourceDateEpoch();
    const built = builds
        .filter((b) => b.status === 'built')
        .sort((a, b) => compare(`${a.target.id}\0${a.pkg.binaryName}`, `${b.target.id}\0${b.pkg.binaryName}`))
        .filter((build) => {
        const binPath = (0,external_node_path_.resolve)(build.path);
        const rel = (0,external_node_path_.relative)(root, binPath);
        if (rel !== '' && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel))
            return true;
        problems.push({
            subject: describe(build),
            what: `${binPath} is not inside the output directory ${root}; it was not packaged or uploaded.`,
            fix: 'Build it into output-dir.',
            stage: 'package',
            builds: [build.id]
        });
        return false;
    });
    const made = await (0,limit/* mapLimit */.s)(built, 4, async (build) => {
        try {
            return await packageOne(build, root, mtime, reread);
        }
        catch (error) {
            problems.push({
                subject: describe(build),
                what: `packaging failed: ${(0,problem/* errorMessage */.gJ)(error)}`,
                fix: '',
                stage: 'package',
                builds: [build.id]
            });
            return undefined;
        }
    });
    const packed = built.flatMap((build, i) => {
        const one = made[i];
        return one === undefined ? [] : [{ build, ...one }];
    });
    const files = packed
        .flatMap((p) => p.files)
        .sort((a, b) => compare(a.file, b.file));
    const sboms = {};
    for (const p of packed)
        if (p.sbom !== undefined)
            sboms[p.build.id] = p.sbom;
    const sumsPath = (0,external_node_path_.join)(root, checksums/* CHECKSUMS_FILE */.aP);
    if (files.length > 0)
        await (0,src_files/* writeFileAtomic */.Zf)(sumsPath, (0,checksums/* formatChecksums */.ss)(files));
    else
        await (0,promises_.rm)(sumsPath, { force: true });
    const checksumsPath = files.length > 0 ? sumsPath : undefined;
    const packages = await artifactPackages(packed, files, opts, root, sumsPath);
    return { outputDir: root, checksumsPath, files, packages, sboms, problems };
}
/**
 * The artifacts to create from what was packaged, under the plan's names:
 * one per binary (with its `.sha256` sidecar, written here, unless raw), or
 * one combined artifact with SHA256SUMS.
 */
async function artifactPackages(packed, files, opts, root, checksumsPath) {
    const packages = [];
    if (opts.upload === 'per-target') {
        for (const { build, files: [f, sbom] } of packed) {
            const one = {
                name: build.artifact ?? '',
                rootDirectory: root,
                builds: [build.id],
                binaries: [f.binary]
            };
            if (opts.skipArchive) {
                packages.push({ ...one, files: [f.path], raw: true, sha256: f.sha256 });
                // A raw artifact is one file: the SBOM is an artifact of its own.
                if (sbom !== undefined)
                    packages.push({
                        name: build.sbomArtifact ?? '',
                        files: [sbom.path],
                        rootDirectory: root,
                        raw: true,
                        sha256: sbom.sha256,
                        builds: [build.id],
                        binaries: []
                    });
                continue;
            }
            if (build.sidecar === undefined)
                throw new Error(`${build.id}: the plan named no .sha256 file for a per-target artifact; plan and publish options disagree.`);
            // The sidecar checks everything in the artifact: the deliverable and
            // its SBOM when that sits beside it.
            const sidecar = (0,external_node_path_.join)(root, build.sidecar);
            const inside = sbom === undefined ? [f] : [f, sbom];
            await (0,src_files/* writeFileAtomic */.Zf)(sidecar, (0,checksums/* formatChecksums */.ss)(inside.map((x) => ({ ...x, file: (0,external_node_path_.basename)(x.path) }))));
            packages.push({
                ...one,
                files: [...inside.map((x) => x.path), sidecar],
                raw: false
            });
        }
    }
    else if (opts.upload === 'combined' && files.length > 0) {
        packages.push({
            name: packed[0].build.artifact ?? '',
            files: [...files.map((f) => f.path), checksumsPath],
            rootDirectory: root,
            raw: false,
            builds: packed.map((p) => p.build.id),
            binaries: files
                .filter((f) => f.kind === 'release')
                .map((f) => f.binary)
                .sort(compare)
        });
    }
    return packages;
}
/**
 * Write one build's SBOM (with sbom: true), then its deliverable (archive
 * with the SBOM inside, or copy), and hash them.
 */
async function packageOne(build, root, mtime, reread) {
    const binPath = (0,external_node_path_.resolve)(build.path);
    const deliverable = (0,external_node_path_.join)(root, build.deliverable);
    const binary = toSlash((0,external_node_path_.relative)(root, binPath));
    const own = await verifiedHash(build, binPath, binary, reread);
    const sbom = build.sbom === undefined ? undefined : (0,external_node_path_.join)(root, build.sbom);
    if (sbom !== undefined)
        await writeSbom(build, binPath, sbom, own.sha256);
    try {
        return await deliver(build, { binPath, binary, deliverable, own, sbom }, mtime);
    }
    catch (error) {
        // what is not packaged leaves no SBOM behind
        if (sbom !== undefined)
            await (0,promises_.rm)(sbom, { force: true });
        throw error;
    }
}
/**
 * The binary's SHA-256 as verified: the build stage's, when the file still
 * has the stamp it had then and nothing asks for a re-read; otherwise the
 * file is read again and must match.
 */
async function verifiedHash(build, binPath, binary, reread) {
    const { sha256, size, stamp } = build;
    if (!reread && sha256 !== undefined && size !== undefined && stamp !== undefined) {
        if ((await (0,hash/* fileStamp */.a)(binPath)) === stamp)
            return { sha256, size };
    }
    const own = await (0,checksums/* sha256File */.Q3)(binPath);
    if (sha256 !== undefined && sha256 !== own.sha256) {
        throw new Error(`${binary} changed after it was verified (sha256 ${own.sha256}, verified ${sha256}); something in the job wrote to the output directory. Re-run the step.`);
    }
    return own;
}
/** The deliverable of one build (archive or copy) and the files SHA256SUMS lists. */
async function deliver(build, at, mtime) {
    const { binPath, binary, deliverable, own, sbom } = at;
    let sum = own;
    if (build.archive !== 'none') {
        const time = mtime ?? (await (0,promises_.stat)(binPath)).mtime;
        // tar and archiver load only when an archive is asked for
        const { DATA_MODE, writeTarGz, writeZip } = await Promise.all(/* import() */[__webpack_require__.e(392), __webpack_require__.e(697), __webpack_require__.e(518)]).then(__webpack_require__.bind(__webpack_require__, 8518));
        const entries = [
            { source: binPath, name: build.fileName, mtime: time }
        ];
        if (sbom !== undefined && build.sbom !== undefined)
            entries.push({
                source: sbom,
                name: build.sbom,
                mtime: time,
                mode: DATA_MODE
            });
        if (build.archive === 'tar.gz')
            await writeTarGz(entries, deliverable);
        else
            await writeZip(entries, deliverable);
        sum = await (0,checksums/* sha256File */.Q3)(deliverable);
    }
    else if (deliverable !== binPath) {
        await (0,src_files/* copyFileAtomic */.Vh)(binPath, deliverable);
        sum = await (0,checksums/* sha256File */.Q3)(deliverable);
        if (sum.sha256 !== own.sha256) {
            throw new Error(`the copy ${(0,external_node_path_.basename)(deliverable)} does not match ${binary} (sha256 ${sum.sha256} vs ${own.sha256}); check the disk.`);
        }
    }
    const files = [
        {
            file: toSlash(build.deliverable),
            path: deliverable,
            sha256: sum.sha256,
            size: sum.size,
            build: build.id,
            binary,
            kind: 'release'
        }
    ];
    // Inside the archive it is covered by the archive's line; without one it
    // is a release file of its own.
    if (sbom !== undefined && build.sbom !== undefined && build.archive === 'none') {
        const s = await (0,checksums/* sha256File */.Q3)(sbom);
        files.push({
            file: toSlash(build.sbom),
            path: sbom,
            sha256: s.sha256,
            size: s.size,
            build: build.id,
            binary,
            kind: 'sbom'
        });
    }
    return { files, sbom };
}
/**
 * Starts loading the code the package stage will need (the SBOM library
 * and the binary readers with sbom on, tar and zip for an archive), so
 * that it loads while the builds run instead of after them. Failing to
 * load here is not an error: the package stage imports it again and
 * reports the failure there.
 */
function preloadPackaging(opts) {
    const loads = [];
    if (opts.sbom)
        loads.push(Promise.all(/* import() */[__webpack_require__.e(571), __webpack_require__.e(239)]).then(__webpack_require__.bind(__webpack_require__, 81239)), Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 26208)));
    if (opts.archive !== 'none')
        loads.push(Promise.all(/* import() */[__webpack_require__.e(392), __webpack_require__.e(697), __webpack_require__.e(518)]).then(__webpack_require__.bind(__webpack_require__, 8518)));
    for (const load of loads)
        load.catch(() => { });
}
/**
 * Write a binary's SBOM from the build info read from the very bytes that
 * are packaged (hashed just before as `sha256`).
 *
 * @throws when the binary has no Go build info to make it from
 */
async function writeSbom(build, binPath, dest, sha256) {
    // The SBOM library and the readers load only when an SBOM is asked for.
    const [{ cycloneDxSbom, sbomTimestamp }, { inspectBinary }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(571), __webpack_require__.e(239)]).then(__webpack_require__.bind(__webpack_require__, 81239)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 26208))
    ]);
    const info = await inspectBinary(binPath);
    if (!info.buildInfo)
        throw new Error(`${build.fileName} has no Go build info to make its SBOM from (${info.buildInfoError ?? 'none found'}); set sbom: false to publish it without one.`);
    const text = cycloneDxSbom({
        buildInfo: info.buildInfo,
        target: build.target,
        // the binary as the user gets it: the archive's entry, or the deliverable
        fileName: (0,external_node_path_.basename)(build.archive === 'none' ? build.deliverable : build.fileName),
        sha256,
        timestamp: sbomTimestamp(process.env['SOURCE_DATE_EPOCH'])
    });
    await (0,src_files/* writeFileAtomic */.Zf)(dest, text);
}
/** SOURCE_DATE_EPOCH as a date, for reproducible archives; else undefined. */
function sourceDateEpoch() {
    const raw = process.env['SOURCE_DATE_EPOCH'] ?? '';
    return /^[0-9]{1,12}$/.test(raw) ? new Date(Number(raw) * 1000) : undefined;
}
function describe(build) {
    return `${build.target.name} ${build.fileName}`;
}
function toSlash(p) {
    return external_node_path_.sep === '/' ? p : p.split(external_node_path_.sep).join('/');
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/package/publishable.ts
/**
 * The builds to package and upload: what built, passed verification (unless
 * verify is off) and did not fail its smoke test. Everything else stays on
 * disk and in the report.
 *
 * @param binaries every binary, as the inspect stage left them
 * @param verify the `verify` input: whether a failed verification holds a
 *   binary back
 * @returns their builds, in the order given
 */
function publishable(binaries, verify) {
    return binaries
        .filter((b) => b.build.status === 'built' &&
        (!verify || (b.verification?.ok ?? true)) &&
        b.smoke?.status !== 'failed')
        .map((b) => b.build);
}

// EXTERNAL MODULE: ./src/merge/manifest.ts
var merge_manifest = __webpack_require__(25923);
;// CONCATENATED MODULE: ./src/reproduce/compare.ts
/**
 * Two builds of one binary, compared byte for byte: `compareFiles` streams
 * both files once in fixed-size chunks (memory stays flat whatever their
 * size) and finds the first differing byte, and the first one outside the
 * Go build ID (a hash of everything else, so it differs whenever anything
 * does); `sectionAt` names the section holding an offset from the
 * readers' section tables; `likelyCause` says, from what differs, why.
 * `likelyCause` and `sectionAt` are pure.
 */

const compare_CHUNK = 1 << 20;
/** Whether `at` lies in one of the ranges. */
function skipped(at, skip) {
    return skip.find((s) => at >= s.offset && at < s.offset + s.size);
}
/** Read as much of `buf` as the file gives from `position`. */
async function fill(h, buf, position) {
    let got = 0;
    while (got < buf.length) {
        const { bytesRead } = await h.read(buf, got, buf.length - got, position + got);
        if (bytesRead === 0)
            break;
        got += bytesRead;
    }
    return got;
}
/**
 * Compare two files byte for byte, two chunks in memory at a time.
 *
 * @param skip ranges (of either file) whose differences do not count for
 *   `firstOutside`
 */
async function compareFiles(a, b, skip = []) {
    const ha = await (0,promises_.open)(a, 'r');
    try {
        const hb = await (0,promises_.open)(b, 'r');
        try {
            const sizeA = (await ha.stat()).size;
            const sizeB = (await hb.stat()).size;
            const out = { same: false, sizeA, sizeB };
            const bufA = Buffer.alloc(compare_CHUNK);
            const bufB = Buffer.alloc(compare_CHUNK);
            for (let position = 0;; position += compare_CHUNK) {
                const [na, nb] = await Promise.all([
                    fill(ha, bufA, position),
                    fill(hb, bufB, position)
                ]);
                const n = Math.min(na, nb);
                if (bufA.subarray(0, n).equals(bufB.subarray(0, n))) {
                    if (na === nb && na === compare_CHUNK)
                        continue;
                }
                else {
                    for (let i = 0; i < n; i++) {
                        if (bufA[i] === bufB[i])
                            continue;
                        const at = position + i;
                        out.first ??= at;
                        const s = skipped(at, skip);
                        if (!s) {
                            out.firstOutside = at;
                            return out;
                        }
                        // jump past the skipped range
                        i = Math.min(n, s.offset + s.size - position) - 1;
                    }
                }
                if (na !== nb || na < compare_CHUNK) {
                    if (na !== nb) {
                        const end = position + n;
                        out.first ??= end;
                        out.firstOutside ??= end;
                    }
                    out.same = out.first === undefined;
                    return out;
                }
            }
        }
        finally {
            await hb.close();
        }
    }
    finally {
        await ha.close();
    }
}
/**
 * The section that holds file offset `at`, from a reader's file ranges
 * (sorted by offset). Bytes before the first section are the headers;
 * bytes in no section (padding, a symbol table) are named after the
 * section they follow. Without a section table (a format whose sections
 * the readers do not map: XCOFF, Plan 9, wasm) the offset is the file's.
 */
function sectionAt(ranges, at) {
    const list = ranges ?? [];
    if (!list.length)
        return { section: 'the file', offset: at };
    const inside = list.filter((r) => at >= r.offset && at < r.offset + r.size);
    // the smallest section holding it (Mach-O and ELF sections do not overlap,
    // but a malformed table may)
    const best = inside.sort((x, y) => x.size - y.size)[0];
    if (best)
        return { section: best.name || '(unnamed section)', offset: at - best.offset };
    const before = list.filter((r) => r.offset + r.size <= at).pop();
    if (!before)
        return { section: 'the headers', offset: at };
    return {
        section: `after ${before.name || '(unnamed section)'}`,
        offset: at - (before.offset + before.size)
    };
}
/** `.rodata+0x1a2`. */
function placeText(place) {
    return `${place.section}+0x${place.offset.toString(16)}`;
}
/** The Go build ID's marker at the start of text in non-ELF binaries. */
const TEXT_BUILD_ID = Buffer.from('\xff Go build ID: "', 'latin1');
const TEXT_BUILD_ID_END = Buffer.from('"\n \xff', 'latin1');
/** How far into the file the text build ID is looked for. */
const BUILD_ID_SEARCH = 4 << 20;
/** Ranges that hold the Go build ID or an ID the linker derives from it. */
const BUILD_ID_RANGES = new Set([
    '.note.go.buildid',
    // Go 1.24+ derives a GNU build ID (ELF) and LC_UUID (Mach-O) from it
    '.note.gnu.build-id',
    'LC_UUID',
    'go:buildid'
]);
/**
 * Where the build IDs lie: the ELF notes `.note.go.buildid` and
 * `.note.gnu.build-id`, the Mach-O LC_UUID, the wasm custom section, and
 * the `\xff Go build ID: "…"` string the linker puts at the start of text
 * in the formats other than ELF.
 */
async function buildIdRanges(file, ranges) {
    const named = (ranges ?? [])
        .filter((r) => BUILD_ID_RANGES.has(r.name))
        .map((r) => ({ offset: r.offset, size: r.size }));
    const h = await (0,promises_.open)(file, 'r');
    try {
        const buf = Buffer.alloc(BUILD_ID_SEARCH);
        const n = await fill(h, buf, 0);
        const view = buf.subarray(0, n);
        const start = view.indexOf(TEXT_BUILD_ID);
        if (start < 0)
            return named;
        const end = view.indexOf(TEXT_BUILD_ID_END, start + TEXT_BUILD_ID.length);
        if (end < 0 || end - start > 4096)
            return named;
        return [...named, { offset: start, size: end + TEXT_BUILD_ID_END.length - start }];
    }
    finally {
        await h.close();
    }
}
/** The build settings that differ between the two builds: `vcs.modified=true/false`. */
function settingDifferences(a, b) {
    if (!a || !b)
        return [];
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
    return keys
        .filter((k) => a.get(k) !== b.get(k))
        .map((k) => `${k}=${a.get(k) ?? '(unset)'} in the build, ${b.get(k) ?? '(unset)'} in the rebuild`);
}
/**
 * The likely causes of a difference, most likely first, each with what to
 * do about it.
 */
function likelyCause(f) {
    const causes = [];
    const settings = settingDifferences(f.settingsA, f.settingsB);
    const vcs = settings.filter((s) => s.startsWith('vcs.'));
    if (vcs.some((s) => s.startsWith('vcs.modified')))
        causes.push(`VCS stamping of a dirty tree (${vcs.join('; ')}): git status saw changes in one tree and not the other; untracked files count, an output-dir inside the repository that is not in .gitignore included. Commit or ignore them, or build with -buildvcs=false`);
    else if (vcs.length)
        causes.push(`VCS stamping (${vcs.join('; ')}): the two trees are not at the same commit or time; build with -buildvcs=false or from one checkout`);
    const other = settings.filter((s) => !s.startsWith('vcs.'));
    if (other.length)
        causes.push(`different build settings (${other.join('; ')})`);
    if (f.pathsA > 0 || f.pathsB > 0)
        causes.push(`absolute paths: the build's tree ${f.rootA} appears ${f.pathsA} time(s) in its binary and the copy's ${f.rootB} ${f.pathsB} time(s) in the rebuild, so the bytes depend on where the module sits; set trimpath: true, and keep paths out of -ldflags -X values and go:embed files`);
    if (f.onlyBuildId)
        causes.push('-buildid: only the build IDs differ; drop an explicit -ldflags=-buildid= value that is not the same in every build');
    if (!causes.length)
        causes.push('timestamps or other build-time values: an -ldflags -X value from the clock or the environment, a generated file that records when or where it was made, or a go:embed file that changed between the builds');
    return causes;
}

;// CONCATENATED MODULE: ./src/reproduce/copy.ts



/** 2 GiB and 200,000 files: a large monorepo, not a home directory. */
const COPY_LIMITS = {
    maxBytes: 2 * 1024 * 1024 * 1024,
    maxFiles: 200_000
};
/**
 * Ignored directories that no Go build reads and that can be large; left
 * out only when git ignores them, so that git status is the same.
 */
const BULKY_IGNORED = new Set([
    'node_modules',
    '.venv',
    '.tox',
    '.gradle',
    '.terraform',
    '.next'
]);
/** Version control directories that mark a VCS root, as cmd/go looks for them. */
const VCS_MARKERS = ['.git', '.hg', '.bzr', '.svn', '.fslckout', '_FOSSIL_'];
/** The copy would pass its bounds. */
class CopyLimitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CopyLimitError';
    }
}
/** `child` is `parent` or below it (both absolute). */
function isInside(parent, child) {
    const rel = external_node_path_.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !external_node_path_.isAbsolute(rel));
}
/** The deepest directory holding every one of `dirs` (absolute). */
function commonAncestor(dirs) {
    let common = external_node_path_.resolve(dirs[0]);
    for (const d of dirs.slice(1)) {
        const dir = external_node_path_.resolve(d);
        while (!isInside(common, dir)) {
            const parent = external_node_path_.dirname(common);
            if (parent === common)
                break;
            common = parent;
        }
    }
    return common;
}
/**
 * The directory to copy: the deepest one that holds the module, the
 * workspace (go.work's directory and its `use` directories), every local
 * `replace` and the VCS root of the module.
 */
function copyRootFor(facts) {
    return commonAncestor([
        facts.moduleDir,
        ...(facts.gowork ? [external_node_path_.dirname(facts.gowork)] : []),
        ...(facts.localDirs ?? []),
        ...(facts.vcsRoot ? [facts.vcsRoot] : [])
    ]);
}
/** The nearest VCS root at or above `dir`, as cmd/go finds it. */
async function findVcsRoot(dir) {
    for (let current = external_node_path_.resolve(dir);;) {
        for (const marker of VCS_MARKERS) {
            try {
                await (0,promises_.lstat)(external_node_path_.join(current, marker));
                return current;
            }
            catch {
                // not here
            }
        }
        const parent = external_node_path_.dirname(current);
        if (parent === current)
            return undefined;
        current = parent;
    }
}
/** Counts the copy against its limits. */
class Budget {
    limits;
    root;
    files = 0;
    bytes = 0;
    constructor(limits, root) {
        this.limits = limits;
        this.root = root;
    }
    add(bytes) {
        this.files++;
        this.bytes += bytes;
        if (this.files > this.limits.maxFiles)
            throw new CopyLimitError(`the tree to copy, ${this.root}, holds more than ${this.limits.maxFiles} files`);
        if (this.bytes > this.limits.maxBytes)
            throw new CopyLimitError(`the tree to copy, ${this.root}, holds more than ${Math.round(this.limits.maxBytes / (1024 * 1024))} MiB`);
    }
}
/** The entries of a directory, sorted so that the copy is deterministic. */
async function entries(dir) {
    const out = [];
    for await (const e of await (0,promises_.opendir)(dir))
        out.push(e);
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
/** Names of `.git` entries that are not copied (objects come by alternates). */
const GIT_LEFT_OUT = new Set(['objects', 'logs', 'worktrees', 'modules', 'lfs']);
/** The git directory a `.git` file points to (`gitdir: …`). */
async function gitDirOf(gitFile) {
    const text = (await (0,promises_.readFile)(gitFile, 'utf8')).slice(0, 4096);
    const m = /^gitdir: (.+)$/m.exec(text);
    if (!m)
        throw new Error(`${gitFile} is a file but not a "gitdir:" link`);
    return external_node_path_.resolve(external_node_path_.dirname(gitFile), m[1].trim());
}
/**
 * A standalone copy of the git directory `gitDir` at `dest`, without the
 * objects: the shared part of a linked worktree's repository (config,
 * refs, packed-refs, info/exclude) first, then its own HEAD and index, and
 * `objects/info/alternates` naming the original object store, which git
 * then only reads.
 */
async function copyGitDir(gitDir, dest, budget) {
    let commonDir = gitDir;
    try {
        const common = (await (0,promises_.readFile)(external_node_path_.join(gitDir, 'commondir'), 'utf8')).trim();
        commonDir = external_node_path_.resolve(gitDir, common);
    }
    catch {
        commonDir = gitDir;
    }
    await (0,src_files/* makeDirectory */.Oh)(dest, 'reproducible');
    await copyDir(commonDir, dest, budget, {
        root: commonDir,
        leaveOut: (rel) => GIT_LEFT_OUT.has(rel) || rel === 'index' || rel === 'HEAD'
    });
    for (const name of ['HEAD', 'index']) {
        const from = external_node_path_.join(gitDir, name);
        const s = await (0,promises_.lstat)(from).catch(() => undefined);
        if (!s?.isFile())
            continue;
        budget.add(s.size);
        await (0,src_files/* copyFileAtomic */.Vh)(from, external_node_path_.join(dest, name));
    }
    const objects = external_node_path_.join(dest, 'objects');
    await (0,src_files/* makeDirectory */.Oh)(external_node_path_.join(objects, 'info'), 'reproducible');
    await (0,src_files/* writeFileAtomic */.Zf)(external_node_path_.join(objects, 'info', 'alternates'), `${external_node_path_.join(commonDir, 'objects')}\n`);
}
/**
 * Copy a `.git`: a directory as a standalone git directory; a file (a
 * linked worktree, a submodule) as a file again (cmd/go may treat the two
 * differently), pointing to a standalone git directory built in `gitDirs`,
 * outside the copied tree. Its `core.worktree` is dropped: found through
 * the file, the work tree is the file's directory.
 */
async function copyGit(gitPath, dest, budget, gitDirs) {
    if (!(await (0,promises_.lstat)(gitPath)).isFile())
        return copyGitDir(gitPath, dest, budget);
    await (0,src_files/* makeDirectory */.Oh)(gitDirs, 'reproducible');
    const standalone = await (0,promises_.mkdtemp)(external_node_path_.join(gitDirs, 'git-'));
    await copyGitDir(await gitDirOf(gitPath), standalone, budget);
    const config = external_node_path_.join(standalone, 'config');
    const text = await (0,promises_.readFile)(config, 'utf8').catch(() => undefined);
    if (text !== undefined && /^\s*worktree\s*=/m.test(text))
        await (0,src_files/* writeFileAtomic */.Zf)(config, text.replace(/^\s*worktree\s*=.*(\r?\n|$)/gm, ''));
    budget.add(0);
    await (0,src_files/* writeFileAtomic */.Zf)(dest, `gitdir: ${standalone}\n`);
}
/** Copy one directory's entries, recursively, never following a link. */
async function copyDir(src, dest, budget, o) {
    for (const e of await entries(src)) {
        const from = external_node_path_.join(src, e.name);
        const to = external_node_path_.join(dest, e.name);
        const rel = external_node_path_.relative(o.root, from);
        if (o.leaveOut(rel, e.isDirectory())) {
            o.skipped?.push(rel);
            continue;
        }
        if (o.gitDirs && e.name === '.git' && (e.isDirectory() || e.isFile())) {
            await copyGit(from, to, budget, o.gitDirs);
            continue;
        }
        if (e.isSymbolicLink()) {
            // A link is copied as a link, its text unchanged, and never
            // followed: git stores the text, so the copy's status stays the
            // original's. One that leads out of the tree is counted for the log.
            const link = await (0,promises_.readlink)(from);
            if (!isInside(o.root, external_node_path_.resolve(src, link)))
                o.outsideLinks?.push(rel);
            budget.add(0);
            await (0,promises_.symlink)(link, to);
        }
        else if (e.isDirectory()) {
            await (0,src_files/* makeDirectory */.Oh)(to, 'reproducible');
            await copyDir(from, to, budget, o);
        }
        else if (e.isFile()) {
            const s = await (0,promises_.lstat)(from);
            budget.add(s.size);
            await (0,src_files/* copyFileAtomic */.Vh)(from, to);
        }
        // sockets, fifos and devices are not copied
    }
}
/**
 * Copy the tree at `root` to `dest` (which must not exist yet).
 *
 * @param skip absolute directories to leave out (output-dir, the temp dir)
 * @param ignored absolute directories git ignores, of which those named in
 *   BULKY_IGNORED are left out
 * @throws CopyLimitError when the copy would pass its bounds
 */
async function copyTree(root, dest, skip, ignored = [], limits = COPY_LIMITS) {
    const budget = new Budget(limits, root);
    const out = {
        root,
        copy: dest,
        files: 0,
        bytes: 0,
        skipped: [],
        outsideLinks: []
    };
    const skipRel = new Set(skip
        .filter((d) => isInside(root, d) && external_node_path_.resolve(d) !== external_node_path_.resolve(root))
        .map((d) => external_node_path_.relative(root, d)));
    const bulky = new Set(ignored
        .filter((d) => BULKY_IGNORED.has(external_node_path_.basename(d)) && isInside(root, d))
        .map((d) => external_node_path_.relative(root, d)));
    await (0,src_files/* makeDirectory */.Oh)(dest, 'reproducible');
    await copyDir(root, dest, budget, {
        root,
        leaveOut: (rel, isDir) => isDir && (skipRel.has(rel) || bulky.has(rel)),
        skipped: out.skipped,
        outsideLinks: out.outsideLinks,
        gitDirs: `${dest}.git-dirs`
    });
    out.files = budget.files;
    out.bytes = budget.bytes;
    return out;
}

;// CONCATENATED MODULE: ./src/reproduce/reproduce.ts
/**
 * Reproducible, proven on demand (`reproducible: assert | report`): every
 * target built a second time, by the same scheduler (`buildAll`), from a
 * copy of the tree at another path, into another output directory, with
 * an empty GOCACHE, and each binary compared byte for byte with the first
 * build's. A difference is a finding that names the first differing byte,
 * its section and the likely cause; with `assert` it is an error (the
 * binary fails verification and is not published), with `report` a note.
 *
 * The module cache (GOMODCACHE) stays shared: its contents are the
 * checksummed module zips go.sum pins, extracted read-only, so a second
 * copy would hold the same bytes and cost a download; the check is about
 * what this build does with them. With trimpath off its path is the same
 * in both builds, so a difference from it cannot show; the tree's path,
 * which does differ, is what the check catches.
 */










/** Run a go command for a probe; '' when it fails (the copy is then smaller). */
async function goQuiet(b, args) {
    const r = await (0,src_process/* runProcess */.R3)(b.go, args, {
        cwd: b.cwd,
        env: { ...b.baseEnv, CGO_ENABLED: '0' },
        timeoutMs: src_process/* PROBE_TIMEOUT_MS */.W7
    }).catch(() => undefined);
    return r && r.exitCode === 0 ? r.stdout : '';
}
/** Local directories a go.mod or go.work names (`replace ../x`, `use ./y`). */
function localDirsOf(json, base) {
    if (!json.trim())
        return [];
    try {
        const file = JSON.parse(json);
        const dirs = [
            ...(file.Replace ?? [])
                .filter((r) => r.New?.Path && !r.New.Version)
                .map((r) => r.New.Path),
            ...(file.Use ?? []).map((u) => u.DiskPath ?? '').filter(Boolean)
        ];
        return dirs
            .filter((d) => d.startsWith('.') || external_node_path_.isAbsolute(d))
            .map((d) => external_node_path_.resolve(base, d));
    }
    catch {
        return [];
    }
}
async function surroundings(plan) {
    const b = plan.build;
    const env = await goQuiet(b, ['env', '-json', 'GOWORK', 'GOMODCACHE', 'GOCACHE']);
    let vars = {};
    try {
        vars = JSON.parse(env);
    }
    catch {
        vars = {};
    }
    const gowork = vars.GOWORK && vars.GOWORK !== 'off' ? vars.GOWORK : undefined;
    const moduleDir = plan.toolchain.gomod ? external_node_path_.dirname(plan.toolchain.gomod) : b.cwd;
    const localDirs = plan.toolchain.gomod
        ? localDirsOf(await goQuiet(b, ['mod', 'edit', '-json']), moduleDir)
        : [];
    if (gowork)
        localDirs.push(...localDirsOf(await goQuiet(b, ['work', 'edit', '-json', gowork]), external_node_path_.dirname(gowork)));
    return {
        gowork,
        gomodcache: vars.GOMODCACHE || undefined,
        gocache: vars.GOCACHE || undefined,
        localDirs
    };
}
/** Directories git ignores under root (collapsed to the top ignored one). */
async function ignoredDirs(root, env) {
    const r = await (0,src_process/* runProcess */.R3)('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z'], { cwd: root, env, timeoutMs: src_process/* PROBE_TIMEOUT_MS */.W7 }).catch(() => undefined);
    if (!r || r.exitCode !== 0)
        return [];
    return r.stdout
        .split('\0')
        .filter((p) => p.endsWith('/'))
        .map((p) => external_node_path_.join(root, p));
}
/** The rebuild's plan: the first one's, moved to the copy and an empty cache. */
function rebuildPlan(first, moves, targetIds) {
    const move = (p) => isInside(moves.root, p) ? external_node_path_.join(moves.copy, external_node_path_.relative(moves.root, p)) : p;
    const targets = first.targets.filter((t) => targetIds.has(t.id));
    const baseEnv = { ...first.baseEnv };
    if (baseEnv.GOWORK && external_node_path_.isAbsolute(baseEnv.GOWORK))
        baseEnv.GOWORK = move(baseEnv.GOWORK);
    // package patterns are directories, absolute after the plan
    const movePkg = (p) => external_node_path_.isAbsolute(p.pattern) ? { ...p, pattern: move(p.pattern) } : p;
    return {
        ...first,
        cwd: move(first.cwd),
        outputDir: moves.outputDir,
        targets,
        packages: first.packages.map(movePkg),
        binaries: first.binaries
            .filter((b) => targetIds.has(b.target.id))
            .map((b) => ({
            ...b,
            pkg: movePkg(b.pkg),
            path: external_node_path_.join(moves.outputDir, b.fileName)
        })),
        baseEnv,
        failFast: false,
        gocache: Object.fromEntries(targets.map((t) => [t.id, moves.gocache]))
    };
}
const EXPECTED = 'the same bytes from a second build in another directory with an empty GOCACHE';
/** The finding of a binary that differs, or could not be checked. */
function reproFinding(mode, binary, check, causes) {
    const severity = mode === 'assert' ? 'error' : 'note';
    if (check.result === 'not-checked')
        return {
            check: 'reproducible',
            expected: EXPECTED,
            found: `not checked: ${check.reason}`,
            hint: `${binary.target.name}: ${binary.fileName} could not be checked for reproducibility: ${check.reason}.${mode === 'assert' ? ' With reproducible: assert an unproven binary fails; fix the cause, or use reproducible: report.' : ''}`,
            severity
        };
    const at = `0x${check.offset.toString(16)}`;
    const outside = check.offsetOutsideBuildId !== undefined &&
        check.offsetOutsideBuildId !== check.offset
        ? ` The first difference outside the build IDs (Go's, and the GNU build ID or Mach-O UUID made from it: hashes of the rest, which differ whenever anything does) is at file offset 0x${check.offsetOutsideBuildId.toString(16)}, ${placeText(check.placeOutsideBuildId)}.`
        : '';
    return {
        check: 'reproducible',
        expected: EXPECTED,
        found: `${check.text} (file offset ${at})`,
        hint: `${binary.target.name}: ${binary.fileName} is not reproducible: a second build differs first at file offset ${at}, ${placeText(check.place)}.${outside} Likely cause: ${causes.join('; or ')}.${check.rebuilt ? ` The rebuild is kept at ${check.rebuilt} for cmp or diffoscope.` : ''}`,
        severity
    };
}
/** Compare one binary with its rebuild. */
async function compareOne(first, rebuilt, trees) {
    let infoA;
    let infoB;
    try {
        ;
        [infoA, infoB] = await Promise.all([(0,binary.inspectBinary)(first.path), (0,binary.inspectBinary)(rebuilt.path)]);
    }
    catch {
        // unreadable headers: compared without sections
    }
    const skip = [
        ...(await buildIdRanges(first.path, infoA?.ranges)),
        ...(await buildIdRanges(rebuilt.path, infoB?.ranges))
    ];
    const cmp = await compareFiles(first.path, rebuilt.path, skip);
    if (cmp.same)
        return { check: { result: 'reproducible', text: 'reproducible' }, causes: [] };
    const place = sectionAt(infoA?.ranges, cmp.first);
    const check = {
        result: 'differs',
        text: `differs at ${placeText(place)}`,
        offset: cmp.first,
        place,
        rebuilt: rebuilt.path
    };
    if (cmp.firstOutside !== undefined) {
        check.offsetOutsideBuildId = cmp.firstOutside;
        check.placeOutsideBuildId = sectionAt(infoA?.ranges, cmp.firstOutside);
    }
    const [scanA, scanB] = await Promise.all([
        scanForPaths(first.path, machinePaths([{ label: 'the tree', dir: trees.rootA }])),
        scanForPaths(rebuilt.path, machinePaths([{ label: 'the tree', dir: trees.rootB }]))
    ]);
    const causes = likelyCause({
        settingsA: infoA?.buildInfo ? new Map(infoA.buildInfo.settings) : undefined,
        settingsB: infoB?.buildInfo ? new Map(infoB.buildInfo.settings) : undefined,
        onlyBuildId: cmp.firstOutside === undefined,
        pathsA: scanA.total,
        pathsB: scanB.total,
        rootA: trees.rootA,
        rootB: trees.rootB
    });
    return { check, causes };
}
/** The last lines of a compiler output, for a one-line reason. */
function outputTail(output) {
    const lines = output.trim().split(/\r?\n/);
    return lines.slice(-3).join(' / ').slice(-600);
}
/** The binaries with the check's findings added, and `ok` again. */
function withFinding(b, check, finding) {
    if (!finding || !b.verification)
        return { ...b, reproducible: check };
    const findings = [...b.verification.findings, finding];
    return {
        ...b,
        reproducible: check,
        verification: {
            ...b.verification,
            findings,
            ok: !findings.some((f) => f.severity === 'error')
        }
    };
}
/**
 * Where the copy of `root` goes under `parent`: a path of the same length
 * when `parent` is short enough, so that where an absolute path differs
 * the bytes after it do not move, and the first difference outside the
 * build ID is the path itself rather than every offset after it.
 */
function copyPath(root, parent) {
    const base = external_node_path_.basename(root) || 'root';
    const room = root.length - parent.length - 1;
    if (room < 1)
        return external_node_path_.join(parent, base);
    const name = base.length >= room ? base.slice(0, room) : base + '_'.repeat(room - base.length);
    return external_node_path_.join(parent, name === '.' || name === '..' ? '_'.repeat(room) : name);
}
/**
 * Rebuild every target that built and compare. Never throws: a copy or a
 * rebuild that fails leaves the binaries `not checked` (an error finding
 * with assert, a note with report).
 *
 * @param firstBuildSeconds the first build's wall time, for the cost line
 */
async function reproduceBuilds(plan, binaries, mode, log, options) {
    if (mode === 'off')
        return { binaries: [...binaries], problems: [] };
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    const env = options.env ?? process.env;
    const first = plan.build;
    const built = binaries.filter((b) => b.build.status === 'built');
    const targetIds = new Set(built.map((b) => b.build.target.id));
    const report = {
        mode,
        seconds: 0,
        copySeconds: 0,
        firstBuildSeconds: options.firstBuildSeconds,
        targets: targetIds.size
    };
    const notChecked = (reason) => {
        report.failure = reason;
        report.seconds = elapsed();
        return {
            binaries: binaries.map((b) => {
                const check = { result: 'not-checked', text: 'not checked', reason };
                return b.build.status === 'built'
                    ? withFinding(b, check, reproFinding(mode, b.build, check, []))
                    : { ...b, reproducible: { result: 'not-checked', text: 'not checked', reason: 'the first build did not succeed' } };
            }),
            report,
            problems: []
        };
    };
    if (!built.length)
        return notChecked('nothing was built');
    const tempRoot = env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    const temp = await (0,promises_.mkdtemp)(external_node_path_.join(tempRoot, 'gcb-r-'));
    // a cancelled run leaves no copy behind
    const forget = (0,src_process/* onCancel */.Ao)(() => (0,promises_.rm)(temp, { recursive: true, force: true }));
    let keep = false;
    try {
        const around = await surroundings(plan);
        const moduleDir = plan.toolchain.gomod ? external_node_path_.dirname(plan.toolchain.gomod) : first.cwd;
        const vcsRoot = await findVcsRoot(moduleDir);
        const root = copyRootFor({ moduleDir, gowork: around.gowork, localDirs: around.localDirs, vcsRoot });
        const copyDir = copyPath(root, external_node_path_.join(temp, 'src'));
        let copied;
        try {
            const ignored = vcsRoot ? await ignoredDirs(vcsRoot, { ...first.baseEnv }) : [];
            copied = await copyTree(root, copyDir, [first.outputDir, temp, ...[around.gomodcache, around.gocache].filter((d) => !!d)], ignored, options.limits ?? COPY_LIMITS);
        }
        catch (error) {
            return notChecked(`reproducible: could not copy ${root} for the rebuild: ${(0,problem/* errorMessage */.gJ)(error)}; move bulky files out of the tree, keep output-dir inside it ignored, or use reproducible: off`);
        }
        report.copySeconds = elapsed();
        report.copy = {
            root: copied.root,
            copy: copied.copy,
            files: copied.files,
            bytes: copied.bytes,
            skipped: copied.skipped.length,
            outsideLinks: copied.outsideLinks.length
        };
        log.info(`reproducible: copied ${log.value(root)} (${copied.files} files, ${(copied.bytes / (1024 * 1024)).toFixed(1)} MiB${copied.skipped.length ? `, left out: ${log.value(copied.skipped.join(', '))}` : ''}${copied.outsideLinks.length ? `, ${copied.outsideLinks.length} symlink(s) leading out of it copied as links, not followed` : ''}) to ${log.value(copyDir)} in ${report.copySeconds.toFixed(1)} s; rebuilding ${targetIds.size} target(s) with an empty GOCACHE`);
        const second = rebuildPlan(first, { root, copy: copyDir, outputDir: external_node_path_.join(temp, '.out'), gocache: external_node_path_.join(temp, '.gocache') }, targetIds);
        const rebuilt = await buildAll(second);
        const byId = new Map(rebuilt.map((b) => [b.id, b]));
        const out = [];
        for (const b of binaries) {
            if (b.build.status !== 'built') {
                out.push({ ...b, reproducible: { result: 'not-checked', text: 'not checked', reason: 'the first build did not succeed' } });
                continue;
            }
            const again = byId.get(b.build.id);
            if (!again || again.status !== 'built') {
                const check = {
                    result: 'not-checked',
                    text: 'not checked',
                    reason: `the rebuild in ${copyDir} failed: ${again?.error ?? 'not built'}${again?.output ? ` (${outputTail(again.output)})` : ''}`
                };
                out.push(withFinding(b, check, reproFinding(mode, b.build, check, [])));
                continue;
            }
            const { check, causes } = await compareOne(b.build, again, { rootA: root, rootB: copyDir });
            if (check.result === 'differs')
                keep = true;
            out.push(withFinding(b, check, check.result === 'differs' ? reproFinding(mode, b.build, check, causes) : undefined));
        }
        report.seconds = elapsed();
        if (keep)
            report.keptDir = second.outputDir;
        const differs = out.filter((b) => b.reproducible?.result === 'differs').length;
        const same = out.filter((b) => b.reproducible?.result === 'reproducible').length;
        log.info(`reproducible: ${same} reproducible, ${differs} differ, ${out.length - same - differs} not checked; the rebuild took ${report.seconds.toFixed(1)} s, the first build ${report.firstBuildSeconds.toFixed(1)} s${keep ? `; rebuilt binaries that differ are kept in ${log.value(second.outputDir)}` : ''}`);
        return { binaries: out, report, problems: [] };
    }
    catch (error) {
        return notChecked(`reproducible: the rebuild stopped: ${(0,problem/* errorMessage */.gJ)(error)}`);
    }
    finally {
        forget();
        const leave = keep ? [external_node_path_.join(temp, 'src'), external_node_path_.join(temp, '.gocache')] : [temp];
        // Go's cache and a copied module cache may hold read-only files
        await Promise.all(leave.map((d) => (0,promises_.rm)(d, { recursive: true, force: true }).catch(() => { })));
    }
}

// EXTERNAL MODULE: ./src/start.ts + 1 modules
var start = __webpack_require__(86593);
;// CONCATENATED MODULE: ./src/report/progress.ts
/**
 * Report stage, as the run goes: the log lines a person reads while the
 * stages work (the plan, each build in its own group, the verification and
 * smoke results). Each function only writes what a stage already decided.
 */

/** Log what is about to happen, once. */
function logPlan(plan, log) {
    const b = plan.build;
    const v = log.value;
    log.info(v(plan.toolchain.versionLine));
    log.info(`host: ${v(plan.toolchain.hostOS)}/${v(plan.toolchain.hostArch)} (go env GOHOSTOS GOHOSTARCH)`);
    log.info(`plan: ${b.targets.length} target(s) × ${b.packages.length} package(s) = ${b.targets.length * b.packages.length} binaries; ${b.parallel} go build(s) at once, each with -p ${b.compileParallel}${b.maxCompileParallel && b.maxCompileParallel > b.compileParallel && b.targets.length > 1
        ? ` (more in the last wave, up to -p ${b.maxCompileParallel} for the last to start)`
        : ''}; CGO_ENABLED=0`);
    log.info(`targets: ${b.targets.map((t) => t.name).join(', ')}`);
    log.info(`packages: ${b.packages.map((p) => `${v(p.binaryName)} (${v(external_node_path_.relative(b.cwd, p.pattern) || '.')})`).join(', ')}`);
    log.info(`output: ${v(b.outputDir)}`);
    log.info(plan.dropped.length
        ? `dropped from the inherited environment: ${plan.dropped.map(v).join(', ')}`
        : 'dropped from the inherited environment: nothing (no C toolchain or cgo variables were set)');
    if (plan.withheld.length)
        log.info(`withheld from every child process (credentials and action inputs; pass one on with the env input if a build needs it): ${plan.withheld.map(v).join(', ')}`);
    for (const note of plan.notes)
        log.info(`note: ${v(note)}`);
    for (const warning of plan.warnings)
        log.warning(v(warning));
}
/** Log one build's outcome in its own folded group. */
function logBuild(build, log) {
    const name = `${build.target.name} ${log.value(build.fileName)}`;
    const title = build.status === 'built'
        ? `✓ ${name} (${build.seconds.toFixed(1)} s, ${build.size} bytes)`
        : build.status === 'skipped'
            ? `- ${name} skipped`
            : `✗ ${name} failed`;
    log.startGroup(title);
    if (build.output)
        log.foreign(build.output.trimEnd());
    if (build.error)
        log.foreign(build.error);
    if (build.sha256)
        log.info(`sha256 ${build.sha256}  ${log.value(build.path)}`);
    log.endGroup();
}
/**
 * Log what verification found: one line per binary in a group, then each
 * error finding as an error annotation (verify on) or a warning (verify off).
 */
function logVerification(binaries, verify, log) {
    const verified = binaries.filter((b) => b.verification);
    log.startGroup(`Verification of ${verified.length} binar${verified.length === 1 ? 'y' : 'ies'}`);
    for (const b of verified) {
        const v = b.verification;
        log.info(`${v.ok ? '✓' : '✗'} ${log.value(b.build.fileName)}: ${log.value(v.format)}`);
        for (const f of v.findings)
            log.info(`    ${f.severity}: ${log.value(f.hint)}`);
    }
    log.endGroup();
    for (const b of verified)
        for (const f of b.verification.findings) {
            if (f.severity !== 'error')
                continue;
            if (verify)
                log.error(f.hint, {
                    title: `${b.build.target.name}: verification failed (${f.check})`
                });
            else
                log.warning(`${f.hint} (verify is false, so this does not fail the step)`, { title: `${b.build.target.name}: verification finding (${f.check})` });
        }
}
/** Log each smoke test's result in one group. */
function logSmoke(binaries, args, log) {
    log.startGroup(`Smoke test: ${[args.length ? '' : '(no arguments)', ...args.map(log.value)].join(' ').trim()}`);
    for (const b of binaries) {
        const s = b.smoke;
        if (!s)
            continue;
        const file = log.value(b.build.fileName);
        if (s.status === 'failed')
            log.foreignBlock(`${s.status.padEnd(12)} ${file}:`, s.detail);
        else
            log.info(`${s.status.padEnd(12)} ${file}: ${log.value(s.detail)}`);
    }
    log.endGroup();
}

;// CONCATENATED MODULE: ./src/pipeline.ts
/**
 * The pipeline both adapters run (the action's `main.ts`, the CLI):
 *
 *   inputs ──> plan ──> build ──> inspect ──> package ──> upload ──> report
 *
 * Each stage takes the previous one's output and returns its own, with the
 * problems it found; records pass between stages by the planned binary's
 * id. Only the plan throws (bad inputs, before any build). A stage that
 * fails past the plan becomes one more problem, and the run still returns
 * a Result for what exists.
 */













/**
 * Run the whole pipeline for validated inputs.
 *
 * @param started the plan already being made for these same inputs (the
 *   action's entry starts it before the toolkit is loaded); by default it
 *   starts here
 * @returns what happened to every binary, with every problem of every
 *   stage; never throws for a failed build, package or upload
 * @throws InputError for problems found before any build starts
 */
async function execute(inputs, log = (0,src_log/* actionLog */.Zx)(), started = (0,start/* startPlan */.I)(inputs)) {
    if (started.inputs !== inputs)
        throw new Error('execute: the started plan was made for other inputs');
    const clock = stopwatch();
    // the module download starts once the toolchain has answered, beside go list
    const download = started.download;
    const plan = await clock
        .time('plan', () => started.plan)
        .catch(async (error) => {
        await download.abandon();
        throw error;
    });
    logPlan(plan, log);
    const cache = await clock.time('cache-restore', () => restoreCache(plan, inputs, process.env, log));
    const buildsStarted = Date.now();
    // While the builds run: the packaging code loads (once the first builds
    // are spawned, not before), and each binary is verified as soon as its
    // build ends.
    const verifyOptions = verifyOptionsFor(plan, inputs);
    const early = earlyVerifier(verifyOptions);
    const built = await build(plan, download, clock, log, early.start, {
        onFirstWave: () => preloadPackaging(inputs.publish),
        machinePaths: verifyOptions.machinePaths
    });
    // Saving runs beside the rest of the run: it reads only the caches.
    const cacheSaved = saveCache(cache, buildsStarted, log);
    const inspected = await inspect(built, plan, inputs, clock, log, {
        verifyOptions,
        early
    });
    const packed = await clock.time('package', () => pack(inspected, plan, inputs));
    const uploaded = await clock.time('upload', () => upload(packed, inputs, log));
    const leg = await clock.time('manifest', () => legManifest(plan, inspected, packed, uploaded, inputs, log));
    const cacheReport = await clock.time('cache-save', () => cacheSaved);
    log.debug(`timing ${clock.line()}`);
    return result(plan, [built, inspected, packed, uploaded, leg], {
        cache: cacheReport,
        reproducible: inspected.reproducible,
        binaries: inspected.binaries,
        checksumsPath: packed.packaged?.checksumsPath,
        sboms: packed.packaged?.sboms ?? {},
        sbom: inputs.publish.sbom,
        uploaded
    });
}
/** Build stage: the module download, then every planned binary. */
async function build(plan, download, clock, log, onBuilt, more) {
    try {
        await clock.time('download', () => download.finish());
        const builds = await clock.time('build', () => buildAll(plan.build, (b) => {
            logBuild(b, log);
            onBuilt(b);
        }, more));
        return { builds, problems: buildProblems(builds) };
    }
    catch (error) {
        const problem = stageProblem('build', error, plan.build.binaries);
        return {
            builds: plan.build.binaries.map((b) => buildRecord(b, 'failed', { error: problemText(problem) })),
            problems: [problem]
        };
    }
}
/** Inspect stage: verification, then the smoke test when asked. */
async function inspect(built, plan, inputs, clock, log, verifying) {
    // What is left to verify once every build has ended: the last binary,
    // and any a stage failure left out of the early start.
    const checked = await clock.time('verify', () => verifyBuilds(built.builds, verifying.verifyOptions, verifying.early));
    // The rebuild's findings join verification's, so they fail a binary and
    // keep it from being published as any other error finding does.
    const reproduced = await clock.time('reproduce', () => reproduceBuilds(plan, checked, inputs.reproducible, log, {
        firstBuildSeconds: clock.seconds('build')
    }));
    const verified = reproduced.binaries;
    const reproducible = reproduced.report;
    logVerification(verified, inputs.verify, log);
    const problems = verificationProblems(verified, inputs.verify);
    if (!inputs.smokeTest)
        return { binaries: verified, problems, reproducible };
    const smoked = await clock.time('smoke', () => smokeBinaries(verified, inputs.smokeArgs, plan.build.parallel, plan.build.baseEnv));
    logSmoke(smoked, inputs.smokeArgs, log);
    return {
        binaries: smoked,
        problems: [...problems, ...smokeProblems(smoked)],
        reproducible
    };
}
/** How the binaries are judged: the ldflags, and the build machine's paths with trimpath on. */
function verifyOptionsFor(plan, inputs) {
    return {
        ldflags: inputs.ldflags,
        machinePaths: inputs.trimpath
            ? buildMachinePaths({
                moduleDir: plan.build.cwd,
                goroot: plan.toolchain.goroot,
                gopath: plan.toolchain.gopath,
                gomodcache: plan.toolchain.gomodcache,
                env: process.env
            })
            : undefined
    };
}
/** Package stage: what is publishable, under the plan's names. */
async function pack(inspected, plan, inputs) {
    const builds = publishable(inspected.binaries, inputs.verify);
    try {
        // a smoke test ran binaries of this run after they were hashed
        const packaged = await packageBinaries(builds, inputs.publish, plan.build.outputDir, inputs.smokeTest);
        return { packaged, problems: packaged.problems };
    }
    catch (error) {
        return { problems: [stageProblem('package', error, builds)] };
    }
}
/** Upload stage: the artifact client loads only when something is uploaded. */
async function upload({ packaged }, inputs, log) {
    if (!packaged)
        return { uploads: [], problems: [], skipped: 'nothing was packaged' };
    // The artifact client is heavy to load (about a second of a warm run):
    // load it only when something will really be uploaded.
    const skipped = (0,options/* uploadSkipReason */.VX)(inputs.publish, packaged, process.env);
    if (skipped) {
        log.info(`upload: skipped, ${log.value(skipped)}`);
        return { uploads: [], problems: [], skipped };
    }
    try {
        const { uploadPackages } = await Promise.all(/* import() */[__webpack_require__.e(533), __webpack_require__.e(392), __webpack_require__.e(850), __webpack_require__.e(496)]).then(__webpack_require__.bind(__webpack_require__, 4496));
        return await uploadPackages(packaged, inputs.publish, { log });
    }
    catch (error) {
        const ids = packaged.packages.flatMap((p) => p.builds);
        return { uploads: [], problems: [stageProblem('upload', error, ids)] };
    }
}
/**
 * With `leg`, the manifest of what this job built, verified and uploaded,
 * uploaded as an artifact of its own for the merge sub-action. Only when
 * something was uploaded: a leg that uploaded nothing has nothing to merge.
 */
async function legManifest(plan, inspected, { packaged }, uploaded, inputs, log) {
    if (!inputs.leg || !packaged || uploaded.uploads.length === 0)
        return { problems: [] };
    try {
        const { uploadManifest } = await Promise.all(/* import() */[__webpack_require__.e(533), __webpack_require__.e(392), __webpack_require__.e(850), __webpack_require__.e(996)]).then(__webpack_require__.bind(__webpack_require__, 12996));
        const manifest = (0,merge_manifest/* manifestOf */.$V)({
            leg: inputs.leg,
            runner: `${process.env.RUNNER_OS ?? plan.toolchain.hostOS}/${process.env.RUNNER_ARCH ?? plan.toolchain.hostArch}${process.env.RUNNER_NAME ? ` (${process.env.RUNNER_NAME})` : ''}`,
            goVersion: plan.toolchain.version,
            binaries: inspected.binaries,
            files: packaged.files,
            uploads: uploaded.uploads
        });
        return await uploadManifest(manifest, inputs.publish, log);
    }
    catch (error) {
        return { problems: [stageProblem('upload', error, [])] };
    }
}
/**
 * The run's result: the plan's facts, every stage's problems in stage order,
 * and each binary joined with its upload by build id.
 */
function result(plan, stages, last) {
    const { uploaded } = last;
    const binaries = last.binaries.map((b) => ({
        ...b,
        // the artifact holding the binary, not a raw SBOM artifact of its own
        artifact: uploaded.uploads.find((u) => u.builds.includes(b.build.id) && u.artifact.binaries.length > 0)?.artifact,
        uploadError: uploaded.problems.find((p) => p.builds?.includes(b.build.id))
            ?.what,
        sbom: last.sboms[b.build.id]
    }));
    return {
        goVersion: plan.toolchain.version,
        host: `${plan.toolchain.hostOS}/${plan.toolchain.hostArch}`,
        parallel: plan.build.parallel,
        droppedEnv: plan.dropped,
        targets: plan.build.targets,
        moduleDir: plan.build.cwd,
        outputDir: plan.build.outputDir,
        binaries,
        artifacts: uploaded.uploads.map((u) => u.artifact),
        checksumsPath: last.checksumsPath,
        sbom: last.sbom,
        uploadSkipped: uploaded.skipped,
        cache: last.cache,
        reproducible: last.reproducible,
        problems: stages.flatMap((s) => s.problems)
    };
}
/** A stage that threw: one problem for every binary it concerned. */
function stageProblem(stage, error, builds) {
    const message = (0,problem/* errorMessage */.gJ)(error).trim();
    return {
        subject: stage,
        what: `stopped: ${/[.!?]$/.test(message) ? message : `${message}.`}`,
        fix: 'The step reports what exists so far; fix the cause and re-run.',
        stage,
        builds: builds.map((b) => (typeof b === 'string' ? b : b.id))
    };
}
/** The problem as the line a failed build record carries. */
function problemText(problem) {
    return `${problem.subject}: ${problem.what}`;
}
/** Seconds per stage, for the debug timing line. */
function stopwatch() {
    const seconds = {};
    return {
        async time(stage, work) {
            const start = performance.now();
            try {
                return await work();
            }
            finally {
                seconds[stage] = (performance.now() - start) / 1000;
            }
        },
        /** Seconds the stage took (0 when it did not run). */
        seconds: (stage) => seconds[stage] ?? 0,
        line: () => Object.entries(seconds)
            .map(([k, v]) => `${k}=${v.toFixed(3)}s`)
            .join(' ')
    };
}

;// CONCATENATED MODULE: ./src/report/report.ts
/**
 * Report stage: what a person reads at the end of a run. Everything here is
 * a pure function of the `Result` except `writeSummary`, the thin edge
 * that appends the job summary.
 *
 *   summaryMarkdown  the job summary: one table, a row per binary, then the
 *                    compiler output and findings of whatever failed
 *   planLines        the short plan logged before the first build
 *   verdictLine      the closing one-line verdict
 *   terminalReport   the same report for a terminal (the CLI)
 */






/** The job summary of one step may hold at most 1 MiB; stay well below. */
const SUMMARY_BUDGET = 900 * 1024;
/** At most this many characters of one compiler output in the summary. */
const OUTPUT_BUDGET = 16 * 1024;
/** At most this many target names in one list before `+N more`. */
const LIST_LIMIT = 3;
/** The characters HTML gives a meaning to, as entities. */
const HTML_ENTITY = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};
/** A character as a numeric character reference: `[` → `&#91;`. */
function entity(c) {
    return `&#${c.codePointAt(0)};`;
}
/**
 * The one escape for text in the job summary, inside and outside tables and
 * `<pre>`: what HTML gives a meaning to (`& < > " '`), what Markdown does
 * (`\ \` * _ [ ] ( ) ! | ~ # { }`), what starts a block at a line start
 * (`-`, `+`, `=`, a digit), and what GitHub turns into a link by itself
 * (`://`, `www.`, `@`) — all as character references, which read the same
 * in the rendered summary and mean nothing to either language. The job
 * summary API escapes nothing, and compiler output is full of `<`, `>`
 * and `&`.
 */
function escapeHtml(text, lineStarts = true) {
    const escaped = text
        .replace(/[&<>"'\\`*_[\]()!|~#{}@]/g, (c) => HTML_ENTITY[c] ?? entity(c))
        .replace(/:\/\//g, '&#58;//')
        .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#46;`);
    return lineStarts
        ? escaped.replace(/(^|[\r\n])([ \t]*)([-+=0-9])/g, (_, br, sp, c) => br + sp + entity(c))
        : escaped;
}
/**
 * Escape text for one cell of a Markdown table (or one line): its line
 * breaks become `<br>`, so no line of it starts a block.
 */
function cell(text) {
    return escapeHtml(text, false).replace(/\r\n|[\r\n]/g, '<br>');
}
/** Escape text for a `<pre>` block: line breaks stay. */
function pre(text) {
    return `<pre>${escapeHtml(text)}</pre>`;
}
/** `1.9 MiB`, `840 KiB`, `512 B`. */
function formatSize(bytes) {
    if (bytes === undefined)
        return '';
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(0)} KiB`;
    return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
/** `3.2 s`. */
function formatSeconds(seconds) {
    return `${seconds.toFixed(1)} s`;
}
/** The first 12 hex digits of a SHA-256, enough to tell binaries apart. */
function shortSha(sha256) {
    return sha256 ? sha256.slice(0, 12) : '';
}
/** `1 binary`, `2 binaries`. */
function count(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
}
/**
 * A list of names, cut after `limit` entries:
 * `linux/amd64, windows/arm64, +10 more`.
 */
function shortList(names, limit = LIST_LIMIT) {
    if (names.length <= limit)
        return names.join(', ');
    return `${names.slice(0, limit).join(', ')}, +${names.length - limit} more`;
}
/** Why a binary counts as failed, or undefined when it does not. */
function failureKind(binary) {
    if (binary.build.status === 'failed')
        return 'build';
    if (binary.build.status === 'skipped')
        return undefined;
    if (binary.verification && !binary.verification.ok)
        return 'verification';
    if (binary.smoke?.status === 'failed')
        return 'smoke test';
    if (binary.uploadError)
        return 'upload';
    return undefined;
}
/** The checks whose findings failed a binary: `machine, cgo`. */
function failedChecks(binary) {
    const checks = (binary.verification?.findings ?? [])
        .filter((f) => f.severity === 'error')
        .map((f) => f.check);
    return [...new Set(checks)].join(', ');
}
/**
 * What happened to one binary, step by step, in words:
 * `built · verified · uploaded`, `build failed`,
 * `built · verification failed (machine) · not uploaded`.
 */
function binaryStatus(binary, result) {
    const { build, verification, smoke, artifact, uploadError } = binary;
    if (build.status === 'failed')
        return 'build failed';
    if (build.status === 'skipped')
        return 'skipped (fail-fast)';
    const steps = ['built'];
    if (verification) {
        if (verification.ok) {
            const notes = verification.findings.filter((f) => f.severity === 'note');
            steps.push(notes.length
                ? `verified (${count(notes.length, 'note', 'notes')})`
                : 'verified');
        }
        else
            steps.push(`verification failed (${failedChecks(binary)})`);
    }
    if (smoke?.status === 'passed')
        steps.push('smoke test passed');
    else if (smoke?.status === 'failed')
        steps.push('smoke test failed');
    if (artifact)
        steps.push('uploaded');
    else if (uploadError)
        steps.push('upload failed');
    else if (result && !result.uploadSkipped && result.artifacts.length > 0)
        steps.push('not uploaded');
    return steps.join(' · ');
}
/** The name of a binary's row: its target, plus the file when it helps. */
function rowName(binary) {
    return binary.build.target.name;
}
/**
 * The short plan logged before the first build: Go version and host,
 * parallelism, the targets, and which inherited variables were dropped.
 */
function planLines(plan) {
    const lines = [
        `Go ${plan.goVersion.replace(/^go/, '')} on ${plan.host}, ${count(plan.parallel, 'build', 'builds')} at a time, CGO_ENABLED=0`,
        `${count(plan.targets.length, 'target', 'targets')}: ${plan.targets.map((t) => t.name).join(', ')}`
    ];
    if (plan.outputDir)
        lines.push(`output: ${plan.outputDir}`);
    lines.push(plan.droppedEnv.length
        ? `dropped from the inherited environment: ${plan.droppedEnv.join(', ')}`
        : 'dropped from the inherited environment: nothing');
    return lines;
}
/**
 * The closing one-line verdict:
 * `12 binaries built and verified for 6 targets; 0 failed; uploaded as 6 artifacts`.
 */
function verdictLine(result) {
    const all = result.binaries;
    const verifying = all.some((b) => b.verification);
    const done = verifying ? 'built and verified' : 'built';
    const good = all.filter((b) => b.build.status === 'built' && failureKind(b) === undefined);
    const failed = all.filter((b) => failureKind(b) !== undefined);
    const skipped = all.filter((b) => b.build.status === 'skipped');
    const head = good.length === all.length
        ? `${count(all.length, 'binary', 'binaries')} ${done}`
        : `${good.length} of ${count(all.length, 'binary', 'binaries')} ${done}`;
    const parts = [
        `${head} for ${count(result.targets.length, 'target', 'targets')}`
    ];
    parts.push(failed.length
        ? `${failed.length} failed (${shortList(failed.map((b) => `${rowName(b)}: ${failureKind(b)}`))})`
        : '0 failed');
    if (skipped.length)
        parts.push(`${skipped.length} skipped`);
    const counted = new Set([...failed, ...skipped].map((b) => b.build.id));
    const other = result.problems.filter((p) => !p.builds?.some((id) => counted.has(id))).length;
    if (failed.length === 0 && other > 0)
        parts.push(`${count(other, 'other failure', 'other failures')}`);
    if (result.artifacts.length)
        parts.push(`uploaded as ${count(result.artifacts.length, 'artifact', 'artifacts')}`);
    else if (result.uploadSkipped)
        parts.push(`not uploaded: ${result.uploadSkipped}`);
    else
        parts.push('nothing uploaded');
    return parts.join('; ');
}
/** Failed builds grouped by identical compiler output, in target order. */
function groupCompilerOutput(result, name = (t, n) => `${t} (${n})`) {
    const groups = new Map();
    for (const b of result.binaries) {
        if (b.build.status !== 'failed')
            continue;
        const output = b.build.output.trim();
        const key = `${b.build.pkg.binaryName}\0${output}`;
        let group = groups.get(key);
        if (!group) {
            group = { names: [], output, errors: [] };
            groups.set(key, group);
        }
        group.names.push(name(b.build.target.name, b.build.pkg.binaryName));
        if (b.build.error)
            group.errors.push(b.build.error);
    }
    return [...groups.values()];
}
/** Keep the first `budget` characters of a long text and say so. */
function truncate(text, budget) {
    if (text.length <= budget)
        return text;
    return `${text.slice(0, budget)}\n… ${text.length - budget} more characters in the log`;
}
/** A Markdown link, or the plain name when there is no URL. */
function artifactCell(binary) {
    const a = binary.artifact;
    if (!a)
        return binary.uploadError ? 'upload failed' : '—';
    if (a.url && /^https?:\/\//.test(a.url))
        return `[${cell(a.name)}](${a.url.replace(/[()\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase())})`;
    return `<code>${cell(a.name)}</code>`;
}
/**
 * A binary's reproducibility in its row: `✅ reproducible`, `❌ differs at
 * .rodata+0x1a2` (⚠️ with reproducible: report, where it fails nothing).
 */
function reproducibleCell(binary, mode) {
    const r = binary.reproducible;
    if (!r)
        return '—';
    const bad = mode === 'assert' ? '❌' : '⚠️';
    const mark = r.result === 'reproducible' ? '✅' : r.result === 'differs' ? bad : '⬜';
    return `${mark} ${cell(r.text)}`;
}
/** The rebuild's cost, as one line: what was copied and how long each build took. */
function reproducibleLine(result) {
    const r = result.reproducible;
    if (!r)
        return undefined;
    const copy = r.copy
        ? ` from a copy of ${r.copy.root} (${count(r.copy.files, 'file', 'files')}, ${formatSize(r.copy.bytes)}, copied in ${formatSeconds(r.copySeconds)})`
        : '';
    const cost = `the rebuild took ${formatSeconds(r.seconds)}, the first build ${formatSeconds(r.firstBuildSeconds)}`;
    const kept = r.keptDir ? `; the rebuilt binaries that differ are in ${r.keptDir}` : '';
    const failed = r.failure ? `; nothing could be checked: ${r.failure}` : '';
    return `Reproducible (${r.mode}): ${count(r.targets, 'target', 'targets')} built again${copy} with an empty GOCACHE; ${cost}${kept}${failed}.`;
}
/** The reproducibility rebuild's part of the summary: what it cost. */
function reproducibleSection(result) {
    const line = reproducibleLine(result);
    return line ? [cell(line), ''] : [];
}
/**
 * Whether the header fields that depend on the Go release (LINKER_HEADERS)
 * were judged, for a run with a target that has them: linux/ppc64 (its ELF
 * ABI level) or darwin (its minimum macOS).
 */
function releaseHeadersLine(result) {
    const has = result.binaries.some((b) => (b.build.target.goos === 'linux' && b.build.target.goarch === 'ppc64') ||
        b.build.target.goos === 'darwin');
    if (!has)
        return undefined;
    const release = goRelease(result.goVersion);
    const row = linkerHeadersFor(result.goVersion);
    if (row && release)
        return `Release header fields judged for ${release}: linux/ppc64 ELFv${row.ppc64ElfAbi}, darwin minimum macOS ${row.macosMinos.replace(/\.0$/, '')}.`;
    return `Release header fields not judged: ${result.goVersion} is not a release in the table (${Object.keys(LINKER_HEADERS).join(', ')}), so linux/ppc64's ELF ABI level and darwin's minimum macOS are not checked against it.`;
}
/** The build-machine path check: `✅ clean`, `❌ 2 hits`, `⏭️ skipped (trimpath off)`. */
function pathsCell(binary) {
    const check = binary.verification?.paths;
    const text = pathCheckText(check);
    if (!check || text === null)
        return '';
    const mark = check.state === 'clean' ? '✅' : check.state === 'hits' ? '❌' : '⏭️';
    return `${mark} ${cell(text)}`;
}
/** The binary's SBOM file, `off` with sbom: false, or nothing when none was written. */
function sbomCell(binary, result) {
    if (binary.sbom)
        return `<code>${cell((0,external_node_path_.basename)(binary.sbom))}</code>`;
    return result.sbom === false ? 'off' : result.sbom ? '—' : '';
}
/** The build cache's part of the summary: per target, the key's hit or miss and the sizes. */
function cacheSection(result) {
    const c = result.cache;
    if (!c || c.state !== 'on')
        return [];
    const rows = c.restored.map((r) => {
        const s = c.saved.find((x) => x.slot.target.id === r.slot.target.id);
        const hit = r.hit === 'exact' ? '✅ hit' : r.hit === 'fallback' ? '↩️ restore key' : '⬜ miss';
        return `| <code>${cell(r.slot.target.name)}</code> | ${hit} | ${cell(formatSize(r.bytes))} | ${cell(s ? `${s.status}${s.bytes ? `, ${formatSize(s.bytes)}` : ''}` : '')} |`;
    });
    return [
        '### Build cache',
        '',
        cell(`One entry per target; ${c.why}.`),
        '',
        '| Target | Key | Restored | Saved |',
        '| --- | --- | ---: | --- |',
        ...rows,
        ''
    ];
}
/**
 * The job summary in GitHub-flavoured Markdown: a heading with the verdict,
 * one table with a row per binary, then a `<details>` block per distinct
 * compiler output of failed builds (HTML-escaped) and per binary with
 * findings, and what was not uploaded and why.
 */
function summaryMarkdown(result, omittedAnnotations = 0) {
    const ok = result.problems.length === 0;
    const out = [];
    out.push(`## ${ok ? '✅' : '❌'} Go cross-build`, '');
    out.push(cell(verdictLine(result)), '');
    out.push(`Go ${cell(result.goVersion.replace(/^go/, ''))} on ${cell(result.host)}, ` +
        `${count(result.parallel, 'build', 'builds')} at a time, CGO_ENABLED=0. ` +
        (result.droppedEnv.length
            ? `Dropped from the inherited environment: ${result.droppedEnv.map((n) => `<code>${cell(n)}</code>`).join(', ')}.`
            : 'Nothing had to be dropped from the inherited environment.'), '');
    const headers = releaseHeadersLine(result);
    if (headers)
        out.push(cell(headers), '');
    const repro = result.reproducible;
    out.push(`| Target | Binary | Status | Format | Size | SHA-256 | Build | Paths | SBOM |${repro ? ' Reproducible |' : ''} Artifact |`, `| --- | --- | --- | --- | ---: | --- | ---: | --- | --- |${repro ? ' --- |' : ''} --- |`);
    for (const b of result.binaries) {
        const mark = failureKind(b)
            ? '❌'
            : b.build.status === 'built'
                ? '✅'
                : '⏭️';
        out.push('| ' +
            [
                `<code>${cell(b.build.target.name)}</code>`,
                cell(b.build.fileName),
                `${mark} ${cell(binaryStatus(b, result))}`,
                cell(b.verification?.format ?? ''),
                cell(formatSize(b.build.size)),
                b.build.sha256 ? `<code>${shortSha(b.build.sha256)}</code>` : '',
                cell(formatSeconds(b.build.seconds)),
                pathsCell(b),
                sbomCell(b, result),
                ...(repro ? [reproducibleCell(b, repro.mode)] : []),
                artifactCell(b)
            ].join(' | ') +
            ' |');
    }
    out.push('');
    out.push(...reproducibleSection(result));
    out.push(...cacheSection(result));
    if (result.problems.length) {
        out.push('### Failures', '');
        for (const p of result.problems)
            out.push(`- ${cell((0,problem/* problemLine */.YK)(p))}`);
        out.push('');
    }
    if (omittedAnnotations > 0)
        out.push(`${count(omittedAnnotations, 'annotation was', 'annotations were')} left out (a step shows only a few); the log has every message.`, '');
    // Details come last and only while they fit: the table always shows.
    const details = [];
    for (const group of groupCompilerOutput(result, (t, n) => `${t} (${cell(n)})`)) {
        if (!group.output)
            continue;
        details.push([
            '<details>',
            `<summary>Compiler output: ${shortList(group.names)}</summary>`,
            '',
            pre(truncate(group.output, OUTPUT_BUDGET)),
            '',
            '</details>',
            ''
        ]);
    }
    for (const b of result.binaries) {
        const findings = b.verification?.findings ?? [];
        if (!findings.length)
            continue;
        const errors = findings.some((f) => f.severity === 'error');
        details.push([
            '<details>',
            `<summary>${errors ? 'Verification failed' : 'Notes'}: ${cell(b.build.target.name)} ${cell(b.build.fileName)}</summary>`,
            '',
            '| Check | Expected | Found | What to do |',
            '| --- | --- | --- | --- |',
            ...findings.map((f) => `| ${f.severity === 'error' ? '❌' : 'ℹ️'} ${cell(f.check)} | ${cell(f.expected)} | ${cell(f.found)} | ${cell(f.hint)} |`),
            '',
            '</details>',
            ''
        ]);
    }
    for (const b of result.binaries) {
        if (b.smoke?.status !== 'failed')
            continue;
        details.push([
            '<details>',
            `<summary>Smoke test failed: ${cell(b.build.target.name)} ${cell(b.build.fileName)}</summary>`,
            '',
            pre(truncate(b.smoke.detail, OUTPUT_BUDGET)),
            '',
            '</details>',
            ''
        ]);
    }
    // Where things went come last, after the details.
    const tail = [];
    const uploadErrors = result.binaries.filter((b) => b.uploadError);
    for (const b of uploadErrors)
        tail.push(`- Upload of ${cell(b.build.fileName)} failed: ${cell(b.uploadError ?? '')}`);
    if (uploadErrors.length)
        tail.push('');
    if (result.uploadSkipped)
        tail.push(`Not uploaded: ${cell(result.uploadSkipped)}.`, '');
    if (result.checksumsPath)
        tail.push(`Checksums: <code>${cell(result.checksumsPath)}</code>`, '');
    let size = [...out, ...tail].join('\n').length;
    let left = 0;
    for (const block of details) {
        const text = block.join('\n');
        if (size + text.length > SUMMARY_BUDGET) {
            left++;
            continue;
        }
        out.push(text);
        size += text.length + 1;
    }
    if (left)
        out.push(`${count(left, 'more block', 'more blocks')} of output did not fit in the job summary; the log has everything.`, '');
    out.push(...tail);
    return out.join('\n');
}
/**
 * Append the job summary. Never fails the step: without
 * `GITHUB_STEP_SUMMARY` (a local run) or when the write fails, it logs a
 * warning and returns false.
 */
async function writeSummary(result, log = (0,src_log/* actionLog */.Zx)()) {
    if (!process.env.GITHUB_STEP_SUMMARY) {
        log.warning('GITHUB_STEP_SUMMARY is not set, so there is no job summary; the log has the same report.');
        return false;
    }
    try {
        await core/* summary */.z.addRaw(summaryMarkdown(result, log.omitted()), true).write();
        return true;
    }
    catch (error) {
        core/* summary */.z.emptyBuffer();
        log.warning(`Could not write the job summary to ${log.value(process.env.GITHUB_STEP_SUMMARY)}: ${log.value(error.message)}`);
        return false;
    }
}
/** Pad every column of a table of plain text to its widest cell. */
function columns(rows) {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    return rows.map((r) => r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd());
}
/** Indent every line of a block of text. */
function indent(text, prefix = '    ') {
    return text
        .split(/\r?\n/)
        .map((l) => prefix + l)
        .join('\n');
}
/**
 * The report for a terminal: a table with a row per binary (target, file,
 * status, size, short sha256, seconds, format), the compiler output of what
 * failed (once per distinct output), findings, where things are, and the
 * verdict.
 */
function terminalReport(result) {
    const rows = [
        ['TARGET', 'BINARY', 'STATUS', 'SIZE', 'SHA-256', 'TIME', 'FORMAT']
    ];
    if (result.reproducible)
        rows[0].splice(6, 0, 'REPRODUCIBLE');
    for (const b of result.binaries)
        rows.push([
            b.build.target.name,
            b.build.fileName,
            binaryStatus(b, result),
            formatSize(b.build.size),
            shortSha(b.build.sha256),
            formatSeconds(b.build.seconds),
            ...(result.reproducible ? [b.reproducible?.text ?? ''] : []),
            b.verification?.format ?? ''
        ]);
    const out = [...columns(rows), ''];
    for (const group of groupCompilerOutput(result)) {
        out.push(`✗ ${shortList(group.names)}:`);
        if (group.errors.length)
            out.push(indent(group.errors[0], '  '));
        if (group.output)
            out.push(indent(group.output));
        out.push('');
    }
    for (const b of result.binaries) {
        const findings = b.verification?.findings ?? [];
        if (!findings.length)
            continue;
        out.push(`${b.verification?.ok ? 'i' : '✗'} ${b.build.target.name} ${b.build.fileName}:`);
        for (const f of findings)
            out.push(`    ${f.severity} ${f.check}: expected ${f.expected}, found ${f.found}. ${f.hint}`);
        out.push('');
    }
    for (const b of result.binaries) {
        if (b.smoke?.status === 'failed')
            out.push(`✗ ${b.build.target.name} smoke test:`, indent(b.smoke.detail), '');
        if (b.uploadError)
            out.push(`✗ ${b.build.target.name} upload: ${b.uploadError}`, '');
    }
    // a build's own problem is its row and its compiler output above
    const others = result.problems.filter((p) => !(p.stage === 'build' && p.builds?.length === 1));
    if (others.length) {
        out.push('Failures:');
        for (const p of others)
            out.push(`  - ${problemLine(p)}`);
        out.push('');
    }
    const repro = reproducibleLine(result);
    if (repro)
        out.push(repro, '');
    out.push(`binaries: ${result.outputDir}`);
    if (result.checksumsPath)
        out.push(`checksums: ${result.checksumsPath}`);
    for (const a of result.artifacts)
        out.push(`artifact: ${a.name}${a.url ? ` ${a.url}` : ''}`);
    out.push('', verdictLine(result));
    return out.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/report/annotations.ts
/**
 * Annotations: every Go compiler error of a failed build becomes one error
 * annotation on its file and line, once, however many targets it failed in.
 *
 * Why our own annotations and not the problem matcher that actions/setup-go
 * registers (owner `go`, `^\s*(.+\.go):(?:(\d+):(\d+):)? (.*)`)? The matcher
 * sees each log line alone: an error that breaks twelve targets would be
 * twelve annotations, and it resolves `./main.go` against the workspace, not
 * against `working-directory`, so the file is dropped whenever the module is
 * not at the repository root. We parse the output ourselves, resolve paths
 * against the module directory, deduplicate, and list the targets.
 *
 * Never both: the build log still shows the raw compiler output, so the
 * `go` matcher is removed (`::remove-matcher owner=go::`) before the first
 * build and registered again, with setup-go's exact definition, when the
 * step is done, so later steps (`go test`, `go vet`) keep it.
 *
 * The parsing is pure (`parseCompilerOutput`, `collectAnnotations`); the
 * effects (`annotate`, `suspendGoMatcher`) are thin.
 */





/** `path/file.go:12:5: message`, `C:\x\y.go:3: message`. */
const LOCATION = /^\s*(.+?\.go):(\d+)(?::(\d+))?: (.*)$/;
/**
 * Parse Go compiler output into located messages. `# pkg` headers name the
 * package of the lines after them; tab-indented lines continue the message
 * above them; anything else (`go: ...`, `too many errors`) is skipped.
 */
function parseCompilerOutput(output) {
    const messages = [];
    let pkg;
    let last;
    for (const raw of output.split(/\r?\n/)) {
        if (raw.startsWith('# ')) {
            pkg = raw.slice(2).trim();
            last = undefined;
            continue;
        }
        const m = LOCATION.exec(raw);
        if (m) {
            last = {
                file: m[1],
                line: Number(m[2]),
                ...(m[3] ? { column: Number(m[3]) } : {}),
                message: m[4].trim(),
                ...(pkg ? { pkg } : {})
            };
            messages.push(last);
            continue;
        }
        if (last && /^\t/.test(raw) && raw.trim())
            last.message += `\n${raw.trim()}`;
        else
            last = undefined;
    }
    return messages;
}
/**
 * The repository-relative path (forward slashes) of a file the compiler
 * named, or undefined when it lies outside the workspace (the module cache,
 * GOROOT).
 */
function repoPath(file, ctx) {
    const p = (ctx.platform ?? process.platform) === 'win32' ? external_node_path_.win32 : external_node_path_.posix;
    const absolute = p.resolve(ctx.moduleDir, file);
    const relative = p.relative(p.resolve(ctx.workspace), absolute);
    if (!relative || relative.startsWith('..') || p.isAbsolute(relative))
        return undefined;
    return relative.split(p.sep).join('/');
}
/**
 * Every distinct compiler error of every failed build, once, with the list
 * of targets it failed in: `undefined: foo (linux/amd64, windows/arm64, +10
 * more)`. Files outside the workspace keep their location in the message.
 */
function collectAnnotations(binaries, ctx) {
    const found = new Map();
    for (const b of binaries) {
        if (b.build.status !== 'failed')
            continue;
        for (const msg of parseCompilerOutput(b.build.output)) {
            const file = repoPath(msg.file, ctx);
            const where = file ?? msg.file;
            const key = [where, msg.line, msg.column ?? '', msg.message].join('\0');
            let entry = found.get(key);
            if (!entry) {
                entry = { file, msg, targets: [] };
                found.set(key, entry);
            }
            if (!entry.targets.includes(b.build.target.name))
                entry.targets.push(b.build.target.name);
        }
    }
    return [...found.values()].map(({ file, msg, targets }) => {
        const location = file
            ? ''
            : `${msg.file}:${msg.line}${msg.column ? `:${msg.column}` : ''}: `;
        return {
            title: `go build failed${msg.pkg ? ` in ${msg.pkg}` : ''}`,
            message: `${location}${msg.message} (${shortList(targets)})`,
            ...(file
                ? {
                    file,
                    startLine: msg.line,
                    ...(msg.column ? { startColumn: msg.column } : {})
                }
                : {}),
            targets
        };
    });
}
/**
 * Emit one error annotation per distinct compiler error of the failed
 * builds, at most `limit` of them (a third of the step's limit by default,
 * leaving room for verification findings and the step's failure); the rest
 * are counted on the log (`log.omit`) and named in one log line.
 */
function annotate(binaries, ctx, log = (0,src_log/* actionLog */.Zx)(), limit = Math.floor(src_log/* ANNOTATION_LIMIT */.OE / 3) * 2) {
    const annotations = collectAnnotations(binaries, ctx);
    const emitted = Math.min(annotations.length, Math.max(0, limit));
    for (const a of annotations.slice(0, emitted)) {
        const { title, file, startLine, startColumn } = a;
        log.error(a.message, { title, file, startLine, startColumn });
    }
    const omitted = annotations.length - emitted;
    if (omitted) {
        log.omit(omitted);
        log.info(`${omitted} more distinct compiler error(s) were not annotated (at most ${emitted} are); the build log above has every one.`);
    }
    return { emitted, omitted };
}
/** actions/setup-go's problem matcher, exactly as it registers it. */
const GO_PROBLEM_MATCHER = {
    problemMatcher: [
        {
            owner: 'go',
            pattern: [
                {
                    regexp: '^\\s*(.+\\.go):(?:(\\d+):(\\d+):)? (.*)',
                    file: 1,
                    line: 2,
                    column: 3,
                    message: 4
                }
            ]
        }
    ]
};
/**
 * Stop the `go` problem matcher from turning the raw compiler output in the
 * log into duplicate annotations. Only on a runner (`GITHUB_ACTIONS=true`).
 *
 * @returns a function that registers the matcher again (call it in a
 *   `finally`), so that later steps of the job keep their annotations
 */
function suspendGoMatcher(write = (text) => process.stdout.write(text), env = process.env, log = (0,src_log/* actionLog */.Zx)()) {
    if (env.GITHUB_ACTIONS !== 'true')
        return () => { };
    write(`::remove-matcher owner=go::${external_node_os_.EOL}`);
    return () => {
        const dir = env.RUNNER_TEMP;
        if (!dir)
            return;
        const file = external_node_path_.join(dir, 'go-cross-build-go-matcher.json');
        try {
            (0,src_files/* writeFileAtomicSync */.Q3)(file, JSON.stringify(GO_PROBLEM_MATCHER));
            write(`::add-matcher::${file}${external_node_os_.EOL}`);
        }
        catch (error) {
            log.debug(`could not register the go problem matcher again: ${log.value(error.message)}`);
        }
    };
}

;// CONCATENATED MODULE: ./src/report/outputs.ts
/**
 * Report stage, for the runner: the action's outputs, as a pure function of
 * the Result (the adapter in `main.ts` sets them).
 */

/** The `binaries` output: one object per binary. */
function binariesOutput(result) {
    return result.binaries.map(({ build, verification, smoke, artifact, reproducible, sbom }) => ({
        target: build.target.name,
        id: build.target.id,
        goos: build.target.goos,
        goarch: build.target.goarch,
        variant: build.target.variant,
        package: build.pkg.binaryName,
        path: build.path,
        name: build.fileName,
        status: build.status,
        size: build.size ?? null,
        sha256: build.sha256 ?? null,
        seconds: Number(build.seconds.toFixed(3)),
        error: build.error ?? null,
        format: verification?.format ?? null,
        checks: verification?.checks ?? null,
        findings: verification?.findings ?? [],
        verified: verification ? verification.ok : null,
        paths: pathCheckText(verification?.paths),
        sbom: sbom ?? null,
        smoke: smoke ?? null,
        // `reproducible`, `differs at .rodata+0x1a2`, or `not checked`
        // (reproducible: off, a failed build, or a rebuild that failed)
        reproducible: reproducible?.text ?? 'not checked',
        rebuilt: reproducible?.rebuilt ?? null,
        artifact: artifact?.name ?? null
    }));
}
/** Every output of the action, by its name in action.yml. */
function actionOutputs(result) {
    return {
        binaries: JSON.stringify(binariesOutput(result)),
        'output-dir': result.outputDir,
        artifacts: JSON.stringify(result.artifacts),
        checksums: result.checksumsPath ?? ''
    };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action's adapter: inputs from the runner, the pipeline
 * (`pipeline.ts`), and outputs, annotations, the job summary and the step's
 * verdict back to the runner.
 */









/**
 * The action's entry point. Throws nothing: every problem becomes one
 * failure of the step.
 *
 * @param early the plan src/index.ts started from the INPUT_* variables,
 *   used when `core.getInput` reads the same values
 */
async function run(early) {
    // Compiler errors become our own annotations, once each with every target
    // listed; setup-go's matcher would add one per target on top.
    const log = (0,src_log/* actionLog */.Zx)();
    const restoreMatcher = suspendGoMatcher();
    // Cancelling the job kills every process tree started and removes partial outputs.
    (0,src_process/* installCancelHandlers */.Jz)((message) => core/* error */.z3(message));
    try {
        // The early plan stands only if the toolkit reads the inputs it read.
        const adopted = early?.adoptable(actionInputs) ? early : undefined;
        if (!adopted)
            await early?.abandon();
        // Parsed again here, with env values masked before anything logs them.
        const inputs = getInputs();
        const result = adopted
            ? await execute(adopted.inputs, log, adopted)
            : await execute(inputs, log);
        for (const [name, value] of Object.entries(actionOutputs(result)))
            core/* setOutput */.uH(name, value);
        annotate(result.binaries, {
            moduleDir: result.moduleDir,
            workspace: process.env.GITHUB_WORKSPACE ?? process.cwd()
        }, log);
        await writeSummary(result, log);
        log.info(verdictLine(result));
        if (log.omitted())
            log.info(`${log.omitted()} annotation(s) left out (at most ${src_log/* ANNOTATION_LIMIT */.OE} per step); the log above has every message.`);
        if (result.problems.length)
            core/* setFailed */.C1(`${result.problems.length} problem(s):\n${result.problems.map(problem/* problemLine */.YK).join('\n')}`);
    }
    catch (error) {
        core/* setFailed */.C1(error instanceof Error ? error.message : String(error));
    }
    finally {
        restoreMatcher();
    }
}


/***/ }),

/***/ 25923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $V: () => (/* binding */ manifestOf),
/* harmony export */   h1: () => (/* binding */ MANIFEST_FILE),
/* harmony export */   pe: () => (/* binding */ manifestArtifactName)
/* harmony export */ });
/* unused harmony exports MANIFEST_SCHEMA, MANIFEST_PREFIX, parseManifest */
/**
 * A leg's manifest: what one run of the build action made and verified, so
 * that the merge needs nothing but the artifact store. Uploaded by each leg
 * as a small artifact of its own (a raw per-target artifact has no room for
 * it), named after the leg, and read back by the merge.
 */
/** The manifest's format version; the merge refuses others. */
const MANIFEST_SCHEMA = 'go-cross-build/manifest@1';
/** Artifacts whose name starts with this are manifests. */
const MANIFEST_PREFIX = 'go-cross-build-manifest-';
/** The file inside a manifest artifact. */
const MANIFEST_FILE = 'manifest.json';
/** The artifact name of a leg's manifest. */
function manifestArtifactName(leg) {
    return `${MANIFEST_PREFIX}${leg}`;
}
const HEX64 = /^[0-9a-f]{64}$/;
/** A file name the merge may write into release-dir: one component, no tricks. */
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;
/**
 * Parses a manifest read from the artifact store (untrusted: another job
 * wrote it), refusing anything that is not exactly the expected shape.
 *
 * @throws Error naming the artifact and the field
 */
function parseManifest(text, artifact) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${artifact}: ${MANIFEST_FILE} is not JSON`, { cause: error });
    }
    const fail = (what) => {
        throw new Error(`${artifact}: ${MANIFEST_FILE} ${what}`);
    };
    const obj = (v, where) => v !== null && typeof v === 'object' && !Array.isArray(v)
        ? v
        : fail(`${where} is not an object`);
    const str = (o, key, where, test) => {
        const v = o[key];
        if (typeof v !== 'string' || (test && !test.test(v)))
            fail(`${where}.${key} is ${JSON.stringify(v)?.slice(0, 80)}, not ${test ? `a value matching ${test}` : 'a string'}`);
        return v;
    };
    const m = obj(data, 'the top level');
    if (m.schema !== MANIFEST_SCHEMA)
        fail(`has schema ${JSON.stringify(m.schema)}, not ${MANIFEST_SCHEMA}`);
    if (!Array.isArray(m.entries))
        fail('entries is not a list');
    const entries = m.entries.map((raw, i) => {
        const e = obj(raw, `entries[${i}]`);
        const where = `entries[${i}]`;
        if (typeof e.verified !== 'boolean')
            fail(`${where}.verified is not true or false`);
        // optional, but exactly typed when there
        const sbom = e.sbom === undefined ? {} : { sbom: str(e, 'sbom', where, SAFE_FILE) };
        if ((e.sbomSha256 === undefined) !== (e.sbomArtifact === undefined) || (e.sbomSha256 !== undefined && e.sbom === undefined))
            fail(`${where} has only part of sbom, sbomSha256 and sbomArtifact`);
        const own = e.sbomSha256 === undefined
            ? {}
            : { sbomSha256: str(e, 'sbomSha256', where, HEX64), sbomArtifact: str(e, 'sbomArtifact', where) };
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
            verified: e.verified,
            format: str(e, 'format', where)
        };
    });
    return {
        schema: MANIFEST_SCHEMA,
        leg: str(m, 'leg', 'the top level', /^[A-Za-z0-9._-]{1,100}$/),
        runner: str(m, 'runner', 'the top level'),
        goVersion: str(m, 'goVersion', 'the top level'),
        entries
    };
}
/**
 * The leg's manifest: one entry per binary that was uploaded, with the
 * names the plan gave it and the hashes the package stage computed (pure).
 */
function manifestOf(run) {
    const entries = [];
    for (const b of run.binaries) {
        const upload = run.uploads.find((u) => u.builds.includes(b.build.id) && u.artifact.binaries.length > 0);
        const file = run.files.find((f) => f.build === b.build.id && f.kind === 'release');
        if (!upload || !file || !b.build.sha256)
            continue;
        // An SBOM of its own sits in the binary's artifact, or (raw uploads)
        // in an artifact of its own that holds no binary.
        const sbomFile = run.files.find((f) => f.build === b.build.id && f.kind === 'sbom');
        const sbomUpload = run.uploads.find((u) => u.builds.includes(b.build.id) && u.artifact.binaries.length === 0) ?? upload;
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
        });
    }
    return { schema: MANIFEST_SCHEMA, leg: run.leg, runner: run.runner, goVersion: run.goVersion, entries };
}


/***/ }),

/***/ 81395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/**
 * Runs an async function over items with at most `limit` calls in flight,
 * keeping results in item order. Each call's rejection is left to the caller:
 * give a function that does not throw.
 *
 * @param items The inputs.
 * @param limit The most calls at once (at least 1).
 * @param fn The work for one item.
 * @returns The results, in the order of `items`.
 */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    await Promise.all(workers);
    return results;
}


/***/ })

};

//# sourceMappingURL=103.index.js.map