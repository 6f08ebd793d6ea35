import type { ServerResponse } from 'node:http';
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

/** Writes an OpenAI-shaped error body: `{ "error": { message, type, param, code } }`. */
export function sendFailure(res: ServerResponse, failure: HttpFailure, headers: HeaderMap = {}): void {
  sendJson(res, failure.status, { error: failure.error }, { ...headers, ...failure.headers });
}

/** Writes a plain-text response (Prometheus exposition). */
export function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: HeaderMap = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
