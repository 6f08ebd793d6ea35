import { brandError, ModelMeshError, type ModelMeshErrorOptions } from './model-mesh-error.js';

/** What a budget limits. */
export type BudgetLimitType = 'cost' | 'tokens' | 'requests';

/** Options of {@link BudgetExceededError}. */
export interface BudgetExceededErrorOptions extends ModelMeshErrorOptions {
  /** What the budget limits: USD cost, tokens or requests. */
  limitType: BudgetLimitType;
  /** The configured limit (USD for cost). */
  limitValue: number;
  /** What the total would have reached with this request (used plus the request's estimate). */
  actualValue: number;
  /** The budget's name from config. */
  budgetName?: string;
  /** The budget's scope, e.g. `global` or `pool:chat`. */
  scope?: string;
  /** The budget's period, e.g. `day`. */
  period?: string;
}

/** A hard budget would be crossed, so the request was refused before any provider was called. */
export class BudgetExceededError extends ModelMeshError {
  /** What the budget limits. */
  readonly limitType: BudgetLimitType;
  /** The configured limit. */
  readonly limitValue: number;
  /** The value the request would have brought the total to. */
  readonly actualValue: number;
  /** The budget's name. */
  readonly budgetName: string | undefined;
  /** The budget's scope. */
  readonly scope: string | undefined;
  /** The budget's period. */
  readonly period: string | undefined;

  constructor(options: BudgetExceededErrorOptions) {
    const unit = options.limitType === 'cost' ? '$' : '';
    super({
      ...options,
      message:
        options.message ??
        `Budget${options.budgetName ? ` "${options.budgetName}"` : ''} exceeded: ${options.limitType} limit ${unit}${options.limitValue}${
          options.period ? ` per ${options.period}` : ''
        }, would reach ${unit}${options.actualValue}`,
    });
    this.limitType = options.limitType;
    this.limitValue = options.limitValue;
    this.actualValue = options.actualValue;
    this.budgetName = options.budgetName;
    this.scope = options.scope;
    this.period = options.period;
  }

  protected override jsonFields(): Record<string, unknown> {
    return {
      limitType: this.limitType,
      limitValue: this.limitValue,
      actualValue: this.actualValue,
      budgetName: this.budgetName,
      scope: this.scope,
      period: this.period,
    };
  }
}
brandError(BudgetExceededError, 'BudgetExceededError');
