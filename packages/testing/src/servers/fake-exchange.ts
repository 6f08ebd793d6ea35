import type { IncomingMessage, ServerResponse } from 'node:http';
import { Buffer } from 'node:buffer';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeRequestLog, MutableRequestRecord } from './fake-request-log.js';
import { SSE_HEADERS, sseEncode } from './sse-encode.js';

/** One request and its response while a step plays it. */
export interface FakeExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly record: MutableRequestRecord;
  readonly log: FakeRequestLog;
  /** Aborts when the connection closes for any reason, so pending waits stop playing. */
  readonly closed: AbortSignal;
  /** `x-request-id` of the response. */
  readonly requestId: string;
}

/** Headers every response carries. */
export function baseHeaders(exchange: FakeExchange): Record<string, string> {
  return { 'x-request-id': exchange.requestId, 'openai-processing-ms': '1', 'openai-version': '2020-10-01' };
}

/** Rate-limit headers in OpenAI's format, sent with every successful answer unless a step overrides them. */
export const DEFAULT_RATE_LIMIT_HEADERS: Readonly<Record<string, string>> = {
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-limit-tokens': '30000000',
  'x-ratelimit-remaining-tokens': '29999990',
  'x-ratelimit-reset-tokens': '0s',
};

/** Waits `ms` (0: not at all); false when the connection closed meanwhile, so the caller stops. */
export async function pause(exchange: FakeExchange, ms: number | undefined): Promise<boolean> {
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
export function sendBody(exchange: FakeExchange, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (exchange.closed.aborted) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  exchange.res.writeHead(status, {
    'content-type': 'application/json',
    ...baseHeaders(exchange),
    ...headers,
    'content-length': String(Buffer.byteLength(text)),
  });
  exchange.res.end(text);
}

/** Sends the status line and headers of an SSE response at once. */
export function openStream(exchange: FakeExchange, headers: Readonly<Record<string, string>>): void {
  if (exchange.closed.aborted) return;
  exchange.res.writeHead(200, { ...SSE_HEADERS, ...baseHeaders(exchange), ...headers });
  exchange.res.flushHeaders();
}

/** Writes one SSE data event and counts it. */
export function sendEvent(exchange: FakeExchange, data: unknown): void {
  if (exchange.closed.aborted) return;
  exchange.res.write(sseEncode(data));
  exchange.record.chunksSent += 1;
}

/**
 * Ends the connection from the server side: a TCP reset, or a close mid-body. A close first
 * flushes what was written (the client must see the pieces sent before the cut) and then
 * closes without finishing the body, so the client sees a truncated response.
 */
export function destroyConnection(exchange: FakeExchange, how: 'reset' | 'close'): void {
  exchange.log.finish(exchange.record, 'server-closed');
  const socket = exchange.req.socket;
  if (how === 'reset') socket.resetAndDestroy();
  else socket.end(() => socket.destroy());
}
