import { sendBody, type FakeExchange } from '../fake-exchange.js';
import { bodyObject } from '../fake-http-request.js';
import { startFakeHttpServer, type FakeHttpServer } from '../fake-http-server.js';
import { anthropicErrorBody } from './anthropic-error-bodies.js';
import { playAnthropicStep } from './fake-anthropic-player.js';
import { anthropicPayloadBuilder, anthropicRefusal, DEFAULT_FAKE_ANTHROPIC_MODELS, matchAnthropicRoute } from './fake-anthropic-routes.js';
import type { FakeAnthropicRequestRecord, FakeAnthropicScript, FakeAnthropicStep } from './fake-anthropic-step.js';
import { ANTHROPIC_WIRE } from './fake-anthropic-wire.js';

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
export interface FakeAnthropicServer extends FakeHttpServer<FakeAnthropicStep, FakeAnthropicRequestRecord> {
  /** Base URL as the Anthropic SDK takes it (no `/v1`): `http://127.0.0.1:PORT`. */
  readonly url: string;
}

/**
 * Starts a fake server speaking Anthropic's Messages API on 127.0.0.1 (OS-chosen port):
 * `POST /v1/messages` (a Message as JSON, or named-event SSE with `stream: true`),
 * `GET /v1/models` and `GET /v1/models/{id}`. Requests are checked as the API checks them
 * (`x-api-key` when `apiKey` is set, `anthropic-version`, the body's rules); each accepted
 * request plays one scripted {@link FakeAnthropicStep}. It is scripted like the fake OpenAI
 * server: `script`, `scriptFor`, `requests`, `waitForRequests`, `waitForEnd`, `reset`, `close`.
 */
export function startFakeAnthropicServer(options: FakeAnthropicServerOptions = {}): Promise<FakeAnthropicServer> {
  const listed = options.models ?? DEFAULT_FAKE_ANTHROPIC_MODELS;
  const validation = options.validate === false ? false : options.validate === true || options.validate === undefined ? {} : options.validate;
  return startFakeHttpServer<FakeAnthropicStep, FakeAnthropicRequestRecord>({
    basePath: '',
    defaultScript: options.defaultScript ?? { kind: 'ok' },
    describe: ({ body }) => {
      const { model, stream } = bodyObject(body);
      return { ...(typeof model === 'string' ? { model } : {}), stream: stream === true };
    },
    answer: async ({ req, res, record, log, closed, sequence, takeStep }) => {
      const exchange: FakeExchange = { req, res, record, log, closed, requestId: `req_fake${String(sequence).padStart(6, '0')}`, wire: ANTHROPIC_WIRE };
      const route = matchAnthropicRoute(record.method, record.path);
      if (!route) return sendBody(exchange, 404, anthropicErrorBody('not_found_error', 'Not found', exchange.requestId));
      const refused = anthropicRefusal({
        route,
        body: record.body,
        headers: record.headers,
        models: options.models,
        apiKey: options.apiKey,
        requireVersion: options.requireVersion ?? true,
        validation,
        requestId: exchange.requestId,
      });
      if (refused) return sendBody(exchange, refused.status, refused.body);

      const step = takeStep();
      await playAnthropicStep(exchange, step, anthropicPayloadBuilder(route, record.body, listed, sequence));
    },
  });
}
