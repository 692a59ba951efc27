/**
 * Split a string into words as a POSIX shell would, without a shell:
 * whitespace separates words, single quotes keep everything literally,
 * double quotes keep everything but `\"`, `\\`, `\$` and `` \` `` escapes, and
 * a backslash outside quotes escapes the next character. No expansion of any
 * kind happens (`$HOME` stays `$HOME`): the words go to `go` as they are.
 *
 * @throws Error naming the problem when a quote is not closed.
 */
export function splitWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new Error(`unclosed single quote at character ${i + 1}`)
      word += text.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (c === '"') {
      let j = i + 1
      for (;;) {
        if (j >= text.length)
          throw new Error(`unclosed double quote at character ${i + 1}`)
        const d = text[j]
        if (d === '"') break
        if (d === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1])) {
          if (text[j + 1] !== '\n') word += text[j + 1]
          j += 2
          continue
        }
        word += d
        j++
      }
      inWord = true
      i = j + 1
    } else if (c === '\\') {
      if (i + 1 < text.length) {
        if (text[i + 1] !== '\n') {
          word += text[i + 1]
          inWord = true
        }
        i += 2
      } else {
        word += c
        inWord = true
        i++
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
    } else {
      word += c
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}

const CGO_BUILD_FLAGS: Readonly<Record<string, string>> = {
  race: 'the race detector is written in C and needs cgo',
  msan: 'the memory sanitizer needs cgo and a C compiler',
  asan: 'the address sanitizer needs cgo and a C compiler'
}

const CGO_BUILDMODES = ['c-shared', 'c-archive', 'plugin']

/** Flags the action sets itself, refused in `flags` and GOFLAGS. */
const OWN_FLAGS: Readonly<Record<string, string>> = {
  o: 'the action chooses each binary\'s path; use the output-dir and binary-name inputs',
  ldflags: 'use the ldflags input',
  trimpath: 'use the trimpath input',
  tags: 'use the tags input'
}

/** Split `-name=value` / `--name=value` into its name and optional value. */
function flagParts(word: string): { name: string; value?: string } | undefined {
  const m = /^--?([A-Za-z0-9_.-]+)(?:=([\s\S]*))?$/.exec(word)
  if (!m) return undefined
  return { name: m[1], value: m[2] }
}

function isTrue(value: string | undefined): boolean {
  return value === undefined || /^(1|t|true)$/i.test(value)
}

/**
 * Problems with `go build` flags that would need cgo, or that the action
 * controls itself. One line per problem, naming the input and the value.
 *
 * @param words the flags, already split
 * @param input the input they came from (`flags`, `GOFLAGS`)
 * @param own whether flags the action sets itself are refused too
 */
export function buildFlagProblems(
  words: readonly string[],
  input: string,
  own = true
): string[] {
  const problems: string[] = []
  for (let i = 0; i < words.length; i++) {
    const parts = flagParts(words[i])
    if (!parts) continue
    const { name } = parts
    const next = (): string | undefined => {
      if (parts.value !== undefined) return parts.value
      const v = words[i + 1]
      i++
      return v
    }
    if (name in CGO_BUILD_FLAGS) {
      if (isTrue(parts.value))
        problems.push(
          `${input}: "${words[i]}" is refused: ${CGO_BUILD_FLAGS[name]}, and this action builds with CGO_ENABLED=0. Remove it (run -${name} in a separate test job).`
        )
    } else if (name === 'buildmode') {
      const mode = next()
      if (mode && CGO_BUILDMODES.includes(mode))
        problems.push(
          `${input}: "-buildmode=${mode}" is refused: that build mode needs cgo, and this action builds with CGO_ENABLED=0. Remove it.`
        )
    } else if (name === 'ldflags') {
      const value = next() ?? ''
      if (own && input !== 'GOFLAGS')
        problems.push(`${input}: "-ldflags" is refused here: ${OWN_FLAGS.ldflags}.`)
      let inner: string[] = []
      try {
        inner = splitWords(value)
      } catch {
        inner = value.split(/\s+/)
      }
      problems.push(...linkerFlagProblems(inner, `${input} (-ldflags)`))
    } else if (own && name in OWN_FLAGS) {
      problems.push(`${input}: "-${name}" is refused here: ${OWN_FLAGS[name]}.`)
    }
  }
  return problems
}

/**
 * Problems with linker flags that would need cgo (`-linkmode=external`).
 *
 * @param words the ldflags, already split
 * @param input where they came from (`ldflags`)
 */
export function linkerFlagProblems(words: readonly string[], input: string): string[] {
  const problems: string[] = []
  for (let i = 0; i < words.length; i++) {
    const parts = flagParts(words[i])
    if (!parts || parts.name !== 'linkmode') continue
    const mode = parts.value ?? words[i + 1]
    if (mode === 'external')
      problems.push(
        `${input}: "-linkmode=external" is refused: external linking uses the C linker and needs cgo, and this action builds with CGO_ENABLED=0. Remove it (Go links internally by default).`
      )
  }
  return problems
}
