import * as z from 'zod/mini';
import { described, fraction, ignoredKey, name, positiveInt } from './schema-primitives.js';

/** Budget periods. */
export const BUDGET_PERIODS = ['request', 'minute', 'hour', 'day', 'month', 'total'] as const;

/** Budget actions. */
export const BUDGET_ACTIONS = ['error', 'rotate', 'warn'] as const;

/** A number above 0. */
const positive = () => z.number().check(z.gt(0));

/** The limit and behaviour of a budget, without its name and scope (shared with proxy keys). */
export const budgetLimitFields = {
  period: described(z.enum(BUDGET_PERIODS), 'Counting window (default day).'),
  limit_usd: z.optional(positive()),
  limit_tokens: z.optional(positiveInt()),
  limit_requests: z.optional(positiveInt()),
  limit: described(positive(), 'Limit in `unit`; an alternative to limit_usd / limit_tokens / limit_requests.'),
  unit: z.optional(z.enum(['usd', 'tokens', 'requests'])),
  alert_threshold: described(fraction(), 'Fraction of the limit that fires an alert (default 0.8).'),
  action: described(z.enum(BUDGET_ACTIONS), 'error (default) refuses, rotate avoids the scope, warn only reports.'),
};

/** One entry of `budgets`. */
export const budgetSchema = z.strictObject({
  name: z.optional(name()),
  scope: described(name(), 'global (default), pool:<name>, provider:<id>, model:<key> or key:<proxy key name>.'),
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
