import { splitWords } from '../src/inputs/flags.js'

describe('splitWords', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['   ', []],
    ['-s -w', ['-s', '-w']],
    ["-X 'main.version=1.0 beta'", ['-X', 'main.version=1.0 beta']],
    ['-X "main.version=1.0 beta"', ['-X', 'main.version=1.0 beta']],
    ['-X main.v=a\\ b', ['-X', 'main.v=a b']],
    ['a"b c"d', ['ab cd']],
    ["''", ['']],
    ['"a\\"b"', ['a"b']],
    ['"$HOME"', ['$HOME']],
    ['-tags\tnetgo\n-v', ['-tags', 'netgo', '-v']]
  ])('%j splits into %j', (input, words) => {
    expect(splitWords(input)).toEqual(words)
  })

  it.each(["'abc", '"abc', "-X 'a"])('%j is refused', (input) => {
    expect(() => splitWords(input)).toThrow(/unclosed/)
  })
})
