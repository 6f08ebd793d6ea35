import type { ChatCompletionChunk, ProviderCall } from '@modelmesh/core';

/** A provider call context as the router would give it. */
export function providerCall(signal: AbortSignal = new AbortController().signal, extra: Partial<ProviderCall> = {}): ProviderCall {
  return { signal, timeouts: {}, ...extra };
}

/** Reads a stream to its end, or to its error. */
export async function drain(stream: AsyncIterable<ChatCompletionChunk>): Promise<{ chunks: ChatCompletionChunk[]; error?: unknown }> {
  const chunks: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}

/** The text content of chunks, joined. */
export const textOf = (chunks: readonly ChatCompletionChunk[]): string => chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');

/** Content chunks only (non-empty text). */
export const contentChunks = (chunks: readonly ChatCompletionChunk[]): ChatCompletionChunk[] =>
  chunks.filter((c) => typeof c.choices[0]?.delta.content === 'string' && c.choices[0].delta.content !== '');

/** Lets every pending promise continuation run (one macrotask turn; no time passes). */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
