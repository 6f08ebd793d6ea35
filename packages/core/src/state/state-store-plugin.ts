import type { Clock } from '../runtime/clock.js';
import type { StateStore } from './state-store.js';

/** What `createMesh` hands a {@link StateStorePlugin} to build a store from the `state` config section. */
export interface StateStoreSettings {
  /** Connection URL (may carry credentials: never log it). */
  readonly url: string;
  /** Prefix of every key. */
  readonly prefix: string;
  /** When the backend is down or slow: serve from local state, or refuse budget-bearing requests. */
  readonly onUnavailable: 'local' | 'fail';
  /** Longest wait for one call, ms. */
  readonly timeoutMs: number;
  /** Time source for counter expiry and health deadlines. */
  readonly clock: Clock;
}

/**
 * What a store package exports (as `stateStorePlugin`) so that `state.store: <name>` in a
 * config document builds its store; `create()` finds installed ones the way it finds providers.
 */
export interface StateStorePlugin {
  /** The `state.store` value it serves, e.g. `redis`. */
  readonly store: string;
  /** The npm package, for error messages. */
  readonly packageName: string;
  create(settings: StateStoreSettings): StateStore;
}
