import { describe, expect, it } from 'vitest';
import { SCRIPTED_TOOL_CALLS } from './check-chat.js';
import type { ConformanceContext } from './conformance-context.js';
import { expectOpenAIShape } from './expect-openai-shape.js';
import { expectIncrementalDelivery, expectSlowFirstTokenCompletes, expectStreamOrder, STREAM_PIECES as PIECES, expectUsageLast } from './shared/stream-expectations.js';
import { assembleToolCalls, contentDeltas, drain, finishReasons } from './stream-reading.js';

/** Streaming: chunk order, incremental delivery, releasing the connection, usage, tool-call deltas. */
export function checkStreaming(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('streaming', () => {
    it('yields the role first, content in order, exactly one finish reason, usage last', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', chunks: PIECES, usage: { prompt_tokens: 9, completion_tokens: 5 } });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(error).toBeUndefined();
      expectStreamOrder(chunks, PIECES);
      if (expectUsageLast(chunks, options.streamUsage)) expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 });
      for (const chunk of chunks) {
        expect(chunk.object).toBe('chat.completion.chunk');
        expectOpenAIShape(options, 'CreateChatCompletionStreamResponse', chunk);
      }
    });

    it('delivers chunks as they arrive, and releases the connection when iteration stops early', { timeout }, () =>
      expectIncrementalDelivery(ctx, (step) => step, { eventsBelow: PIECES.length + 2, eventsMessage: 'SSE events the server had sent when the first content arrived' }),
    );

    it('completes when the first token is slow but the headers are not', { timeout }, () => expectSlowFirstTokenCompletes(ctx, (step) => step));

    it('passes finish reason "length" through', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', content: 'cut at the tok', finishReason: 'length' });
      const { chunks } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(finishReasons(chunks)).toEqual(['length']);
    });

    if (options.tools) {
      it('streams tool-call deltas: ids and names present, arguments assembled across chunks', { timeout }, async () => {
        ctx.server.script({ kind: 'ok', toolCalls: SCRIPTED_TOOL_CALLS });
        const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
        expect(error).toBeUndefined();
        const calls = assembleToolCalls(chunks);
        expect(calls.map((call) => call.index)).toEqual([0, 1]);
        calls.forEach((call, position) => {
          const scripted = SCRIPTED_TOOL_CALLS[position];
          expect(call.ids, `ids of tool call ${position}`).toHaveLength(1);
          expect(call.ids[0]).toMatch(/\S/);
          expect(call.names, `names of tool call ${position}`).toEqual([scripted?.name]);
          expect(call.argumentPieces, `argument pieces of tool call ${position}`).toBeGreaterThan(1);
          expect(JSON.parse(call.arguments)).toEqual(scripted?.arguments);
        });
        expect(new Set(calls.flatMap((call) => call.ids)).size, 'distinct tool call ids').toBe(2);
        expect(finishReasons(chunks)).toEqual(['tool_calls']);
        for (const chunk of chunks) expectOpenAIShape(options, 'CreateChatCompletionStreamResponse', chunk);
      });
    }
  });
}
