import { describe, expect, it } from 'vitest';
import { describeThrown } from '../expect-provider-error.js';
import { expectIncrementalDelivery, expectSlowFirstTokenCompletes, expectStreamOrder, STREAM_PIECES as PIECES, expectUsageLast } from '../shared/stream-expectations.js';
import { assembleToolCalls, contentDeltas, drain, finishReasons } from '../stream-reading.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';
import { CACHED_USAGE, MAPPED_CACHED_USAGE, SCRIPTED_TOOL_USES, STOP_REASONS } from './check-anthropic-chat.js';

/** Streaming: chunk order, incremental delivery, releasing the connection, usage, tool-call deltas. */
export function checkAnthropicStreaming(ctx: AnthropicConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('streaming', () => {
    it('yields the role first, text deltas in order, exactly one finish reason, usage last (pings ignored)', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', chunks: PIECES, usage: CACHED_USAGE });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(error, error === undefined ? '' : describeThrown(error)).toBeUndefined();
      expectStreamOrder(chunks, PIECES);
      if (expectUsageLast(chunks, options.streamUsage)) {
        expect(chunks.at(-1)?.usage).toMatchObject(MAPPED_CACHED_USAGE);
        expect(chunks.at(-1)?.usage?.prompt_tokens_details?.cached_tokens).toBe(CACHED_USAGE.cache_read_input_tokens);
      }
      for (const chunk of chunks) {
        expect(chunk.object).toBe('chat.completion.chunk');
        ctx.expectOpenAIShape('CreateChatCompletionStreamResponse', chunk);
      }
    });

    it('delivers chunks as the events arrive, and releases the connection when iteration stops early', { timeout }, () =>
      expectIncrementalDelivery(ctx, (step) => step, { eventsBelow: PIECES.length + 3, eventsMessage: 'SSE events the server had sent when the first content arrived' }),
    );

    it('completes when the first event is slow but the headers are not', { timeout }, () => expectSlowFirstTokenCompletes(ctx, (step) => step));

    for (const { stopReason, finishReason, needsTools } of STOP_REASONS) {
      if (needsTools) continue;
      it(`maps stop_reason "${stopReason}" in message_delta to finish_reason "${finishReason}"`, { timeout }, async () => {
        ctx.server.script({ kind: 'ok', content: 'cut at the tok', stopReason });
        const { chunks } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
        expect(finishReasons(chunks)).toEqual([finishReason]);
      });
    }

    it('a stream whose message_stop never comes after message_delta completes normally', { timeout }, async () => {
      ctx.server.script({ kind: 'missing-stop', chunks: PIECES });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(error, error === undefined ? '' : describeThrown(error)).toBeUndefined();
      expect(contentDeltas(chunks)).toEqual(PIECES);
      expect(finishReasons(chunks)).toEqual(['stop']);
      if (options.streamUsage) expect(chunks.at(-1)?.usage, 'usage on the last chunk').toBeTruthy();
    });

    if (options.tools) {
      it('streams tool_use blocks as tool-call deltas: id and name once, input_json_delta pieces as arguments', { timeout }, async () => {
        ctx.server.script({ kind: 'ok', content: 'Checking.', toolUses: SCRIPTED_TOOL_USES });
        const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
        expect(error, error === undefined ? '' : describeThrown(error)).toBeUndefined();
        expect(contentDeltas(chunks).join('')).toBe('Checking.');
        const calls = assembleToolCalls(chunks);
        expect(calls.map((call) => call.index)).toEqual([0, 1]);
        calls.forEach((call, position) => {
          const scripted = SCRIPTED_TOOL_USES[position];
          expect(call.ids, `ids of tool call ${position}`).toHaveLength(1);
          expect(call.ids[0]).toMatch(/\S/);
          expect(call.names, `names of tool call ${position}`).toEqual([scripted?.name]);
          expect(call.argumentPieces, `argument pieces of tool call ${position}`).toBeGreaterThan(1);
          expect(JSON.parse(call.arguments)).toEqual(scripted?.input);
        });
        expect(new Set(calls.flatMap((call) => call.ids)).size, 'distinct tool call ids').toBe(2);
        expect(finishReasons(chunks)).toEqual(['tool_calls']);
        for (const chunk of chunks) ctx.expectOpenAIShape('CreateChatCompletionStreamResponse', chunk);
      });

      it('a tool called without input streams "{}" as its arguments', { timeout }, async () => {
        ctx.server.script({ kind: 'ok', toolUses: [{ name: 'get_time', input: '' }] });
        const { chunks } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
        expect(assembleToolCalls(chunks).map((call) => JSON.parse(call.arguments || 'null') as unknown)).toEqual([{}]);
      });
    }
  });
}
