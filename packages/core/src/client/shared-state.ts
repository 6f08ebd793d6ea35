import { ConfigurationError } from '@modelmesh/provider';
import type { StateConfig } from '../config/mesh-config.js';
import type { MeshEventEmitter } from '../events/event-emitter.js';
import type { HealthTransition } from '../health/health-types.js';
import type { ModelHealthTracker } from '../health/model-health-tracker.js';
import { SharedHealthSync } from '../health/shared-health-sync.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { MemoryStateStore } from '../state/memory-state-store.js';
import type { StateStore } from '../state/state-store.js';
import type { StateStorePlugin } from '../state/state-store-plugin.js';

/** Options of {@link createStateStore}. */
export interface CreateStateStoreOptions {
  /** Store packages' plugins (`installedStateStorePlugins()` of the modelmesh package finds installed ones). */
  readonly plugins?: readonly StateStorePlugin[];
  /** Time source; default the system clock. */
  readonly clock?: Clock;
}

/**
 * Builds the store a config's `state` section asks for (memory, or a store package's), for
 * hosts that share one store between a mesh and other parts, as the proxy does for per-key
 * limits. Pass it to `createMesh({ stateStore })`; its owner closes it.
 * Throws a ConfigurationError when the store's package is not available.
 */
export function createStateStore(state: StateConfig, options: CreateStateStoreOptions = {}): StateStore {
  return resolveStateStore(state, undefined, options.plugins ?? [], options.clock ?? systemClock).store;
}

/** The mesh's store, and whether the mesh made it (then it closes it too). */
export interface ResolvedStore {
  readonly store: StateStore;
  readonly owned: boolean;
}

/**
 * The store a mesh uses: the one passed in, else the one `state.store` names (built by the
 * plugin of an installed store package), else memory. Asking for `redis` without its
 * package installed is a ConfigurationError at `state.store`.
 */
export function resolveStateStore(state: StateConfig, given: StateStore | undefined, plugins: readonly StateStorePlugin[], clock: Clock): ResolvedStore {
  if (given) return { store: given, owned: false };
  if (state.store === 'memory') return { store: new MemoryStateStore(clock), owned: true };
  const plugin = plugins.find((candidate) => candidate.store === state.store);
  if (!plugin || state.url === undefined) {
    const message = plugin
      ? `store: ${state.store} needs state.url`
      : `store: ${state.store} needs its package: install @modelmesh/store-${state.store} (create() and the proxy find it), or pass stateStorePlugins / stateStore to createMesh`;
    throw new ConfigurationError({ issues: [{ path: plugin ? 'state.url' : 'state.store', message }] });
  }
  return { store: plugin.create({ url: state.url, prefix: state.keyPrefix, onUnavailable: state.onUnavailable, timeoutMs: state.timeoutMs, clock }), owned: true };
}

/**
 * Connects model health to the store (see {@link SharedHealthSync}) and turns the store's
 * availability reports into `state.unavailable` / `state.restored` events. Returns the hook
 * for the tracker's transitions and a function that detaches everything.
 */
export interface SharedState {
  /** Starts sharing the tracker's health for these models. */
  readonly sync: (tracker: ModelHealthTracker, modelKeys: readonly string[]) => void;
  /** The tracker's `onTransition` hook (a no-op until `sync`). */
  readonly publish: (transition: HealthTransition) => void;
  readonly detach: () => void;
}

export function shareState(store: StateStore, events: MeshEventEmitter, origin: string): SharedState {
  let sync: SharedHealthSync | undefined;
  let keys: readonly string[] = [];
  const offStatus = store.onStatus?.((status) => {
    events.emit(status.state === 'unavailable' ? 'state.unavailable' : 'state.restored', { store: status.store, detail: status.detail, mode: status.mode, at: status.at });
    if (status.state === 'restored') void sync?.resync(keys);
  });
  return {
    sync: (tracker, modelKeys) => {
      keys = modelKeys;
      sync = new SharedHealthSync({ tracker, store, origin });
      void sync.start(modelKeys);
    },
    publish: (transition) => sync?.publish(transition),
    detach: () => {
      offStatus?.();
      sync?.stop();
    },
  };
}
