import { describe, expect, it } from 'vitest';
import { expectIncrementalDelivery, expectSlowFirstTokenCompletes, expectStreamOrder, STREAM_PIECES as PIECES } from '../shared/stream-expectations.js';
import { assembleToolCalls, contentDeltas, drain, finishReasons } from '../stream-reading.js';
import { SCRIPTED_FUNCTION_CALLS } from './check-gemini-chat.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

/** Streaming: chunk order, incremental delivery, releasing the connection, usage, function calls. */
export function checkGeminiStreaming(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('streaming', () => {
    it('yields the role first, text in order, exactly one finish reason, usage once and last', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', chunks: PIECES, usage: { promptTokenCount: 9, candidatesTokenCount: 5, cachedContentTokenCount: 4 } });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(error).toBeUndefined();
      expectStreamOrder(chunks, PIECES);
      const withUsage = chunks.flatMap((c, index) => (c.usage ? [index] : []));
      expect(withUsage, 'chunks carrying usage (Gemini repeats usageMetadata in every event)').toEqual([chunks.length - 1]);
      expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 5, total_tokens: 14, prompt_tokens_details: { cached_tokens: 4 } });
      for (const chunk of chunks) {
        expect(chunk.object).toBe('chat.completion.chunk');
        ctx.expectOpenAIShape('CreateChatCompletionStreamResponse', chunk);
      }
    });

    it('delivers chunks as events arrive, and releases the connection when iteration stops early', { timeout }, () =>
      expectIncrementalDelivery(ctx, (step) => step, { eventsBelow: PIECES.length, eventsMessage: 'SSE events the server had sent when the first text arrived' }),
    );

    it('completes when the first event is slow but the headers are not', { timeout }, () => expectSlowFirstTokenCompletes(ctx, (step) => step));

    it('maps MAX_TOKENS to finish reason "length"', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', text: 'cut at the tok', finishReason: 'MAX_TOKENS' });
      const { chunks } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(finishReasons(chunks)).toEqual(['length']);
    });

    if (options.tools) {
      it('streams function calls as tool-call deltas with ids, names and arguments, finishing with tool_calls', { timeout }, async () => {
        ctx.server.script({ kind: 'ok', text: 'Let me check.', functionCalls: SCRIPTED_FUNCTION_CALLS });
        const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
        expect(error).toBeUndefined();
        expect(contentDeltas(chunks).join('')).toBe('Let me check.');
        const calls = assembleToolCalls(chunks);
        expect(calls.map((call) => call.index)).toEqual([0, 1]);
        calls.forEach((call, position) => {
          const scripted = SCRIPTED_FUNCTION_CALLS[position];
          expect(call.ids, `ids of tool call ${position}`).toHaveLength(1);
          expect(call.names, `names of tool call ${position}`).toEqual([scripted?.name]);
          expect(JSON.parse(call.arguments)).toEqual(scripted?.args);
        });
        expect(new Set(calls.flatMap((call) => call.ids)).size, 'distinct tool call ids').toBe(2);
        expect(finishReasons(chunks)).toEqual(['tool_calls']);
        for (const chunk of chunks) ctx.expectOpenAIShape('CreateChatCompletionStreamResponse', chunk);
      });
    }
  });
}
