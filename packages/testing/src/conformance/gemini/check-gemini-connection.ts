import { ProviderTimeoutError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { TIGHT_TIMEOUT_MS } from '../conformance-context.js';
import { expectProviderError, rejectionOf } from '../expect-provider-error.js';
import { contentDeltas, drain } from '../stream-reading.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

/** Timeouts (first byte, idle) and abort propagation: each ends the call with the right error and closes the connection. */
export function checkGeminiConnection(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('timeouts', () => {
    it('chat rejects with ProviderTimeoutError (first-byte) when nothing arrives within timeouts.firstByte', { timeout }, async () => {
      ctx.server.script({ kind: 'timeout' });
      const error = await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call({ timeouts: { firstByte: TIGHT_TIMEOUT_MS } })), 'chat against a silent server');
      const typed = expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' });
      expect(typed.phase).toBe('first-byte');
      const request = ctx.server.requests[0];
      if (request) await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });

    if (options.streaming) {
      it('chatStream rejects with ProviderTimeoutError (first-byte) when nothing arrives', { timeout }, async () => {
        ctx.server.script({ kind: 'timeout' });
        const error = await rejectionOf(ctx.provider.chatStream(ctx.streamParams(), ctx.call({ timeouts: { firstByte: TIGHT_TIMEOUT_MS } })), 'chatStream against a silent server');
        const typed = expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' });
        expect(typed.phase).toBe('first-byte');
      });
    }

    if (options.streaming && options.enforcesIdleTimeout) {
      it('a stalled stream throws ProviderTimeoutError (idle) and closes the connection', { timeout }, async () => {
        ctx.server.script({ kind: 'stall', afterChunks: 2, chunks: ['Stalls ', 'after ', 'two.'] });
        const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call({ timeouts: { idle: TIGHT_TIMEOUT_MS } })));
        expect(contentDeltas(chunks)).toEqual(['Stalls ', 'after ']);
        const typed = expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' });
        expect(typed.phase).toBe('idle');
        const request = ctx.server.requests[0];
        if (request) await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
      });
    }
  });

  describe('abort', () => {
    it('rejects chat and closes the connection when aborted while waiting', { timeout }, async () => {
      ctx.server.script({ kind: 'timeout' });
      const controller = new AbortController();
      const pending = rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call({ signal: controller.signal })), 'an aborted chat');
      const request = await ctx.server.waitForRequests(1);
      controller.abort();
      expect(await pending).toBeInstanceOf(Error);
      await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });

    if (!options.streaming) return;

    it('rejects chatStream and closes the connection when aborted before the response starts', { timeout }, async () => {
      ctx.server.script({ kind: 'timeout' });
      const controller = new AbortController();
      const pending = rejectionOf(ctx.provider.chatStream(ctx.streamParams(), ctx.call({ signal: controller.signal })), 'an aborted chatStream');
      const request = await ctx.server.waitForRequests(1);
      controller.abort();
      expect(await pending).toBeInstanceOf(Error);
      await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });

    it('ends a stalled stream with an error when aborted mid-stream, and closes the connection', { timeout }, async () => {
      ctx.server.script({ kind: 'stall', afterChunks: 1 });
      const controller = new AbortController();
      const stream = await ctx.provider.chatStream(ctx.streamParams(), ctx.call({ signal: controller.signal }));
      const request = ctx.server.requests[0];
      const iterator = stream[Symbol.asyncIterator]();
      let gotContent = false;
      while (!gotContent) {
        const result = await iterator.next();
        expect(result.done, 'the stream ended before its first text').toBe(false);
        if (result.done) return;
        gotContent = Boolean(result.value.choices[0]?.delta.content);
      }
      const next = rejectionOf(iterator.next(), 'reading an aborted stream');
      controller.abort();
      expect(await next).toBeInstanceOf(Error);
      expect(request).toBeDefined();
      if (request) await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });
  });
}
