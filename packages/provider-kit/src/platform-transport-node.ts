import type { Readable } from 'node:stream';
import type { AbortWatch } from './abort-link.js';
import { Agent, type Dispatcher } from 'undici';
import type { HeaderSource } from './header-source.js';
import { decodeBody, NULL_BODY_STATUSES, toHeaders } from './node-http-shared.js';
import { NodeBodySource } from './node-body-source.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/**
 * The connection pools of the fast transport: undici's own HTTP/1.1 client, which costs less
 * per request than `http.request` (measured in the proxy benchmark). Keep-alive per origin;
 * its header and body timers are off because the request guard times every phase itself.
 */
const dispatcher = new Agent({ connections: 256, headersTimeout: 0, bodyTimeout: 0 });

/** Origin and path of each URL a provider calls (a handful, called over and over). */
const targets = new Map<string, { readonly origin: string; readonly path: string }>();
const MAX_TARGETS = 64;

function target(url: string): { readonly origin: string; readonly path: string } {
  let found = targets.get(url);
  if (found === undefined) {
    if (targets.size >= MAX_TARGETS) targets.clear();
    const parsed = new URL(url);
    found = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    targets.set(url, found);
  }
  return found;
}

/**
 * An {@link AbortWatch} as the little of an `EventTarget` undici's `signal` option uses
 * (`aborted`, `reason`, add and remove an `abort` listener), so no `AbortSignal` is made.
 */
class WatchedAbortSignal {
  /** undici adds one listener per request; more are kept too. */
  private readonly stops: Array<readonly [() => void, () => void]> = [];

  constructor(private readonly source: AbortWatch) {}

  get aborted(): boolean {
    return this.source.aborted;
  }

  get reason(): unknown {
    return this.source.reason;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    this.stops.push([listener, this.source.watch(listener)]);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.stops.findIndex(([added]) => added === listener);
    if (index < 0) return;
    this.stops[index]?.[1]();
    this.stops.splice(index, 1);
  }
}

/** The response of the Node transport: headers become a fetch `Headers` only if someone asks. */
class NodeResponse implements TransportResponse {
  readonly status: number;
  readonly headerSource: HeaderSource;
  readonly body: NodeBodySource | null;
  private built: Headers | undefined;

  constructor(data: Dispatcher.ResponseData, method: string) {
    this.status = data.statusCode;
    this.headerSource = data.headers;
    if (NULL_BODY_STATUSES.has(this.status) || method === 'HEAD') {
      this.body = null;
      // Nothing to read, but the body must end for its connection to go back to the pool.
      data.body.resume();
    } else {
      const body: Readable = data.body;
      this.body = new NodeBodySource(decodeBody(data.headers, body), body);
    }
  }

  get headers(): Headers {
    this.built ??= toHeaders(this.headerSource as Record<string, string | string[] | undefined>);
    return this.built;
  }
}

/**
 * The HTTP client's fast path in Node: one request on undici's `Agent`, handing its body
 * (a Node readable) over as it is, with no WHATWG `Response` or `ReadableStream` in between.
 * Fails as `platformFetch` does: with the abort's reason on abort (the connection is
 * destroyed), otherwise `TypeError('fetch failed')` whose cause is the socket error.
 */
export const platformTransport: Transport | undefined = async (request: TransportRequest): Promise<TransportResponse> => {
  const { signal, method } = request;
  if (signal.aborted) throw signal.reason;
  const { origin, path } = target(request.url);
  let data: Dispatcher.ResponseData;
  try {
    data = await dispatcher.request({ origin, path, method: method as Dispatcher.HttpMethod, headers: request.headers, body: request.body, signal: new WatchedAbortSignal(signal) });
  } catch (error) {
    throw signal.aborted ? signal.reason : new TypeError('fetch failed', { cause: error });
  }
  const response = new NodeResponse(data, method);
  if (signal.aborted) {
    // Aborted as the headers arrived: undici already destroyed the body.
    throw signal.reason;
  }
  // A read in progress learns the reason at once (the body's followsAbort); undici destroys the body.
  const stopWatching = signal.watch((reason) => response.body?.fail(reason));
  data.body.once('close', stopWatching);
  return response;
};
