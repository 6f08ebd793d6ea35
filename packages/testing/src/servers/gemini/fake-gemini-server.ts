import { Buffer } from 'node:buffer';
import { FakeRounds } from '../fake-round.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeRequestEnd } from '../fake-request-log.js';
import { sendBody, type GeminiExchange } from './fake-gemini-exchange.js';
import { FakeGeminiRequestLog, type FakeGeminiRequestRecord, type MutableGeminiRecord } from './fake-gemini-log.js';
import { playGeminiStep } from './fake-gemini-player.js';
import { DEFAULT_FAKE_GEMINI_MODELS } from './fake-gemini-resources.js';
import { geminiRefusal, matchGeminiRoute, unknownRouteBody } from './fake-gemini-routes.js';
import type { FakeGeminiScript, FakeGeminiStep } from './fake-gemini-step.js';
import { invalidApiKeyBody, missingApiKeyBody } from './google-error-bodies.js';

/** Options of {@link startFakeGeminiServer}. */
export interface FakeGeminiServerOptions {
  /**
   * Models the server serves. When given, `GET /v1beta/models` lists exactly these and a request for
   * another model gets Gemini's 404 `NOT_FOUND`; when not, any model is served and the listing is
   * `gemini-2.5-flash`, `gemini-2.5-pro`, `gemini-2.0-flash`, `gemini-embedding-001`, `text-embedding-004`.
   */
  readonly models?: readonly string[];
  /** What answers when no queued step is left; default `{ kind: 'ok' }`. */
  readonly defaultScript?: FakeGeminiScript;
  /**
   * When set, requests must carry this key in `x-goog-api-key` (or, as the real API also accepts, a
   * `key` query parameter): none gets Gemini's 403 `PERMISSION_DENIED`, a wrong one its 400
   * `API_KEY_INVALID` (no step is used).
   */
  readonly apiKey?: string;
}

/** A running fake Gemini API server on 127.0.0.1. */
export interface FakeGeminiServer {
  /** Base URL without the version, as `@google/genai` takes it (`httpOptions.baseUrl`): `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The OS-chosen port. */
  readonly port: number;
  /** Every request since the last `reset()`, in order (live records). */
  readonly requests: readonly FakeGeminiRequestRecord[];
  /** Queues steps; each request takes the next one (after the per-model queue of its model). */
  script(...steps: FakeGeminiStep[]): void;
  /** Queues steps for requests whose URL names `model` (without `models/`); checked before the shared queue. */
  scriptFor(model: string, ...steps: FakeGeminiStep[]): void;
  /** Clears the queues and the recorded requests (open responses keep playing). */
  reset(): void;
  /** The current round: requests may name it in the `x-fake-round` header (see FakeRounds). */
  readonly round: number;
  /** Resolves with the `count`-th request (1-based) once it has arrived. */
  waitForRequests(count: number): Promise<FakeGeminiRequestRecord>;
  /** Resolves with how a request's exchange ended, once it has. */
  waitForEnd(request: FakeGeminiRequestRecord): Promise<FakeRequestEnd>;
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
 * Starts a fake server speaking the Gemini API's wire format (v1beta, also v1 and v1alpha paths) on
 * 127.0.0.1, OS-chosen port: `POST models/{model}:generateContent` (JSON),
 * `:streamGenerateContent?alt=sse` (SSE, `data: {GenerateContentResponse}` events; a JSON array
 * without `alt=sse`), `:embedContent`, `:batchEmbedContents`, `:countTokens`, `GET models` and
 * `GET models/{model}`. Each request plays one scripted {@link FakeGeminiStep}.
 */
export async function startFakeGeminiServer(options: FakeGeminiServerOptions = {}): Promise<FakeGeminiServer> {
  const log = new FakeGeminiRequestLog();
  const shared: FakeGeminiStep[] = [];
  const perModel = new Map<string, FakeGeminiStep[]>();
  const open = new Set<MutableGeminiRecord>();
  const listed = options.models ?? DEFAULT_FAKE_GEMINI_MODELS;
  let sequence = 0;

  const takeStep = (record: FakeGeminiRequestRecord): FakeGeminiStep => {
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
    const method = req.method ?? 'GET';
    const route = matchGeminiRoute(method, url.pathname);
    const record = log.add({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req),
      body,
      ...(route === undefined ? {} : { version: route.version, rpc: route.rpc }),
      ...(route?.model === undefined ? {} : { model: route.model }),
      stream: route?.rpc === 'streamGenerateContent',
      at: Date.now(),
    });
    sequence += 1;
    const closed = new AbortController();
    const exchange: GeminiExchange = { req, res, record, log, closed: closed.signal };
    open.add(record);
    res.on('close', () => {
      open.delete(record);
      log.finish(record, res.writableFinished ? 'completed' : 'client-closed');
      closed.abort();
    });

    if (!route) return sendBody(exchange, 404, unknownRouteBody(method, url.pathname));
    if (options.apiKey !== undefined) {
      const sent = record.headers['x-goog-api-key'] ?? record.query['key'];
      if (sent === undefined || sent === '') return sendBody(exchange, 403, missingApiKeyBody());
      if (sent !== options.apiKey) return sendBody(exchange, 400, invalidApiKeyBody());
    }
    const refused = geminiRefusal(route, body, options.models);
    if (refused) return sendBody(exchange, refused.status, refused.body);

    const step = takeStep(record);
    record.step = step;
    await playGeminiStep(exchange, step, { route, body, sse: record.query['alt'] === 'sse', sequence, listed });
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
    url: `http://127.0.0.1:${port}`,
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
