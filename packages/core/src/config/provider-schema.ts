import * as z from 'zod/mini';
import {
  deprecatedAlias,
  described,
  duration,
  freeMap,
  ignoredKey,
  name,
  nonNegative,
  quotaLimitsSchema,
  stringMap,
} from './schema-primitives.js';

/** Connection keys that may sit on the provider or inside the original `config:` block. */
const connectionFields = {
  api_key: described(z.string(), 'API key; use ${ENV_VAR} or ${secrets:NAME} rather than the key itself.'),
  base_url: described(z.url({ protocol: /^https?$/ }), "Endpoint overriding the plugin's default."),
  headers: described(stringMap(), 'Extra HTTP headers.'),
  query: described(stringMap(), 'Extra query parameters.'),
  organization: z.optional(z.string()),
  project: z.optional(z.string()),
  timeout: z.optional(duration({ positive: true })),
};

/** Original ModelMesh `providers.<id>.budget`, converted to provider-scoped budgets. */
export const providerBudgetSchema = z.strictObject({
  daily_limit: described(nonNegative(), 'USD per day.'),
  monthly_limit: described(nonNegative(), 'USD per month.'),
  alert_threshold: z.optional(z.number().check(z.gte(0), z.lte(1))),
  enforce: ignoredKey(),
});

/** `providers.<id>`. */
export const providerSchema = z.strictObject({
  connector: described(name(), 'Connector id (openai.llm.v1) or plugin name (openai). Defaults to the provider id.'),
  enabled: z.optional(z.boolean()),
  ...connectionFields,
  options: described(freeMap(), 'Free-form options passed to the provider plugin.'),
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
