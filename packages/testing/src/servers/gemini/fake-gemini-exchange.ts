import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeGeminiRequestLog, MutableGeminiRecord } from './fake-gemini-log.js';

/** One request and its response while a step plays it. */
export interface GeminiExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly record: MutableGeminiRecord;
  readonly log: FakeGeminiRequestLog;
  /** Aborts when the connection closes for any reason, so pending waits stop playing. */
  readonly closed: AbortSignal;
}

/** Content type of Google's JSON answers. */
export const GOOGLE_JSON = 'application/json; charset=UTF-8';

/** Headers of Gemini's SSE answers. */
export const GEMINI_SSE_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** Headers Google's front end sends with every answer. */
const BASE_HEADERS: Readonly<Record<string, string>> = { vary: 'Origin, X-Origin, Referer', server: 'scaffolding on HTTPServer2', 'x-content-type-options': 'nosniff' };

/**
 * One SSE event as the Gemini API writes it: a single `data:` line ended by CRLF CRLF. Objects are
 * serialised as JSON; a string is sent as it is (so a test can send `{not json`).
 */
export function geminiSseEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\r\n\r\n`;
}

/** Waits `ms` (0: not at all); false when the connection closed meanwhile. */
export async function pause(exchange: GeminiExchange, ms: number | undefined): Promise<boolean> {
  if (ms !== undefined && ms > 0) {
    try {
      await sleep(ms, undefined, { signal: exchange.closed });
    } catch {
      return false;
    }
  }
  return !exchange.closed.aborted;
}

/** Sends a whole response: strings as they are, anything else as JSON. */
export function sendBody(exchange: GeminiExchange, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (exchange.closed.aborted) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  exchange.res.writeHead(status, { 'content-type': GOOGLE_JSON, ...BASE_HEADERS, ...headers, 'content-length': String(Buffer.byteLength(text)) });
  exchange.res.end(text);
}

/** Starts a JSON response whose body never fully arrives: the headers promise the whole length, half is sent. */
export function sendHalf(exchange: GeminiExchange, text: string, headers: Readonly<Record<string, string>>): void {
  if (exchange.closed.aborted) return;
  const bytes = Buffer.from(text);
  exchange.res.writeHead(200, { 'content-type': GOOGLE_JSON, ...BASE_HEADERS, ...headers, 'content-length': String(bytes.length) });
  exchange.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
}

/** Sends the status line and headers of an SSE response at once. */
export function openStream(exchange: GeminiExchange, headers: Readonly<Record<string, string>>): void {
  if (exchange.closed.aborted) return;
  exchange.res.writeHead(200, { ...GEMINI_SSE_HEADERS, ...BASE_HEADERS, ...headers });
  exchange.res.flushHeaders();
}

/** Writes one SSE data event and counts it. */
export function sendEvent(exchange: GeminiExchange, data: unknown): void {
  if (exchange.closed.aborted) return;
  exchange.res.write(geminiSseEvent(data));
  exchange.record.chunksSent += 1;
}

/** Ends the connection from the server side: a TCP reset, or a close mid-body after flushing what was written. */
export function destroyConnection(exchange: GeminiExchange, how: 'reset' | 'close'): void {
  exchange.log.finish(exchange.record, 'server-closed');
  const socket = exchange.req.socket;
  if (how === 'reset') socket.resetAndDestroy();
  else socket.end(() => socket.destroy());
}
