import { describe, expect, it } from 'vitest';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import { rejectionOf } from '../expect-provider-error.js';
import type { ScriptCommonStep } from './common-step.js';
import type { WireCheckContext } from './wire-check-context.js';

/** The names (and one assertion message) a wire gives its abort checks. */
export interface AbortCheckTitles {
  readonly chatWhileWaiting: string;
  readonly streamBeforeResponse: string;
  readonly streamMidStream: string;
  /** Message of the assertion that the stream brought content before the abort. */
  readonly endedBeforeContent: string;
}

/** The titles the OpenAI and Anthropic suites use. */
export const ABORT_CHECK_TITLES: AbortCheckTitles = {
  chatWhileWaiting: 'rejects chat and closes the connection when aborted while waiting for the response',
  streamBeforeResponse: 'rejects chatStream and closes the connection when aborted before the response starts',
  streamMidStream: 'ends a stalled stream with an error when aborted mid-stream, and closes the connection',
  endedBeforeContent: 'the stream ended before its first content chunk',
};

/**
 * Registers `describe('abort')`: aborting `call.signal` ends the call with an error and closes
 * the connection, before the response (`chat`, `chatStream`) and in the middle of a stream.
 */
export function checkAbort<S, R extends FakeLoggedRecord>(ctx: WireCheckContext<S, R>, script: ScriptCommonStep<S>, titles: AbortCheckTitles): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('abort', () => {
    it(titles.chatWhileWaiting, { timeout }, async () => {
      ctx.server.script(script({ kind: 'timeout' }));
      const controller = new AbortController();
      const pending = rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call({ signal: controller.signal })), 'an aborted chat');
      const request = await ctx.server.waitForRequests(1);
      controller.abort();
      expect(await pending).toBeInstanceOf(Error);
      await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });

    if (!options.streaming) return;

    it(titles.streamBeforeResponse, { timeout }, async () => {
      ctx.server.script(script({ kind: 'timeout' }));
      const controller = new AbortController();
      const pending = rejectionOf(ctx.provider.chatStream(ctx.streamParams(), ctx.call({ signal: controller.signal })), 'an aborted chatStream');
      const request = await ctx.server.waitForRequests(1);
      controller.abort();
      expect(await pending).toBeInstanceOf(Error);
      await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
    });

    it(titles.streamMidStream, { timeout }, async () => {
      // The stall keeps the next read pending, so the abort must interrupt it, not merely be noticed later.
      ctx.server.script(script({ kind: 'stall', afterChunks: 1 }));
      const controller = new AbortController();
      const stream = await ctx.provider.chatStream(ctx.streamParams(), ctx.call({ signal: controller.signal }));
      const request = ctx.server.requests[0];
      const iterator = stream[Symbol.asyncIterator]();
      let gotContent = false;
      while (!gotContent) {
        const result = await iterator.next();
        expect(result.done, titles.endedBeforeContent).toBe(false);
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
