import { stringifyJsonBody } from './json-body.js';
import type { ExchangeAbort } from './exchange-abort.js';
import type { TransportRequest } from './transport.js';

/** An absolute http(s) base URL without credentials, query or fragment. */
const PLAIN_BASE = /^https?:\/\/[^/?#\\\s@]+(?:\/[^?#\\\s]*)?$/;
/** A relative path with no query, fragment or backslash, and no colon before its first slash (which could read as a scheme). */
const PLAIN_PATH = /^[^?#\\\s:/]*(?:\/[^?#\\\s]*)?$/;
/** A query key or value that every URL encoder leaves as it is (RFC 3986 unreserved characters). */
const UNRESERVED = /^[A-Za-z0-9._~-]+$/;
/** A header name (an HTTP token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value Node sends unchanged and `Headers` would not trim. */
const PLAIN_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

/** What the HTTP client knows of one request before it picks a way to send it. */
export interface RequestParts {
  readonly baseUrl: string;
  readonly path: string;
  /** Client and request query parameters merged. */
  readonly query: Readonly<Record<string, string>>;
  readonly method: string;
  /** Client headers, request headers and `accept` merged (later ones win). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The exchange's abort, which the transport follows. */
  readonly abort: ExchangeAbort;
  /** The TCP/TLS connect timeout in ms, for the transport. */
  readonly connectTimeout?: number | undefined;
}

/** ofetch's rule for a body it serialises as JSON (`isJSONSerializable`), for objects. */
export function isJsonObject(body: object): boolean {
  if (Array.isArray(body)) return true;
  if ((body as { buffer?: unknown }).buffer) return false;
  if (body instanceof URLSearchParams || (typeof FormData !== 'undefined' && body instanceof FormData)) return false;
  return (body.constructor !== undefined && body.constructor.name === 'Object') || typeof (body as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * The request exactly as ofetch would hand it to `fetch` (URL from `withBase`, JSON body
 * with `content-type` and `accept` defaults, header names lower-case), for the plain cases a
 * provider sends: a JSON object body (or none), query parameters that need no encoding (as
 * ufo's `withQuery` writes them: in order, `key=value`), an absolute http(s) base URL, valid
 * header names and values. Undefined otherwise: then ofetch sends it.
 */
export function toTransportRequest(parts: RequestParts): TransportRequest | undefined {
  if (!PLAIN_BASE.test(parts.baseUrl) || !PLAIN_PATH.test(parts.path)) return undefined;
  let search = '';
  for (const key in parts.query) {
    const value = parts.query[key] as string;
    if (!UNRESERVED.test(key) || !UNRESERVED.test(value)) return undefined;
    search += `${search === '' ? '?' : '&'}${key}=${value}`;
  }
  const headers: Record<string, string> = {};
  for (const name in parts.headers) {
    const value = parts.headers[name] as string;
    const lower = name.toLowerCase();
    if (!TOKEN.test(name) || !PLAIN_VALUE.test(value) || headers[lower] !== undefined) return undefined;
    headers[lower] = value;
  }
  let body: string | undefined;
  if (parts.body !== undefined) {
    const payload = parts.method === 'POST' || parts.method === 'PUT' || parts.method === 'PATCH' || parts.method === 'DELETE';
    if (!payload || typeof parts.body !== 'object' || parts.body === null || !isJsonObject(parts.body)) return undefined;
    // A form content type makes ofetch send the object as form fields: leave that to it.
    if (headers['content-type'] === 'application/x-www-form-urlencoded') return undefined;
    body = stringifyJsonBody(parts.body);
    if (!headers['content-type']) headers['content-type'] = 'application/json';
    headers['accept'] ??= 'application/json';
  }
  return { url: joinBase(parts.baseUrl, parts.path) + search, method: parts.method, headers, body, abort: parts.abort, connectTimeout: parts.connectTimeout };
}

/** Joined URLs by base and path: a provider calls a handful over and over, and the same string each time is cheap to look up again. */
const joinedUrls = new Map<string, Map<string, string>>();
const MAX_JOINED = 64;

/** ufo's `withBase` for a plain base and path: one slash between them, an empty path is the base. */
function joinBase(baseUrl: string, path: string): string {
  let byPath = joinedUrls.get(baseUrl);
  let url = byPath?.get(path);
  if (url !== undefined) return url;
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  url = path === '' || path === '/' ? base : `${base}/${path.replace(/^\.?\//, '')}`;
  if (byPath === undefined || byPath.size >= MAX_JOINED) {
    if (joinedUrls.size >= MAX_JOINED) joinedUrls.clear();
    joinedUrls.set(baseUrl, (byPath = new Map()));
  }
  byPath.set(path, url);
  return url;
}
