import { ProviderTimeoutError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import { TIGHT_TIMEOUT_MS } from '../conformance-context.js';
import { expectProviderError, rejectionOf } from '../expect-provider-error.js';
import { contentDeltas, drain } from '../stream-reading.js';
import type { ScriptCommonStep } from './common-step.js';
import type { WireCheckContext } from './wire-check-context.js';

/** The names a wire gives its timeout checks (provider packages' test output shows them). */
export interface TimeoutCheckTitles {
  readonly chatFirstByte: string;
  readonly streamFirstByte: string;
  readonly streamIdle: string;
}

/** The titles the OpenAI and Anthropic suites use. */
export const TIMEOUT_CHECK_TITLES: TimeoutCheckTitles = {
  chatFirstByte: 'chat rejects with ProviderTimeoutError (first-byte) when nothing arrives within timeouts.firstByte',
  streamFirstByte: 'chatStream rejects with ProviderTimeoutError (first-byte) when nothing arrives within timeouts.firstByte',
  streamIdle: 'a stalled stream throws ProviderTimeoutError (idle) after timeouts.idle and closes the connection',
};

/** How a wire's suite registers the timeout checks. */
export interface TimeoutChecks<S> {
  readonly script: ScriptCommonStep<S>;
  readonly titles: TimeoutCheckTitles;
  /** Whether the streamed first-byte check also asserts the connection was closed. */
  readonly streamFirstByteClosesConnection: boolean;
}

/** Asserts the server saw the client close the first request's connection, when there was one. */
async function expectFirstRequestClosed<S, R extends FakeLoggedRecord>(ctx: WireCheckContext<S, R>): Promise<void> {
  const request = ctx.server.requests[0];
  if (request) await expect(ctx.server.waitForEnd(request)).resolves.toBe('client-closed');
}

/**
 * Registers `describe('timeouts')`: first byte on `chat` (always, per the Provider contract) and
 * on `chatStream` (when streaming), and idle between stream pieces (when `enforcesIdleTimeout`).
 * Each times out on a real socket after a tiny timeout; nothing asserts on durations, only that
 * the call ends with the right error and releases the connection.
 */
export function checkTimeouts<S, R extends FakeLoggedRecord>(ctx: WireCheckContext<S, R>, checks: TimeoutChecks<S>): void {
  const { options } = ctx;
  const { script, titles } = checks;
  const timeout = options.testTimeoutMs;

  describe('timeouts', () => {
    it(titles.chatFirstByte, { timeout }, async () => {
      ctx.server.script(script({ kind: 'timeout' }));
      const error = await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call({ timeouts: { firstByte: TIGHT_TIMEOUT_MS } })), 'chat against a silent server');
      expect(expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' }).phase).toBe('first-byte');
      await expectFirstRequestClosed(ctx);
    });

    if (!options.streaming) return;

    it(titles.streamFirstByte, { timeout }, async () => {
      ctx.server.script(script({ kind: 'timeout' }));
      const error = await rejectionOf(ctx.provider.chatStream(ctx.streamParams(), ctx.call({ timeouts: { firstByte: TIGHT_TIMEOUT_MS } })), 'chatStream against a silent server');
      expect(expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' }).phase).toBe('first-byte');
      if (checks.streamFirstByteClosesConnection) await expectFirstRequestClosed(ctx);
    });

    if (!options.enforcesIdleTimeout) return;

    it(titles.streamIdle, { timeout }, async () => {
      ctx.server.script(script({ kind: 'stall', afterChunks: 2, chunks: ['Stalls ', 'after ', 'two.'] }));
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call({ timeouts: { idle: TIGHT_TIMEOUT_MS } })));
      expect(contentDeltas(chunks)).toEqual(['Stalls ', 'after ']);
      expect(expectProviderError(error, ProviderTimeoutError, ctx.provider.id, { retryable: true, code: 'timeout' }).phase).toBe('idle');
      await expectFirstRequestClosed(ctx);
    });
  });
}
