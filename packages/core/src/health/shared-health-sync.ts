import type { HealthTransition } from './health-types.js';
import type { ModelHealthTracker } from './model-health-tracker.js';
import type { SharedHealth, StateStore } from '../state/state-store.js';

/** Options of {@link SharedHealthSync}. */
export interface SharedHealthSyncOptions {
  readonly tracker: ModelHealthTracker;
  readonly store: StateStore;
  /** This mesh's id in published messages (random per mesh). */
  readonly origin: string;
  /** Called with store failures, which never reach a request. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Shares model health between processes through a {@link StateStore}, as an adapter around
 * the tracker: it publishes the tracker's transitions and applies the ones other processes
 * publish, so the tracker itself stays process-local and the router keeps reading it
 * synchronously (no store round trip per candidate).
 *
 * Staleness bound: a remote standby reaches this process's tracker when the store delivers
 * its message (Redis pub/sub: well under 100 ms on one network). While the store is
 * unreachable, remote changes are not seen; when it comes back ({@link resync}) this process
 * republishes its own standbys and reloads everyone's.
 *
 * What travels: a standby (reason and end) and an early recovery (a half-open trial that
 * succeeded, or a manual reactivation). A recovery because a cooldown ran out is not
 * published: every process reaches it by its own clock. A remote standby returns to active
 * at its end here (the process that saw the failures runs the half-open trial).
 */
export class SharedHealthSync {
  readonly #tracker: ModelHealthTracker;
  readonly #store: StateStore;
  readonly #origin: string;
  readonly #onError: (error: unknown) => void;
  /** The end of each model's last standby, to tell an early recovery from a cooldown running out. */
  readonly #standbyEnds = new Map<string, number>();
  #applyingRemote = false;
  #unsubscribe: (() => void) | undefined;

  constructor(options: SharedHealthSyncOptions) {
    this.#tracker = options.tracker;
    this.#store = options.store;
    this.#origin = options.origin;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Subscribes to remote changes and loads the standbys already in the store. */
  start(modelKeys: readonly string[]): Promise<void> {
    this.#unsubscribe ??= this.#store.subscribeHealth((health) => this.apply(health));
    return this.#load(modelKeys);
  }

  /** Stops applying remote changes. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Hook for the tracker's `onTransition`: publishes what other processes must act on. */
  publish(transition: HealthTransition): void {
    const ends = this.#standbyEnds.get(transition.modelKey);
    if (transition.to === 'standby') this.#standbyEnds.set(transition.modelKey, transition.until ?? Infinity);
    if (this.#applyingRemote) return;
    if (transition.to === 'standby') {
      this.#put({ modelKey: transition.modelKey, state: 'standby', reason: transition.reason, until: transition.until ?? Infinity, ...detailOf(transition), at: transition.at, origin: this.#origin });
    } else if (transition.to === 'active' && (transition.from === 'half-open' || (transition.from === 'standby' && ends !== undefined && transition.at < ends))) {
      this.#put({ modelKey: transition.modelKey, state: 'active', reason: transition.reason, ...detailOf(transition), at: transition.at, origin: this.#origin });
    }
  }

  /** Applies a change published by another process (own messages are ignored). */
  apply(health: SharedHealth): void {
    if (health.origin === this.#origin || !this.#tracker.has(health.modelKey)) return;
    const current = this.#tracker.state(health.modelKey);
    this.#applyingRemote = true;
    try {
      if (health.state === 'standby') {
        const until = health.until ?? Infinity;
        if (current.state === 'standby' && current.until >= until) return;
        this.#tracker.deactivate(health.modelKey, health.reason, until, `${health.detail ?? health.reason} (reported by another process)`);
      } else if (current.state !== 'active') {
        this.#tracker.reactivate(health.modelKey);
      }
    } finally {
      this.#applyingRemote = false;
    }
  }

  /**
   * After the store was unreachable: publishes this process's standbys (others missed them)
   * and reloads the store's, so both sides converge.
   */
  async resync(modelKeys: readonly string[]): Promise<void> {
    for (const snapshot of this.#tracker.snapshot(modelKeys)) {
      if (snapshot.state !== 'standby' || snapshot.reason === undefined) continue;
      const detail = snapshot.detail === undefined ? {} : { detail: snapshot.detail };
      this.#put({ modelKey: snapshot.modelKey, state: 'standby', reason: snapshot.reason, until: snapshot.until ?? Infinity, ...detail, at: snapshot.since ?? 0, origin: this.#origin });
    }
    await this.#load(modelKeys);
  }

  async #load(modelKeys: readonly string[]): Promise<void> {
    try {
      const stored = await this.#store.getHealth(modelKeys);
      for (const health of stored) if (health) this.apply(health);
    } catch (error) {
      this.#onError(error);
    }
  }

  #put(health: SharedHealth): void {
    this.#store.putHealth(health).catch(this.#onError);
  }
}

function detailOf(transition: HealthTransition): { detail?: string } {
  return transition.detail === undefined ? {} : { detail: transition.detail };
}
