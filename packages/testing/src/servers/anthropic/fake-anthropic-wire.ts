import type { FakeWireFormat } from '../fake-wire.js';
import { anthropicSseEncode } from './fake-anthropic-events.js';

/** The data of a malformed event: the start of a JSON object that never closes. */
export const ANTHROPIC_MALFORMED_EVENT = '{not json';

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

/** How Anthropic's Messages API writes its responses. */
export const ANTHROPIC_WIRE: FakeWireFormat = {
  jsonContentType: 'application/json',
  sseHeaders: ANTHROPIC_SSE_HEADERS,
  baseHeaders: (requestId) => ({ 'request-id': requestId, 'anthropic-organization-id': '00000000-0000-4000-8000-00000000fa4e' }),
  json: (body) => (typeof body === 'string' ? body : JSON.stringify(body)),
  malformedFrame: anthropicSseEncode('content_block_delta', ANTHROPIC_MALFORMED_EVENT),
};
