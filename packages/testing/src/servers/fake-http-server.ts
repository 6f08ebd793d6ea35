import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFakeRequest, type FakeHttpRequestFields } from './fake-http-request.js';
import { FakeRequestLog, type FakeLoggedRecord, type FakeRecordFields, type FakeRequestEnd, type Mutable } from './fake-request-log.js';
import { FakeRounds } from './fake-round.js';
import { FakeStepQueue, type FakeFallback } from './fake-step-queue.js';

/**
 * A running fake vendor server on 127.0.0.1, whatever wire it speaks. `S` is the wire's step
 * type, `R` its request record.
 */
export interface FakeHttpServer<S, R extends FakeLoggedRecord> {
  /** Base URL as the vendor's client takes it. */
  readonly url: string;
  /** The OS-chosen port. */
  readonly port: number;
  /** Every request since the last `reset()`, in order (live records). */
  readonly requests: readonly R[];
  /** Queues steps; each request takes the next one (after the per-model queue of its model). */
  script(...steps: S[]): void;
  /** Queues steps for requests whose body names `model`; checked before the shared queue. */
  scriptFor(model: string, ...steps: S[]): void;
  /** Clears the queues and the recorded requests (open responses keep playing). */
  reset(): void;
  /** The current round: requests may name it in the `x-fake-round` header (see FakeRounds). */
  readonly round: number;
  /** Resolves with the `count`-th request (1-based) once it has arrived. */
  waitForRequests(count: number): Promise<R>;
  /** Resolves with how a request's exchange ended, once it has (e.g. `client-closed` after an abort). */
  waitForEnd(request: R): Promise<FakeRequestEnd>;
  /** Stops listening and destroys every open connection, stalled streams included. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** One recorded request as the shared scaffolding hands it to a wire's handler. */
export interface FakeHttpExchange<S, R extends FakeLoggedRecord> {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The live record, already in the log. */
  readonly record: Mutable<R>;
  readonly log: FakeRequestLog<R>;
  /** Aborts when the connection closes for any reason, so pending waits stop playing. */
  readonly closed: AbortSignal;
  /** 1-based count of the requests the server has recorded since it started (`reset()` does not restart it). */
  readonly sequence: number;
  /** Takes the step that answers this request (model queue, shared queue, default script) and sets it on the record. */
  takeStep(): S;
}

/** What makes a fake server speak one wire: how it records and how it answers requests. */
export interface FakeWire<S, R extends FakeLoggedRecord> {
  /** Path appended to `http://127.0.0.1:PORT` in `url` (`/v1`, or `''`). */
  readonly basePath: string;
  /** What answers when no queued step is left. */
  readonly defaultScript: FakeFallback<S, R>;
  /** The wire's own record fields (model, stream, …) of a request; `at` and the common fields are added around them. */
  describe(request: FakeHttpRequestFields): Omit<FakeRecordFields<R>, keyof FakeHttpRequestFields | 'at'>;
  /** Answers a recorded request: refuses it, or takes a step and plays it. */
  answer(exchange: FakeHttpExchange<S, R>): Promise<void>;
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ server: ReturnType<typeof createServer>; port: number }> {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // A request whose socket died while its body was read: nothing to answer.
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Starts a fake server on 127.0.0.1 (OS-chosen port) with the scaffolding every wire shares:
 * stale-round refusal, body reading, the request log, open-request tracking, the step queues,
 * and a `close()` that ends open exchanges as `server-closed` and destroys every connection.
 * The wire records and answers each request.
 */
export async function startFakeHttpServer<S, R extends FakeLoggedRecord & { readonly model?: string; readonly at: number }>(
  wire: FakeWire<S, R>,
): Promise<FakeHttpServer<S, R>> {
  const log = new FakeRequestLog<R>();
  const steps = new FakeStepQueue<S, R>(wire.defaultScript);
  const open = new Set<Mutable<R>>();
  const rounds = new FakeRounds();
  let sequence = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (rounds.refuseStale(req, res)) return;
    const fields = await readFakeRequest(req);
    // The common fields, the wire's own and `at` make up every field the log does not set itself.
    const record = log.add({ ...fields, ...wire.describe(fields), at: Date.now() } as unknown as FakeRecordFields<R>);
    sequence += 1;
    const closed = new AbortController();
    open.add(record);
    res.on('close', () => {
      open.delete(record);
      log.finish(record, res.writableFinished ? 'completed' : 'client-closed');
      closed.abort();
    });
    const takeStep = (): S => {
      const step = steps.take(record as R);
      (record as { step: unknown }).step = step;
      return step;
    };
    await wire.answer({ req, res, record, log, closed: closed.signal, sequence, takeStep });
  };

  const { server, port } = await listen(handle);
  const close = async (): Promise<void> => {
    for (const record of open) log.finish(record, 'server-closed');
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await stopped;
  };

  return {
    url: `http://127.0.0.1:${port}${wire.basePath}`,
    port,
    get round() {
      return rounds.round;
    },
    get requests() {
      return log.records;
    },
    script: (...queued) => steps.push(...queued),
    scriptFor: (model, ...queued) => steps.pushFor(model, ...queued),
    reset: () => {
      rounds.next();
      steps.clear();
      log.clear();
    },
    waitForRequests: (count) => log.waitForRequests(count),
    waitForEnd: (request) => log.waitForEnd(request),
    close,
    [Symbol.asyncDispose]: close,
  };
}
