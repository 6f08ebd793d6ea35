import { Buffer } from 'node:buffer';
import type { IncomingMessage } from 'node:http';

/** What every fake server records of a request, whatever its wire. */
export interface FakeHttpRequestFields {
  /** HTTP method (`GET` when Node gives none). */
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Query parameters (last value wins). */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers with lowercased names (repeated headers joined with `, `). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body: parsed JSON, else the raw text; `undefined` when empty. */
  readonly body: unknown;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Reads a request's whole body and returns the fields every fake server records of it. */
export async function readFakeRequest(req: IncomingMessage): Promise<FakeHttpRequestFields> {
  const body = parseBody(await readBody(req));
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: flatHeaders(req),
    body,
  };
}

/** `body` as a record when it is a JSON object, else an empty one. */
export function bodyObject(body: unknown): Readonly<Record<string, unknown>> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}
