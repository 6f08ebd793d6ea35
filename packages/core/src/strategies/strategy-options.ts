import { ConfigurationError } from '@modelmesh/provider';
import { isPlainRecord } from './strategy-support.js';
import type { StrategyContext } from './strategy.js';

/**
 * Readers for `context.options`. Options arrive as untyped config values, so each is checked;
 * a bad value throws a {@link ConfigurationError} naming the pool, the strategy and the option
 * instead of silently routing differently from what the user wrote. Unknown options are ignored.
 * An option may have several names (the config loader's resolved names such as `modelWeights`
 * or `rateLimit.threshold` besides the short ones); the first one present is read.
 * Internal: not exported from the package.
 */

/** An option's names: one name, or several tried in order. A dotted name reads a nested object. */
export type OptionNames = string | readonly string[];

/** Constraints of a numeric option. */
export interface NumberOptionSpec {
  readonly fallback: number;
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function invalid(context: StrategyContext, strategy: string, found: FoundOption, expected: string): ConfigurationError {
  const message = `${strategy} option "${found.name}" must be ${expected}; got ${describeValue(found.value)}`;
  return new ConfigurationError({ issues: [{ path: `pools.${context.poolName}.strategy`, message }] });
}

interface FoundOption {
  readonly name: string;
  readonly value: unknown;
}

function lookup(options: Readonly<Record<string, unknown>>, name: string): unknown {
  let value: unknown = options;
  for (const part of name.split('.')) {
    if (!isPlainRecord(value) || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return value;
}

/** The first of `names` with a defined value, or undefined. */
function rawOption(context: StrategyContext, names: OptionNames): FoundOption | undefined {
  for (const name of typeof names === 'string' ? [names] : names) {
    const value = lookup(context.options, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

/** A number option, or `spec.fallback` when absent. */
export function readNumberOption(context: StrategyContext, strategy: string, names: OptionNames, spec: NumberOptionSpec): number {
  const found = rawOption(context, names);
  if (found === undefined) return spec.fallback;
  const value = found.value;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!spec.integer || Number.isInteger(value)) &&
    (spec.min === undefined || value >= spec.min) &&
    (spec.above === undefined || value > spec.above) &&
    (spec.max === undefined || value <= spec.max);
  if (ok) return value;
  const bounds = [
    spec.min === undefined ? '' : `>= ${spec.min}`,
    spec.above === undefined ? '' : `> ${spec.above}`,
    spec.max === undefined ? '' : `<= ${spec.max}`,
  ].filter(Boolean);
  throw invalid(context, strategy, found, `${spec.integer ? 'an integer' : 'a number'} ${bounds.join(' and ')}`.trim());
}

/** A list of strings, or `[]` when absent. */
export function readStringListOption(context: StrategyContext, strategy: string, names: OptionNames): readonly string[] {
  const found = rawOption(context, names);
  if (found === undefined) return [];
  const value = found.value;
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  throw invalid(context, strategy, found, 'a list of strings');
}

/** A map of model key to a finite number >= 0, or an empty map when absent. */
export function readWeightsOption(context: StrategyContext, strategy: string, names: OptionNames): ReadonlyMap<string, number> {
  const found = rawOption(context, names);
  if (found === undefined) return new Map();
  const value = found.value;
  if (isPlainRecord(value)) {
    const entries = Object.entries(value);
    if (entries.every(([, weight]) => typeof weight === 'number' && Number.isFinite(weight) && weight >= 0)) {
      return new Map(entries as [string, number][]);
    }
  }
  throw invalid(context, strategy, found, 'a map of model key to a number >= 0');
}

/** One of `choices`, or `fallback` when absent. */
export function readChoiceOption<T extends string>(
  context: StrategyContext,
  strategy: string,
  names: OptionNames,
  choices: readonly T[],
  fallback: T,
): T {
  const found = rawOption(context, names);
  if (found === undefined) return fallback;
  const value = found.value;
  const match = choices.find((choice) => choice === value);
  if (match !== undefined) return match;
  throw invalid(context, strategy, found, `one of ${choices.map((choice) => `"${choice}"`).join(', ')}`);
}
