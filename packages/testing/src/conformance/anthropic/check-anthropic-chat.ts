import type { ChatCompletionFinishReason } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import type { FakeAnthropicStopReason } from '../../servers/anthropic/fake-anthropic-step.js';
import { PROMPT } from '../conformance-context.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';
import { expectEchoAnswer } from '../shared/expect-echo-answer.js';

/** Tool uses the tool checks script: two in one turn, one with nested input. */
export const SCRIPTED_TOOL_USES = [
  { name: 'get_weather', input: { city: 'Paris', units: 'celsius', days: [1, 2, 3] } },
  { name: 'get_time', input: { zone: 'Europe/Paris' } },
] as const;

/** Every stop reason of the Messages API and the finish reason it must become. */
export const STOP_REASONS: ReadonlyArray<{ stopReason: FakeAnthropicStopReason; finishReason: ChatCompletionFinishReason; needsTools: boolean }> = [
  { stopReason: 'end_turn', finishReason: 'stop', needsTools: false },
  { stopReason: 'stop_sequence', finishReason: 'stop', needsTools: false },
  { stopReason: 'max_tokens', finishReason: 'length', needsTools: false },
  { stopReason: 'model_context_window_exceeded', finishReason: 'length', needsTools: false },
  { stopReason: 'tool_use', finishReason: 'tool_calls', needsTools: true },
  { stopReason: 'refusal', finishReason: 'content_filter', needsTools: false },
  { stopReason: 'pause_turn', finishReason: 'stop', needsTools: false },
];

/** Usage with prompt caching, and what it must become: cache reads and writes count as prompt tokens, reads as cached. */
export const CACHED_USAGE = { input_tokens: 10, cache_read_input_tokens: 30, cache_creation_input_tokens: 5, output_tokens: 7 } as const;
export const MAPPED_CACHED_USAGE = { prompt_tokens: 45, completion_tokens: 7, total_tokens: 52 } as const;

/** Non-streaming chat: stop reasons, content, usage with cache tokens, the answering model, tool calls. */
export function checkAnthropicChat(ctx: AnthropicConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('chat', () => {
    it('answers with the content, the assistant role and an OpenAI-shaped completion', { timeout }, () => expectEchoAnswer(ctx, PROMPT));

    for (const { stopReason, finishReason, needsTools } of STOP_REASONS) {
      if (needsTools && !options.tools) continue;
      it(`maps stop_reason "${stopReason}" to finish_reason "${finishReason}"`, { timeout }, async () => {
        ctx.server.script(needsTools ? { kind: 'ok', toolUses: [SCRIPTED_TOOL_USES[0]] } : { kind: 'ok', content: 'Partial answer', stopReason });
        const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        expect(completion.choices[0]?.finish_reason).toBe(finishReason);
      });
    }

    it('maps usage: cache reads and writes are prompt tokens, cache reads are cached tokens', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', usage: CACHED_USAGE });
      const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
      expect(completion.usage).toMatchObject(MAPPED_CACHED_USAGE);
      expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(CACHED_USAGE.cache_read_input_tokens);
    });

    it('names the model that answered, not the one asked for', { timeout }, async () => {
      ctx.server.script({ kind: 'ok', model: `${options.model}-20991231` });
      const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
      expect(completion.model).toBe(`${options.model}-20991231`);
    });

    if (options.tools) {
      it('returns tool_use blocks as tool calls with ids, names and the input as JSON arguments', { timeout }, async () => {
        ctx.server.script({ kind: 'ok', content: 'Checking both.', toolUses: SCRIPTED_TOOL_USES });
        const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
        const message = completion.choices[0]?.message;
        expect(message?.content).toBe('Checking both.');
        const calls = message?.tool_calls ?? [];
        expect(calls).toHaveLength(SCRIPTED_TOOL_USES.length);
        calls.forEach((call, index) => {
          const scripted = SCRIPTED_TOOL_USES[index];
          expect(call.id, 'tool call id').toMatch(/\S/);
          expect(call.type).toBe('function');
          if (call.type !== 'function') return;
          expect(call.function.name).toBe(scripted?.name);
          expect(JSON.parse(call.function.arguments)).toEqual(scripted?.input);
        });
        expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
        ctx.expectOpenAIShape('CreateChatCompletionResponse', completion);
      });
    }
  });
}
