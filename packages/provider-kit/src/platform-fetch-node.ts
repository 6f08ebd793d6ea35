import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

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

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
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

const NULL_BODY = new Set([101, 204, 205, 304]);

function decode(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
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
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
        else if (value !== undefined) responseHeaders.set(name, value);
      }
      const stream = NULL_BODY.has(status) || method === 'HEAD' ? null : (Readable.toWeb(decode(res)) as ReadableStream<Uint8Array>);
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
