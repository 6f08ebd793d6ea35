import { ProviderError, type RateLimitSnapshot } from '@modelmesh/provider';
import { createFetch } from 'ofetch';
import { platformTransport } from '#platform-transport';
import type { ErrorBodyParser } from './error-body.js';
import { HttpResponse } from './http-response.js';
import { mapHttpError } from './map-http-error.js';
import { parseRateLimitHeaders } from './rate-limit-headers.js';
import { ConnectionLimit } from './connection-limit.js';
import { RequestGuard } from './request-guard.js';
import type { RequestTimeouts } from './request-timeouts.js';
import { fromFetchResponse, type TransportResponse } from './transport.js';
import { stringifyJsonBody } from './json-body.js';
import { isJsonObject, toTransportRequest } from './transport-request.js';

/** The JSON text of a body ofetch would serialise as JSON itself; undefined for any other body. */
function jsonForOfetch(body: unknown, headers: Record<string, string>): string | undefined {
  if (typeof body !== 'object' || body === null || !isJsonObject(body)) return undefined;
  // A form content type makes ofetch send the object as form fields: leave that to it.
  for (const name in headers) if (name.toLowerCase() === 'content-type' && headers[name] === 'application/x-www-form-urlencoded') return undefined;
  return stringifyJsonBody(body);
}

/** The query of a request without parameters (most), shared rather than made per request. */
const NO_QUERY: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Settings of {@link createHttpClient}, fixed for a provider instance. */
export interface HttpClientOptions {
  /** Provider instance id, used in every error. */
  providerId: string;
  /** Base URL every request path is appended to, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Headers sent with every request (credentials, organization, ...). */
  headers?: Readonly<Record<string, string>>;
  /** Query parameters added to every request (e.g. Azure's `api-version`). */
  query?: Readonly<Record<string, string>>;
  /**
   * A `fetch` to use instead of the runtime's. Without one, Node sends plain JSON requests on
   * its fast transport (undici's `Agent`, no WHATWG `Response` in between) and the rest through
   * ofetch and the runtime's `fetch`; with one, every request goes through ofetch and it.
   */
  fetch?: typeof globalThis.fetch;
  /** Values masked in every error message (the API key). */
  secrets?: readonly string[];
  /** How to read this vendor's error bodies; defaults to the OpenAI-style parser. */
  parseErrorBody?: ErrorBodyParser;
  /** Clock for `Retry-After` dates and rate-limit resets (ms since epoch). */
  now?: () => number;
  /** Largest error body read, in bytes (the rest is not downloaded). Default 64 KiB. */
  maxErrorBodyBytes?: number;
  /**
   * The most requests this client has in flight at once (over HTTP/1.1 each holds one
   * connection until its body ends, so this caps the connections to the vendor). Further
   * requests wait their turn, and their `headers` and `firstByte` timeouts start only when
   * they are sent: the wait is the client's, not the vendor's. Default: no cap (as Node's
   * `fetch`), since a proxy holding thousands of open streams needs a connection for each.
   */
  maxConnections?: number;
}

/** One request. */
export interface HttpRequestOptions {
  /** HTTP method; `POST` when there is a body, else `GET`. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path after the base URL, e.g. `/chat/completions`. */
  path: string;
  /** A JSON-serialisable body, sent as `application/json`. */
  body?: unknown;
  /** Extra query parameters. */
  query?: Readonly<Record<string, string>>;
  /** Extra headers; they override the client's headers of the same name. */
  headers?: Readonly<Record<string, string>>;
  /** The `Accept` header, e.g. `text/event-stream` for streams. */
  accept?: string;
  /** The caller's abort (`call.signal`): the request rejects with its reason and the connection is released. */
  signal?: AbortSignal;
  /** Timeouts of this exchange. */
  timeouts?: RequestTimeouts;
  /** The model the request is for, named in errors. */
  modelId?: string;
  /** Called with the rate-limit headers of every response (success or error). */
  reportRateLimit?: (snapshot: RateLimitSnapshot) => void;
}

/** A JSON response that arrived with a 2xx status. */
export interface JsonResult {
  /** The parsed body. */
  data: unknown;
  /** Status and headers. */
  response: HttpResponse;
}

/**
 * The HTTP client a provider uses. It never retries (`retry: 0`: the router is the only
 * retry loop) and never throws anything but ModelMesh errors, except that a request
 * aborted through the caller's signal rejects with that signal's reason, as `fetch` does.
 * Connections are kept alive: in Node by the fast transport's undici `Agent` and by the
 * runtime's `fetch` (undici too), elsewhere by the runtime's `fetch`.
 */
export interface HttpClient {
  /** Provider instance id. */
  readonly providerId: string;
  /** Sends a request and resolves once the response headers arrive, whatever the status. */
  request(options: HttpRequestOptions): Promise<HttpResponse>;
  /** Sends a request and returns its parsed JSON body; a non-2xx status throws the mapped typed error. */
  requestJson(options: HttpRequestOptions): Promise<JsonResult>;
  /** Sends a request and returns the unread response once a 2xx status arrives; otherwise throws the mapped typed error. */
  requestStream(options: HttpRequestOptions): Promise<HttpResponse>;
  /** Reads (a capped part of) an error response and maps it to a typed error. */
  errorFrom(response: HttpResponse, modelId?: string): Promise<ProviderError>;
  /** Aborts requests in flight; later requests fail with a `connection_error`. */
  close(): void;
}

/**
 * Creates the HTTP client of a provider instance on ofetch's `createFetch`, which (unlike
 * `$fetch.create`) honours an injected `fetch`. ofetch 1.x ignores its own `timeout` when
 * a signal is passed, so timeouts are ours (see {@link RequestTimeouts}).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const $fetch = createFetch({
    // Looked up per call: an injected fetch wins, then the runtime's.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
  });
  /** Set by close(): every later request fails with it. */
  let closed: ProviderError | undefined;
  // Requests in flight, aborted by close(). Kept in a set rather than as listeners on one
  // long-lived signal, which would collect a listener per concurrent request.
  const active = new Set<RequestGuard>();
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const now = options.now ?? Date.now;
  const maxErrorBodyBytes = options.maxErrorBodyBytes ?? 64 * 1024;
  const limit = options.maxConnections === undefined ? undefined : new ConnectionLimit(options.maxConnections);

  /**
   * Sends a request on Node's fast transport when it is plain JSON and no fetch was injected
   * (looked up per call, as the fetch is), else through ofetch. Either way an abort rejects
   * at once with the signal's reason.
   */
  function send(req: HttpRequestOptions, method: NonNullable<HttpRequestOptions['method']>, headers: Record<string, string>, guard: RequestGuard): Promise<TransportResponse> {
    const query = req.query === undefined && options.query === undefined ? NO_QUERY : { ...options.query, ...req.query };
    const transport = options.fetch === undefined ? platformTransport : undefined;
    const direct = transport === undefined ? undefined : toTransportRequest({ baseUrl: options.baseUrl, path: req.path, query, method, headers, body: req.body, abort: guard, connectTimeout: guard.timeouts.connect });
    if (transport !== undefined && direct !== undefined) return transport(direct);
    return guard.race(viaFetch(req, method, headers, query, guard.signal));
  }

  /** Sends a request through ofetch and the (injected or platform) fetch. */
  async function viaFetch(req: HttpRequestOptions, method: NonNullable<HttpRequestOptions['method']>, headers: Record<string, string>, query: Record<string, string>, signal: AbortSignal): Promise<TransportResponse> {
    const raw = await $fetch.raw(req.path, {
      baseURL: options.baseUrl,
      method,
      headers,
      query,
      // Serialised here rather than by ofetch, so a body that cannot be is the request's fault
      // (an InvalidRequestError); ofetch still sets the JSON content type and accept for a string.
      body: jsonForOfetch(req.body, headers) ?? (req.body as Record<string, unknown> | undefined),
      signal,
      retry: 0,
      ignoreResponseError: true,
      // Hand back the body unread: we stream it under our own timers.
      responseType: 'stream',
    });
    return fromFetchResponse(raw);
  }

  async function request(req: HttpRequestOptions): Promise<HttpResponse> {
    const context = { providerId: options.providerId, modelId: req.modelId, secrets };
    if (closed !== undefined) throw closed;
    const timeouts = req.timeouts ?? {};
    let release: (() => void) | undefined;
    const guard: RequestGuard = new RequestGuard(context, timeouts, req.signal, () => {
      active.delete(guard);
      release?.();
    });
    active.add(guard);
    if (guard.aborted) {
      guard.dispose();
      throw guard.reason;
    }
    if (limit !== undefined) {
      try {
        release = await limit.acquire(guard.signal);
      } catch (error) {
        guard.dispose();
        throw error;
      }
      // Aborted as the slot came free: dispose ran before there was a slot to free.
      if (guard.aborted) {
        release();
        throw guard.reason;
      }
    }
    guard.start('headers');
    guard.start('first-byte');
    const headers: Record<string, string> = { ...options.headers, ...req.headers };
    if (req.accept !== undefined) headers['accept'] = req.accept;
    let raw: TransportResponse;
    try {
      raw = await send(req, req.method ?? (req.body === undefined ? 'GET' : 'POST'), headers, guard);
    } catch (error) {
      const failure = guard.failure(error, 'request');
      guard.dispose();
      throw failure;
    }
    guard.stop('headers');
    const response = new HttpResponse(raw, guard, context);
    if (req.reportRateLimit) {
      const snapshot = parseRateLimitHeaders(raw.headerSource, now());
      if (snapshot !== undefined) req.reportRateLimit(snapshot);
    }
    return response;
  }

  async function errorFrom(response: HttpResponse, modelId?: string): Promise<ProviderError> {
    let body = '';
    try {
      body = await response.text({ maxBytes: maxErrorBodyBytes });
    } catch {
      // The status alone still classifies the failure.
    }
    return mapHttpError({ providerId: options.providerId, modelId, status: response.status, headers: response.headers, body, secrets, now: now(), parseBody: options.parseErrorBody });
  }

  async function requestStream(req: HttpRequestOptions): Promise<HttpResponse> {
    const response = await request(req);
    if (!response.ok) throw await errorFrom(response, req.modelId);
    return response;
  }

  return {
    providerId: options.providerId,
    request,
    errorFrom,
    requestStream,
    async requestJson(req) {
      const response = await requestStream(req);
      return { data: await response.json(), response };
    },
    close() {
      closed ??= new ProviderError({ providerId: options.providerId, code: 'connection_error', retryable: false, message: `Provider "${options.providerId}" was closed` });
      for (const guard of [...active]) guard.abort(closed);
    },
  };
}
