import * as z from 'zod/mini';
import { fraction, ignoredKey, name, positiveInt } from './schema-primitives.js';

// What each key means, for editors: schema-descriptions.ts (kept out of the runtime bundle).

/** Budget periods. */
export const BUDGET_PERIODS = ['request', 'minute', 'hour', 'day', 'month', 'total'] as const;

/** Budget actions. */
export const BUDGET_ACTIONS = ['error', 'rotate', 'warn'] as const;

/** A number above 0. */
const positive = () => z.number().check(z.gt(0));

/** The limit and behaviour of a budget, without its name and scope (shared with proxy keys). */
export const budgetLimitFields = {
  period: z.optional(z.enum(BUDGET_PERIODS)),
  limit_usd: z.optional(positive()),
  limit_tokens: z.optional(positiveInt()),
  limit_requests: z.optional(positiveInt()),
  limit: z.optional(positive()),
  unit: z.optional(z.enum(['usd', 'tokens', 'requests'])),
  alert_threshold: z.optional(fraction()),
  action: z.optional(z.enum(BUDGET_ACTIONS)),
};

/** One entry of `budgets`. */
export const budgetSchema = z.strictObject({
  name: z.optional(name()),
  scope: z.optional(name()),
  ...budgetLimitFields,
});

/** A parsed budget entry. */
export type BudgetEntry = z.output<typeof budgetSchema>;

/** Original ModelMesh top-level `budget` (USD), converted to global budgets. */
export const originalBudgetSchema = z.strictObject({
  daily_limit: z.optional(positive()),
  monthly_limit: z.optional(positive()),
  per_request_limit: z.optional(positive()),
  alert_threshold: z.optional(fraction()),
  enforce: ignoredKey(),
});

/** A parsed original `budget` section. */
export type OriginalBudgetEntry = z.output<typeof originalBudgetSchema>;
