import { expect } from 'vitest';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import { expectOpenAIShape } from '../expect-openai-shape.js';
import type { WireCheckContext } from './wire-check-context.js';

/**
 * Calls `chat` with the suite's prompt and asserts the fake server's default answer came back as
 * one assistant choice echoing `prompt`, in an OpenAI-shaped completion (unless `validateOutput` is off).
 */
export async function expectEchoAnswer<S, R extends FakeLoggedRecord>(
  ctx: WireCheckContext<S, R> & { readonly options: { readonly validateOutput: boolean } },
  prompt: string,
): Promise<void> {
  const completion = await ctx.provider.chat(ctx.chatParams(), ctx.call());
  expect(completion.object).toBe('chat.completion');
  expect(completion.choices).toHaveLength(1);
  expect(completion.choices[0]?.message.role).toBe('assistant');
  expect(completion.choices[0]?.message.content).toBe(`Echo: ${prompt}`);
  expectOpenAIShape(ctx.options, 'CreateChatCompletionResponse', completion);
}
