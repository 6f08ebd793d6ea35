import type { RateLimitSnapshot } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { drain } from '../stream-reading.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';

const REQUESTS_RESET = '2030-01-01T00:00:30Z';
const TOKENS_RESET = '2030-01-01T00:01:00Z';

/** Anthropic's rate-limit headers: counts, and resets as RFC 3339 instants. */
const HEADERS = {
  'anthropic-ratelimit-requests-limit': '60',
  'anthropic-ratelimit-requests-remaining': '59',
  'anthropic-ratelimit-requests-reset': REQUESTS_RESET,
  'anthropic-ratelimit-tokens-limit': '150000',
  'anthropic-ratelimit-tokens-remaining': '149990',
  'anthropic-ratelimit-tokens-reset': TOKENS_RESET,
};

function expectSnapshot(snapshots: readonly RateLimitSnapshot[]): void {
  expect(snapshots.length, 'reportRateLimit calls').toBeGreaterThan(0);
  expect(snapshots.at(-1)).toEqual({
    limitRequests: 60,
    remainingRequests: 59,
    resetRequestsAt: Date.parse(REQUESTS_RESET),
    limitTokens: 150_000,
    remainingTokens: 149_990,
    resetTokensAt: Date.parse(TOKENS_RESET),
  });
}

/** `anthropic-ratelimit-*` response headers reach `call.reportRateLimit`, for chat, streams and 429s. */
export function checkAnthropicRateLimits(ctx: AnthropicConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('rate-limit headers', () => {
    it('reports anthropic-ratelimit-* headers of a chat response', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', headers: HEADERS });
      const snapshots: RateLimitSnapshot[] = [];
      await ctx.provider.chat(ctx.chatParams(), ctx.call({ reportRateLimit: (s) => snapshots.push(s) }));
      expectSnapshot(snapshots);
    });

    it('reports them on a 429 too, before the error', { timeout }, async () => {
      ctx.server.script({ kind: 'status', status: 429, headers: { ...HEADERS, 'anthropic-ratelimit-requests-remaining': '0', 'retry-after': '3' } });
      const snapshots: RateLimitSnapshot[] = [];
      await ctx.provider.chat(ctx.chatParams(), ctx.call({ reportRateLimit: (s) => snapshots.push(s) })).catch(() => undefined);
      expect(snapshots.at(-1)?.remainingRequests).toBe(0);
    });

    if (!options.streaming) return;
    it('reports anthropic-ratelimit-* headers of a stream', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', headers: HEADERS });
      const snapshots: RateLimitSnapshot[] = [];
      await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call({ reportRateLimit: (s) => snapshots.push(s) })));
      expectSnapshot(snapshots);
    });
  });
}
