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
