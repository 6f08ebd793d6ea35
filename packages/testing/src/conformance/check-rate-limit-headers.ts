import type { RateLimitSnapshot } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { drain } from './stream-reading.js';

/** OpenAI's rate-limit headers: counts, and resets as Go-style durations. */
const HEADERS = {
  'x-ratelimit-limit-requests': '60',
  'x-ratelimit-remaining-requests': '59',
  'x-ratelimit-reset-requests': '1s',
  'x-ratelimit-limit-tokens': '150000',
  'x-ratelimit-remaining-tokens': '149990',
  'x-ratelimit-reset-tokens': '6m0s',
};

function expectSnapshot(snapshots: readonly RateLimitSnapshot[], before: number, after: number): void {
  expect(snapshots.length, 'reportRateLimit calls').toBeGreaterThan(0);
  const snapshot = snapshots.at(-1);
  expect(snapshot).toMatchObject({ limitRequests: 60, remainingRequests: 59, limitTokens: 150_000, remainingTokens: 149_990 });
  // Bounds from the wall clock around the call; the slack catches seconds read as milliseconds, not jitter.
  expect(snapshot?.resetRequestsAt).toBeGreaterThanOrEqual(before + 500);
  expect(snapshot?.resetRequestsAt).toBeLessThanOrEqual(after + 1500);
  expect(snapshot?.resetTokensAt).toBeGreaterThanOrEqual(before + 359_000);
  expect(snapshot?.resetTokensAt).toBeLessThanOrEqual(after + 361_000);
}

/** `x-ratelimit-*` response headers reach `call.reportRateLimit`, for chat and streams. */
export function checkRateLimitHeaders(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('rate-limit headers', () => {
    it('reports x-ratelimit-* headers of a chat response', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', headers: HEADERS });
      const snapshots: RateLimitSnapshot[] = [];
      const before = Date.now();
      await ctx.provider.chat(ctx.chatParams(), ctx.call({ reportRateLimit: (s) => snapshots.push(s) }));
      expectSnapshot(snapshots, before, Date.now());
    });

    if (!options.streaming) return;
    it('reports x-ratelimit-* headers of a stream', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', headers: HEADERS });
      const snapshots: RateLimitSnapshot[] = [];
      const before = Date.now();
      await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call({ reportRateLimit: (s) => snapshots.push(s) })));
      expectSnapshot(snapshots, before, Date.now());
    });
  });
}
