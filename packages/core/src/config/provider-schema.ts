import * as z from 'zod/mini';
import {
  deprecatedAlias,
  duration,
  freeMap,
  ignoredKey,
  name,
  nonNegative,
  positiveInt,
  quotaLimitsSchema,
  stringMap,
} from './schema-primitives.js';

// What each key means, for editors: schema-descriptions.ts (kept out of the runtime bundle).

/** Connection keys that may sit on the provider or inside the original `config:` block. */
export const connectionFields = {
  api_key: z.optional(z.string()),
  base_url: z.optional(z.url({ protocol: /^https?$/ })),
  headers: z.optional(stringMap()),
  query: z.optional(stringMap()),
  organization: z.optional(z.string()),
  project: z.optional(z.string()),
  timeout: z.optional(duration({ positive: true })),
  max_connections: z.optional(positiveInt()),
};

/** Original ModelMesh `providers.<id>.budget`, converted to provider-scoped budgets. */
export const providerBudgetSchema = z.strictObject({
  daily_limit: z.optional(nonNegative()),
  monthly_limit: z.optional(nonNegative()),
  alert_threshold: z.optional(z.number().check(z.gte(0), z.lte(1))),
  enforce: ignoredKey(),
});

/** `providers.<id>`. */
export const providerSchema = z.strictObject({
  connector: z.optional(name()),
  enabled: z.optional(z.boolean()),
  ...connectionFields,
  options: z.optional(freeMap()),
  limits: z.optional(quotaLimitsSchema),
  // Original ModelMesh shapes.
  config: deprecatedAlias(z.looseObject(connectionFields), 'keys directly on the provider'),
  budget: deprecatedAlias(providerBudgetSchema, 'budgets with scope provider:<id>'),
  instance: ignoredKey(),
  auth: ignoredKey(),
  quota: ignoredKey(),
  discovery: ignoredKey(),
  batch: ignoredKey(),
  files: ignoredKey(),
  fine_tuning: ignoredKey(),
  connection_pool: ignoredKey(),
  max_retries: ignoredKey(),
});

/** A parsed provider entry. */
export type ProviderEntry = z.output<typeof providerSchema>;
