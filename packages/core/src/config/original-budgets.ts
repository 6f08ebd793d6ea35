import type { BudgetConfig, BudgetPeriod, BudgetScope } from './mesh-config.js';

/** The original ModelMesh budget block (USD), at top level or on a provider. */
export interface OriginalBudget {
  daily_limit?: number | undefined;
  monthly_limit?: number | undefined;
  per_request_limit?: number | undefined;
  alert_threshold?: number | undefined;
}

const PERIODS: readonly [keyof OriginalBudget, BudgetPeriod, string][] = [
  ['daily_limit', 'day', 'daily'],
  ['monthly_limit', 'month', 'monthly'],
  ['per_request_limit', 'request', 'per-request'],
];

/** Converts an original budget block into USD budgets named `<prefix>-daily`, `<prefix>-monthly`, ... */
export function originalBudgets(block: OriginalBudget, scope: BudgetScope, prefix: string): BudgetConfig[] {
  const budgets: BudgetConfig[] = [];
  for (const [key, period, suffix] of PERIODS) {
    const limit = block[key];
    if (limit === undefined) continue;
    budgets.push({
      name: `${prefix}-${suffix}`,
      scope,
      period,
      limitType: 'cost',
      limit,
      alertThreshold: block.alert_threshold ?? 0.8,
      action: 'error',
    });
  }
  return budgets;
}
