import type { IncomingMessage, ServerResponse } from 'node:http';
import { Buffer } from 'node:buffer';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeLoggedRecord, FakeRequestEnd, Mutable } from './fake-request-log.js';
import type { FakeWireFormat } from './fake-wire.js';

/** One request and its response while a step plays it, on any vendor's wire. */
export interface FakeExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly record: Mutable<FakeLoggedRecord>;
  /** Where the exchange's ending is recorded (the server's request log, of any wire's records). */
  readonly log: { finish(record: Mutable<FakeLoggedRecord>, end: Exclude<FakeRequestEnd, 'pending'>): void };
  /** Aborts when the connection closes for any reason, so pending waits stop playing. */
  readonly closed: AbortSignal;
  /** The response's request id (`x-request-id`, `request-id`, ...). */
  readonly requestId: string;
  /** How the vendor writes its responses. */
  readonly wire: FakeWireFormat;
}

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

/** The headers of a JSON answer: the wire's content type and base headers, then `headers`. */
function jsonHeaders(exchange: FakeExchange, headers: Readonly<Record<string, string>>): Record<string, string> {
  return { 'content-type': exchange.wire.jsonContentType, ...exchange.wire.baseHeaders(exchange.requestId), ...headers };
}

/** Sends a whole response: strings as they are, anything else as the wire's JSON. */
export function sendBody(exchange: FakeExchange, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (exchange.closed.aborted) return;
  const text = exchange.wire.json(body);
  exchange.res.writeHead(status, { ...jsonHeaders(exchange, headers), 'content-length': String(Buffer.byteLength(text)) });
  exchange.res.end(text);
}

/** Starts a JSON response whose body never fully arrives: the headers promise the whole length, half is sent. */
export function sendHalf(exchange: FakeExchange, text: string, headers: Readonly<Record<string, string>>): void {
  if (exchange.closed.aborted) return;
  const bytes = Buffer.from(text);
  exchange.res.writeHead(200, { ...jsonHeaders(exchange, headers), 'content-length': String(bytes.length) });
  exchange.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
}

/** Sends the headers of a JSON response at once and the body only after `delayMs`. */
export async function sendLate(exchange: FakeExchange, text: string, headers: Readonly<Record<string, string>>, delayMs: number): Promise<void> {
  exchange.res.writeHead(200, jsonHeaders(exchange, headers));
  exchange.res.flushHeaders();
  if (await pause(exchange, delayMs)) exchange.res.end(text);
}

/** Sends the status line and headers of an SSE response at once. */
export function openStream(exchange: FakeExchange, headers: Readonly<Record<string, string>>): void {
  if (exchange.closed.aborted) return;
  exchange.res.writeHead(200, { ...exchange.wire.sseHeaders, ...exchange.wire.baseHeaders(exchange.requestId), ...headers });
  exchange.res.flushHeaders();
}

/** Writes one encoded SSE event, counting it unless told not to. */
export function sendFrame(exchange: FakeExchange, text: string, counted = true): void {
  if (exchange.closed.aborted) return;
  exchange.res.write(text);
  if (counted) exchange.record.chunksSent += 1;
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
