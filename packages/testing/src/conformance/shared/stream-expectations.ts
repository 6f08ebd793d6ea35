import type { ChatCompletionChunk } from '@modelmesh/core';
import { expect } from 'vitest';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import { contentDeltas, drain, finishReasons } from '../stream-reading.js';
import type { ScriptCommonStep } from './common-step.js';
import type { WireCheckContext } from './wire-check-context.js';

/** The pieces the streaming checks script. */
export const STREAM_PIECES: readonly string[] = ['The ', 'quick ', 'brown ', 'fox ', 'jumps.'];

/** Asserts the order of a streamed answer: the role first and once, `pieces` in order, exactly one `stop`, no content after it. */
export function expectStreamOrder(chunks: readonly ChatCompletionChunk[], pieces: readonly string[]): void {
  expect(chunks[0]?.choices[0]?.delta.role, 'role of the first chunk').toBe('assistant');
  const roles = chunks.flatMap((c) => c.choices.map((choice) => choice.delta.role)).filter((role) => role !== undefined);
  expect(roles, 'roles announced').toEqual(['assistant']);
  expect(contentDeltas(chunks)).toEqual(pieces);
  expect(finishReasons(chunks)).toEqual(['stop']);
  const finishAt = chunks.findIndex((c) => c.choices.some((choice) => choice.finish_reason));
  expect(contentDeltas(chunks.slice(finishAt + 1)), 'content after the finish reason').toEqual([]);
}

/**
 * Asserts where usage comes: on the last chunk only when `required` (`features.streamUsage`), else
 * on no chunk but the last. Returns whether any chunk carried usage.
 */
export function expectUsageLast(chunks: readonly ChatCompletionChunk[], required: boolean): boolean {
  const withUsage = chunks.flatMap((c, index) => (c.usage ? [index] : []));
  if (required) expect(withUsage, 'chunks carrying usage').toEqual([chunks.length - 1]);
  else expect(withUsage.every((index) => index === chunks.length - 1), 'usage only on the last chunk').toBe(true);
  return withUsage.length > 0;
}

/** How many SSE events the server may have sent when the first content arrives, and what the assertion calls that content. */
export interface IncrementalDelivery {
  readonly eventsBelow: number;
  /** Message of the assertion on the events sent. */
  readonly eventsMessage: string;
}

/**
 * With 200 ms between pieces, the first content must arrive while the server is still sending (a
 * buffering provider would only yield after it finished), and breaking out of the iteration must
 * close the connection.
 */
export async function expectIncrementalDelivery<S, R extends FakeLoggedRecord>(
  ctx: WireCheckContext<S, R>,
  script: ScriptCommonStep<S>,
  delivery: IncrementalDelivery,
): Promise<void> {
  ctx.server.script(script({ kind: 'ok', chunks: STREAM_PIECES, chunkDelayMs: 200 }));
  const stream = await ctx.provider.chatStream(ctx.streamParams(), ctx.call());
  const request = ctx.server.requests[0];
  let firstContent: string | undefined;
  for await (const chunk of stream) {
    firstContent = chunk.choices[0]?.delta.content ?? undefined;
    if (firstContent) break;
  }
  expect(firstContent).toBe(STREAM_PIECES[0]);
  expect(request, 'the server saw the request').toBeDefined();
  if (!request) return;
  expect(request.chunksSent, delivery.eventsMessage).toBeLessThan(delivery.eventsBelow);
  await expect(ctx.server.waitForEnd(request), 'how the server saw the exchange end').resolves.toBe('client-closed');
}

/** A stream whose first piece is slow (the headers are not) completes with `stop`. */
export async function expectSlowFirstTokenCompletes<S, R extends FakeLoggedRecord>(ctx: WireCheckContext<S, R>, script: ScriptCommonStep<S>): Promise<void> {
  ctx.server.script(script({ kind: 'slow-first-token', delayMs: 30 }));
  const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
  expect(error).toBeUndefined();
  expect(finishReasons(chunks)).toEqual(['stop']);
}
