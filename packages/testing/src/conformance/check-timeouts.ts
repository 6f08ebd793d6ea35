import { ProviderTimeoutError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { TIGHT_TIMEOUT_MS, type ConformanceContext } from './conformance-context.js';
import { expectProviderError, rejectionOf } from './expect-provider-error.js';
import { contentDeltas, drain } from './stream-reading.js';

/**
 * Timeouts the provider enforces: first byte (always, per the Provider contract) and idle
 * between chunks (when `features.enforcesIdleTimeout`). Each times out on a real socket after
 * a tiny timeout; nothing asserts on durations, only that the call ends with the right error
 * and releases the connection.
 */
export function checkTimeouts(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('timeouts', () => {
    it(`chat rejects with ProviderTimeoutError (first-byte) when nothing arrives within timeouts.firstByte`, { timeout }, async () => {
      ctx.server.script({ kind: 'timeout' });
      const call = ctx.call({ timeouts: { firstByte: TIGHT_TIMEOUT_MS } });
      const error = await rejectionOf(ctx.provider.chat(ctx.chatParams(), call), 'chat against a silent server');
      const typed = expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' });
      expect(typed.phase).toBe('first-byte');
      const request = ctx.server.requests[0];
      if (request) await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });

    if (!options.streaming) return;

    it(`chatStream rejects with ProviderTimeoutError (first-byte) when nothing arrives within timeouts.firstByte`, { timeout }, async () => {
      ctx.server.script({ kind: 'timeout' });
      const call = ctx.call({ timeouts: { firstByte: TIGHT_TIMEOUT_MS } });
      const error = await rejectionOf(ctx.provider.chatStream(ctx.streamParams(), call), 'chatStream against a silent server');
      const typed = expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' });
      expect(typed.phase).toBe('first-byte');
      const request = ctx.server.requests[0];
      if (request) await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });

    if (!options.enforcesIdleTimeout) return;

    it('a stalled stream throws ProviderTimeoutError (idle) after timeouts.idle and closes the connection', { timeout }, async () => {
      ctx.server.script({ kind: 'stall', afterChunks: 2, chunks: ['Stalls ', 'after ', 'two.'] });
      const call = ctx.call({ timeouts: { idle: TIGHT_TIMEOUT_MS } });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), call));
      expect(contentDeltas(chunks)).toEqual(['Stalls ', 'after ']);
      const typed = expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' });
      expect(typed.phase).toBe('idle');
      const request = ctx.server.requests[0];
      if (request) await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });
  });
}
