import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  checkAmount,
  redactText,
  StateStoreUnavailableError,
  systemClock,
  type CacheStore,
  type Clock,
  type CounterReservation,
  type ReservationResult,
  type SharedHealth,
  type StateStore,
  type StateStoreStatus,
} from '@modelmesh/core';
import { ADD_LUA, GET_LUA, RESERVE_LUA } from './counter-scripts.js';
import { decodeHealth, encodeHealth } from './health-codec.js';
import { LocalCounters } from './local-counters.js';
import { LocalValues } from './local-values.js';
import { redisCacheStore } from './redis-cache-store.js';
import { RedisKeys } from './redis-keys.js';

/** Options of {@link RedisStateStore}. */
export interface RedisStateStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). Works with Valkey too. */
  readonly url: string;
  /** Prefix of every key and of the health channel. Default `modelmesh:`. */
  readonly prefix?: string;
  /**
   * While Redis is down or slower than `timeoutMs`: `local` (default) serves from this
   * process's counters and writes its changes back when Redis returns; `fail` makes
   * `reserve` throw {@link StateStoreUnavailableError}, so requests with a budget or quota are refused.
   */
  readonly onUnavailable?: 'local' | 'fail';
  /** Longest wait for one Redis call, ms. Default 1000 (event-loop lag in a busy process must not read as an outage). */
  readonly timeoutMs?: number;
  /** How often an unavailable Redis is tried again, ms. Default 500. */
  readonly retryIntervalMs?: number;
  /** Time source for expiry checks of health. Default: the system clock. */
  readonly clock?: Clock;
}

interface ScriptCommands {
  mmReserve(numKeys: number, ...args: (string | number)[]): Promise<(string | number)[]>;
  mmAdd(numKeys: number, ...args: (string | number)[]): Promise<string[]>;
  mmGet(numKeys: number, ...keys: string[]): Promise<string[]>;
}

type ScriptedRedis = Redis & ScriptCommands;

/** A reply error that means a bug (wrong key type, bad script), not an unreachable server. */
function isCommandBug(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError' && /^(ERR|WRONGTYPE)/.test(error.message);
}

/**
 * The ModelMesh {@link StateStore} on Redis (or Valkey, or a Redis Cluster node set through
 * one URL), built on ioredis. Reservations and settlements are Lua scripts, so a budget holds
 * across processes exactly as in one; health changes are stored and published on a channel.
 * Every call is bounded by `timeoutMs`; after a failure the store serves from local state
 * (or refuses reservations) until a background ping succeeds, then writes local changes back
 * and reports `restored`.
 */
export class RedisStateStore implements StateStore {
  readonly #redis: ScriptedRedis;
  readonly #subscriber: Redis;
  readonly #keys: RedisKeys;
  readonly #clock: Clock;
  readonly #mode: 'local' | 'fail';
  readonly #retryIntervalMs: number;
  readonly #counters: LocalCounters;
  readonly #values: LocalValues;
  readonly #healthListeners = new Set<(health: SharedHealth) => void>();
  readonly #statusListeners = new Set<(status: StateStoreStatus) => void>();
  #down = false;
  #closed = false;
  /** Settles when the first connection is up, failed, or took longer than the connect timeout. */
  readonly #connected: Promise<void>;
  #connecting = true;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RedisStateStoreOptions) {
    const timeoutMs = options.timeoutMs ?? 1_000;
    this.#clock = options.clock ?? systemClock;
    this.#mode = options.onUnavailable ?? 'local';
    this.#retryIntervalMs = options.retryIntervalMs ?? 500;
    this.#keys = new RedisKeys(options.prefix ?? 'modelmesh:');
    this.#counters = new LocalCounters(this.#clock);
    this.#values = new LocalValues(this.#clock);
    this.#redis = new Redis(options.url, {
      commandTimeout: timeoutMs,
      connectTimeout: Math.max(1_000, timeoutMs * 4),
      // Queue commands while (re)connecting; commandTimeout bounds how long any of them waits.
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    }) as ScriptedRedis;
    const connectTimeoutMs = Math.max(1_000, timeoutMs * 4);
    this.#connected = new Promise<void>((resolve) => {
      const done = () => {
        this.#connecting = false;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, connectTimeoutMs);
      timer.unref();
      this.#redis.once('ready', done);
      this.#redis.once('close', done);
    });
    this.#redis.defineCommand('mmReserve', { lua: RESERVE_LUA });
    this.#redis.defineCommand('mmAdd', { lua: ADD_LUA });
    this.#redis.defineCommand('mmGet', { lua: GET_LUA, readOnly: true });
    this.#subscriber = this.#redis.duplicate();
    for (const client of [this.#redis, this.#subscriber]) {
      // ioredis prints unhandled 'error' events; availability is reported through onStatus instead.
      client.on('error', () => undefined);
      client.on('close', () => this.#markDown('connection to Redis lost'));
    }
    this.#subscriber.on('message', (_channel: string, text: string) => {
      const health = decodeHealth(text);
      if (health) for (const listener of [...this.#healthListeners]) listener(health);
    });
    this.#subscriber.subscribe(this.#keys.healthChannel).catch((error: unknown) => this.#markDown(describe(error)));
  }

  /** False while Redis is unreachable and the store serves from local state (or refuses). */
  get available(): boolean {
    return !this.#down;
  }

  async get(keys: readonly string[]): Promise<number[]> {
    if (keys.length === 0) return [];
    return this.#run(
      async () => (await this.#redis.mmGet(keys.length * 2, ...keys.flatMap((key) => [this.#keys.counter(key), this.#keys.counterBase(key)]))).map(Number),
      () => keys.map((key) => this.#counters.value(key)),
    );
  }

  async add(key: string, delta: number, ttlMs?: number): Promise<number> {
    checkAmount(key, delta, false);
    return this.#run(
      () => this.#addRemote(key, delta, ttlMs),
      () => this.#counters.add(key, delta, ttlMs),
    );
  }

  async reserve(entries: readonly CounterReservation[]): Promise<ReservationResult> {
    for (const entry of entries) {
      checkAmount(entry.key, entry.amount, true);
      if (Number.isNaN(entry.limit)) checkAmount(entry.key, entry.limit, false);
    }
    if (entries.length === 0) return { ok: true, values: [] };
    return this.#run(
      () => this.#reserveRemote(entries),
      () => {
        if (this.#mode === 'fail') throw this.#unavailableError();
        return this.#counters.reserve(entries);
      },
    );
  }

  async putHealth(health: SharedHealth): Promise<void> {
    // While down, other processes cannot hear it anyway; the mesh republishes its standbys on `restored`.
    if (this.#down) return;
    const key = this.#keys.health(health.modelKey);
    const ttl = health.state === 'standby' && Number.isFinite(health.until) ? Math.max(1, Math.ceil((health.until ?? 0) - this.#clock.now())) : undefined;
    await this.#run(
      async () => {
        if (health.state === 'active') await this.#redis.del(key);
        else if (ttl === undefined) await this.#redis.set(key, encodeHealth(health));
        else await this.#redis.set(key, encodeHealth(health), 'PX', ttl);
        await this.#redis.publish(this.#keys.healthChannel, encodeHealth(health));
      },
      () => undefined,
    );
  }

  async getHealth(modelKeys: readonly string[]): Promise<(SharedHealth | undefined)[]> {
    const now = this.#clock.now();
    return this.#run(
      // One GET per model: health keys live in different Cluster slots, so no MGET.
      () => Promise.all(modelKeys.map(async (key) => {
        const text = await this.#redis.get(this.#keys.health(key));
        const health = text === null ? undefined : decodeHealth(text);
        return health && health.state === 'standby' && (health.until ?? Infinity) > now ? health : undefined;
      })),
      () => modelKeys.map(() => undefined),
    );
  }

  subscribeHealth(listener: (health: SharedHealth) => void): () => void {
    const entry = (health: SharedHealth) => listener(health);
    this.#healthListeners.add(entry);
    return () => this.#healthListeners.delete(entry);
  }

  async getValue(key: string): Promise<string | undefined> {
    return this.#run(
      async () => {
        const text = await this.#redis.get(this.#keys.value(key));
        return text ?? undefined;
      },
      () => this.#values.get(key),
    );
  }

  async setValue(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#values.set(key, value, ttlMs, this.#down);
    if (this.#down) return;
    await this.#run(
      () => this.#setValueRemote(key, value, ttlMs),
      () => this.#values.set(key, value, ttlMs, true),
    );
  }

  /**
   * A response cache on this store's connection, prefix and timeouts (what the cache
   * middleware's `store: redis` uses). Entries expire with their TTL in Redis. While Redis is
   * down or slow every read is a miss and writes are dropped; it never throws.
   */
  cacheStore(): CacheStore {
    return redisCacheStore({
      run: async (command, fallback) => {
        try {
          return await this.#run(command, () => fallback);
        } catch {
          // #run rethrows command errors (a key of another type under our prefix): still just a miss.
          return fallback;
        }
      },
      get: (key) => this.#redis.get(key),
      setPx: (key, value, ttlMs) => this.#redis.set(key, value, 'PX', ttlMs),
      key: (cacheKey) => this.#keys.cache(cacheKey),
    });
  }

  onStatus(listener: (status: StateStoreStatus) => void): () => void {
    const entry = (status: StateStoreStatus) => listener(status);
    this.#statusListeners.add(entry);
    return () => this.#statusListeners.delete(entry);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#healthListeners.clear();
    this.#statusListeners.clear();
    this.#subscriber.disconnect();
    this.#redis.disconnect();
  }

  async #reserveRemote(entries: readonly CounterReservation[]): Promise<ReservationResult> {
    const keys = [this.#keys.epoch, ...entries.flatMap((entry) => [this.#keys.counter(entry.key), this.#keys.counterBase(entry.key)])];
    const args = entries.flatMap((entry) => {
      const seen = this.#counters.seen(entry.key);
      return [String(entry.amount), entry.limit === Infinity ? 'none' : String(entry.limit), Math.max(0, Math.ceil(entry.ttlMs ?? 0)), seen.epoch, String(seen.value)];
    });
    const reply = await this.#redis.mmReserve(keys.length, ...keys, randomUUID(), entries.length, ...args);
    const epoch = String(reply[1]);
    if (Number(reply[0]) === 1) {
      const values = reply.slice(2).map(Number);
      entries.forEach((entry, index) => this.#counters.record(entry.key, epoch, values[index] ?? 0, entry.ttlMs));
      return { ok: true, values };
    }
    const index = Number(reply[2]);
    const value = Number(reply[3]);
    const failed = entries[index];
    if (failed) this.#counters.record(failed.key, epoch, value, failed.ttlMs);
    return { ok: false, index, value };
  }

  async #addRemote(key: string, delta: number, ttlMs: number | undefined): Promise<number> {
    const seen = this.#counters.seen(key);
    const reply = await this.#redis.mmAdd(3, this.#keys.epoch, this.#keys.counter(key), this.#keys.counterBase(key), randomUUID(), String(delta), Math.max(0, Math.ceil(ttlMs ?? 0)), seen.epoch, String(seen.value));
    const value = Number(reply[1]);
    this.#counters.record(key, String(reply[0]), value, ttlMs);
    return value;
  }

  async #setValueRemote(key: string, value: string, ttlMs: number | undefined): Promise<void> {
    if (ttlMs === undefined) await this.#redis.set(this.#keys.value(key), value);
    else await this.#redis.set(this.#keys.value(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  /** Runs `remote` unless Redis is down; a failure marks it down and answers from `local`. */
  async #run<T>(remote: () => Promise<T>, local: () => T): Promise<T> {
    // A process's first calls wait for its first connection (bounded by the connect timeout), so
    // a slow start is not mistaken for an outage.
    if (this.#connecting) await this.#connected;
    if (this.#down || this.#closed) return local();
    try {
      return await remote();
    } catch (error) {
      if (isCommandBug(error)) throw error;
      this.#markDown(describe(error));
      return local();
    }
  }

  #markDown(detail: string): void {
    if (this.#down || this.#closed) return;
    this.#down = true;
    this.#report('unavailable', `${detail}; ${this.#mode === 'local' ? 'serving from this process\'s state until Redis answers again' : 'refusing requests that carry a budget or quota until Redis answers again'}`);
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed) return;
    this.#retryTimer = setTimeout(() => void this.#tryRestore(), this.#retryIntervalMs);
    this.#retryTimer.unref();
  }

  /** Pings; when Redis answers, writes the local changes back, then serves from Redis again. */
  async #tryRestore(): Promise<void> {
    try {
      await this.#redis.ping();
      // A Redis that restarted empty gets back what this process knew of each counter (the
      // scripts raise a counter to it only when the epoch changed), before anything is admitted.
      for (const [key, ttlMs] of this.#counters.known()) await this.#addRemote(key, 0, ttlMs);
      let written = 0;
      while (this.#counters.hasPending || this.#values.hasPending) {
        for (const [key, change] of this.#counters.drain()) {
          try {
            await this.#addRemote(key, change.delta, change.ttlMs);
            written++;
          } catch (error) {
            this.#counters.restore(key, change);
            throw error;
          }
        }
        for (const [key, entry] of this.#values.drain()) await this.#setValueRemote(key, entry.value, entry.ttlMs);
      }
      if (this.#closed) return;
      this.#down = false;
      this.#report('restored', `Redis answers again; ${written} counter change${written === 1 ? '' : 's'} made meanwhile written back`);
    } catch {
      this.#scheduleRetry();
    }
  }

  #report(state: StateStoreStatus['state'], detail: string): void {
    const status: StateStoreStatus = { state, store: 'redis', mode: this.#mode, detail, at: this.#clock.now() };
    for (const listener of [...this.#statusListeners]) listener(status);
  }

  #unavailableError(): StateStoreUnavailableError {
    return new StateStoreUnavailableError({
      store: 'redis',
      message: 'The Redis state store is unavailable and state.on_unavailable is "fail": requests that carry a budget or quota are refused until it answers again',
    });
  }
}

/** An error's message without credentials (ioredis messages can carry a URL). */
function describe(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error)).replace(/\/\/[^@/\s]*@/g, '//***@');
}
