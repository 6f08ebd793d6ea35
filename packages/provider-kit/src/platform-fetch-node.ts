import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { agents, decode, NULL_BODY_STATUSES, toHeaders } from './node-http-shared.js';

export { platformTransport } from './platform-transport-node.js';

/**
 * A `fetch` for Node on `node:http`/`node:https` with keep-alive agents. Node's built-in
 * fetch (undici behind WHATWG streams) adds about 0.3 ms per request on a loopback call,
 * which a router pays on every request; this one returns a standard `Response` and covers
 * what providers use: string or byte bodies, headers, AbortSignal, streamed response bodies
 * and compressed responses. Anything else (a `Request` object, stream or form bodies) goes
 * to the built-in fetch. Failures look like fetch's: a TypeError('fetch failed') whose
 * cause is the socket error, or the signal's reason on abort.
 */
export const platformFetch: typeof globalThis.fetch = (input, init = {}) => {
  const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
  const body = toBuffer(init.body);
  if (!url || body === false || (url.protocol !== 'http:' && url.protocol !== 'https:')) return globalThis.fetch(input, init);
  return send(url, init, body);
};

/** The request body as bytes; false when only the built-in fetch can send it. */
function toBuffer(body: RequestInit['body']): Buffer | undefined | false {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  return false;
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers.map(([name, value]) => [name, value] as const));
  return { ...(headers as Record<string, string>) };
}

function send(url: URL, init: RequestInit, body: Buffer | undefined): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = headerRecord(init.headers);
  if (body !== undefined) headers['content-length'] = String(body.byteLength);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<Response>((resolve, reject) => {
    const req = transport.request(url, { method, headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      const status = res.statusCode ?? 0;
      const responseHeaders = toHeaders(res.headers);
      const stream = NULL_BODY_STATUSES.has(status) || method === 'HEAD' ? null : (Readable.toWeb(decode(res)) as ReadableStream<Uint8Array>);
      res.once('close', () => signal?.removeEventListener('abort', onAbort));
      resolve(new Response(stream, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
    });
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    });
    req.end(body);
  });
}
