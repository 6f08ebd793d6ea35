import type { ChatCompletion, ChatCompletionChunk } from './types/index.js';

/** Splits a completion into the chunks a stream of it would have carried (for fallbacks and caches). */
export function completionToChunks(completion: ChatCompletion): ChatCompletionChunk[] {
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const chunks: ChatCompletionChunk[] = completion.choices.map((choice) => ({
    ...base,
    choices: [
      {
        index: choice.index,
        delta: {
          role: 'assistant',
          content: choice.message.content,
          ...(choice.message.refusal ? { refusal: choice.message.refusal } : {}),
          ...(choice.message.tool_calls
            ? {
                tool_calls: choice.message.tool_calls.flatMap((call, index) =>
                  call.type === 'function' ? [{ index, id: call.id, type: 'function' as const, function: { ...call.function } }] : [],
                ),
              }
            : {}),
        },
        finish_reason: choice.finish_reason,
        logprobs: null,
      },
    ],
  }));
  if (completion.usage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}
