/**
 * GitHub's own workflow and action.yml parser (npm `@actions/workflow-parser`),
 * loadable from Node and jest.
 *
 * The package imports its JSON schemas without import attributes
 * (`import schema from "../workflow-v1.0.min.json"`), which Node's ESM loader
 * refuses. So it is bundled first with esbuild, from the installed package,
 * into a temporary ES module with the schemas inlined, and that file is
 * imported. Nothing generated is committed: after `npm ci` this works, and
 * a new version of the parser is picked up by the next run.
 */
import { build } from 'esbuild'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

type Parser = typeof import('@actions/workflow-parser')
type ActionParser = typeof import('@actions/workflow-parser/actions/index')

/** The parts of the parser the docs tests use. */
export type WorkflowParser = Pick<
  Parser,
  | 'parseWorkflow'
  | 'NoOperationTraceWriter'
  | 'isMapping'
  | 'isSequence'
  | 'isLiteral'
  | 'isString'
  | 'isNumber'
  | 'isBoolean'
  | 'isBasicExpression'
> &
  Pick<ActionParser, 'parseAction' | 'convertActionTemplate'>

/** The repository root: module resolution starts here. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

let loaded: Promise<WorkflowParser> | undefined

/**
 * Bundle `@actions/workflow-parser` with esbuild and import it. The result
 * is cached for the life of the process.
 */
export function loadWorkflowParser(): Promise<WorkflowParser> {
  loaded ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'workflow-parser-'))
    const outfile = path.join(dir, 'workflow-parser.mjs')
    try {
      await build({
        stdin: {
          contents: [
            "export { parseWorkflow, NoOperationTraceWriter, isMapping, isSequence, isLiteral, isString, isNumber, isBoolean, isBasicExpression } from '@actions/workflow-parser'",
            "export { parseAction, convertActionTemplate } from '@actions/workflow-parser/actions/index'"
          ].join('\n'),
          resolveDir: ROOT,
          sourcefile: 'workflow-parser-entry.mjs'
        },
        bundle: true,
        // 'neutral' picks the ES module builds (yaml's included) and inlines
        // the JSON schemas; the parser needs nothing from Node.
        platform: 'neutral',
        mainFields: ['module', 'main'],
        format: 'esm',
        outfile,
        logLevel: 'silent'
      })
      return (await import(pathToFileURL(outfile).href)) as WorkflowParser
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })()
  return loaded
}

/** A parse: the errors GitHub would show, and the document as plain data. */
export interface Parsed {
  errors: string[]
  /** Mappings, sequences, strings, numbers, booleans, null; `${{ }}` as text. */
  value: unknown
}

/** Turn the parser's token tree into plain data. */
function toPlain(wp: WorkflowParser, token: unknown): unknown {
  type Token = Parameters<WorkflowParser['isMapping']>[0]
  const t = token as Token | undefined
  if (t === undefined) return undefined
  if (wp.isMapping(t)) {
    const out: Record<string, unknown> = {}
    for (let i = 0; i < t.count; i++) {
      const { key, value } = t.get(i)
      out[String(toPlain(wp, key))] = toPlain(wp, value)
    }
    return out
  }
  if (wp.isSequence(t)) {
    const out: unknown[] = []
    for (let i = 0; i < t.count; i++) out.push(toPlain(wp, t.get(i)))
    return out
  }
  if (wp.isString(t) || wp.isNumber(t) || wp.isBoolean(t)) return t.value
  if (wp.isLiteral(t)) return null
  if (wp.isBasicExpression(t)) return t.toDisplayString()
  return String(t)
}

/** Parse and validate a workflow file the way GitHub does. */
export async function parseWorkflowFile(
  name: string,
  content: string
): Promise<Parsed> {
  const wp = await loadWorkflowParser()
  const result = wp.parseWorkflow(
    { name, content },
    new wp.NoOperationTraceWriter()
  )
  return {
    errors: result.context.errors.getErrors().map((e) => e.message),
    value: toPlain(wp, result.value)
  }
}

/** What action.yml declares, as GitHub reads it. */
export interface ActionManifest {
  errors: string[]
  name?: string
  description?: string
  branding?: { icon?: string; color?: string }
  runs?: { using?: string; main?: string }
  inputs: {
    id: string
    description?: string
    required?: boolean
    /** Absent when action.yml gives no default. */
    default?: string
  }[]
  outputs: { id: string; description?: string }[]
}

/** Parse and validate an action.yml the way GitHub does. */
export async function parseActionFile(
  name: string,
  content: string
): Promise<ActionManifest> {
  const wp = await loadWorkflowParser()
  const result = wp.parseAction(
    { name, content },
    new wp.NoOperationTraceWriter()
  )
  const errors = result.context.errors.getErrors().map((e) => e.message)
  if (errors.length || !result.value) return { errors, inputs: [], outputs: [] }
  const action = wp.convertActionTemplate(result.context, result.value)
  return {
    errors: result.context.errors.getErrors().map((e) => e.message),
    name: action.name,
    description: action.description,
    branding: action.branding,
    runs: action.runs as ActionManifest['runs'],
    inputs: (action.inputs ?? []).map((i) => ({
      id: i.id,
      description: i.description,
      required: i.required,
      ...(i.default === undefined
        ? {}
        : { default: String(toPlain(wp, i.default)) })
    })),
    outputs: (action.outputs ?? []).map((o) => ({
      id: o.id,
      description: o.description
    }))
  }
}
