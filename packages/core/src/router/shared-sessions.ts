import type { Clock } from '../runtime/clock.js';
import type { StateStore } from '../state/state-store.js';
import type { StrategyMemory } from '../strategies/strategy.js';
import type { PoolRegistry } from './pool-registry.js';
import type { RunToPrepare } from './router-context.js';

const STRATEGY = 'session-sticky';
const DEFAULT_TIMEOUT_MS = 30 * 60_000;

interface SessionEntry {
  readonly key: string;
  readonly at: number;
}

interface Published {
  readonly key: string;
  readonly at: number;
}

const storeKey = (pool: string, sessionId: string) => `session:${pool}:${sessionId}`;

function sessionsOf(memory: StrategyMemory): Record<string, SessionEntry> {
  const sessions = memory['sessions'];
  return typeof sessions === 'object' && sessions !== null ? (sessions as Record<string, SessionEntry>) : {};
}

function timeoutOf(options: Readonly<Record<string, unknown>>): number {
  const value = options['sessionTimeout'] ?? options['sessionTimeoutMs'];
  return typeof value === 'number' && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

/**
 * Shares `session-sticky` assignments between processes through the state store, so a
 * session keeps its model whichever process behind a load balancer serves it (the hash alone
 * would differ from a process's remapped choice after a failover).
 *
 * Writes: when a pool's memory gives a session a new model, or refreshes one not written for
 * half its timeout, the assignment is stored with the session timeout as its lifetime
 * (in the background). Reads: a request whose session this process does not know waits for one
 * store lookup before routing and adopts what it finds. Staleness: a session's first requests
 * to two processes within one store round trip may be placed independently.
 */
export class SharedSessions {
  private readonly published = new Map<string, Map<string, Published>>();

  constructor(
    private readonly store: StateStore,
    private readonly pools: PoolRegistry,
    private readonly clock: Clock,
  ) {
    pools.onStrategyMemory((poolName, memory) => this.publish(poolName, memory));
  }

  /** The router's `prepareRun`: a promise only when the session must be looked up. */
  prepare(run: RunToPrepare): Promise<void> | undefined {
    const sessionId = run.sessionId;
    const definition = run.pool.definition;
    if (sessionId === undefined || sessionId === '' || definition.strategy.name !== STRATEGY) return undefined;
    const known = sessionsOf(this.pools.strategyMemory(definition.name))[sessionId];
    const timeout = timeoutOf(definition.strategy.options);
    if (known && this.clock.now() - known.at <= timeout) return undefined;
    return this.store.getValue(storeKey(definition.name, sessionId)).then(
      (key) => {
        if (key === undefined) return;
        const memory = this.pools.strategyMemory(definition.name);
        const current = sessionsOf(memory)[sessionId];
        if (current && this.clock.now() - current.at <= timeout) return;
        const entry = { key, at: this.clock.now() };
        this.remember(definition.name, sessionId, entry);
        this.pools.rememberStrategy(definition.name, { ...memory, sessions: { ...sessionsOf(memory), [sessionId]: entry } });
      },
      // The store reports its own outages; without it the session is placed as a new one.
      () => undefined,
    );
  }

  private publish(poolName: string, memory: StrategyMemory): void {
    const definition = this.pools.find(poolName)?.definition;
    if (!definition || definition.strategy.name !== STRATEGY) return;
    const timeout = timeoutOf(definition.strategy.options);
    const seen = this.published.get(poolName);
    const now = this.clock.now();
    for (const [sessionId, entry] of Object.entries(sessionsOf(memory))) {
      const last = seen?.get(sessionId);
      if (last && last.key === entry.key && now - last.at < timeout / 2) continue;
      this.remember(poolName, sessionId, { key: entry.key, at: now });
      this.store.setValue(storeKey(poolName, sessionId), entry.key, timeout).catch(() => undefined);
    }
    // Forget what the strategy pruned, so this map stays as small as the pool's memory.
    if (seen && seen.size > Object.keys(sessionsOf(memory)).length * 2) {
      const live = sessionsOf(memory);
      for (const id of [...seen.keys()]) if (!(id in live)) seen.delete(id);
    }
  }

  private remember(poolName: string, sessionId: string, entry: Published): void {
    let seen = this.published.get(poolName);
    if (!seen) this.published.set(poolName, (seen = new Map()));
    seen.set(sessionId, entry);
  }
}
