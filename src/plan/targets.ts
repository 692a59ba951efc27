/**
 * Planning stage, part one: turn the `targets` input into a sorted,
 * deduplicated list of `Target`s, validated against the platforms of the Go
 * toolchain that will build (`go tool dist list -json`), never a hand-kept
 * list.
 */
import picomatch from 'picomatch'
import { LIST_RULE, quoted, textProblems } from '../inputs/text.js'
import type { Target, VariantVar } from '../types.js'

/** One entry of `go tool dist list -json`. */
export interface Platform {
  GOOS: string
  GOARCH: string
  CgoSupported: boolean
  FirstClass: boolean
}

/** How one architecture's variant is spelled and which values Go accepts. */
interface VariantRule {
  variable: VariantVar
  /** Accepted values, in Go's spelling. */
  values: readonly string[]
  /** Accepted comma suffixes (`,softfloat`), any combination, each once. */
  suffixes: readonly string[]
  /** OCI and other common spellings mapped to Go's (`v7` → `7`). */
  aliases: Readonly<Record<string, string>>
}

const ARM64_VERSIONS = [
  ...Array.from({ length: 10 }, (_, i) => `v8.${i}`),
  ...Array.from({ length: 6 }, (_, i) => `v9.${i}`)
]

/** A rule with plain values: no suffixes, no aliases. */
function plain(variable: VariantVar, values: readonly string[]): VariantRule {
  return { variable, values, suffixes: [], aliases: {} }
}

const FLOAT_ABI = ['hardfloat', 'softfloat']
const GOMIPS = plain('GOMIPS', FLOAT_ABI)
const GOMIPS64 = plain('GOMIPS64', FLOAT_ABI)
const GOPPC64 = plain('GOPPC64', ['power8', 'power9', 'power10'])

/**
 * The variant variable of each architecture that has one, with the values
 * `internal/buildcfg` accepts in Go 1.26.
 */
export const VARIANTS: Readonly<Record<string, VariantRule>> = {
  arm: {
    variable: 'GOARM',
    values: ['5', '6', '7'],
    suffixes: [',softfloat', ',hardfloat'],
    aliases: { v5: '5', v6: '6', v7: '7' }
  },
  amd64: plain('GOAMD64', ['v1', 'v2', 'v3', 'v4']),
  arm64: {
    variable: 'GOARM64',
    values: ARM64_VERSIONS,
    suffixes: [',lse', ',crypto'],
    aliases: { v8: 'v8.0', v9: 'v9.0' }
  },
  '386': plain('GO386', ['sse2', 'softfloat']),
  mips: GOMIPS,
  mipsle: GOMIPS,
  mips64: GOMIPS64,
  mips64le: GOMIPS64,
  ppc64: GOPPC64,
  ppc64le: GOPPC64,
  riscv64: plain('GORISCV64', ['rva20u64', 'rva22u64', 'rva23u64'])
}

/** Every variant variable, so that each build can set all of them. */
export const VARIANT_VARS: readonly VariantVar[] = [
  'GOARM',
  'GOAMD64',
  'GOARM64',
  'GOMIPS',
  'GOMIPS64',
  'GO386',
  'GOPPC64',
  'GORISCV64'
]

/** JSON object keys accepted for a target, besides goos and goarch. */
const OBJECT_VARIANT_KEYS: Readonly<Record<string, VariantVar | 'variant'>> = {
  variant: 'variant',
  goarm: 'GOARM',
  goamd64: 'GOAMD64',
  goarm64: 'GOARM64',
  gomips: 'GOMIPS',
  gomips64: 'GOMIPS64',
  go386: 'GO386',
  goppc64: 'GOPPC64',
  goriscv64: 'GORISCV64'
}

/** The targets the `targets` input gives when it is empty. */
export const DEFAULT_TARGETS =
  'linux/amd64, linux/arm64, darwin/amd64, darwin/arm64, windows/amd64, windows/arm64'

/**
 * Whether Go can link this platform with cgo off. Mirrors
 * `internal/platform.MustLinkExternal(goos, goarch, false)` plus the default
 * PIE build mode of ios/amd64, which only links externally: both fail with
 * "requires external (cgo) linking, but cgo is not enabled".
 */
export function linksWithoutCgo(goos: string, goarch: string): boolean {
  if (goos === 'android') return goarch === 'arm64'
  if (goos === 'ios') return false
  return true
}

/** Build a Target from its parts (the variant already in Go's spelling). */
export function makeTarget(goos: string, goarch: string, variant = ''): Target {
  const name = variant ? `${goos}/${goarch}/${variant}` : `${goos}/${goarch}`
  const id = [goos, goarch, variant]
    .filter(Boolean)
    .join('-')
    .replace(/,/g, '-')
  return { goos, goarch, variant, name, id }
}

/** The variant variable of a target's architecture, if it has one. */
export function variantVariable(goarch: string): VariantVar | undefined {
  return VARIANTS[goarch]?.variable
}

/**
 * Normalise a variant to Go's spelling, or explain what is wrong.
 * `v7` → `7` for arm, `v8` → `v8.0` for arm64; suffixes keep their order.
 */
export function normaliseVariant(
  goarch: string,
  raw: string
): { value: string } | { error: string } {
  const rule = VARIANTS[goarch]
  if (!rule)
    return {
      error: `${goarch} has no variant (only ${Object.keys(VARIANTS).join(', ')} do)`
    }
  const [base, ...rest] = raw.split(',')
  const suffixes = rest.map((s) => `,${s}`)
  const value = rule.aliases[base] ?? base
  const expected = `${rule.variable} must be one of ${rule.values.join(', ')}${
    rule.suffixes.length
      ? `, optionally followed by ${rule.suffixes.join(' or ')}`
      : ''
  }`
  if (!rule.values.includes(value)) {
    const near = closest(base, rule.values)
    return {
      error: `"${raw}" is not a valid ${rule.variable} for ${goarch}: ${expected}${
        near ? `; did you mean ${near}?` : ''
      }`
    }
  }
  for (const s of suffixes) {
    if (!rule.suffixes.includes(s) || suffixes.indexOf(s) !== suffixes.lastIndexOf(s))
      return {
        error: `"${raw}" is not a valid ${rule.variable} for ${goarch}: ${expected}`
      }
  }
  if (
    rule.variable === 'GOARM' &&
    suffixes.includes(',softfloat') &&
    suffixes.includes(',hardfloat')
  )
    return { error: `"${raw}": GOARM takes ,softfloat or ,hardfloat, not both` }
  if (rule.variable === 'GOARM' && value === '5' && suffixes.includes(',hardfloat'))
    return {
      error: `"${raw}": GOARM=5 is soft-float only; use 5 or 6,hardfloat`
    }
  return { value: [value, ...rest].join(',') }
}

/** Edit distance counting a transposition as one edit (amd46 → amd64). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  return d[a.length][b.length]
}

/**
 * The closest candidate, for did-you-mean: within one edit per three
 * characters (at least one), or one that starts with the word.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase()
  let best: string | undefined
  let bestScore = Infinity
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase())
    if (d < bestScore) {
      best = c
      bestScore = d
    }
  }
  if (best !== undefined && bestScore <= Math.max(1, Math.floor(w.length / 3)))
    return best
  return w ? candidates.find((c) => c.toLowerCase().startsWith(w)) : undefined
}

/** The outcome of parsing the `targets` input. */
export interface TargetPlan {
  targets: Target[]
  /** Problems, one line each; the list is unusable when non-empty. */
  errors: string[]
  /** Things worth saying that are not errors (targets a word or glob skipped). */
  notes: string[]
}

type Selector =
  | { kind: 'word'; word: 'all' | 'first-class'; text: string }
  | { kind: 'glob'; pattern: string; text: string }
  | { kind: 'target'; goos: string; goarch: string; variant: string; text: string }

/**
 * Split a list on whitespace and commas, except the comma of a variant suffix
 * (`linux/arm/6,hardfloat`, `linux/arm64/v8.0,lse`): after a goos/goarch/variant
 * word, a comma followed by a word without a slash continues the variant.
 */
function splitList(text: string): string[] {
  const out: string[] = []
  for (const chunk of text.split(/\s+/).filter(Boolean)) {
    for (const piece of chunk.split(',')) {
      if (!piece) continue
      const prev = out[out.length - 1]
      if (
        prev !== undefined &&
        !piece.includes('/') &&
        !['all', 'first-class'].includes(piece.toLowerCase()) &&
        prev.replace(/^!/, '').split('/').length === 3 &&
        !/^[[{"]/.test(piece)
      )
        out[out.length - 1] = `${prev},${piece}`
      else out.push(piece)
    }
  }
  return out
}

/**
 * The deepest a JSON `targets` may nest: an array of objects of plain
 * values is 2; one more level is allowed so that a wrong item gets its own
 * message.
 */
export const MAX_JSON_DEPTH = 3

/** The longest one target, glob or exclusion may be, in characters. */
export const MAX_TARGET_WORD = 256

/**
 * How deep a JSON text nests arrays and objects, counted without parsing
 * (strings skipped), so that hostile nesting never reaches a recursive
 * reader or printer. Stops counting past `limit`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '[' || c === '{') {
      deepest = Math.max(deepest, ++depth)
      if (deepest > limit) return deepest
    } else if (c === ']' || c === '}') depth--
  }
  return deepest
}

/** A JSON value for a message: short, and with control characters shown. */
function shownJson(value: unknown): string {
  return quoted(JSON.stringify(value)).slice(1, -1)
}

/** Split the input into entries: a JSON array, or comma/space/newline separated words. */
function entries(input: string, errors: string[]): Array<string | Selector> {
  const text = input.trim()
  if (!text.startsWith('[')) return splitList(text)
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    errors.push(
      `targets: the JSON nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep; give a flat array of strings or {"goos", "goarch", ...} objects, e.g. ["linux/amd64", {"goos": "linux", "goarch": "arm", "goarm": "7"}]`
    )
    return []
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    errors.push(
      `targets: looks like a JSON array but is not valid JSON (${(e as Error).message}); pass e.g. ["linux/amd64", {"goos": "linux", "goarch": "arm", "goarm": "7"}]`
    )
    return []
  }
  if (!Array.isArray(parsed)) return []
  // JSON escapes (\u202e) get past the check of the raw text: check again.
  const strings = parsed.flatMap((item: unknown) =>
    typeof item === 'string'
      ? [item]
      : item && typeof item === 'object'
        ? Object.entries(item).flat().filter((v) => typeof v === 'string')
        : []
  )
  const unsafe = strings.flatMap((v) => textProblems('targets', v, LIST_RULE))
  if (unsafe.length) {
    errors.push(...new Set(unsafe))
    return []
  }
  const out: Array<string | Selector> = []
  parsed.forEach((item, i) => {
    if (typeof item === 'string') {
      out.push(...splitList(item))
    } else if (item && typeof item === 'object' && !Array.isArray(item)) {
      const s = objectSelector(item as Record<string, unknown>, i, errors)
      if (s) out.push(s)
    } else {
      errors.push(
        `targets: JSON item ${i + 1} is ${shownJson(item)}; each item must be a string like "linux/amd64" or an object like {"goos": "linux", "goarch": "amd64"}`
      )
    }
  })
  return out
}

function objectSelector(
  obj: Record<string, unknown>,
  index: number,
  errors: string[]
): Selector | undefined {
  const where = `targets: JSON item ${index + 1} (${shownJson(obj)})`
  const problems: string[] = []
  let variant = ''
  let variantKey = ''
  for (const [key, value] of Object.entries(obj)) {
    const k = key.toLowerCase()
    if (k === 'goos' || k === 'goarch') {
      if (typeof value !== 'string' || !value)
        problems.push(`${where}: "${key}" must be a non-empty string`)
      continue
    }
    if (!(k in OBJECT_VARIANT_KEYS)) {
      const near = closest(k, ['goos', 'goarch', ...Object.keys(OBJECT_VARIANT_KEYS)])
      problems.push(
        `${where}: unknown key "${key}"; allowed keys are goos, goarch and one of ${Object.keys(
          OBJECT_VARIANT_KEYS
        ).join(', ')}${near ? `; did you mean "${near}"?` : ''}`
      )
      continue
    }
    if (value === '' || value === null || value === undefined) continue
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`${where}: "${key}" must be a string`)
      continue
    }
    if (variantKey) {
      problems.push(`${where}: give one variant, not both "${variantKey}" and "${key}"`)
      continue
    }
    variantKey = key
    variant = String(value)
  }
  const goos = Object.entries(obj).find(([k]) => k.toLowerCase() === 'goos')?.[1]
  const goarch = Object.entries(obj).find(([k]) => k.toLowerCase() === 'goarch')?.[1]
  if (goos === undefined || goarch === undefined)
    problems.push(`${where}: needs both "goos" and "goarch"`)
  if (problems.length) {
    errors.push(...problems)
    return undefined
  }
  if (variantKey && variantKey.toLowerCase() !== 'variant') {
    const expectedVar = OBJECT_VARIANT_KEYS[variantKey.toLowerCase()]
    const actualVar = variantVariable(String(goarch))
    if (actualVar && expectedVar !== actualVar) {
      errors.push(
        `${where}: "${variantKey}" does not apply to ${goarch}; use "${actualVar.toLowerCase()}"`
      )
      return undefined
    }
  }
  return {
    kind: 'target',
    goos: String(goos),
    goarch: String(goarch),
    variant,
    text: JSON.stringify(obj)
  }
}

function selector(word: string, errors: string[]): Selector | undefined {
  if ([...word].length > MAX_TARGET_WORD) {
    errors.push(
      `targets: ${quoted(word)} is ${[...word].length} characters long, more than the ${MAX_TARGET_WORD} a target, glob or exclusion may have; name targets as goos/goarch[/variant]`
    )
    return undefined
  }
  const lower = word.toLowerCase()
  if (lower === 'all' || lower === 'first-class')
    return { kind: 'word', word: lower, text: word }
  if (/[*?[\]{}]/.test(word)) return { kind: 'glob', pattern: lower, text: word }
  const parts = word.split('/')
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) {
    errors.push(
      `targets: "${word}" is not of the form goos/goarch or goos/goarch/variant (e.g. linux/amd64, linux/arm/7)`
    )
    return undefined
  }
  return {
    kind: 'target',
    goos: parts[0].toLowerCase(),
    goarch: parts[1].toLowerCase(),
    variant: parts[2] ?? '',
    text: word
  }
}

function compareTargets(a: Target, b: Target): number {
  return a.goos.localeCompare(b.goos) ||
    a.goarch.localeCompare(b.goarch) ||
    a.variant.localeCompare(b.variant)
}

/**
 * Parse the `targets` input against the platforms of the installed Go.
 *
 * @param input the raw input (empty means the default list)
 * @param platforms `go tool dist list -json`
 * @param goVersion for messages (`go1.26.8`)
 */
export function parseTargets(
  input: string,
  platforms: readonly Platform[],
  goVersion = 'this Go'
): TargetPlan {
  const errors: string[] = []
  const notes: string[] = []
  const known = new Map(platforms.map((p) => [`${p.GOOS}/${p.GOARCH}`, p]))
  const names = [...known.keys()]
  const goosList = [...new Set(platforms.map((p) => p.GOOS))]
  const include: Target[] = []
  const exclude: Array<(t: Target) => boolean> = []

  const raw = input.trim() ? input : DEFAULT_TARGETS
  const list = entries(raw, errors)
  for (const item of list) {
    let negate = false
    let sel: Selector | undefined
    if (typeof item === 'string') {
      negate = item.startsWith('!')
      sel = selector(negate ? item.slice(1) : item, errors)
    } else {
      sel = item
    }
    if (!sel) continue

    if (sel.kind === 'word') {
      const chosen = platforms.filter(
        (p) => sel.word === 'all' || p.FirstClass
      )
      if (negate) {
        const set = new Set(chosen.map((p) => `${p.GOOS}/${p.GOARCH}`))
        exclude.push((t) => set.has(`${t.goos}/${t.goarch}`))
        continue
      }
      for (const p of chosen) {
        if (!linksWithoutCgo(p.GOOS, p.GOARCH)) {
          notes.push(
            `"${sel.text}" leaves out ${p.GOOS}/${p.GOARCH}: Go links it only with cgo`
          )
          continue
        }
        include.push(makeTarget(p.GOOS, p.GOARCH))
      }
    } else if (sel.kind === 'glob') {
      let match: picomatch.Matcher
      try {
        match = picomatch(sel.pattern, { nocase: true, maxLength: MAX_TARGET_WORD })
      } catch (e) {
        errors.push(
          `targets: the glob ${quoted(sel.text)} cannot be used (${(e as Error).message}); write globs such as "linux/*" or "*/arm64"`
        )
        continue
      }
      const chosen = platforms.filter((p) => match(`${p.GOOS}/${p.GOARCH}`))
      if (chosen.length === 0) {
        errors.push(
          `targets: "${sel.text}" matches no target of ${goVersion}; run "go tool dist list" to see them`
        )
        continue
      }
      if (negate) {
        exclude.push((t) => match(`${t.goos}/${t.goarch}`))
        continue
      }
      for (const p of chosen) {
        if (!linksWithoutCgo(p.GOOS, p.GOARCH)) {
          notes.push(
            `"${sel.text}" leaves out ${p.GOOS}/${p.GOARCH}: Go links it only with cgo`
          )
          continue
        }
        include.push(makeTarget(p.GOOS, p.GOARCH))
      }
    } else {
      const pair = `${sel.goos}/${sel.goarch}`
      const text = negate ? `!${sel.text}` : sel.text
      if (!known.has(pair)) {
        let hint: string
        if (!goosList.includes(sel.goos)) {
          const near = closest(sel.goos, goosList)
          hint = near
            ? `did you mean ${near}/${sel.goarch}?`
            : `GOOS "${sel.goos}" is unknown; run "go tool dist list" for the list`
          if (near && !known.has(`${near}/${sel.goarch}`))
            hint = `did you mean ${closest(`${near}/${sel.goarch}`, names) ?? near + '/...'}?`
        } else {
          const arches = platforms
            .filter((p) => p.GOOS === sel.goos)
            .map((p) => p.GOARCH)
          const near = closest(sel.goarch, arches)
          hint = near
            ? `did you mean ${sel.goos}/${near}?`
            : `${sel.goos} supports ${arches.join(', ')}`
        }
        errors.push(`targets: "${text}" is not a Go target (${goVersion}); ${hint}`)
        continue
      }
      let variant = ''
      if (sel.variant) {
        const v = normaliseVariant(sel.goarch, sel.variant)
        if ('error' in v) {
          errors.push(`targets: "${text}": ${v.error}`)
          continue
        }
        variant = v.value
      }
      const t = makeTarget(sel.goos, sel.goarch, variant)
      if (negate) {
        exclude.push((x) =>
          x.goos === t.goos &&
          x.goarch === t.goarch &&
          (!t.variant || x.variant === t.variant)
        )
        continue
      }
      if (!linksWithoutCgo(t.goos, t.goarch)) {
        errors.push(
          `targets: "${text}" cannot be built with CGO_ENABLED=0: Go links ${pair} only with the external C linker (cgo), which this action keeps off. Drop it${
            t.goos === 'android' ? ' or use android/arm64' : ''
          }.`
        )
        continue
      }
      include.push(t)
    }
  }

  const seen = new Set<string>()
  const targets = include
    .filter((t) => !exclude.some((ex) => ex(t)))
    .filter((t) => !seen.has(t.name) && seen.add(t.name) !== undefined)
    .sort(compareTargets)
  if (errors.length === 0 && targets.length === 0)
    errors.push(
      `targets: "${input.trim()}" leaves no target to build${
        exclude.length ? ' after the exclusions' : ''
      }; name at least one, e.g. linux/amd64`
    )
  return { targets, errors, notes: [...new Set(notes)] }
}

/** The file extension Go's output for a target conventionally has. */
export function binaryExtension(t: Target): string {
  if (t.goos === 'windows') return '.exe'
  if (t.goarch === 'wasm') return '.wasm'
  return ''
}
