import type { ChatCompletionChunk, CompletionUsage } from '@modelmesh/provider';

/**
 * What the router needs to know of one model's part of a stream, without keeping its text (the
 * caller's assembler keeps that once): whether it finished, its usage, the model it named, and
 * how many characters of text and tool arguments it sent (to estimate usage a provider did not report).
 */
export class StreamTally {
  /** True once a chunk carried a finish reason. */
  finished = false;
  /** The usage the stream reported, if any. */
  usage: CompletionUsage | undefined;
  /** The first model name a chunk gave. */
  model = '';
  /** Characters of content and tool-call arguments. */
  characters = 0;

  /** Counts one chunk. */
  add(chunk: ChatCompletionChunk): void {
    this.model ||= chunk.model;
    if (chunk.usage) this.usage = chunk.usage;
    for (const choice of chunk.choices) {
      if (typeof choice.delta.content === 'string') this.characters += choice.delta.content.length;
      for (const call of choice.delta.tool_calls ?? []) this.characters += call.function?.arguments?.length ?? 0;
      if (choice.finish_reason !== null) this.finished = true;
    }
  }
}
