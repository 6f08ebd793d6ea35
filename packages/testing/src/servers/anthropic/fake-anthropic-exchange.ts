import { Buffer } from 'node:buffer';
import type { FakeExchange } from '../fake-exchange.js';
import { anthropicSseEncode } from './fake-anthropic-events.js';

/** Headers every Anthropic response carries. */
export function anthropicBaseHeaders(exchange: FakeExchange): Record<string, string> {
  return { 'request-id': exchange.requestId, 'anthropic-organization-id': '00000000-0000-4000-8000-00000000fa4e' };
}

/**
 * Anthropic's rate-limit headers (`anthropic-ratelimit-*`), sent with every successful answer
 * unless a step overrides them. Counts are plain numbers; resets are RFC 3339 instants, here
 * a minute after `now`.
 */
export function anthropicRateLimitHeaders(now: number = Date.now()): Record<string, string> {
  const reset = new Date(Math.floor(now / 1000) * 1000 + 60_000).toISOString().replace('.000Z', 'Z');
  return {
    'anthropic-ratelimit-requests-limit': '4000',
    'anthropic-ratelimit-requests-remaining': '3999',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '2000000',
    'anthropic-ratelimit-tokens-remaining': '1999990',
    'anthropic-ratelimit-tokens-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '1600000',
    'anthropic-ratelimit-input-tokens-remaining': '1599990',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '400000',
    'anthropic-ratelimit-output-tokens-remaining': '400000',
    'anthropic-ratelimit-output-tokens-reset': reset,
  };
}

/** The headers of an Anthropic SSE response. */
export const ANTHROPIC_SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/** Sends a whole response: strings as they are, anything else as JSON. */
export function sendAnthropicBody(exchange: FakeExchange, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (exchange.closed.aborted) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  exchange.res.writeHead(status, {
    'content-type': 'application/json',
    ...anthropicBaseHeaders(exchange),
    ...headers,
    'content-length': String(Buffer.byteLength(text)),
  });
  exchange.res.end(text);
}

/** Sends the status line and headers of an SSE response at once. */
export function openAnthropicStream(exchange: FakeExchange, headers: Readonly<Record<string, string>>): void {
  if (exchange.closed.aborted) return;
  exchange.res.writeHead(200, { ...ANTHROPIC_SSE_HEADERS, ...anthropicBaseHeaders(exchange), ...headers });
  exchange.res.flushHeaders();
}

/** Writes one named SSE event and counts it. */
export function sendAnthropicEvent(exchange: FakeExchange, event: string, data: unknown): void {
  if (exchange.closed.aborted) return;
  exchange.res.write(anthropicSseEncode(event, data));
  exchange.record.chunksSent += 1;
}
