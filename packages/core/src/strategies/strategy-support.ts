import type { CandidateView, Selection, StrategyMemory } from './strategy.js';

/**
 * Shared helpers of the built-in strategies: ordering, defensive memory reading and the
 * number formats used in `reason`. Internal: not exported from the package.
 */

const byPoolIndex = (a: CandidateView, b: CandidateView): number => a.index - b.index;

/** Candidates sorted by pool position. Strategies re-sort so they never depend on the caller's order. */
export function inPoolOrder(candidates: readonly CandidateView[]): CandidateView[] {
  return candidates.slice().sort(byPoolIndex);
}

/** `items` starting at position `start`, wrapping around (one array when `start` is 0, as it mostly is: this runs per request). */
export function rotate<T>(items: readonly T[], start: number): T[] {
  return start === 0 ? items.slice() : items.slice(start).concat(items.slice(0, start));
}

/** `pick`, then the other items in their given order. */
export function pickFirst<T>(items: readonly T[], pick: T): T[] {
  return [pick, ...items.filter((item) => item !== pick)];
}

/** The contract promises candidates; if a caller breaks it we answer with an empty order rather than crash. */
export function noCandidates(strategyName: string): Selection {
  return { order: [], reason: `no eligible candidates (${strategyName})` };
}

/** A string field of memory, or undefined when memory has another shape (it may come from Redis or another strategy). */
export function memoryString(memory: StrategyMemory, field: string): string | undefined {
  const value = Object.hasOwn(memory, field) ? memory[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** A finite number field of memory, or undefined. */
export function memoryNumber(memory: StrategyMemory, field: string): number | undefined {
  const value = Object.hasOwn(memory, field) ? memory[field] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A plain-object field of memory, or undefined. */
export function memoryRecord(memory: StrategyMemory, field: string): Readonly<Record<string, unknown>> | undefined {
  const value = Object.hasOwn(memory, field) ? memory[field] : undefined;
  return isPlainRecord(value) ? value : undefined;
}

/** Whether `value` is a non-null, non-array object. */
export function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `0.00042` → `$0.00042`: three significant digits below $1, cents above, never exponent notation. */
export function formatUsd(amount: number): string {
  const options: Intl.NumberFormatOptions =
    Math.abs(amount) < 1 ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2 };
  return `$${amount.toLocaleString('en-US', { ...options, useGrouping: false })}`;
}

/** `0.634` → `63.4%`. One decimal so values next to a threshold do not round onto it. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}

/** `812.6` → `813ms`. */
export function formatMs(ms: number): string {
  return `${Math.round(ms)}ms`;
}
