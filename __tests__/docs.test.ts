/**
 * Documentation that cannot drift: README.md, action.yml, the workflows,
 * .env.example, the CHANGELOG and the sources are checked against each
 * other, and every workflow is parsed with GitHub's own parser.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import * as path from 'node:path'
import ts from 'typescript'
import { INPUT_DEFAULTS, getInputs } from '../src/inputs/inputs.js'
import { INPUT_TABLE, type InputSpec } from '../src/inputs/table.js'
import { parsePublishInputs } from '../src/package/options.js'
import {
  parseActionFile,
  parseWorkflowFile,
  type ActionManifest
} from '../tools/workflow-parser.js'

const ROOT = path.resolve('.')
const read = (file: string): string =>
  readFileSync(path.join(ROOT, file), 'utf8')
const README = read('README.md')

/** One row of a README table, cells trimmed, `\|` unescaped. */
type Row = string[]

/** The first Markdown table after a `## heading`, without its header rows. */
function tableAfter(markdown: string, heading: string): Row[] {
  const lines = markdown.split('\n')
  const start = lines.findIndex((l) => l.trim() === heading)
  if (start < 0) throw new Error(`README.md has no "${heading}" section`)
  const rows: Row[] = []
  let i = start + 1
  while (i < lines.length && !lines[i].startsWith('|')) {
    if (lines[i].startsWith('## '))
      throw new Error(`no table under "${heading}"`)
    i++
  }
  for (; i < lines.length && lines[i].startsWith('|'); i++)
    rows.push(
      lines[i]
        .replace(/^\|/, '')
        .replace(/\|\s*$/, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\([|*_])/g, '$1'))
    )
  return rows.slice(2)
}

/** `\`value\`` → value; `\`''\`` → ''. */
function code(text: string): string {
  const m = /^`(.*)`$/.exec(text)
  if (!m)
    throw new Error(`expected a \`code\` cell, found ${JSON.stringify(text)}`)
  return m[1] === "''" ? '' : m[1]
}

/** Text for a table cell: pipes and asterisks escaped. */
function cellText(text: string): string {
  return text.replace(/[|*]/g, '\\$&')
}

/** The README row an input should have, exactly. */
function inputRow(i: ActionManifest['inputs'][number]): string {
  const d = i.default ?? ''
  return `| \`${i.id}\` | \`${d === '' ? "''" : d}\` | ${i.required ? 'yes' : 'no'} | ${cellText((i.description ?? '').trim())} |`
}

/**
 * What disagrees between the README tables and action.yml, one line each,
 * with the row to paste.
 */
function tableDrift(markdown: string, action: ActionManifest): string[] {
  const problems: string[] = []
  const inputs = tableAfter(markdown, '## Inputs')
  const names = inputs.map((r) => code(r[0]))
  const expectedNames = action.inputs.map((i) => i.id)
  if (names.join() !== expectedNames.join())
    problems.push(
      `inputs: README lists ${names.join(', ')}; action.yml has ${expectedNames.join(', ')}`
    )
  for (const i of action.inputs) {
    const row = inputs.find((r) => code(r[0]) === i.id)
    if (!row) continue
    const [, def, required, description] = row
    if (
      code(def) !== (i.default ?? '') ||
      required !== (i.required ? 'yes' : 'no') ||
      description !== (i.description ?? '').trim()
    )
      problems.push(`input ${i.id}: the README row should be\n${inputRow(i)}`)
  }
  const outputs = tableAfter(markdown, '## Outputs')
  const outNames = outputs.map((r) => code(r[0]))
  const expectedOut = action.outputs.map((o) => o.id)
  if (outNames.join() !== expectedOut.join())
    problems.push(
      `outputs: README lists ${outNames.join(', ')}; action.yml has ${expectedOut.join(', ')}`
    )
  for (const o of action.outputs) {
    const row = outputs.find((r) => code(r[0]) === o.id)
    if (row && row[1] !== (o.description ?? '').trim())
      problems.push(
        `output ${o.id}: the README row should be\n| \`${o.id}\` | ${cellText((o.description ?? '').trim())} |`
      )
  }
  return problems
}

/**
 * What disagrees between the table of inputs (src/inputs/table.ts),
 * action.yml and the README's Inputs table, one line each, both ways: an
 * entry action.yml or the README lacks, an input the table lacks, a name
 * out of order, a default or description that differs.
 */
function inputTableDrift(
  table: readonly InputSpec[],
  action: ActionManifest,
  markdown: string
): string[] {
  const problems: string[] = []
  const rows = tableAfter(markdown, '## Inputs')
  const names = table.map((i) => i.name)
  const declared = action.inputs.map((i) => i.id)
  for (const name of declared)
    if (!names.includes(name))
      problems.push(`${name}: in action.yml but not in src/inputs/table.ts`)
  for (const row of rows)
    if (!names.includes(code(row[0])))
      problems.push(`${code(row[0])}: in the README but not in src/inputs/table.ts`)
  if (names.join() !== declared.join())
    problems.push(`order: the table has ${names.join(', ')}; action.yml has ${declared.join(', ')}`)
  for (const entry of table) {
    const input = action.inputs.find((i) => i.id === entry.name)
    if (!input) {
      problems.push(`${entry.name}: in src/inputs/table.ts but not in action.yml`)
      continue
    }
    if ((input.default ?? '') !== entry.default)
      problems.push(
        `${entry.name}: default ${JSON.stringify(entry.default)} in the table, ${JSON.stringify(input.default ?? '')} in action.yml`
      )
    if ((input.description ?? '').trim() !== entry.description)
      problems.push(`${entry.name}: the description differs from action.yml's`)
    const row = rows.find((r) => code(r[0]) === entry.name)
    if (!row) problems.push(`${entry.name}: not documented in the README's Inputs table`)
    else if (code(row[1]) !== entry.default || row[3] !== entry.description)
      problems.push(`${entry.name}: the README row differs from the table`)
  }
  return problems
}

/** Every ```yaml block of a Markdown text, with the line it starts on. */
function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = []
  const re = /^```ya?ml\n([\s\S]*?)^```$/gm
  for (let m = re.exec(markdown); m; m = re.exec(markdown))
    blocks.push({
      line: markdown.slice(0, m.index).split('\n').length,
      text: m[1]
    })
  return blocks
}

/** A step that uses this action (`./` in this repository, `*\/go-cross-build@ref` elsewhere). */
function usesThisAction(uses: unknown): boolean {
  return subActionOf(uses) === ''
}

/** '' for the action itself, 'plan' or 'merge' for a sub-action, else undefined. */
function subActionOf(uses: unknown): string | undefined {
  if (typeof uses !== 'string') return undefined
  if (uses === './') return ''
  const m = /^(?:\.\/|[^@]*(?:^|\/)go-cross-build\/?)(plan|merge)?(?:@|\/?$)/.exec(uses)
  return m ? (m[1] ?? '') : undefined
}

type Workflow = { jobs?: Record<string, { steps?: Record<string, unknown>[] }> }

/**
 * What is wrong in how a workflow uses this action: unknown `with:` keys,
 * boolean inputs given something else, outputs that do not exist.
 */
function usageProblems(
  workflow: Workflow,
  text: string,
  action: ActionManifest,
  booleans: ReadonlySet<string>
): string[] {
  const problems: string[] = []
  const inputs = new Set(action.inputs.map((i) => i.id))
  const outputs = new Set(action.outputs.map((o) => o.id))
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {}))
    for (const step of job.steps ?? []) {
      const sub = subActionOf(step.uses)
      if (sub === undefined) continue
      if (sub !== '') {
        problems.push(...subActionProblems(jobId, step, text, subActions[sub]))
        continue
      }
      const given = (step.with ?? {}) as Record<string, unknown>
      for (const [key, value] of Object.entries(given)) {
        if (!inputs.has(key))
          problems.push(`${jobId}: "${key}" is not an input of the action`)
        else if (
          booleans.has(key) &&
          !/^(true|false|\$\{\{[\s\S]*\}\})$/i.test(String(value))
        )
          problems.push(
            `${jobId}: ${key} is a boolean; ${JSON.stringify(value)} is not`
          )
      }
      for (const i of action.inputs)
        if (i.required && !(i.id in given))
          problems.push(`${jobId}: required input ${i.id} is missing`)
      if (typeof step.id === 'string') {
        const re = new RegExp(
          `steps\\.${step.id}\\.outputs\\.([A-Za-z0-9_-]+)`,
          'g'
        )
        for (const m of text.matchAll(re))
          if (!outputs.has(m[1]))
            problems.push(
              `${jobId}: steps.${step.id}.outputs.${m[1]} is not an output of the action`
            )
      }
    }
  return problems
}

/** A sub-action's step: its inputs and the outputs read from it exist. */
function subActionProblems(
  jobId: string,
  step: Record<string, unknown>,
  text: string,
  manifest: ActionManifest
): string[] {
  const problems: string[] = []
  const inputs = new Set(manifest.inputs.map((i) => i.id))
  const outputs = new Set(manifest.outputs.map((o) => o.id))
  for (const key of Object.keys((step.with ?? {}) as Record<string, unknown>))
    if (!inputs.has(key))
      problems.push(`${jobId}: "${key}" is not an input of ${String(step.uses)}`)
  if (typeof step.id === 'string')
    for (const m of text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g')))
      if (!outputs.has(m[1]))
        problems.push(`${jobId}: steps.${step.id}.outputs.${m[1]} is not an output of ${String(step.uses)}`)
  return problems
}

/** Every workflow file under .github/workflows. */
function workflowFiles(): string[] {
  const dir = path.join(ROOT, '.github', 'workflows')
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && statSync(path.join(dir, f)).isFile())
    .map((f) => path.join('.github', 'workflows', f))
}

/**
 * Inputs that refuse anything but a boolean, found by asking the validators
 * themselves (the engine's and the publish stage's) about the value "maybe".
 */
function booleanInputs(names: string[]): Set<string> {
  const found = new Set<string>()
  for (const name of names) {
    const get = (n: string): string => (n === name ? 'maybe' : '')
    const messages: string[] = []
    for (const validate of [
      () => getInputs(get),
      () => parsePublishInputs(get)
    ])
      try {
        validate()
      } catch (error) {
        messages.push((error as Error).message)
      }
    if (messages.some((m) => m.includes(`${name}: "maybe" is not a boolean`)))
      found.add(name)
  }
  return found
}

let action: ActionManifest
let booleans: Set<string>
const subActions: Record<string, ActionManifest> = {}

beforeAll(async () => {
  action = await parseActionFile('action.yml', read('action.yml'))
  for (const sub of ['plan', 'merge'])
    subActions[sub] = await parseActionFile(`${sub}/action.yml`, read(`${sub}/action.yml`))
  booleans = booleanInputs(action.inputs.map((i) => i.id))
}, 60_000)

describe('action.yml', () => {
  it('is valid for GitHub', () => {
    expect(action.errors).toEqual([])
    expect(action.inputs.length).toBeGreaterThan(0)
  })

  it('runs the committed bundle on node24 and has branding', () => {
    expect(action.runs).toMatchObject({
      using: 'node24',
      main: 'dist/index.js'
    })
    expect(action.branding?.icon).toBeTruthy()
    expect(action.branding?.color).toBeTruthy()
    expect(action.description).toBeTruthy()
  })

  it('describes every input and output', () => {
    const undescribed = [...action.inputs, ...action.outputs]
      .filter((x) => !x.description?.trim())
      .map((x) => x.id)
    expect(undescribed).toEqual([])
  })

  it('gives every boolean input a true/false default', () => {
    expect([...booleans].sort()).toEqual(
      expect.arrayContaining([
        'fail-fast',
        'overwrite',
        'skip-archive',
        'smoke-test',
        'trimpath',
        'verify'
      ])
    )
    const bad = action.inputs
      .filter(
        (i) =>
          booleans.has(i.id) && i.default !== 'true' && i.default !== 'false'
      )
      .map((i) => `${i.id}: ${JSON.stringify(i.default)}`)
    expect(bad).toEqual([])
  })

  it('is the table of inputs the engine and the CLI use, and the README documents it', () => {
    expect(inputTableDrift(INPUT_TABLE, action, README)).toEqual([])
    // The table's booleans are the inputs the validators treat as booleans.
    expect(
      INPUT_TABLE.filter((i) => i.kind === 'boolean').map((i) => i.name).sort()
    ).toEqual([...booleans].sort())
  })

  it('would notice a table that drifted from action.yml or the README', () => {
    const table = INPUT_TABLE.map((i) => ({ ...i }))
    table[0] = { ...table[0], default: 'linux/amd64' }
    table[1] = { ...table[1], description: 'Where the module is.' }
    const extra = { ...table[2], name: 'new-input' }
    const problems = inputTableDrift([...table.slice(0, -1), extra], action, README)
    expect(problems).toEqual([
      `${INPUT_TABLE.at(-1)!.name}: in action.yml but not in src/inputs/table.ts`,
      `${INPUT_TABLE.at(-1)!.name}: in the README but not in src/inputs/table.ts`,
      expect.stringMatching(/^order: /),
      expect.stringMatching(/^targets: default "linux\/amd64" in the table, "linux\/amd64, /),
      'targets: the README row differs from the table',
      "working-directory: the description differs from action.yml's",
      'working-directory: the README row differs from the table',
      'new-input: in src/inputs/table.ts but not in action.yml'
    ])
  })

  it('has the defaults the engine and the CLI use (INPUT_DEFAULTS)', () => {
    const declared = Object.fromEntries(
      action.inputs.map((i) => [i.id, i.default ?? ''])
    )
    expect(INPUT_DEFAULTS).toEqual(declared)
  })
})

describe('README.md', () => {
  it('lists every input and output as action.yml declares them', () => {
    expect(tableDrift(README, action)).toEqual([])
  })

  it('would notice a default, a name or a description that drifted', () => {
    // Regexps, so that a table padded by a formatter still matches.
    const drifted = README.replace(
      /\| `ldflags` +\| `-s -w` +\|/,
      '| `ldflags` | `-s` |'
    )
      .replace(/\| `overwrite` +\|/, '| `overwrite-artifacts` |')
      .replace(
        'Absolute path of the directory holding the binaries.',
        'Where the binaries are.'
      )
    expect(drifted).not.toBe(README)
    const problems = tableDrift(drifted, action)
    expect(problems).toEqual([
      expect.stringMatching(/^inputs: README lists .*overwrite-artifacts/),
      expect.stringContaining(
        'input ldflags: the README row should be\n| `ldflags` | `-s -w` | no |'
      ),
      expect.stringContaining('output output-dir: the README row should be')
    ])
  })

  it('opens with what the action does and a workflow, then the two commands', () => {
    const first = yamlBlocks(README)[0]
    const twoCommands = README.indexOf('## The two commands')
    expect(first.line).toBeLessThan(
      README.slice(0, twoCommands).split('\n').length
    )
    expect(README.slice(twoCommands)).toMatch(
      /^## The two commands\n[\s\S]*?```sh\nnpm run demo\n```[\s\S]*?```sh\nnpm cit\n```/
    )
  })

  it('has three complete workflows besides the first one: single step, release, pull request', () => {
    const blocks = yamlBlocks(README).map((b) => b.text)
    expect(blocks.length).toBeGreaterThanOrEqual(4)
    const release = blocks.find((b) => /^name: Release$/m.test(b)) ?? ''
    // plan → legs → merge, with no hand-written target list in the legs
    expect(release).toMatch(/uses: OWNER\/go-cross-build\/plan@v\d+/)
    expect(release).toMatch(
      /strategy:\n\s+fail-fast: false\n\s+matrix: \$\{\{ fromJSON\(needs\.plan\.outputs\.matrix\) \}\}/
    )
    expect(release).toMatch(/targets: \$\{\{ matrix\.targets \}\}\n\s+leg: \$\{\{ matrix\.leg \}\}/)
    expect(release).toMatch(/uses: OWNER\/go-cross-build\/merge@v\d+/)
    expect(release).toMatch(
      /actions\/attest-build-provenance@v\d+\n\s+with:\n\s+subject-checksums: \$\{\{ steps\.merge\.outputs\.checksums \}\}/
    )
    expect(
      blocks.some((b) => /pull_request/.test(b) && /upload: none/.test(b))
    ).toBe(true)
  })

  it.each(yamlBlocks(README).map((b) => [b.line, b.text]))(
    "the workflow at line %i parses with GitHub's parser and uses the action correctly",
    async (_, text) => {
      const { errors, value } = await parseWorkflowFile(
        'README.md',
        text as string
      )
      expect(errors).toEqual([])
      expect((value as Workflow).jobs).toBeDefined()
      expect(
        usageProblems(value as Workflow, text as string, action, booleans)
      ).toEqual([])
    }
  )

  it('names only npm scripts that exist', () => {
    const scripts = Object.keys(JSON.parse(read('package.json')).scripts ?? {})
    const named = [...README.matchAll(/npm run ([a-z][\w:-]*)/g)].map(
      (m) => m[1]
    )
    expect(named.length).toBeGreaterThan(0)
    expect(named.filter((s) => !scripts.includes(s))).toEqual([])
  })

  it('quotes error messages the sources can actually print', () => {
    const section = README.slice(README.indexOf('## Troubleshooting'))
    const quoted = tableAfter(section, '## Troubleshooting')
      .map((r) => /^`(.+)`/.exec(r[0])?.[1])
      .filter((m): m is string => !!m && !m.includes('permission denied'))
    expect(quoted.length).toBeGreaterThan(3)
    const templates = sourceTemplates()
    expect(
      quoted.filter((message) => !printedBySources(message, templates))
    ).toEqual([])
  })
})

/** A message template: literal parts, with any text between two of them. */
type Template = string[]

/**
 * Every string and template literal of src/, read with the TypeScript
 * compiler: `a ${x} b` is the template ['a ', ' b'].
 */
function sourceTemplates(): Template[] {
  const templates: Template[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      templates.push([node.text])
    else if (ts.isTemplateExpression(node))
      templates.push([
        node.head.text,
        ...node.templateSpans.map((s) => s.literal.text)
      ])
    ts.forEachChild(node, visit)
  }
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (p.endsWith('.ts'))
        visit(
          ts.createSourceFile(
            p,
            readFileSync(p, 'utf8'),
            ts.ScriptTarget.Latest
          )
        )
    }
  }
  walk(path.join(ROOT, 'src'))
  return templates.filter((t) => t.join('').length >= 12)
}

/**
 * How many characters of a quoted message a template accounts for with its
 * own literal text, or -1 when it cannot print the message. The template's
 * `${}` parts match any text; a quote that ends in `...` may stop early, one
 * that starts with `...` may start late.
 */
function literalMatch(template: Template, quote: string): number {
  const prefix = quote.endsWith('...')
  const suffix = quote.startsWith('...')
  const q = quote.slice(suffix ? 3 : 0, prefix ? -3 : undefined)
  // The template as characters, with null for each `${}`.
  const t: (string | null)[] = []
  template.forEach((part, i) => {
    if (i > 0) t.push(null)
    t.push(...part)
  })
  const NONE = -1
  let row = new Array<number>(q.length + 1).fill(NONE)
  row[0] = 0
  let best = prefix ? row[q.length] : NONE
  for (const c of t) {
    if (suffix) row[0] = Math.max(row[0], 0)
    const next = new Array<number>(q.length + 1).fill(NONE)
    for (let j = 0; j <= q.length; j++) {
      if (c === null) {
        next[j] = Math.max(row[j], j > 0 ? next[j - 1] : NONE)
      } else if (j > 0 && row[j - 1] !== NONE && q[j - 1] === c) {
        next[j] = row[j - 1] + 1
      }
    }
    row = next
    if (prefix) best = Math.max(best, row[q.length])
  }
  return prefix ? best : row[q.length]
}

/**
 * Whether a README quote is a message that some literal in src/ prints:
 * matched end to end, with at least 30% of it (and 20 characters) being the
 * template's own words rather than values. `<input>` stands for an input name.
 */
function printedBySources(quote: string, templates: Template[]): boolean {
  const message = quote.replace(/<input>/g, 'flags')
  const words = message.replace(/^\.\.\.|\.\.\.$/g, '').length
  return templates.some((t) => {
    if (
      !t.some(
        (part) =>
          part.trim().length >= 8 && message.includes(part.trim().slice(0, 8))
      )
    )
      return false
    const n = literalMatch(t, message)
    return n >= 20 && n >= 0.3 * words
  })
}

describe('literalMatch', () => {
  it.each<[Template, string, number]>([
    [['', ': "', '" is not a boolean'], 'verify: "maybe" is not a boolean', 21],
    [
      ['', ': "', '" is not a boolean; use true or false'],
      'verify: "maybe" is not a boolean...',
      21
    ],
    [['', ': "', '" is not a boolean'], 'verify: "maybe" is not a bool', -1],
    [
      ['', ': "', '" is not a boolean'],
      'verify: "maybe" is not a boolean!',
      -1
    ],
    [
      ['', ': "', '" is not a boolean'],
      'verify: "maybe" is not a boolean...',
      21
    ],
    [['exactly this'], 'exactly this', 12],
    [['', ':', ''], 'anything: at all', 1],
    [
      ['', ' An artifact of this name exists.'],
      '...An artifact of this name exists.',
      32
    ],
    [
      ['An artifact of this name exists.'],
      '...artifact of this name exists.',
      29
    ],
    [['An artifact of this name exists.'], 'artifact of this name exists.', -1]
  ])('%j and %j: %i', (template, quote, n) => {
    expect(literalMatch(template, quote)).toBe(n)
  })
})

describe('.github/workflows', () => {
  const files = workflowFiles()

  it('has the CI workflow', () => {
    expect(files).toContain(path.join('.github', 'workflows', 'ci.yml'))
  })

  it.each(files)(
    "%s parses with GitHub's parser and uses the action correctly",
    async (file) => {
      const text = read(file)
      const { errors, value } = await parseWorkflowFile(file, text)
      expect(errors).toEqual([])
      expect(usageProblems(value as Workflow, text, action, booleans)).toEqual(
        []
      )
    }
  )

  it('runs the action on itself on Linux x64 and arm64, macOS and Windows, and checks dist', () => {
    const ci = read(path.join('.github', 'workflows', 'ci.yml'))
    for (const runner of [
      'ubuntu-latest',
      'ubuntu-24.04-arm',
      'macos-latest',
      'windows-latest'
    ])
      expect(ci).toContain(runner)
    expect(ci).toMatch(/uses: \.\/\n/)
    expect(ci).toMatch(/actions\/setup-go@v\d+/)
    expect(ci).toContain('git status --porcelain dist')
  })
})

describe('the parser itself', () => {
  it.each([
    [
      'an unknown key',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n',
      /Unexpected value 'stepz'/
    ],
    [
      'a missing runs-on',
      'on: push\njobs:\n  a:\n    steps:\n      - run: echo\n',
      /Required property is missing: runs-on/
    ],
    [
      'a broken expression',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ foo( }}\n',
      /expression/i
    ],
    [
      'an unknown event',
      'on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
      /Unexpected value 'pushh'/
    ]
  ])('rejects %s', async (_, text, message) => {
    const { errors } = await parseWorkflowFile('bad.yml', text)
    expect(errors.join('\n')).toMatch(message)
  })

  it('finds misuse of the action in a valid workflow', async () => {
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: someone/go-cross-build@v1',
      '        id: b',
      '        with:',
      '          target: linux/amd64',
      '          verify: yes please',
      '      - run: echo ${{ steps.b.outputs.binary }}'
    ].join('\n')
    const { errors, value } = await parseWorkflowFile('misuse.yml', text)
    expect(errors).toEqual([])
    expect(usageProblems(value as Workflow, text, action, booleans)).toEqual([
      'a: "target" is not an input of the action',
      'a: verify is a boolean; "yes please" is not',
      'a: steps.b.outputs.binary is not an output of the action'
    ])
  })

  it('rejects an action.yml without runs', async () => {
    const bad = await parseActionFile(
      'action.yml',
      "name: x\ndescription: y\ninputs:\n  a:\n    description: 'a'\n"
    )
    expect(bad.errors.join('\n')).toMatch(/runs/)
  })
})

describe('.env.example', () => {
  it('sets only inputs that exist, and what local-action needs for uploads', () => {
    const env = read('.env.example')
    const names = [...env.matchAll(/^([A-Z][A-Z0-9_-]*)=/gm)].map((m) => m[1])
    const inputs = new Set(
      action.inputs.map((i) => `INPUT_${i.id.toUpperCase()}`)
    )
    expect(
      names.filter((n) => n.startsWith('INPUT_') && !inputs.has(n))
    ).toEqual([])
    expect(names).toEqual(
      expect.arrayContaining([
        'INPUT_TARGETS',
        'INPUT_WORKING-DIRECTORY',
        'LOCAL_ACTION_WORKSPACE',
        'LOCAL_ACTION_ARTIFACT_PATH'
      ])
    )
  })
})

describe('CHANGELOG.md', () => {
  it('has a release note for the version in package.json', () => {
    const version = JSON.parse(read('package.json')).version as string
    expect(read('CHANGELOG.md')).toMatch(
      new RegExp(`^## \\[?v?${version.replace(/\./g, '\\.')}\\]?`, 'm')
    )
  })
})
