import type { ServerResponse } from 'node:http';
import { dialectError, type ErrorDialect } from './error-dialect.js';
import type { HttpFailure } from './openai-error.js';

/** Headers sent with a response, lower-case names. */
export type HeaderMap = Record<string, string>;

/** Writes a JSON response in one write (with its length, so keep-alive works). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: HeaderMap = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** Writes an error body in the route's dialect: OpenAI's `{ "error": { message, type, param, code } }` by default. */
export function sendFailure(res: ServerResponse, failure: HttpFailure, headers: HeaderMap = {}, dialect: ErrorDialect = 'openai'): void {
  const { status, body } = dialectError(failure, dialect, headers['x-request-id']);
  sendJson(res, status, body, { ...headers, ...failure.headers });
}

/** Writes a plain-text response (Prometheus exposition). */
export function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: HeaderMap = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
