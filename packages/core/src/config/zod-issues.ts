import type * as z from 'zod/mini';
import { didYouMean } from './closest-match.js';
import { type ConfigPath, configPathKey } from './config-path.js';
import type { IssueCollector } from './issue-collector.js';
import { isSecretKey } from './secret-key.js';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** Separates the per-key messages of one `unrecognized_keys` issue (keys never contain it in practice). */
const KEY_SEPARATOR = '\u0000';

function describeInput(input: unknown, secret = false): string {
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'number') return secret ? 'a number' : `the number ${input}`;
  if (typeof input === 'boolean') return `${input}`;
  return `a ${typeof input}`;
}

function knownKeys(issue: RawIssue): string[] {
  const def = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
  return Object.keys(def?.shape ?? {});
}

function bound(origin: string, limit: number | bigint, inclusive: boolean | undefined, low: boolean): string {
  if (origin === 'array') return low ? `must have at least ${limit} item${limit === 1 ? '' : 's'}` : `must have at most ${limit} items`;
  if (origin === 'string') return low ? (limit === 1 ? 'must not be empty' : `must have at least ${limit} characters`) : `must have at most ${limit} characters`;
  if (low) return inclusive === false ? `must be greater than ${limit}` : `must be at least ${limit}`;
  return inclusive === false ? `must be less than ${limit}` : `must be at most ${limit}`;
}

/**
 * The parse-time error map: terminal-friendly messages instead of zod's
 * defaults. It never prints a string where a different type was expected,
 * nor any value under a secret-looking key, so a mistyped secret cannot end
 * up in a message.
 */
export function zodMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const hint = issue.expected === 'string' && typeof issue.input === 'number' ? ' (quote it in YAML)' : '';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeInput(issue.input, isSecretKey(issue.path?.at(-1)))}${hint}`;
    }
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive, true);
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive, false);
    case 'invalid_value': {
      const printable = (typeof issue.input === 'string' || typeof issue.input === 'number') && !isSecretKey(issue.path?.at(-1));
      const got = printable ? `"${String(issue.input)}"` : describeInput(issue.input, true);
      return `invalid value ${got}; expected one of ${issue.values.map(String).join(', ')}`;
    }
    case 'unrecognized_keys': {
      const known = knownKeys(issue);
      return issue.keys.map((key) => `unknown key "${key}"${didYouMean(key, known)}`).join(KEY_SEPARATOR);
    }
    case 'invalid_format':
      return issue.format === 'url' ? 'expected a URL such as https://api.example.com/v1' : `expected a valid ${issue.format}`;
    case 'invalid_union':
      return 'has an unexpected form';
    default:
      return undefined;
  }
}

/** True when an issue only says "this union branch has the wrong type", which is noise once another branch fits. */
function isWrongBranch(issues: readonly Issue[]): boolean {
  return issues.every((issue) => issue.path.length === 0 && issue.code === 'invalid_type');
}

/**
 * Reports zod issues under `base`. Unknown keys become one issue per key,
 * pointing at the key. A failed union reports the issues of the branch that
 * matched the value's shape (say the `{ name, ... }` form of `strategy`), and
 * only falls back to the union's own message when no branch fits.
 */
export function reportZodIssues(issues: readonly Issue[], base: ConfigPath, collector: IssueCollector, skip: ReadonlySet<string> = new Set()): void {
  for (const issue of issues) {
    const path = [...base, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))];
    if (skip.has(configPathKey(path))) continue;
    if (issue.code === 'unrecognized_keys') {
      const messages = issue.message.split(KEY_SEPARATOR);
      issue.keys.forEach((key, index) => collector.error([...path, key], messages[index] ?? `unknown key "${key}"`, 'key'));
    } else if (issue.code === 'invalid_union') {
      const fitting = issue.errors.filter((branch) => !isWrongBranch(branch));
      const [only] = fitting;
      if (fitting.length === 1 && only !== undefined) reportZodIssues(only, path, collector, skip);
      else collector.error(path, issue.message);
    } else {
      collector.error(path, issue.message);
    }
  }
}
