import { type ConfigPath, configPathKey } from './config-path.js';
import type { IssueCollector } from './issue-collector.js';

/** Finds a secret by name; undefined when it does not exist. */
export type SecretLookup = (name: string) => string | undefined;

/** Where `${...}` references get their values. */
export interface VariableSources {
  /** Environment variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** Secret lookup; when absent, `${secrets:...}` is an error (inside the `secrets` section itself). */
  secret?: SecretLookup;
  /** Where secrets are looked up, for the "not set" message. */
  secretPlaces?: string;
}

/** A value that was exactly one reference, so it may be coerced to a number or boolean later. */
export interface WholeReference {
  /** The reference as written, e.g. `${PORT}`. */
  text: string;
  /** Whether the value came from the environment or the secret store. */
  kind: 'env' | 'secret';
  /** Variable or secret name. */
  name: string;
}

/** The document after substitution. */
export interface SubstitutionResult {
  /** A copy of the input with every reference replaced. */
  value: unknown;
  /** Values that were exactly one reference, by {@link configPathKey}. */
  whole: Map<string, WholeReference>;
  /** Every secret value used, so messages can be scrubbed of them. */
  secretValues: string[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_NAME = /^[A-Za-z0-9_./-]+$/;
/** `$${` escapes, `${...}` references, and an unterminated `${` (an error). */
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;

/** Far deeper than any real document; stops a hostile one from exhausting the stack. */
const MAX_DEPTH = 64;

interface Walk {
  sources: VariableSources;
  issues: IssueCollector;
  result: SubstitutionResult;
  /** Objects on the current path, to refuse a document object that contains itself. */
  ancestors: Set<object>;
}

/**
 * An environment variable's value. Own properties only, so `${constructor}` is an unset
 * variable rather than `Object`; non-string values (from an `env` object built in code) count as unset.
 */
export function envValue(env: VariableSources['env'], name: string): string | undefined {
  const value: unknown = Object.hasOwn(env, name) ? env[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function lookup(inner: string, path: ConfigPath, walk: Walk): { value: string; ref: Omit<WholeReference, 'text'> } | undefined {
  const { sources, issues, result } = walk;
  if (inner.startsWith('secrets:')) {
    const name = inner.slice('secrets:'.length).trim();
    if (!SECRET_NAME.test(name)) {
      issues.error(path, `invalid secret reference "\${${inner}}"; expected \${secrets:NAME}`);
      return undefined;
    }
    if (sources.secret === undefined) {
      issues.error(path, `\${secrets:${name}} cannot be used inside the secrets section`);
      return undefined;
    }
    const value = sources.secret(name);
    if (value === undefined) {
      issues.error(path, `secret ${name} is not set${sources.secretPlaces ? ` (looked in ${sources.secretPlaces})` : ''}`);
      return undefined;
    }
    result.secretValues.push(value);
    return { value, ref: { kind: 'secret', name } };
  }
  const separator = inner.indexOf(':-');
  const name = separator === -1 ? inner : inner.slice(0, separator);
  if (!ENV_NAME.test(name)) {
    issues.error(path, `invalid variable reference "\${${inner}}"; expected \${NAME}, \${NAME:-default} or \${secrets:NAME}`);
    return undefined;
  }
  const value = envValue(sources.env, name);
  if (separator !== -1 && (value === undefined || value === '')) {
    return { value: inner.slice(separator + 2), ref: { kind: 'env', name } };
  }
  if (value === undefined) {
    issues.error(path, `environment variable ${name} is not set`);
    return undefined;
  }
  return { value, ref: { kind: 'env', name } };
}

function substituteString(text: string, path: ConfigPath, walk: Walk): string {
  if (!text.includes('${')) return text;
  let whole: WholeReference | undefined;
  const replaced = text.replace(TOKEN, (token: string, inner: string | undefined, offset: number) => {
    if (token === '$${') return '${';
    if (inner === undefined) {
      walk.issues.error(path, 'unterminated "${" reference; write $${ for a literal "${"');
      return token;
    }
    const found = lookup(inner, path, walk);
    if (found === undefined) return token;
    if (offset === 0 && token.length === text.length) whole = { text: token, ...found.ref };
    return found.value;
  });
  if (whole !== undefined) walk.result.whole.set(configPathKey(path), whole);
  return replaced;
}

function substitute(value: unknown, path: ConfigPath, walk: Walk): unknown {
  if (typeof value === 'string') return substituteString(value, path, walk);
  if (value === null || typeof value !== 'object') return value;
  if (walk.ancestors.has(value)) {
    walk.issues.error(path, 'the value contains itself (a circular reference)');
    return undefined;
  }
  if (path.length > MAX_DEPTH) {
    walk.issues.error(path, `nested more than ${MAX_DEPTH} levels deep`);
    return undefined;
  }
  walk.ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((item, index) => substitute(item, [...path, index], walk));
  else {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Assigning `__proto__` would replace the copy's prototype and silently lose the entry.
      if (key === '__proto__') walk.issues.error([...path, key], 'the key "__proto__" is not allowed', 'key');
      else copy[key] = substitute(item, [...path, key], walk);
    }
    out = copy;
  }
  walk.ancestors.delete(value);
  return out;
}

/**
 * Replaces `${VAR}`, `${VAR:-default}` (default when unset or empty) and
 * `${secrets:NAME}` in string values of the parsed tree, and turns `$${` into a
 * literal `${`. Working on parsed values rather than the raw text means an
 * environment value can never inject YAML structure. Missing variables are
 * reported at the path of the value that uses them.
 */
export function substituteVariables(
  value: unknown,
  path: ConfigPath,
  sources: VariableSources,
  issues: IssueCollector,
): SubstitutionResult {
  const result: SubstitutionResult = { value: undefined, whole: new Map(), secretValues: [] };
  result.value = substitute(value, path, { sources, issues, result, ancestors: new Set() });
  return result;
}
