/**
 * The table of the action's inputs: one entry per input, with its name,
 * default and description exactly as action.yml declares them (a test
 * holds the three together, and the README's table to them), its kind,
 * and how the CLI spells it. The action reads its inputs through this
 * table (`getInputs`), and the CLI builds its flags and its `--help` from
 * it, so that an input added here is an input and a flag at once.
 *
 * Pure data: no `@actions/core`, nothing loaded that start-up can do
 * without.
 */
import {
  LIST_RULE,
  NAME_RULE,
  PATH_LIST_RULE,
  PATH_RULE,
  WORD_RULE,
  type TextRule
} from './text.js'

/**
 * What kind of value an input takes: it decides the text rule
 * (src/inputs/text.ts), how the CLI spells the flag and what `--help`
 * shows as its value.
 *
 * - `path`: one path (working-directory, output-dir, go)
 * - `paths`: paths separated by commas, spaces or lines (package)
 * - `name`: one file or artifact name (binary-name, artifact-name)
 * - `list`: items separated by commas, spaces or lines (targets, tags, env)
 * - `words`: words split as a shell would (ldflags, flags, smoke-args)
 * - `boolean`: true or false; the CLI has `--name` and `--no-name`
 * - `number`, `duration`, `choice`: one word
 */
export type InputKind =
  | 'path'
  | 'paths'
  | 'name'
  | 'list'
  | 'words'
  | 'boolean'
  | 'number'
  | 'duration'
  | 'choice'

/** One input of the action. */
export interface InputSpec {
  /** Its name in action.yml, and the CLI's flag without the dashes. */
  readonly name: string
  readonly kind: InputKind
  /** action.yml's default. */
  readonly default: string
  /** action.yml's description. */
  readonly description: string
  /** For list inputs: how repeated CLI flags join (`--targets a --targets b`). */
  readonly join?: string
  /** An explicit empty value means "nothing", not the default (`ldflags: ''`). */
  readonly emptyIsValue?: boolean
  /** The CLI's default where it differs from the action's. */
  readonly cliDefault?: string
}

const TABLE = [
  {
    name: 'targets',
    kind: 'list',
    default: 'linux/amd64, linux/arm64, darwin/amd64, darwin/arm64, windows/amd64, windows/arm64',
    join: ', ',
    description:
      'Targets to build: goos/goarch[/variant] separated by commas, spaces or newlines; the words "all" and "first-class"; globs such as "linux/*" or "*/arm64"; exclusions such as "!windows/386"; or a JSON array of such strings or of {"goos", "goarch", "goarm", ...} objects.'
  },
  {
    name: 'working-directory',
    kind: 'path',
    default: '.',
    description: 'Directory of the Go module to build.'
  },
  {
    name: 'package',
    kind: 'paths',
    default: '.',
    join: ' ',
    description:
      'Main package(s) to build, separated by commas, spaces or newlines (e.g. "./cmd/server ./cmd/cli"). Several packages give several binaries per target.'
  },
  {
    name: 'binary-name',
    kind: 'name',
    default: '',
    description:
      'Base name of the binary (without .exe). Default: the main package directory name, or the last element of the module path for ".". Only with a single package.'
  },
  {
    name: 'output-dir',
    kind: 'path',
    default: 'dist',
    description:
      'Directory (relative to working-directory, or absolute) where binaries are written.'
  },
  {
    name: 'ldflags',
    kind: 'words',
    default: '-s -w',
    emptyIsValue: true,
    description: 'Value of go build -ldflags.'
  },
  {
    name: 'trimpath',
    kind: 'boolean',
    default: 'true',
    description: 'Pass -trimpath to go build, and check each binary for absolute paths of the build machine (the workspace, GOROOT, GOPATH, GOMODCACHE, RUNNER_TEMP, HOME): each one found is an error finding.'
  },
  {
    name: 'tags',
    kind: 'list',
    default: '',
    join: ',',
    description: 'Build tags, separated by commas or spaces.'
  },
  {
    name: 'flags',
    kind: 'words',
    default: '',
    description:
      'Extra go build flags, split as a shell would split them (no shell is used).'
  },
  {
    name: 'env',
    kind: 'list',
    default: '',
    join: '\n',
    description:
      'Extra KEY=VALUE lines for the environment of go and smoke-tested binaries; values are masked in the log. Runner credentials (GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, ...) and INPUT_* variables are withheld unless named here. CGO_ENABLED=1 is refused.'
  },
  {
    name: 'go',
    kind: 'path',
    default: 'go',
    description: 'The go command to use.'
  },
  {
    name: 'parallel',
    kind: 'number',
    default: '',
    description:
      'How many builds run at once. Default: the number of CPUs of the runner.'
  },
  {
    name: 'fail-fast',
    kind: 'boolean',
    default: 'false',
    description:
      'Stop starting new builds after the first failure. By default everything is built and every failed target is listed at the end.'
  },
  {
    name: 'build-timeout',
    kind: 'duration',
    default: '30m',
    description:
      'Longest time one go build (one target, all its packages) may run before its whole process tree is killed and the target fails: "90s", "30m", "1h", or a number of minutes.'
  },
  {
    name: 'verify',
    kind: 'boolean',
    default: 'true',
    description:
      'Fail the step when a binary is not what its target promised (container, machine, OS, build info, CGO_ENABLED=0, static linking, stripping). With false, findings are reported without failing.'
  },
  {
    name: 'smoke-test',
    kind: 'boolean',
    default: 'false',
    description:
      'Run each binary that this runner can execute (natively or under qemu-user) with smoke-args and check that it exits 0.'
  },
  {
    name: 'smoke-args',
    kind: 'words',
    default: '--version',
    emptyIsValue: true,
    description:
      'Arguments for the smoke test run, split as a shell would split them.'
  },
  {
    name: 'upload',
    kind: 'choice',
    default: 'per-target',
    cliDefault: 'none',
    description:
      'How to upload: "per-target" (one artifact per binary), "combined" (one artifact with every binary), or "none".'
  },
  {
    name: 'artifact-name',
    kind: 'name',
    default: '',
    description:
      'Artifact name template with {name}, {goos}, {goarch}, {variant}, {target} (the target id such as linux-arm-7). Default: "{name}-{target}" for per-target, "{name}" for combined.'
  },
  {
    name: 'archive',
    kind: 'choice',
    default: 'none',
    description:
      'Pack each binary as "none" (the binary itself), "tar.gz", "zip", or "auto" (zip for windows, tar.gz for the rest). Archives keep the executable bit.'
  },
  {
    name: 'skip-archive',
    kind: 'boolean',
    default: 'false',
    description:
      'Upload each per-target file as it is, without the artifact service zip, so that downloading gives the file itself. Only with upload: per-target. The artifact is then named after the file.'
  },
  {
    name: 'sbom',
    kind: 'boolean',
    default: 'true',
    description:
      'Write a software bill of materials for each binary, a CycloneDX 1.6 JSON file named after it (myapp-linux-amd64.cdx.json: the main module, every dependency with its version and go.sum hash, the Go version, the target and the build settings, read from the binary itself): inside its archive, or beside the binary with archive: none, listed in SHA256SUMS and uploaded with it.'
  },
  {
    name: 'retention-days',
    kind: 'number',
    default: '',
    description:
      'Days to keep the artifacts (1-90). Default: the repository setting.'
  },
  {
    name: 'compression-level',
    kind: 'number',
    default: '6',
    description: 'Zip compression level of the artifacts (0-9).'
  },
  {
    name: 'overwrite',
    kind: 'boolean',
    default: 'false',
    description:
      'Replace an existing artifact of the same name instead of failing.'
  },
  {
    name: 'cache',
    kind: 'boolean',
    default: 'true',
    description:
      'Keep Go\'s build cache between workflow runs, one entry per target, in the runner\'s cache service (nothing happens outside a runner). Saved only from events that write their own ref\'s caches (push, pull_request, merge_group, schedule, workflow_dispatch, release, create), never from pull_request_target or workflow_run. With actions/setup-go, set its cache: false (or keep it for modules only).'
  },
  {
    name: 'cache-max-mb',
    kind: 'number',
    default: '3072',
    description:
      'The most MiB (before compression) the cache entries saved by one run may hold, all targets together; targets past it are not saved and the summary says so.'
  },
  {
    name: 'cache-save',
    kind: 'choice',
    default: 'auto',
    description:
      'When to save the cache: "auto" (by event, as cache describes), "always", or "never" (restore only).'
  },
  {
    name: 'reproducible',
    kind: 'choice',
    default: 'off',
    description:
      'Prove each binary reproducible: "assert" rebuilds every target a second time in a copy of the module at another path with an empty GOCACHE and fails a binary whose two builds differ byte for byte; "report" says the same without failing; "off" does not rebuild. The rebuild costs about a cold build per target.'
  },
  {
    name: 'leg',
    kind: 'name',
    default: '',
    description:
      'The name of this job in a release over many runners (matrix.leg from the plan sub-action). With it, the step also uploads the artifact go-cross-build-manifest-LEG (LEG being this name): what it built, verified and uploaded, which the merge sub-action reads.'
  }
] as const satisfies readonly InputSpec[]

/** An input's name. */
export type InputName = (typeof TABLE)[number]['name']

/** Every input of the action, in action.yml's order. */
export const INPUT_TABLE: readonly (InputSpec & { name: InputName })[] = TABLE

/** The name and default of every input, as action.yml declares them. */
export const INPUT_DEFAULTS = Object.fromEntries(
  TABLE.map((i) => [i.name, i.default])
) as Readonly<Record<InputName, string>>

/** The entry of an input, or undefined for a name that is none. */
export function inputSpec(name: string): InputSpec | undefined {
  return INPUT_TABLE.find((i) => i.name === name)
}

/** What each kind of input may hold (src/inputs/text.ts). */
const KIND_RULES: Readonly<Record<InputKind, TextRule>> = {
  path: PATH_RULE,
  paths: PATH_LIST_RULE,
  name: NAME_RULE,
  list: LIST_RULE,
  words: LIST_RULE,
  boolean: WORD_RULE,
  number: WORD_RULE,
  duration: WORD_RULE,
  choice: WORD_RULE
}

/** What an input's text may hold, by its kind. */
export function textRule(spec: InputSpec): TextRule {
  return KIND_RULES[spec.kind]
}

/** What `--help` shows as a flag's value, by kind. */
const KIND_VALUES: Readonly<Record<InputKind, string>> = {
  path: '<path>',
  paths: '<paths>',
  name: '<name>',
  list: '<list>',
  words: '<words>',
  boolean: '',
  number: '<n>',
  duration: '<duration>',
  choice: '<mode>'
}

/**
 * How the CLI spells an input: `--targets <list>`, `--[no-]verify`.
 */
export function cliFlag(spec: InputSpec): string {
  return spec.kind === 'boolean'
    ? `--[no-]${spec.name}`
    : `--${spec.name} ${KIND_VALUES[spec.kind]}`
}
