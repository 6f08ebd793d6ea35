import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import type { HeaderSource } from './header-source.js';
import { agents, decode, NULL_BODY_STATUSES, toHeaders } from './node-http-shared.js';
import { NodeBodySource } from './node-body-source.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/** Parsed request targets by URL: a provider calls a handful of URLs over and over. */
const targets = new Map<string, http.RequestOptions>();
const MAX_TARGETS = 64;

function target(url: string): http.RequestOptions {
  let options = targets.get(url);
  if (options === undefined) {
    if (targets.size >= MAX_TARGETS) targets.clear();
    options = urlToHttpOptions(new URL(url));
    targets.set(url, options);
  }
  return options;
}

/** The response of the Node transport: headers become a fetch `Headers` only if someone asks. */
class NodeResponse implements TransportResponse {
  readonly status: number;
  readonly headerSource: HeaderSource;
  readonly body: NodeBodySource | null;
  private built: Headers | undefined;

  constructor(res: http.IncomingMessage, method: string) {
    this.status = res.statusCode ?? 0;
    this.headerSource = res.headers;
    if (NULL_BODY_STATUSES.has(this.status) || method === 'HEAD') {
      this.body = null;
      // Nothing to read, but the response must end for its socket to go back to the pool.
      res.resume();
    } else {
      const body = decode(res);
      this.body = new NodeBodySource(body, res);
    }
  }

  get headers(): Headers {
    this.built ??= toHeaders(this.headerSource as http.IncomingHttpHeaders);
    return this.built;
  }
}

/**
 * The HTTP client's fast path in Node: one request on `node:http`/`node:https` (the keep-alive
 * agents `platformFetch` uses), handing the `IncomingMessage` over as it is, with no WHATWG
 * `Response` or `ReadableStream` in between. Fails as `platformFetch` does: with the signal's
 * reason on abort (the socket is destroyed), otherwise `TypeError('fetch failed')` whose
 * cause is the socket error.
 */
export const platformTransport: Transport | undefined = (request: TransportRequest): Promise<TransportResponse> => {
  const { signal, method } = request;
  if (signal.aborted) return Promise.reject(signal.reason);
  const where = target(request.url);
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const transport = where.protocol === 'https:' ? https : http;
  return new Promise<TransportResponse>((resolve, reject) => {
    let settled = false;
    let response: NodeResponse | undefined;
    const req = transport.request({ ...where, method, headers, agent: agents[where.protocol as 'http:' | 'https:'] }, (res) => {
      settled = true;
      res.once('close', stopWatching);
      response = new NodeResponse(res, method);
      resolve(response);
    });
    const stopWatching = signal.watch((reason) => {
      // A read in progress learns the reason now (the body's followsAbort).
      response?.body?.fail(reason);
      req.destroy(reason instanceof Error ? reason : new Error('aborted'));
      if (!settled) {
        settled = true;
        reject(reason);
      }
    });
    req.on('error', (error) => {
      if (settled) return;
      settled = true;
      stopWatching();
      reject(signal.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    });
    req.end(request.body);
  });
};
