import type { ChatCompletionChunk } from '@modelmesh/core';

/** The chunks a stream yielded, and the error that ended it, if any. */
export interface DrainedStream {
  readonly chunks: readonly ChatCompletionChunk[];
  readonly error?: unknown;
}

/** Reads a stream to its end or its error. */
export async function drain(stream: AsyncIterable<ChatCompletionChunk>): Promise<DrainedStream> {
  const chunks: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}

/** The non-empty content deltas, in order. */
export function contentDeltas(chunks: readonly ChatCompletionChunk[]): string[] {
  return chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).filter((text) => text !== '');
}

/** The finish reasons the chunks carry, in order. */
export function finishReasons(chunks: readonly ChatCompletionChunk[]): string[] {
  return chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter((reason): reason is NonNullable<typeof reason> => reason !== null && reason !== undefined);
}

/** A tool call assembled from stream deltas. */
export interface AssembledToolCall {
  readonly index: number;
  /** Ids seen for this index (a conforming stream sends exactly one). */
  readonly ids: readonly string[];
  /** Names seen for this index (a conforming stream sends exactly one). */
  readonly names: readonly string[];
  readonly arguments: string;
  /** How many argument pieces arrived. */
  readonly argumentPieces: number;
}

/** Assembles tool-call deltas by index, as the `openai` client does. */
export function assembleToolCalls(chunks: readonly ChatCompletionChunk[]): AssembledToolCall[] {
  const calls = new Map<number, { index: number; ids: string[]; names: string[]; arguments: string; argumentPieces: number }>();
  for (const chunk of chunks) {
    for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
      const call = calls.get(delta.index) ?? { index: delta.index, ids: [], names: [], arguments: '', argumentPieces: 0 };
      if (delta.id) call.ids.push(delta.id);
      if (delta.function?.name) call.names.push(delta.function.name);
      if (delta.function?.arguments) {
        call.arguments += delta.function.arguments;
        call.argumentPieces += 1;
      }
      calls.set(delta.index, call);
    }
  }
  return [...calls.values()].sort((a, b) => a.index - b.index);
}
