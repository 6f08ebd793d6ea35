import { parseArgs } from 'node:util';

/** One option of a command: parseArgs' fields plus what `--help` shows. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** One line for `--help`. */
  readonly description: string;
  /** Placeholder of the value in `--help`, e.g. `FILE`. */
  readonly value?: string;
}

/** What a subcommand takes and how it describes itself. */
export interface CommandSpec {
  readonly name: string;
  /** One line, for the command list. */
  readonly summary: string;
  /** The argument synopsis after `modelmesh <name>`, e.g. `--config FILE --model NAME`. */
  readonly synopsis: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Positional arguments by name, in order; `?` marks an optional one. */
  readonly positionals?: readonly string[];
  /** Extra lines for `--help` (examples, notes). */
  readonly notes?: readonly string[];
}

/** A wrong invocation: the CLI prints the message and the command's usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parsed arguments of a command, or the request for its help. */
export type ParsedCommand =
  | { readonly help: true }
  | { readonly help: false; readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>; readonly positionals: readonly string[] };

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };

/**
 * Parses `args` for `spec`, strictly: an unknown option, a missing value or too many
 * positionals is a {@link UsageError}. `--help`/`-h` anywhere wins over everything else.
 */
export function parseCommand(spec: CommandSpec, args: readonly string[]): ParsedCommand {
  const options = { ...spec.options, help: HELP };
  const parseOptions = Object.fromEntries(
    Object.entries(options).map(([name, option]) => [name, { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) }]),
  );
  // After `--` everything is positional (a prompt may well say "--help").
  const end = args.indexOf('--');
  const flags = end === -1 ? args : args.slice(0, end);
  if (flags.includes('--help') || flags.includes('-h')) return { help: true };
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: parseOptions, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' messages are good ("Unknown option '--prot'"); its stack is not for people.
    throw new UsageError((error as Error).message.split('. To specify a positional')[0] ?? String(error));
  }
  const allowed = spec.positionals ?? [];
  if (parsed.positionals.length > allowed.length) {
    throw new UsageError(`unexpected argument "${parsed.positionals[allowed.length]}"`);
  }
  const missing = allowed.find((name, index) => !name.endsWith('?') && parsed.positionals[index] === undefined);
  if (missing) throw new UsageError(`missing ${missing}`);
  return { help: false, values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

/** The `--help` text of a command. */
export function commandHelp(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.value ? ` ${option.value}` : ''}`;
    return [flag, option.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `usage: modelmesh ${spec.name} ${spec.synopsis}`.trimEnd(),
    '',
    spec.summary,
    '',
    'options:',
    ...rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    ...(spec.notes && spec.notes.length > 0 ? ['', ...spec.notes] : []),
  ].join('\n');
}

/** A required string option, or a usage error naming it. */
export function requiredString(values: Readonly<Record<string, unknown>>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** An optional string option. */
export function optionalString(values: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
