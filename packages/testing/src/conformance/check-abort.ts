import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { rejectionOf } from './expect-provider-error.js';

/** Aborting `call.signal` ends the call with an error and closes the connection, before and during a stream. */
export function checkAbort(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('abort', () => {
    it('rejects chat and closes the connection when aborted while waiting for the response', { timeout }, async () => {
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
      // The stall keeps the next read pending, so the abort must interrupt it, not merely be noticed later.
      ctx.server.script({ kind: 'stall', afterChunks: 1 });
      const controller = new AbortController();
      const stream = await ctx.provider.chatStream(ctx.streamParams(), ctx.call({ signal: controller.signal }));
      const request = ctx.server.requests[0];
      const iterator = stream[Symbol.asyncIterator]();
      let gotContent = false;
      while (!gotContent) {
        const result = await iterator.next();
        expect(result.done, 'the stream ended before its first content chunk').toBe(false);
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
