import * as z from 'zod/mini';
import { deprecatedAlias, duration, freeMap, ignoredKey, name, stringMap } from './schema-primitives.js';

// What each key means, for editors: schema-descriptions.ts (kept out of the runtime bundle).

/** Secret store ids: short names and the original connector ids. */
export const SECRET_STORES = ['env', 'inline', 'modelmesh.env.v1', 'modelmesh.memory-secrets.v1'] as const;

/** `secrets`. */
export const secretsSchema = z.strictObject({
  store: z.optional(z.enum(SECRET_STORES)),
  values: z.optional(stringMap()),
  prefix: z.optional(z.string()),
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
  store: z.optional(z.enum(['memory', 'redis'])),
  url: z.optional(z.string().check(z.minLength(1))),
  prefix: z.optional(z.string()),
  key_prefix: deprecatedAlias(z.string(), 'prefix'),
  on_unavailable: z.optional(z.enum(['local', 'fail'])),
  timeout: z.optional(duration({ positive: true })),
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

/** The `{ name, options }` form of a `middleware` entry. */
export const middlewareObjectSchema = z.strictObject({ name: name(), options: z.optional(freeMap()) });

/** One `middleware` entry: a built-in name (`logging`, `cache`, `otel`) or a package name, alone or with options. */
export const middlewareEntrySchema = z.union([name(), middlewareObjectSchema]);

/** `middleware`: the middleware list, outermost first. */
export const middlewareSchema = z.array(middlewareEntrySchema);

/** Custom capability paths to register. */
export const capabilitiesSchema = z.array(name());
