import * as z from 'zod/mini';
import { defaultsSchema, strategyOptionFields } from './policy-schema.js';
import { deprecatedAlias, ignoredKey, name, nameList, nonNegative, positiveInt } from './schema-primitives.js';

// What each key means, for editors: schema-descriptions.ts (kept out of the runtime bundle).

/** `pools.<name>`. */
export const poolSchema = z.strictObject({
  capability: z.optional(name()),
  models: z.optional(nameList()),
  providers: z.optional(nameList()),
  excluded_providers: z.optional(nameList()),
  ...defaultsSchema.shape,
  ...strategyOptionFields,
  failure_threshold: deprecatedAlias(positiveInt(), 'deactivation.failure_threshold'),
  cooldown_seconds: deprecatedAlias(nonNegative(), 'recovery.cooldown'),
  on_budget_exceeded: ignoredKey(),
  provider_deactivation: ignoredKey(),
  provider_recovery: ignoredKey(),
  strategy_instance: ignoredKey(),
  rotation: ignoredKey(),
});

/** A parsed pool entry. */
export type PoolEntry = z.output<typeof poolSchema>;
