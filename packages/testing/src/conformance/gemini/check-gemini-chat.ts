import type { ChatCompletionFinishReason } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import type { FakeFunctionCall, FakeGeminiStep } from '../../servers/gemini/fake-gemini-step.js';
import { GEMINI_PROMPT, type GeminiConformanceContext } from './gemini-conformance-context.js';
import { expectEchoAnswer } from '../shared/expect-echo-answer.js';

/** Function calls the tool checks script: two in parallel, one with nested arguments. */
export const SCRIPTED_FUNCTION_CALLS: readonly FakeFunctionCall[] = [
  { name: 'get_weather', args: { city: 'Paris', units: 'celsius', days: [1, 2, 3] } },
  { name: 'get_time', args: { zone: 'Europe/Paris' } },
];

/** Gemini finish reasons and the OpenAI finish reasons they must become. */
const FINISH_CASES: ReadonlyArray<{ title: string; step: FakeGeminiStep; reason: ChatCompletionFinishReason; needsTools: boolean }> = [
  { title: 'STOP → stop', step: { kind: 'ok' }, reason: 'stop', needsTools: false },
  { title: 'MAX_TOKENS → length', step: { kind: 'ok', text: 'This answer was cut at the tok', finishReason: 'MAX_TOKENS' }, reason: 'length', needsTools: false },
  { title: 'STOP with function calls → tool_calls', step: { kind: 'ok', functionCalls: [{ name: 'get_weather', args: { city: 'Rome' } }] }, reason: 'tool_calls', needsTools: true },
  { title: 'SAFETY after some text → content_filter', step: { kind: 'ok', text: 'Here is how to', finishReason: 'SAFETY' }, reason: 'content_filter', needsTools: false },
  { title: 'RECITATION after some text → content_filter', step: { kind: 'ok', text: 'It was the best of times', finishReason: 'RECITATION' }, reason: 'content_filter', needsTools: false },
  { title: 'OTHER → stop', step: { kind: 'ok', text: 'Odd stop', finishReason: 'OTHER' }, reason: 'stop', needsTools: false },
];

/** Non-streaming chat: text, finish reasons, usage, the answering model, function calls. */
export function checkGeminiChat(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('chat', () => {
    it('answers with the text, the assistant role and an OpenAI-shaped completion', { timeout }, () => expectEchoAnswer(ctx, GEMINI_PROMPT));

    for (const { title, step, reason, needsTools } of FINISH_CASES) {
      if (needsTools && !options.tools) continue;
      it(`maps finishReason ${title}`, { timeout }, async () => {
        ctx.server.script(step);
        const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        expect(completion.choices[0]?.finish_reason).toBe(reason);
      });
    }

    it('maps usageMetadata: cached tokens and thinking tokens included', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', usage: { promptTokenCount: 17, candidatesTokenCount: 5, cachedContentTokenCount: 3, thoughtsTokenCount: 2, totalTokenCount: 24 } });
      const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
      expect(completion.usage).toMatchObject({ prompt_tokens: 17, completion_tokens: 7, total_tokens: 24 });
      expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(3);
      expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(2);
    });

    it('names the model version that answered', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', modelVersion: `${options.model}-preview-09-2099` });
      const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
      expect(completion.model).toBe(`${options.model}-preview-09-2099`);
    });

    it('returns one choice per candidate when n > 1', { timeout }, async () => {
      const completion = await ctx.provider.chat(ctx.chatParams({ n: 2 }), ctx.call());
      expect(ctx.server.requests[0]?.body).toMatchObject({ generationConfig: { candidateCount: 2 } });
      expect(completion.choices.map((c) => c.index)).toEqual([0, 1]);
    });

    if (options.tools) {
      it('turns function calls into tool calls with distinct ids, names and the arguments', { timeout }, async () => {
        ctx.server.script({ kind: 'ok', functionCalls: SCRIPTED_FUNCTION_CALLS });
        const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        const calls = completion.choices[0]?.message.tool_calls ?? [];
        expect(calls).toHaveLength(SCRIPTED_FUNCTION_CALLS.length);
        calls.forEach((call, index) => {
          expect(call.id, 'tool call id').toMatch(/\S/);
          expect(call.type).toBe('function');
          if (call.type !== 'function') return;
          expect(call.function.name).toBe(SCRIPTED_FUNCTION_CALLS[index]?.name);
          expect(JSON.parse(call.function.arguments)).toEqual(SCRIPTED_FUNCTION_CALLS[index]?.args);
        });
        expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length);
        expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
        ctx.expectOpenAIShape('CreateChatCompletionResponse', completion);
      });

      it("keeps Gemini's own function-call ids", { timeout }, async () => {
        ctx.server.script({ kind: 'ok', functionCalls: [{ id: 'fc-gemini-7', name: 'get_time', args: {} }] });
        const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        expect(completion.choices[0]?.message.tool_calls?.[0]?.id).toBe('fc-gemini-7');
      });

      it('gives the same answer the same tool-call ids every time it is read', { timeout }, async () => {
        const step: FakeGeminiStep = { kind: 'ok', functionCalls: SCRIPTED_FUNCTION_CALLS, responseId: 'fixed-response-id' };
        ctx.server.script(step, step);
        const first = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        const second = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        expect(second.choices[0]?.message.tool_calls?.map((c) => c.id)).toEqual(first.choices[0]?.message.tool_calls?.map((c) => c.id));
      });
    }
  });
}
