// Node's fast path for plain requests: undici with no ofetch, WHATWG `Request`,
// `Response` or `ReadableStream` in between. What it buys, measured in ModelMesh's proxy in front
// of a fake upstream (two runs, 1,800 sequential requests per row, same run each): 0.30–0.37 ms
// added p50 per JSON request against 0.61–0.82 ms for ofetch over Node's `fetch`, and 390–500 µs
// of proxy CPU per request against 950–1,130 µs; a `fetch` on node:http sat in between (0.47–0.54
// ms, 600–700 µs) and was removed once this path took the requests it had served.
// Since then it is undici's dispatch API rather than its request API, so an uncompressed body
// has no Node `Readable` either: in the slow-streams benchmark (1,000 streams, a chunk every
// 100 ms, one run) 50 µs of proxy CPU per chunk against 61–72 µs, and 27.0–27.1 KB of heap kept
// per open stream against 28.1–28.3 KB (open-stream-heap.mjs, same machine and session).
import { Agent, type Dispatcher } from 'undici';
import { NodeExchangeHandler } from './node-exchange-handler.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/**
 * The connection pools of the fast transport: undici's own HTTP/1.1 client, which costs less
 * per request than `http.request` (measured in the proxy benchmark). Keep-alive per origin;
 * its header and body timers are off because the request guard times every phase itself.
 * The TCP/TLS connect timeout is undici's (only it sees the socket connect), and an `Agent`
 * has one, so there is one `Agent` per connect timeout in use: a pool's setting, a handful.
 * No cap on connections per origin (undici's default, as Node's `fetch`): over HTTP/1.1 every
 * open stream holds one. A cap here (it was 256) queued the next streams inside undici, where
 * the headers deadline kept running (the vendor blamed for our queue) and an abort is not
 * seen until a connection frees (undici issue 386), so a queued request outlived its deadline.
 * A provider that wants a cap sets `maxConnections`, which the HTTP client enforces before a
 * request reaches this pool.
 */
const dispatchers = new Map<number | undefined, Agent>();
const MAX_DISPATCHERS = 16;

function dispatcherFor(connectTimeout: number | undefined): Agent {
  let found = dispatchers.get(connectTimeout);
  if (found === undefined) {
    // A process that keeps inventing timeouts gets the default pool rather than unbounded agents.
    if (dispatchers.size >= MAX_DISPATCHERS) return dispatcherFor(undefined);
    const connect = connectTimeout === undefined ? {} : { connect: { timeout: Math.max(1, Math.round(connectTimeout)) } };
    found = new Agent({ headersTimeout: 0, bodyTimeout: 0, ...connect });
    dispatchers.set(connectTimeout, found);
  }
  return found;
}

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
 * The HTTP client's fast path in Node: one exchange on undici's `Agent` through its dispatch
 * API, an uncompressed body handed over piece by piece with no Node `Readable`, WHATWG
 * `Response` or `ReadableStream` in between ({@link NodeExchangeHandler}).
 * Fails as `fetch` does: with the abort's reason on abort (the connection is
 * destroyed), otherwise `TypeError('fetch failed')` whose cause is the socket error.
 */
export const platformTransport: Transport | undefined = (request: TransportRequest): Promise<TransportResponse> => {
  const { abort } = request;
  if (abort.aborted) return Promise.reject(abort.reason);
  return new Promise((resolve, reject) => {
    const { origin, path } = target(request.url);
    const handler = new NodeExchangeHandler(abort, request.method, resolve, reject);
    dispatcherFor(request.connectTimeout).dispatch({ origin, path, method: request.method as Dispatcher.HttpMethod, headers: request.headers, body: request.body }, handler);
  });
};
