import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** Statuses whose responses have no body, as fetch defines them. */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/** A body stream with its (lower-case) response headers, decompressed when `content-encoding` says gzip, deflate or br. */
export function decodeBody(headers: Readonly<Record<string, string | readonly string[] | undefined>>, body: Readable): Readable {
  const declared = headers['content-encoding'];
  if (declared === undefined) return body;
  const encoding = String(declared).trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return body.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return body.pipe(zlib.createInflate());
  if (encoding === 'br') return body.pipe(zlib.createBrotliDecompress());
  return body;
}

/** Node's response headers as a fetch `Headers` (repeated headers appended, as fetch does). */
export function toHeaders(record: Readonly<Record<string, string | readonly string[] | undefined>>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (value !== undefined) for (const item of value) headers.append(name, item);
  }
  return headers;
}
