import { sendBody, type FakeExchange } from './fake-exchange.js';
import { bodyObject } from './fake-http-request.js';
import { startFakeHttpServer, type FakeHttpServer } from './fake-http-server.js';
import { payloadBuilder, matchRoute, refusal, unknownRouteBody } from './fake-openai-routes.js';
import type { FakeRequestRecord } from './fake-request-log.js';
import { DEFAULT_FAKE_MODELS } from './fake-resource-answers.js';
import type { FakeScript, FakeStep } from './fake-step.js';
import { playStep } from './fake-openai-player.js';
import { OPENAI_WIRE } from './fake-openai-wire.js';
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
export interface FakeOpenAIServer extends FakeHttpServer<FakeStep, FakeRequestRecord> {
  /** Base URL as the `openai` client takes it: `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
}

/**
 * Starts a fake server speaking the OpenAI wire format on 127.0.0.1 (OS-chosen port):
 * `POST /v1/chat/completions` (JSON, or SSE with `stream: true`), `POST /v1/embeddings`,
 * `GET /v1/models` and `GET /v1/models/{id}`. Each request plays one scripted {@link FakeStep}.
 */
export function startFakeOpenAIServer(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
  const listed = options.models ?? DEFAULT_FAKE_MODELS;
  return startFakeHttpServer<FakeStep, FakeRequestRecord>({
    basePath: '/v1',
    defaultScript: options.defaultScript ?? { kind: 'ok' },
    describe: ({ body }) => {
      const { model, stream } = bodyObject(body);
      return { ...(typeof model === 'string' ? { model } : {}), stream: stream === true };
    },
    answer: async ({ req, res, record, log, closed, sequence, takeStep }) => {
      const exchange: FakeExchange = { req, res, record, log, closed, requestId: `req_fake${sequence}`, wire: OPENAI_WIRE };
      const route = matchRoute(record.method, record.path);
      if (!route) return sendBody(exchange, 404, unknownRouteBody(record.method, record.path));
      const sentKey = /^Bearer\s+(.*)$/i.exec(record.headers['authorization'] ?? '')?.[1];
      if (options.apiKey !== undefined && sentKey !== options.apiKey) return sendBody(exchange, 401, authErrorBody(sentKey));
      const refused = refusal(route, record.body, options.models);
      if (refused) return sendBody(exchange, refused.status, refused.body);

      const step = takeStep();
      const build = payloadBuilder(route, record.body, listed, { sequence, created: Math.floor(Date.now() / 1000) });
      await playStep(exchange, step, build);
    },
  });
}
