/**
 * GOFLAGS that make go run, or read, something the workflow did not name:
 * `-toolexec` runs a program in place of every compiler and linker call,
 * `-exec` runs binaries through a program, `-overlay` swaps source files
 * for others. The action cannot tell a deliberate wrapper from a planted
 * one, so it does not refuse them; it names each in the plan log, with
 * where it came from and how to drop it.
 */

/** The GOFLAGS entries that bring in another program or other files, and what each does. */
export const PROGRAM_FLAGS: Readonly<Record<string, string>> = {
  toolexec:
    'makes go run that program in place of every compiler and linker call, so the binaries are whatever it makes them',
  exec: 'makes go run and go test start binaries through that program (go build itself ignores it)',
  overlay:
    'makes go compile the files that JSON file names in place of the module\'s own sources'
}

/** Where the GOFLAGS that go sees came from. */
export type GoflagsSource =
  | { kind: 'input' }
  | { kind: 'job' }
  | { kind: 'file'; file: string }

/**
 * Where GOFLAGS came from: the env input wins over the job's environment;
 * when neither sets it, go read it from its env file (`go env -w`).
 *
 * @param env the environment go ran with (inherited, then the env input)
 * @param input the env input
 * @param goenvFile `go env GOENV`
 */
export function goflagsSource(
  env: Readonly<Record<string, string>>,
  input: Readonly<Record<string, string>>,
  goenvFile: string
): GoflagsSource {
  if (input.GOFLAGS) return { kind: 'input' }
  if (env.GOFLAGS) return { kind: 'job' }
  return { kind: 'file', file: goenvFile }
}

/** The words of where a GOFLAGS came from and how to drop it from there. */
function origin(source: GoflagsSource): { from: string; drop: string } {
  switch (source.kind) {
    case 'input':
      return { from: 'the env input', drop: 'remove it from the env input' }
    case 'job':
      return {
        from: "the job's environment",
        drop: 'remove it where an earlier step or the workflow exports GOFLAGS'
      }
    case 'file':
      return {
        from: `"go env -w" (${source.file || 'the go env file'})`,
        drop: 'run "go env -u GOFLAGS" before this step, or set GOENV: off for it'
      }
  }
}

/**
 * One warning per GOFLAGS entry that runs another program or swaps sources
 * (`-toolexec`, `-exec`, `-overlay`), naming the entry, where it came from
 * and how to drop it. GOFLAGS is split on white space, as go splits it.
 *
 * @param goflags `go env GOFLAGS`
 * @param source where it came from
 */
export function programFlagWarnings(goflags: string, source: GoflagsSource): string[] {
  const words = goflags.split(/\s+/).filter(Boolean)
  const warnings: string[] = []
  const { from, drop } = origin(source)
  for (let i = 0; i < words.length; i++) {
    const m = /^--?([A-Za-z]+)(?:=([\s\S]*))?$/.exec(words[i])
    if (!m || !(m[1] in PROGRAM_FLAGS)) continue
    const value = m[2] ?? words[i + 1] ?? ''
    const entry = m[2] === undefined && value ? `${words[i]} ${value}` : words[i]
    if (m[2] === undefined) i++
    warnings.push(
      `GOFLAGS: "${entry}" (from ${from}) brings in a program or files the workflow does not name: it ${PROGRAM_FLAGS[m[1]]}. If this step did not mean it, ${drop}.`
    )
  }
  return warnings
}
