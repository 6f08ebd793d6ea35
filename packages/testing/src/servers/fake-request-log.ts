import type { FakeStep } from './fake-step.js';

/**
 * How a request's exchange ended: `pending` while the response is open, `completed` when the
 * server sent the whole response, `client-closed` when the client closed the connection first
 * (abort, timeout, early `break`), `server-closed` when a step (`reset`, `cut`) or `close()` destroyed it.
 */
export type FakeRequestEnd = 'pending' | 'completed' | 'client-closed' | 'server-closed';

/**
 * One request the fake server received. The record is live: `step`, `chunksSent` and `end`
 * change while the response is played.
 */
export interface FakeRequestRecord {
  /** Position in `server.requests` since the last `reset()`. */
  readonly index: number;
  readonly method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Query parameters (last value wins). */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers with lowercased names (repeated headers joined with `, `). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body: parsed JSON, else the raw text; `undefined` when empty. */
  readonly body: unknown;
  /** `body.model` when it is a string. */
  readonly model?: string;
  /** `body.stream === true`. */
  readonly stream: boolean;
  /** When the body was fully received, in ms since epoch. */
  readonly at: number;
  /** The step that answered; undefined for requests rejected before scripting (auth, unknown route or model). */
  readonly step: FakeStep | undefined;
  /** SSE data events written so far (role, content, tool, finish, usage and error events; not `[DONE]`). */
  readonly chunksSent: number;
  /** How the exchange ended so far. */
  readonly end: FakeRequestEnd;
}

/** The writable view the server keeps of a record. */
export type MutableRequestRecord = { -readonly [K in keyof FakeRequestRecord]: FakeRequestRecord[K] };

interface Waiter {
  readonly count: number;
  readonly resolve: (record: FakeRequestRecord) => void;
}

/** Records requests in arrival order and lets tests wait for arrivals and endings without polling. */
export class FakeRequestLog {
  readonly #records: MutableRequestRecord[] = [];
  #waiters: Waiter[] = [];
  readonly #endWaiters = new WeakMap<FakeRequestRecord, Array<(end: FakeRequestEnd) => void>>();

  /** Every request since the last reset, in order. */
  get records(): readonly FakeRequestRecord[] {
    return this.#records;
  }

  /** Adds a request and wakes those waiting for that many requests. */
  add(fields: Omit<FakeRequestRecord, 'index' | 'step' | 'chunksSent' | 'end'>): MutableRequestRecord {
    const record: MutableRequestRecord = { ...fields, index: this.#records.length, step: undefined, chunksSent: 0, end: 'pending' };
    this.#records.push(record);
    const ready = this.#waiters.filter((w) => w.count <= this.#records.length);
    this.#waiters = this.#waiters.filter((w) => w.count > this.#records.length);
    for (const waiter of ready) waiter.resolve(this.#records[waiter.count - 1] ?? record);
    return record;
  }

  /** Sets how a record's exchange ended; only the first ending counts. */
  finish(record: MutableRequestRecord, end: Exclude<FakeRequestEnd, 'pending'>): void {
    if (record.end !== 'pending') return;
    record.end = end;
    const waiters = this.#endWaiters.get(record) ?? [];
    this.#endWaiters.delete(record);
    for (const resolve of waiters) resolve(end);
  }

  /** Resolves with the `count`-th request once it has arrived. */
  waitForRequests(count: number): Promise<FakeRequestRecord> {
    const existing = this.#records[count - 1];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** Resolves with how the request's exchange ended, once it has. */
  waitForEnd(record: FakeRequestRecord): Promise<FakeRequestEnd> {
    if (record.end !== 'pending') return Promise.resolve(record.end);
    return new Promise((resolve) => {
      const waiters = this.#endWaiters.get(record) ?? [];
      waiters.push(resolve);
      this.#endWaiters.set(record, waiters);
    });
  }

  /** Forgets every record. Pending waiters stay pending until matching requests arrive. */
  clear(): void {
    this.#records.length = 0;
  }
}
