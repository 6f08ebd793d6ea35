import { Buffer } from 'node:buffer';
import { FakeRounds } from '../fake-round.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeExchange } from '../fake-exchange.js';
import { FakeRequestLog, type FakeRequestEnd, type FakeRequestRecord, type MutableRequestRecord } from '../fake-request-log.js';
import { anthropicErrorBody } from './anthropic-error-bodies.js';
import { sendAnthropicBody } from './fake-anthropic-exchange.js';
import { playAnthropicStep } from './fake-anthropic-player.js';
import { anthropicPayloadBuilder, anthropicRefusal, DEFAULT_FAKE_ANTHROPIC_MODELS, matchAnthropicRoute } from './fake-anthropic-routes.js';
import type { FakeAnthropicRequestRecord, FakeAnthropicScript, FakeAnthropicStep } from './fake-anthropic-step.js';

/** Options of {@link startFakeAnthropicServer}. */
export interface FakeAnthropicServerOptions {
  /**
   * Models the server serves. When given, `GET /v1/models` lists exactly these and a request for
   * another model gets Anthropic's 404 `not_found_error`; when not, any model is served and the
   * listing is `claude-sonnet-4-5`, `claude-haiku-4-5`, `claude-opus-4-5`.
   */
  readonly models?: readonly string[];
  /** What answers when no queued step is left; default `{ kind: 'ok' }`. */
  readonly defaultScript?: FakeAnthropicScript;
  /** When set, requests must send the key (`x-api-key`, or `Authorization: Bearer` as newer SDKs do), else they get Anthropic's 401 (no step is used). */
  readonly apiKey?: string;
  /** Refuse requests without an `anthropic-version` header, as the API does (default true). */
  readonly requireVersion?: boolean;
  /**
   * Validate Messages bodies as the API does (see `validateAnthropicRequest`) and answer 400 with
   * the first problem (default true). `strictAlternation` (default true) also requires roles to
   * alternate starting with `user`, which the live API no longer enforces.
   */
  readonly validate?: boolean | { readonly strictAlternation?: boolean };
}

/** A running fake Anthropic Messages API server on 127.0.0.1. */
export interface FakeAnthropicServer {
  /** Base URL as the Anthropic SDK takes it (no `/v1`): `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The OS-chosen port. */
  readonly port: number;
  /** Every request since the last `reset()`, in order (live records). */
  readonly requests: readonly FakeAnthropicRequestRecord[];
  /** Queues steps; each request takes the next one (after the per-model queue of its model). */
  script(...steps: FakeAnthropicStep[]): void;
  /** Queues steps for requests whose body names `model`; checked before the shared queue. */
  scriptFor(model: string, ...steps: FakeAnthropicStep[]): void;
  /** Clears the queues and the recorded requests (open responses keep playing). */
  reset(): void;
  /** The current round: requests may name it in the `x-fake-round` header (see FakeRounds). */
  readonly round: number;
  /** Resolves with the `count`-th request (1-based) once it has arrived. */
  waitForRequests(count: number): Promise<FakeAnthropicRequestRecord>;
  /** Resolves with how a request's exchange ended, once it has (e.g. `client-closed` after an abort). */
  waitForEnd(request: FakeAnthropicRequestRecord): Promise<FakeRequestEnd>;
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
 * Starts a fake server speaking Anthropic's Messages API on 127.0.0.1 (OS-chosen port):
 * `POST /v1/messages` (a Message as JSON, or named-event SSE with `stream: true`),
 * `GET /v1/models` and `GET /v1/models/{id}`. Requests are checked as the API checks them
 * (`x-api-key` when `apiKey` is set, `anthropic-version`, the body's rules); each accepted
 * request plays one scripted {@link FakeAnthropicStep}. It is scripted like the fake OpenAI
 * server: `script`, `scriptFor`, `requests`, `waitForRequests`, `waitForEnd`, `reset`, `close`.
 */
export async function startFakeAnthropicServer(options: FakeAnthropicServerOptions = {}): Promise<FakeAnthropicServer> {
  const log = new FakeRequestLog();
  const shared: FakeAnthropicStep[] = [];
  const perModel = new Map<string, FakeAnthropicStep[]>();
  const open = new Set<MutableRequestRecord>();
  const listed = options.models ?? DEFAULT_FAKE_ANTHROPIC_MODELS;
  const validation = options.validate === false ? false : options.validate === true || options.validate === undefined ? {} : options.validate;
  let sequence = 0;

  // The shared request log types `step` as an OpenAI step; these records hold Anthropic steps.
  const asAnthropic = (record: FakeRequestRecord): FakeAnthropicRequestRecord => record as unknown as FakeAnthropicRequestRecord;
  const takeStep = (record: FakeAnthropicRequestRecord): FakeAnthropicStep => {
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
    const root = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const model = root['model'];
    const headers = flatHeaders(req);
    const record = log.add({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      ...(typeof model === 'string' ? { model } : {}),
      stream: root['stream'] === true,
      at: Date.now(),
    });
    sequence += 1;
    const closed = new AbortController();
    const exchange: FakeExchange = { req, res, record, log, closed: closed.signal, requestId: `req_fake${String(sequence).padStart(6, '0')}` };
    open.add(record);
    res.on('close', () => {
      open.delete(record);
      log.finish(record, res.writableFinished ? 'completed' : 'client-closed');
      closed.abort();
    });

    const route = matchAnthropicRoute(record.method, record.path);
    if (!route) return sendAnthropicBody(exchange, 404, anthropicErrorBody('not_found_error', 'Not found', exchange.requestId));
    const refused = anthropicRefusal({
      route,
      body,
      headers,
      models: options.models,
      apiKey: options.apiKey,
      requireVersion: options.requireVersion ?? true,
      validation,
      requestId: exchange.requestId,
    });
    if (refused) return sendAnthropicBody(exchange, refused.status, refused.body);

    const step = takeStep(asAnthropic(record));
    (record as unknown as { step: FakeAnthropicStep }).step = step;
    await playAnthropicStep(exchange, step, anthropicPayloadBuilder(route, body, listed, sequence));
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
      return log.records as unknown as readonly FakeAnthropicRequestRecord[];
    },
    script: (...steps) => void shared.push(...steps),
    scriptFor: (model, ...steps) => void perModel.set(model, [...(perModel.get(model) ?? []), ...steps]),
    reset: () => {
      rounds.next();
      shared.length = 0;
      perModel.clear();
      log.clear();
    },
    waitForRequests: async (count) => asAnthropic(await log.waitForRequests(count)),
    waitForEnd: (request) => log.waitForEnd(request as unknown as FakeRequestRecord),
    close,
    [Symbol.asyncDispose]: close,
  };
}
