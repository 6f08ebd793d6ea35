import { builtInStrategies } from './built-in-strategies.js';
import type { Strategy } from './strategy.js';

/**
 * Strategies by name. Config names a pool's strategy; the router looks it up here.
 *
 * Names are case-sensitive and matched exactly. Registering a name that is already present
 * (built-in or custom) replaces that strategy and keeps its place in {@link names}: this is how a
 * user overrides a built-in, e.g. a custom `round-robin`.
 */
export class StrategyRegistry {
  readonly #strategies = new Map<string, Strategy>();

  /** @param strategies - Registered in order (later duplicates replace earlier ones). */
  constructor(strategies: Iterable<Strategy> = []) {
    for (const strategy of strategies) this.register(strategy);
  }

  /**
   * Adds `strategy` under `strategy.name`, replacing any strategy of that name.
   *
   * @throws TypeError when the name is empty or `select` is not a function.
   * @returns this registry, for chaining.
   */
  register(strategy: Strategy): this {
    // Custom strategies may come from plain JavaScript, so check what the types cannot.
    if (typeof strategy?.name !== 'string' || strategy.name.trim() === '') {
      throw new TypeError('A strategy needs a non-empty string name');
    }
    if (typeof strategy.select !== 'function') {
      throw new TypeError(`Strategy "${strategy.name}" needs a select(candidates, context) function`);
    }
    this.#strategies.set(strategy.name, strategy);
    return this;
  }

  /** The strategy registered as `name`, or undefined. */
  get(name: string): Strategy | undefined {
    return this.#strategies.get(name);
  }

  /** Whether a strategy is registered as `name`. */
  has(name: string): boolean {
    return this.#strategies.has(name);
  }

  /** Registered names, in first-registration order (built-ins first for {@link createStrategyRegistry}). */
  names(): string[] {
    return [...this.#strategies.keys()];
  }
}

/** A new registry holding the eight built-in strategies; each call returns an independent registry. */
export function createStrategyRegistry(): StrategyRegistry {
  return new StrategyRegistry(builtInStrategies);
}
