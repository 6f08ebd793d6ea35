import * as z from 'zod/mini';
import { defaultsSchema, strategyOptionFields } from './policy-schema.js';
import { deprecatedAlias, described, ignoredKey, name, nameList, nonNegative, positiveInt } from './schema-primitives.js';

/** `pools.<name>`. */
export const poolSchema = z.strictObject({
  capability: described(name(), 'Capability served; without capability and models the pool name is used.'),
  models: described(nameList(), 'Member model keys.'),
  providers: described(nameList(), 'Only models of these providers.'),
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
