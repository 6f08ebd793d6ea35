import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FakeRounds } from './fake-round.js';
import { Buffer } from 'node:buffer';
import type { AddressInfo } from 'node:net';
import { sendBody, type FakeExchange } from './fake-exchange.js';
import { payloadBuilder, matchRoute, refusal, unknownRouteBody } from './fake-openai-routes.js';
import { FakeRequestLog, type FakeRequestEnd, type FakeRequestRecord, type MutableRequestRecord } from './fake-request-log.js';
import { DEFAULT_FAKE_MODELS } from './fake-resource-answers.js';
import type { FakeScript, FakeStep } from './fake-step.js';
import { playStep } from './fake-step-player.js';
import { authErrorBody } from './openai-error-bodies.js';

/** Options of {@link startFakeOpenAIServer}. */
export interface FakeOpenAIServerOptions {
  /**
   * Models the server serves. When given, `GET /v1/models` lists exactly these and a request
   * for another model gets OpenAI's 404 `model_not_found`; when not, any model is served and
   * the listing is `gpt-4o`, `gpt-4o-mini`, `text-embedding-3-small`.
   */
  readonly models?: readonly string[];
  /** What answers when no queued step is left; default `{ kind: 'ok' }`. */
  readonly defaultScript?: FakeScript;
  /** When set, requests must send `Authorization: Bearer <apiKey>`, else they get OpenAI's 401 (no step is used). */
  readonly apiKey?: string;
}

/** A running fake OpenAI-wire server on 127.0.0.1. */
export interface FakeOpenAIServer {
  /** Base URL as the `openai` client takes it: `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  /** The OS-chosen port. */
  readonly port: number;
  /** Every request since the last `reset()`, in order (live records). */
  readonly requests: readonly FakeRequestRecord[];
  /** Queues steps; each request takes the next one (after the per-model queue of its model). */
  script(...steps: FakeStep[]): void;
  /** Queues steps for requests whose body names `model`; checked before the shared queue. */
  scriptFor(model: string, ...steps: FakeStep[]): void;
  /** Clears the queues and the recorded requests (open responses keep playing). */
  reset(): void;
  /** The current round: requests may name it in the `x-fake-round` header (see FakeRounds). */
  readonly round: number;
  /** Resolves with the `count`-th request (1-based) once it has arrived. */
  waitForRequests(count: number): Promise<FakeRequestRecord>;
  /** Resolves with how a request's exchange ended, once it has (e.g. `client-closed` after an abort). */
  waitForEnd(request: FakeRequestRecord): Promise<FakeRequestEnd>;
  /** Stops listening and destroys every open connection, stalled streams included. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Starts a fake server speaking the OpenAI wire format on 127.0.0.1 (OS-chosen port):
 * `POST /v1/chat/completions` (JSON, or SSE with `stream: true`), `POST /v1/embeddings`,
 * `GET /v1/models` and `GET /v1/models/{id}`. Each request plays one scripted {@link FakeStep}.
 */
export async function startFakeOpenAIServer(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
  const log = new FakeRequestLog();
  const shared: FakeStep[] = [];
  const perModel = new Map<string, FakeStep[]>();
  const open = new Set<MutableRequestRecord>();
  const listed = options.models ?? DEFAULT_FAKE_MODELS;
  let sequence = 0;

  const takeStep = (record: FakeRequestRecord): FakeStep => {
    const queued = (record.model === undefined ? undefined : perModel.get(record.model)?.shift()) ?? shared.shift();
    if (queued) return queued;
    const fallback = options.defaultScript ?? { kind: 'ok' };
    return typeof fallback === 'function' ? fallback(record) : fallback;
  };

  const rounds = new FakeRounds();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (rounds.refuseStale(req, res)) return;
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = parseBody(text);
    const model = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['model'] : undefined;
    const record = log.add({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req),
      body,
      ...(typeof model === 'string' ? { model } : {}),
      stream: typeof body === 'object' && body !== null && (body as Record<string, unknown>)['stream'] === true,
      at: Date.now(),
    });
    sequence += 1;
    const closed = new AbortController();
    const exchange: FakeExchange = { req, res, record, log, closed: closed.signal, requestId: `req_fake${sequence}` };
    open.add(record);
    res.on('close', () => {
      open.delete(record);
      log.finish(record, res.writableFinished ? 'completed' : 'client-closed');
      closed.abort();
    });

    const route = matchRoute(record.method, record.path);
    if (!route) return sendBody(exchange, 404, unknownRouteBody(record.method, record.path));
    const sentKey = /^Bearer\s+(.*)$/i.exec(record.headers['authorization'] ?? '')?.[1];
    if (options.apiKey !== undefined && sentKey !== options.apiKey) return sendBody(exchange, 401, authErrorBody(sentKey));
    const refused = refusal(route, body, options.models);
    if (refused) return sendBody(exchange, refused.status, refused.body);

    const step = takeStep(record);
    record.step = step;
    const build = payloadBuilder(route, body, listed, { sequence, created: Math.floor(Date.now() / 1000) });
    await playStep(exchange, step, build);
  };

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
  const { port } = server.address() as AddressInfo;

  const close = async (): Promise<void> => {
    for (const record of open) log.finish(record, 'server-closed');
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await stopped;
  };

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    get round() {
      return rounds.round;
    },
    get requests() {
      return log.records;
    },
    script: (...steps) => void shared.push(...steps),
    scriptFor: (model, ...steps) => void perModel.set(model, [...(perModel.get(model) ?? []), ...steps]),
    reset: () => {
      rounds.next();
      shared.length = 0;
      perModel.clear();
      log.clear();
    },
    waitForRequests: (count) => log.waitForRequests(count),
    waitForEnd: (request) => log.waitForEnd(request),
    close,
    [Symbol.asyncDispose]: close,
  };
}
