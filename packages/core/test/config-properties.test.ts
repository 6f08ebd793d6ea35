import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigurationError, createMesh, loadConfig, ManualClock, PROVIDER_SPECIFICATION_VERSION, type MeshConfigDocument, type ProviderPlugin } from '../src/index.js';
import { chatModels, FakeProvider } from './support/fake-provider.js';

// Issue 13, "a suite that keeps them fixed": arbitrary configuration documents, as objects
// and as YAML text, through loadConfig and createMesh. Every outcome is a loaded config
// (with no NaN in it) or a ConfigurationError whose issues each carry a path; never a raw
// exception, never a secret in a message.

const SECRET = 'sv-3f9a7c21e5d04b86';
const ENV = { HOME: '/home/mesh', PORT: '8080', FLAG: 'yes', EMPTY: '', SECRET_ENV: SECRET };
const SECRETS = { S: SECRET };

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
const SECTION_KEYS = ['providers', 'models', 'pools', 'defaults', 'budgets', 'capabilities', 'secrets', 'state', 'observability', 'proxy', 'budget', 'storage', 'x-base', '$schema'];
const FIELD_KEYS = [
  'capability', 'models', 'providers', 'excluded_providers', 'strategy', 'name', 'model_priority', 'provider_priority', 'model_weights',
  'rate_limit', 'threshold', 'min_delta', 'session_header', 'fallback_strategy', 'affinity_mode', 'session_timeout', 'retry', 'recovery',
  'deactivation', 'timeouts', 'max_attempts', 'backoff', 'initial_delay', 'max_delay', 'scope', 'cooldown', 'max_cooldown', 'jitter',
  'probe_interval', 'probe_on_start', 'on_quota_reset', 'request', 'attempt', 'first_token', 'idle', 'failure_threshold', 'retry_limit',
  'error_codes', 'provider', 'model', 'features', 'tools', 'parallel_tool_calls', 'pricing', 'input', 'output', 'limits', 'rpm', 'tpm',
  'api_key', 'base_url', 'connector', 'enabled', 'headers', 'options', 'config', 'timeout', 'period', 'limit_usd', 'limit', 'unit',
  'action', 'store', 'url', 'values', 'prefix', 'log_level', 'events', 'port', 'host', 'auth', 'keys', 'key', 'tokens', 'cors',
  'body_size', 'shutdown_grace', '<<',
];
const TEXT_VALUES = [
  '30s', '1m30s', '1.5s', '-5s', '0', '0s', '1e400s', '99999999999999999999d', 'NaN', 'Infinity', '-Infinity', '5 minutes', '',
  '${HOME}', '${PORT}', '${FLAG}', '${EMPTY}', '${UNSET}', '${UNSET:-7}', '${constructor}', '${secrets:S}', '${secrets:constructor}',
  '${SECRET_ENV}', 'x-${secrets:S}', '$${HOME}', '${', '${bad name}', 'chat', 'chat-completion', 'chat-compleiton', 'text-embeddings',
  'priority', 'weighted', 'round-robin', 'modelmesh.priority-selection.v1', 'toString', 'pool:chat', 'model:m', 'provider:p', 'key:k',
  'redis', 'memory', 'exponential', 'retry_after', 'usd', 'tokens', 'day', 'rotate', '1mb', '-1', 'https://api.example.com/v1', 'fake',
];

const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom(...FIELD_KEYS), fc.string({ maxLength: 6 }));
const scalar = fc.oneof(
  fc.constantFrom(...TEXT_VALUES),
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(0, -0, 1, 2, 0.5, 1.5, 599, 600, 1e21, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Infinity, -Infinity),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
);

/** Objects are built with Object.fromEntries so `__proto__` becomes an own key, as JSON.parse makes it. */
const { value: anyValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => Object.fromEntries(entries) as unknown),
  ),
}));

const rawDocument = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...SECTION_KEYS), fc.constantFrom(...PROTOTYPE_KEYS), key), anyValue), { maxLength: 6 })
  .map((entries) => Object.fromEntries(entries) as Record<string, unknown>);

/** A valid document to start from, so mutations reach the resolvers, not only the first check. */
function validDocument(): Record<string, unknown> {
  return {
    providers: { p: { connector: 'fake', api_key: '${secrets:S}' } },
    models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } } },
    pools: { chat: { models: ['m'], strategy: 'priority', retry: { max_attempts: 3 }, recovery: { cooldown: '10s' } } },
    defaults: { timeouts: { request: '60s' } },
    budgets: { daily: { limit_usd: 5, scope: 'pool:chat' } },
    proxy: { port: 0, auth: { keys: [{ name: 'k', key: '${SECRET_ENV}', pools: ['chat'] }] } },
  };
}

const MUTATION_PATHS: readonly (readonly string[])[] = [
  ['providers'], ['providers', 'p'], ['providers', 'p', 'connector'], ['providers', 'p', 'limits'], ['providers', 'p', 'options'],
  ['providers', 'p', 'config'], ['providers', 'p', 'budget'], ['providers', 'toString'], ['providers', 'q'],
  ['models'], ['models', 'm'], ['models', 'm', 'provider'], ['models', 'm', 'capabilities'], ['models', 'm', 'features'],
  ['models', 'm', 'pricing', 'input'], ['models', 'm', 'limits', 'rpm'], ['models', 'm', 'weight'], ['models', 'constructor'],
  ['pools'], ['pools', 'chat'], ['pools', 'chat', 'models'], ['pools', 'chat', 'capability'], ['pools', 'chat', 'strategy'],
  ['pools', 'chat', 'strategy', 'name'], ['pools', 'chat', 'model_weights'], ['pools', 'chat', 'rate_limit'], ['pools', 'chat', 'toString'],
  ['pools', 'chat', 'retry'], ['pools', 'chat', 'retry', 'max_attempts'], ['pools', 'chat', 'retry', 'initial_delay'],
  ['pools', 'chat', 'recovery', 'cooldown'], ['pools', 'chat', 'recovery', 'max_cooldown'], ['pools', 'chat', 'recovery', 'probe_interval'],
  ['pools', 'chat', 'timeouts', 'request'], ['pools', 'chat', 'deactivation'], ['pools', 'chat', '__proto__'], ['pools', 'toString'],
  ['pools', 'embed', 'capability'], ['defaults'], ['defaults', 'strategy'], ['defaults', 'recovery'], ['defaults', 'retry', 'max_delay'],
  ['budgets'], ['budgets', 'daily'], ['budgets', 'daily', 'scope'], ['budgets', 'daily', 'period'], ['budgets', 'daily', 'limit'],
  ['budget'], ['capabilities'], ['secrets'], ['secrets', 'values'], ['secrets', 'store'], ['state'], ['state', 'store'],
  ['observability'], ['proxy'], ['proxy', 'port'], ['proxy', 'auth', 'keys'], ['proxy', 'auth', 'tokens'], ['proxy', 'limits', 'body_size'],
  ['proxy', 'shutdown_grace'], ['toString'], ['__proto__'],
];

/** Sets `value` at `path` as own properties, replacing whatever is in the way. */
function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = root;
  for (const [index, segment] of path.entries()) {
    if (index === path.length - 1) {
      Object.defineProperty(node, segment, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    const child = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
    Object.defineProperty(node, segment, { value: child, enumerable: true, writable: true, configurable: true });
    node = child;
  }
}

const mutatedDocument = fc.array(fc.tuple(fc.constantFrom(...MUTATION_PATHS), anyValue), { minLength: 1, maxLength: 4 }).map((mutations) => {
  const document = validDocument();
  for (const [path, value] of mutations) setAt(document, path, value);
  return document;
});

/** Flow-style YAML for a value (JSON is YAML); yaml's own stringify for the block form. */
const flow = anyValue.map((value) => JSON.stringify(value) ?? 'null');

/** Documents built around anchors, aliases and merges, which the object form cannot express. */
const aliasText = fc
  .record({
    anchored: fc.oneof(flow, fc.constantFrom('{ capability: chat }', '{ retry: { max_attempts: 2 } }', '[1, 2]', '7', '')),
    merge: fc.constantFrom('*a', '[*a]', '[*a, *a]', '[*a, 3]', '*missing', '5', '{}', '[]', '', '*a\n    <<: *a', '{ capability: chat }'),
    extra: fc.oneof(fc.constant(''), flow.map((text) => `    retry: ${text}`), fc.constantFrom('    strategy: *a', '    models: [*a]', '  other: *a', '    capability: *a')),
    tail: fc.constantFrom('', 'x-b: &b [*a]', 'x-c: &c [*c]', 'x-d: *a', 'x-e: &a { capability: embeddings }'),
  })
  .map(({ anchored, merge, extra, tail }) => [`x-a: &a ${anchored}`, 'pools:', '  chat:', `    <<: ${merge}`, extra, tail, ''].join('\n'));

/** YAML-ish noise: indentation, flow brackets, anchors, tags and references in any order. */
const noiseText = fc.string({
  unit: fc.constantFrom('a', 'pools', 'chat', ':', ': ', ' ', '  ', '\n', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '<<: ', '!!str ', '!x ', '"', "'", '#', '|', '>', '%', '@', '${HOME}', '1', '30s', '?', '---', '...', '\t'),
  maxLength: 40,
});

const plugin: ProviderPlugin = {
  specificationVersion: PROVIDER_SPECIFICATION_VERSION,
  connector: 'fake',
  vendor: 'fake',
  envVars: [],
  defaultId: 'fake',
  models: chatModels('m'),
  create: (options) => new FakeProvider(options.id, new ManualClock()),
};

/** Whether a number anywhere in `value` is NaN. */
function hasNaN(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((item) => hasNaN(item, seen));
}

/** Runs `load` and checks its outcome: a value, or a well-formed ConfigurationError. True when it loaded. */
function checkOutcome(load: () => unknown, input: unknown): boolean {
  let result: unknown;
  try {
    result = load();
  } catch (error) {
    if (!ConfigurationError.isInstance(error)) throw new Error(`not a ConfigurationError: ${String(error)}`, { cause: error });
    expect(error.issues.length).toBeGreaterThan(0);
    const topLevel = input !== null && typeof input === 'object' ? Object.keys(input) : [];
    for (const issue of error.issues) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.message === 'string' && issue.message.length > 0).toBe(true);
      // A path names where the problem is: the root, or somewhere under a key the document has.
      if (typeof input === 'object') expect(issue.path === '' || topLevel.some((key) => issue.path.startsWith(key))).toBe(true);
      if (issue.line !== undefined) expect(Number.isInteger(issue.line) && issue.line >= 1 && Number.isInteger(issue.column) && (issue.column ?? 0) >= 1).toBe(true);
      expect(issue.message).not.toContain(SECRET);
    }
    expect(error.message).not.toContain(SECRET);
    return false;
  }
  expect(hasNaN(result)).toBe(false);
  return true;
}

function checkDocument(input: string | Record<string, unknown>): void {
  const loaded = checkOutcome(() => loadConfig(input, { env: ENV, secrets: SECRETS }), input);
  // createMesh runs the same loader first, so only a document that loads can fail anew inside it.
  if (loaded) checkOutcome(() => createMesh({ config: input as MeshConfigDocument | string, env: ENV, secrets: SECRETS, plugins: [plugin] }), input);
}

describe('arbitrary configuration documents', () => {
  it('objects of arbitrary keys and values', () => {
    fc.assert(fc.property(rawDocument, checkDocument), { seed: 42, numRuns: 200 });
  });

  it('valid documents with arbitrary values put in at known places', () => {
    fc.assert(fc.property(mutatedDocument, checkDocument), { seed: 42, numRuns: 250 });
  });

  it('the same documents as YAML text', () => {
    fc.assert(
      fc.property(fc.oneof(rawDocument, mutatedDocument), (document) => checkDocument(stringify(document, { aliasDuplicateObjects: false }))),
      { seed: 42, numRuns: 60 },
    );
  });

  it('YAML with anchors, aliases and merges', () => {
    fc.assert(fc.property(aliasText, checkDocument), { seed: 42, numRuns: 150 });
  });

  it('YAML-like noise', () => {
    fc.assert(fc.property(noiseText, checkDocument), { seed: 42, numRuns: 300 });
  });
});
