import { startFakeHttpServer, type FakeHttpServer } from '../fake-http-server.js';
import type { FakeRequestEnd } from '../fake-request-log.js';
import { sendBody, type FakeExchange } from '../fake-exchange.js';
import type { FakeGeminiRequestRecord } from './fake-gemini-log.js';
import { playGeminiStep } from './fake-gemini-player.js';
import { GEMINI_WIRE } from './fake-gemini-wire.js';
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
export interface FakeGeminiServer extends FakeHttpServer<FakeGeminiStep, FakeGeminiRequestRecord> {
  /** Base URL without the version, as `@google/genai` takes it (`httpOptions.baseUrl`): `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Queues steps for requests whose URL names `model` (without `models/`); checked before the shared queue. */
  scriptFor(model: string, ...steps: FakeGeminiStep[]): void;
  /** Resolves with how a request's exchange ended, once it has. */
  waitForEnd(request: FakeGeminiRequestRecord): Promise<FakeRequestEnd>;
}

/**
 * Starts a fake server speaking the Gemini API's wire format (v1beta, also v1 and v1alpha paths) on
 * 127.0.0.1, OS-chosen port: `POST models/{model}:generateContent` (JSON),
 * `:streamGenerateContent?alt=sse` (SSE, `data: {GenerateContentResponse}` events; a JSON array
 * without `alt=sse`), `:embedContent`, `:batchEmbedContents`, `:countTokens`, `GET models` and
 * `GET models/{model}`. Each request plays one scripted {@link FakeGeminiStep}.
 */
export function startFakeGeminiServer(options: FakeGeminiServerOptions = {}): Promise<FakeGeminiServer> {
  const listed = options.models ?? DEFAULT_FAKE_GEMINI_MODELS;
  return startFakeHttpServer<FakeGeminiStep, FakeGeminiRequestRecord>({
    basePath: '',
    defaultScript: options.defaultScript ?? { kind: 'ok' },
    describe: ({ method, path }) => {
      const route = matchGeminiRoute(method, path);
      return {
        ...(route === undefined ? {} : { version: route.version, rpc: route.rpc }),
        ...(route?.model === undefined ? {} : { model: route.model }),
        stream: route?.rpc === 'streamGenerateContent',
      };
    },
    answer: async ({ req, res, record, log, closed, sequence, takeStep }) => {
      const exchange: FakeExchange = { req, res, record, log, closed, requestId: `req_fake${sequence}`, wire: GEMINI_WIRE };
      const route = matchGeminiRoute(record.method, record.path);
      if (!route) return sendBody(exchange, 404, unknownRouteBody(record.method, record.path));
      if (options.apiKey !== undefined) {
        const sent = record.headers['x-goog-api-key'] ?? record.query['key'];
        if (sent === undefined || sent === '') return sendBody(exchange, 403, missingApiKeyBody());
        if (sent !== options.apiKey) return sendBody(exchange, 400, invalidApiKeyBody());
      }
      const refused = geminiRefusal(route, record.body, options.models);
      if (refused) return sendBody(exchange, refused.status, refused.body);

      const step = takeStep();
      await playGeminiStep(exchange, step, { route, body: record.body, sse: record.query['alt'] === 'sse', sequence, listed });
    },
  });
}
