import { completionToChunks, type ChatCompletion, type ChatCompletionChunk } from '@modelmesh/core';

/** Text cut after each run of whitespace, so a replayed answer arrives as a stream of pieces. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/**
 * A stored completion as the chunks of a stream: a role chunk, the text piece by piece, the
 * finish and, when the answer had usage, the usage chunk. Answers with tool calls or several
 * choices replay as one chunk per choice.
 */
export function replayChunks(completion: ChatCompletion): ChatCompletionChunk[] {
  const choice = completion.choices[0];
  const content = choice?.message.content;
  if (completion.choices.length !== 1 || !choice || typeof content !== 'string' || content === '' || choice.message.tool_calls?.length) return completionToChunks(completion);
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null): ChatCompletionChunk => ({
    ...base,
    choices: [{ index: choice.index, delta, finish_reason: finish, logprobs: null }],
  });
  const chunks = [chunk({ role: 'assistant', content: '' }), ...pieces(content).map((piece) => chunk({ content: piece })), chunk({}, choice.finish_reason)];
  if (completion.usage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}

/** The chunks as an async iterable. */
export async function* replay(chunks: readonly ChatCompletionChunk[]): AsyncGenerator<ChatCompletionChunk> {
  yield* chunks;
}
