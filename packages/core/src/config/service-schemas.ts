import * as z from 'zod/mini';
import { deprecatedAlias, described, duration, freeMap, ignoredKey, meta, name, stringMap } from './schema-primitives.js';

/** Secret store ids: short names and the original connector ids. */
export const SECRET_STORES = ['env', 'inline', 'modelmesh.env.v1', 'modelmesh.memory-secrets.v1'] as const;

/** `secrets`. */
export const secretsSchema = z.strictObject({
  store: described(z.enum(SECRET_STORES), 'env (default) also reads environment variables; inline only values.'),
  values: described(stringMap(), 'Secrets by name, for ${secrets:NAME}.'),
  prefix: described(z.string(), 'Prefix of the environment variable holding a secret.'),
  connector: deprecatedAlias(z.enum(SECRET_STORES), 'store'),
  path: ignoredKey(),
  region: ignoredKey(),
  cache_ttl: ignoredKey(),
  reload_on_rotation: ignoredKey(),
  config: ignoredKey(),
});

/** A parsed `secrets` section. */
export type SecretsEntry = z.output<typeof secretsSchema>;

/** `state`. */
export const stateSchema = z.strictObject({
  store: described(z.enum(['memory', 'redis']), 'memory (one process, default) or redis (shared by several processes; needs @modelmesh/store-redis).'),
  url: described(z.string().check(z.minLength(1)), 'Redis URL, e.g. redis://localhost:6379 or ${REDIS_URL}.'),
  prefix: described(z.string(), 'Prefix of every key the store writes (default modelmesh:); deployments sharing one Redis use different prefixes.'),
  key_prefix: deprecatedAlias(z.string(), 'prefix'),
  on_unavailable: described(z.enum(['local', 'fail']), 'When Redis is down or slow: local (default) keeps serving from this process\'s state, fail refuses requests that carry a budget or quota.'),
  timeout: described(duration({ positive: true }), 'Longest wait for one Redis call before it counts as unavailable (default 1s).'),
});

/** A parsed `state` section. */
export type StateEntry = z.output<typeof stateSchema>;

/** Log levels. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** `observability`. */
export const observabilitySchema = z.strictObject({
  log_level: z.optional(z.enum(LOG_LEVELS)),
  events: z.optional(z.boolean()),
  connector: z.optional(name()),
  config: z.optional(freeMap()),
  routing: ignoredKey(),
  logging: ignoredKey(),
  statistics: ignoredKey(),
});

/** A parsed `observability` section. */
export type ObservabilityEntry = z.output<typeof observabilitySchema>;

/** One `middleware` entry: a built-in name (`logging`, `cache`, `otel`) or a package name, alone or with options. */
export const middlewareEntrySchema = z.union([
  name(),
  z.strictObject({
    name: meta(name(), { description: 'logging, cache, otel, or the name of a package that exports a middlewarePlugin.' }),
    options: described(freeMap(), "The middleware's options (see its README)."),
  }),
]);

/** `middleware`: the middleware list, outermost first. */
export const middlewareSchema = meta(z.array(middlewareEntrySchema), {
  description: 'Middleware, outermost first: logging, cache, otel or package names, each alone or as { name, options }.',
});

/** Custom capability paths to register. */
export const capabilitiesSchema = meta(z.array(name()), { description: 'Custom capability paths, e.g. compliance.pii-detection.' });
