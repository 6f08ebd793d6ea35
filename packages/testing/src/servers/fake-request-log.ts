import type { FakeHttpRequestFields } from './fake-http-request.js';
import type { FakeStep } from './fake-step.js';

/**
 * How a request's exchange ended: `pending` while the response is open, `completed` when the
 * server sent the whole response, `client-closed` when the client closed the connection first
 * (abort, timeout, early `break`), `server-closed` when a step (`reset`, `cut`) or `close()` destroyed it.
 */
export type FakeRequestEnd = 'pending' | 'completed' | 'client-closed' | 'server-closed';

/**
 * One request the fake server received. The record is live: `step`, `chunksSent` and `end`
 * change while the response is played. `path` is without the query string, e.g. `/v1/chat/completions`.
 */
export interface FakeRequestRecord extends FakeHttpRequestFields, FakeLoggedRecord {
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
}

/** What every wire's request record has, whatever else it records: the fields the log itself keeps. */
export interface FakeLoggedRecord {
  /** Position in `server.requests` since the last `reset()`. */
  readonly index: number;
  /** The step that answered, once one was taken. */
  readonly step: unknown;
  /** SSE data events written so far. */
  readonly chunksSent: number;
  /** How the exchange ended so far. */
  readonly end: FakeRequestEnd;
}

/** The writable view the server keeps of a record of any wire. */
export type Mutable<R> = { -readonly [K in keyof R]: R[K] };

/** The writable view the server keeps of a record. */
export type MutableRequestRecord = Mutable<FakeRequestRecord>;

/** The fields a request brings; the log adds `index`, `step`, `chunksSent` and `end`. */
export type FakeRecordFields<R extends FakeLoggedRecord> = Omit<R, keyof FakeLoggedRecord>;

interface Waiter<R> {
  readonly count: number;
  readonly resolve: (record: R) => void;
}

/**
 * Records requests in arrival order and lets tests wait for arrivals and endings without polling.
 * `R` is the wire's record type (OpenAI's by default).
 */
export class FakeRequestLog<R extends FakeLoggedRecord = FakeRequestRecord> {
  readonly #records: Array<Mutable<R>> = [];
  #waiters: Array<Waiter<R>> = [];
  readonly #endWaiters = new WeakMap<R, Array<(end: FakeRequestEnd) => void>>();

  /** Every request since the last reset, in order. */
  get records(): readonly R[] {
    return this.#records as readonly R[];
  }

  /** Adds a request and wakes those waiting for that many requests. */
  add(fields: FakeRecordFields<R>): Mutable<R> {
    // The spread holds every field of R but the four set here, so the whole is a record of R.
    const record = { ...fields, index: this.#records.length, step: undefined, chunksSent: 0, end: 'pending' } as unknown as Mutable<R>;
    this.#records.push(record);
    const ready = this.#waiters.filter((w) => w.count <= this.#records.length);
    this.#waiters = this.#waiters.filter((w) => w.count > this.#records.length);
    for (const waiter of ready) waiter.resolve(this.#records[waiter.count - 1] ?? record);
    return record;
  }

  /** Sets how a record's exchange ended; only the first ending counts. */
  finish(record: Mutable<R>, end: Exclude<FakeRequestEnd, 'pending'>): void {
    if (record.end !== 'pending') return;
    record.end = end;
    const waiters = this.#endWaiters.get(record as R) ?? [];
    this.#endWaiters.delete(record as R);
    for (const resolve of waiters) resolve(end);
  }

  /** Resolves with the `count`-th request once it has arrived. */
  waitForRequests(count: number): Promise<R> {
    const existing = this.#records[count - 1] as R | undefined;
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** Resolves with how the request's exchange ended, once it has. */
  waitForEnd(record: R): Promise<FakeRequestEnd> {
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
