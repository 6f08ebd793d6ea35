import * as z from 'zod';
import { fraction, ignoredKey, name, positiveInt } from './schema-primitives.js';

/** Budget periods. */
export const BUDGET_PERIODS = ['request', 'minute', 'hour', 'day', 'month', 'total'] as const;

/** Budget actions. */
export const BUDGET_ACTIONS = ['error', 'rotate', 'warn'] as const;

/** The limit and behaviour of a budget, without its name and scope (shared with proxy keys). */
export const budgetLimitFields = {
  period: z.enum(BUDGET_PERIODS).optional().meta({ description: 'Counting window (default day).' }),
  limit_usd: z.number().gt(0).optional(),
  limit_tokens: positiveInt().optional(),
  limit_requests: positiveInt().optional(),
  limit: z.number().gt(0).optional().meta({ description: 'Limit in `unit`; an alternative to limit_usd / limit_tokens / limit_requests.' }),
  unit: z.enum(['usd', 'tokens', 'requests']).optional(),
  alert_threshold: fraction().optional().meta({ description: 'Fraction of the limit that fires an alert (default 0.8).' }),
  action: z.enum(BUDGET_ACTIONS).optional().meta({ description: 'error (default) refuses, rotate avoids the scope, warn only reports.' }),
};

/** One entry of `budgets`. */
export const budgetSchema = z.strictObject({
  name: name().optional(),
  scope: name()
    .optional()
    .meta({ description: 'global (default), pool:<name>, provider:<id>, model:<key> or key:<proxy key name>.' }),
  ...budgetLimitFields,
});

/** A parsed budget entry. */
export type BudgetEntry = z.output<typeof budgetSchema>;

/** Original ModelMesh top-level `budget` (USD), converted to global budgets. */
export const originalBudgetSchema = z.strictObject({
  daily_limit: z.number().gt(0).optional(),
  monthly_limit: z.number().gt(0).optional(),
  per_request_limit: z.number().gt(0).optional(),
  alert_threshold: fraction().optional(),
  enforce: ignoredKey(),
});

/** A parsed original `budget` section. */
export type OriginalBudgetEntry = z.output<typeof originalBudgetSchema>;
