import type { ChatCompletionFinishReason } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import type { FakeOkStep } from '../servers/fake-step.js';
import { PROMPT, type ConformanceContext } from './conformance-context.js';
import { expectOpenAIShape } from './expect-openai-shape.js';
import { expectEchoAnswer } from './shared/expect-echo-answer.js';

/** Tool calls the tool checks script: two in parallel, one with nested arguments. */
export const SCRIPTED_TOOL_CALLS = [
  { name: 'get_weather', arguments: { city: 'Paris', units: 'celsius', days: [1, 2, 3] } },
  { name: 'get_time', arguments: { zone: 'Europe/Paris' } },
] as const;

const FINISH_STEPS: ReadonlyArray<{ reason: ChatCompletionFinishReason; step: FakeOkStep; needsTools: boolean }> = [
  { reason: 'stop', step: { kind: 'ok' }, needsTools: false },
  { reason: 'length', step: { kind: 'ok', content: 'This answer was cut at the tok', finishReason: 'length' }, needsTools: false },
  { reason: 'tool_calls', step: { kind: 'ok', toolCalls: [SCRIPTED_TOOL_CALLS[0]] }, needsTools: true },
  { reason: 'content_filter', step: { kind: 'ok', content: '', finishReason: 'content_filter' }, needsTools: false },
];

/** Non-streaming chat: finish reasons, content, usage, the answering model, tool calls. */
export function checkChat(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('chat', () => {
    it('answers with the content, the assistant role and an OpenAI-shaped completion', { timeout }, () => expectEchoAnswer(ctx, PROMPT));

    for (const { reason, step, needsTools } of FINISH_STEPS) {
      if (needsTools && !options.tools) continue;
      it(`maps finish reason "${reason}"`, { timeout }, async () => {
        ctx.server.script(step);
        const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        expect(completion.choices[0]?.finish_reason).toBe(reason);
      });
    }

    it('maps usage, cached prompt tokens included', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', usage: { prompt_tokens: 17, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 3 } } });
      const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
      expect(completion.usage).toMatchObject({ prompt_tokens: 17, completion_tokens: 5, total_tokens: 22 });
      expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(3);
    });

    it('names the model that answered, not the one asked for', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', model: `${options.model}-2099-01-01` });
      const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
      expect(completion.model).toBe(`${options.model}-2099-01-01`);
    });

    if (options.tools) {
      it('returns tool calls with ids, names and the scripted arguments', { timeout }, async () => {
        ctx.server.script({ kind: 'ok', toolCalls: SCRIPTED_TOOL_CALLS });
        const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        const calls = completion.choices[0]?.message.tool_calls ?? [];
        expect(calls).toHaveLength(SCRIPTED_TOOL_CALLS.length);
        calls.forEach((call, index) => {
          const scripted = SCRIPTED_TOOL_CALLS[index];
          expect(call.id, 'tool call id').toMatch(/\S/);
          expect(call.type).toBe('function');
          if (call.type !== 'function') return;
          expect(call.function.name).toBe(scripted?.name);
          expect(JSON.parse(call.function.arguments)).toEqual(scripted?.arguments);
        });
        expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
        expectOpenAIShape(options, 'CreateChatCompletionResponse', completion);
      });
    }
  });
}
