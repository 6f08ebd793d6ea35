import type * as z from 'zod/mini';
import { type ConfigPath, configPathKey } from './config-path.js';
import type { IssueCollector } from './issue-collector.js';
import { IGNORED } from './schema-primitives.js';
import type { WholeReference } from './variable-substitution.js';
import { reportZodIssues, zodMessage } from './zod-issues.js';

/** What {@link parseEntry} needs besides the schema and the value. */
export interface EntryContext {
  /** Where problems go. */
  issues: IssueCollector;
  /** Values that were exactly one `${...}` reference, by path key. */
  whole: ReadonlyMap<string, WholeReference>;
}

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['true', true], ['false', false], ['yes', true], ['no', false], ['on', true], ['off', false], ['1', true], ['0', false],
]);

function coerce(text: string, expected: string): number | boolean | undefined {
  const trimmed = text.trim();
  if (expected === 'boolean') return BOOLEANS.get(trimmed.toLowerCase());
  if (!NUMBER_TEXT.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return expected === 'int' && !Number.isInteger(number) ? undefined : number;
}

function setAt(root: unknown, path: readonly PropertyKey[], value: unknown): void {
  let node = root as Record<PropertyKey, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<PropertyKey, unknown>;
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

/**
 * Environment values are strings, so `port: ${PORT}` fails a number field on
 * the first pass. Only values that were exactly one reference are coerced;
 * a literal `"8080"` written in the file stays a type error, as it should.
 * Returns the coerced copy (or undefined when nothing applied) and the paths
 * already reported because their reference held no number or boolean.
 */
function coerceReferences(issues: readonly z.core.$ZodIssue[], value: unknown, base: ConfigPath, context: EntryContext) {
  let copy: unknown;
  const reported = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'invalid_type' || !['number', 'int', 'boolean'].includes(issue.expected)) continue;
    const path = [...base, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))];
    const reference = context.whole.get(configPathKey(path));
    if (reference === undefined) continue;
    copy ??= structuredClone(value);
    const current = issue.path.reduce<unknown>((node, segment) => (node as Record<PropertyKey, unknown>)[segment], copy);
    const coerced = typeof current === 'string' ? coerce(current, issue.expected) : undefined;
    if (coerced !== undefined) {
      setAt(copy, issue.path, coerced);
      continue;
    }
    const wanted = issue.expected === 'boolean' ? 'true or false' : issue.expected === 'int' ? 'a whole number' : 'a number';
    const source =
      reference.kind === 'env'
        ? `environment variable ${reference.name} is "${String(current)}"`
        : `secret ${reference.name} (from ${reference.text}) has another value`;
    context.issues.error(path, `${source}; expected ${wanted}`);
    reported.add(configPathKey(path));
  }
  return { copy, reported };
}

/** Removes ignored original keys from a parsed value, with one warning each. */
function dropIgnored(value: unknown, path: ConfigPath, issues: IssueCollector): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = [...path, Array.isArray(value) ? Number(key) : key];
    if (item === IGNORED) {
      delete (value as Record<string, unknown>)[key];
      issues.warn(itemPath, `key ${key} (original ModelMesh) is not supported and is ignored`);
    } else dropIgnored(item, itemPath, issues);
  }
}

/**
 * Validates one entry of the document with its schema and reports every
 * problem under `path`. Returns the parsed value, or undefined when invalid.
 * Entries are parsed one by one so a broken pool does not hide the problems,
 * or the cross-references, of the others.
 */
export function parseEntry<S extends z.ZodMiniType>(schema: S, value: unknown, path: ConfigPath, context: EntryContext): z.output<S> | undefined {
  let result = schema.safeParse(value, { error: zodMessage });
  let reported = new Set<string>();
  if (!result.success) {
    const coercion = coerceReferences(result.error.issues, value, path, context);
    reported = coercion.reported;
    if (coercion.copy !== undefined) result = schema.safeParse(coercion.copy, { error: zodMessage });
  }
  if (!result.success) {
    reportZodIssues(result.error.issues, path, context.issues, reported);
    return undefined;
  }
  dropIgnored(result.data, path, context.issues);
  return result.data;
}

/**
 * Like {@link parseEntry}, but when the entry is invalid it still returns the
 * fields that are valid on their own, with `complete: false` (problems are
 * reported once, by the full parse). Resolvers use them to check cross-references too, so one run
 * reports a bad duration and an unknown model in the same pool.
 */
export function parseEntryPartially<S extends z.ZodMiniObject>(
  schema: S,
  value: unknown,
  path: ConfigPath,
  context: EntryContext,
): { entry: Partial<z.output<S>>; complete: boolean } | undefined {
  const parsed = parseEntry(schema, value, path, context);
  if (parsed !== undefined) return { entry: parsed, complete: true };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const partial: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // Own keys only: `toString` or `constructor` written in the document is not a field.
    const field = Object.hasOwn(schema.shape, key) ? (schema.shape[key] as z.ZodMiniType) : undefined;
    const result = field?.safeParse(item);
    if (result?.success === true && result.data !== IGNORED) partial[key] = result.data;
  }
  return { entry: partial as Partial<z.output<S>>, complete: false };
}
