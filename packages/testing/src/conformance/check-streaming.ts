import { describe, expect, it } from 'vitest';
import { SCRIPTED_TOOL_CALLS } from './check-chat.js';
import type { ConformanceContext } from './conformance-context.js';
import { expectOpenAIShape } from './expect-openai-shape.js';
import { assembleToolCalls, contentDeltas, drain, finishReasons } from './stream-reading.js';

const PIECES = ['The ', 'quick ', 'brown ', 'fox ', 'jumps.'];

/** Streaming: chunk order, incremental delivery, releasing the connection, usage, tool-call deltas. */
export function checkStreaming(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('streaming', () => {
    it('yields the role first, content in order, exactly one finish reason, usage last', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', chunks: PIECES, usage: { prompt_tokens: 9, completion_tokens: 5 } });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(error).toBeUndefined();
      expect(chunks[0]?.choices[0]?.delta.role, 'role of the first chunk').toBe('assistant');
      const roles = chunks.flatMap((c) => c.choices.map((choice) => choice.delta.role)).filter((role) => role !== undefined);
      expect(roles, 'roles announced').toEqual(['assistant']);
      expect(contentDeltas(chunks)).toEqual(PIECES);
      expect(finishReasons(chunks)).toEqual(['stop']);
      const finishAt = chunks.findIndex((c) => c.choices.some((choice) => choice.finish_reason));
      expect(contentDeltas(chunks.slice(finishAt + 1)), 'content after the finish reason').toEqual([]);
      const withUsage = chunks.flatMap((c, index) => (c.usage ? [index] : []));
      if (options.streamUsage) expect(withUsage, 'chunks carrying usage').toEqual([chunks.length - 1]);
      else expect(withUsage.every((index) => index === chunks.length - 1), 'usage only on the last chunk').toBe(true);
      if (withUsage.length > 0) expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 });
      for (const chunk of chunks) {
        expect(chunk.object).toBe('chat.completion.chunk');
        expectOpenAIShape(options, 'CreateChatCompletionStreamResponse', chunk);
      }
    });

    it('delivers chunks as they arrive, and releases the connection when iteration stops early', { timeout }, async () => {
      // 200 ms between pieces: a buffering provider would only yield after the server has finished.
      ctx.server.script({ kind: 'ok', chunks: PIECES, chunkDelayMs: 200 });
      const stream = await ctx.provider.chatStream(ctx.streamParams(), ctx.call());
      const request = ctx.server.requests[0];
      let firstContent: string | undefined;
      for await (const chunk of stream) {
        firstContent = chunk.choices[0]?.delta.content ?? undefined;
        if (firstContent) break;
      }
      expect(firstContent).toBe(PIECES[0]);
      expect(request, 'the server saw the request').toBeDefined();
      if (!request) return;
      expect(request.chunksSent, 'SSE events the server had sent when the first content arrived').toBeLessThan(PIECES.length + 2);
      await expect(ctx.server.waitForEnd(request), 'how the server saw the exchange end').resolves.toBe('client-closed');
    });

    it('completes when the first token is slow but the headers are not', { timeout }, async () => {
      ctx.server.script({ kind: 'slow-first-token', delayMs: 30 });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(error).toBeUndefined();
      expect(finishReasons(chunks)).toEqual(['stop']);
    });

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
