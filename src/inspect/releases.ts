/**
 * What differs between Go releases in the headers the verdict reads, in one
 * table keyed by release. Its own module, without the binary readers, so the
 * job summary can say which row was used without loading them.
 */

/**
 * Header fields that the Go linker writes differently from one release to
 * the next. Nothing in the build tells the linker otherwise (cgo is off, so
 * it always links internally), so for a given release they are fixed.
 */
export interface LinkerHeaders {
  /**
   * The ABI level in e_flags (bits 0-1) of a linux/ppc64 (big-endian) ELF
   * binary: 1 is ELFv1 (`file`: "Power ELF V1 ABI"), 2 is ELFv2 ("OpenPOWER
   * ELF V2 ABI"). ppc64le and openbsd/ppc64 are ELFv2 in every release.
   */
  ppc64ElfAbi: 1 | 2
  /** LC_BUILD_VERSION minos of a darwin binary: the oldest macOS it runs on. */
  macosMinos: string
  /**
   * LC_BUILD_VERSION sdk of a darwin binary (the SDK the linker claims to
   * have linked against). Reported, not judged.
   */
  macosSdk: string
}

/**
 * The one table of what differs between Go releases, keyed by release, as
 * measured on real binaries of every target (the differential test builds
 * them with each release listed here and checks this table). A release not
 * listed (older, newer, or a pre-release) is not judged on these fields: a
 * newer Go may move them again, and a guess would fail good binaries.
 */
export const LINKER_HEADERS: Readonly<Record<string, LinkerHeaders>> = {
  'go1.26': { ppc64ElfAbi: 1, macosMinos: '12.0.0', macosSdk: '12.0.0' },
  'go1.27': { ppc64ElfAbi: 2, macosMinos: '13.0.0', macosSdk: '26.2.0' }
}

/**
 * The release (`go1.27`) of a Go version as the build info records it
 * (`go1.27.3`, `go1.27.3 X:jsonv2`), or undefined for a pre-release or a
 * development build (`go1.28rc1`, `devel go1.28-abc`).
 */
export function goRelease(goVersion: string): string | undefined {
  return /^(go1\.\d+)(?:\.\d+)?(?: |$)/.exec(goVersion)?.[1]
}

/** The header fields the Go release that built a binary writes, if known. */
export function linkerHeadersFor(goVersion: string): LinkerHeaders | undefined {
  const release = goRelease(goVersion)
  return release === undefined ? undefined : LINKER_HEADERS[release]
}
