import { brandError, ModelMeshError, type ModelMeshErrorOptions } from '@modelmesh/provider';

/** Options of {@link InvalidAmountError}. */
export interface InvalidAmountErrorOptions extends ModelMeshErrorOptions {
  /** The counter the amount was meant for. */
  readonly key: string;
  /** The refused amount (NaN, ±Infinity, or a negative amount where only positive ones are allowed). */
  readonly amount: number;
}

/**
 * A {@link StateStore} was asked to store an amount that is not a finite number (or a
 * negative reservation). Stores refuse it and change nothing: one NaN in a budget counter
 * would make every later comparison with the limit false, and so switch the budget off.
 */
export class InvalidAmountError extends ModelMeshError {
  readonly key: string;
  readonly amount: number;

  constructor(options: InvalidAmountErrorOptions) {
    super({ ...options, message: options.message ?? `Refused to store ${String(options.amount)} in counter "${options.key}": amounts must be finite numbers` });
    this.key = options.key;
    this.amount = options.amount;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { key: this.key, amount: String(this.amount) };
  }
}
brandError(InvalidAmountError, 'InvalidAmountError');

/**
 * Throws InvalidAmountError unless `amount` is finite (and, for a reservation or a limit,
 * not negative). Every StateStore implementation calls it before it changes a counter.
 */
export function checkAmount(key: string, amount: number, nonNegative: boolean): void {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || (nonNegative && amount < 0)) {
    throw new InvalidAmountError({ key, amount, message: `Refused to store ${String(amount)} in counter "${key}": amounts must be finite${nonNegative ? ', non-negative' : ''} numbers` });
  }
}
