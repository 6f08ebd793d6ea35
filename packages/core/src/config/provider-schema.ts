import * as z from 'zod';
import {
  deprecatedAlias,
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
  api_key: z.string().optional().meta({ description: 'API key; use ${ENV_VAR} or ${secrets:NAME} rather than the key itself.' }),
  base_url: z.url({ protocol: /^https?$/ }).optional().meta({ description: "Endpoint overriding the plugin's default." }),
  headers: stringMap().optional().meta({ description: 'Extra HTTP headers.' }),
  query: stringMap().optional().meta({ description: 'Extra query parameters.' }),
  organization: z.string().optional(),
  project: z.string().optional(),
  timeout: duration({ positive: true }).optional(),
  max_connections: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'The most requests in flight to this provider at once (each open stream holds a connection); more wait in a local queue that its timeouts.headers does not count. Default: no cap.' }),
};

/** Original ModelMesh `providers.<id>.budget`, converted to provider-scoped budgets. */
export const providerBudgetSchema = z.strictObject({
  daily_limit: nonNegative().optional().meta({ description: 'USD per day.' }),
  monthly_limit: nonNegative().optional().meta({ description: 'USD per month.' }),
  alert_threshold: z.number().min(0).max(1).optional(),
  enforce: ignoredKey(),
});

/** `providers.<id>`. */
export const providerSchema = z.strictObject({
  connector: name().optional().meta({ description: 'Connector id (openai.llm.v1) or plugin name (openai). Defaults to the provider id.' }),
  enabled: z.boolean().optional(),
  ...connectionFields,
  options: freeMap().optional().meta({ description: 'Free-form options passed to the provider plugin.' }),
  limits: quotaLimitsSchema.optional(),
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
