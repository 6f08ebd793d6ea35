import type { ChatCompletion, ChatCompletionChunk } from '@modelmesh/provider';

/** What the answer hooks know about the request being answered. */
export interface AnswerContext {
  /** Provider instance id. */
  readonly providerId: string;
  /** The model the request was for. */
  readonly modelId: string;
}

/**
 * Rewrites a chat completion the vendor sent (after it was checked to be one), e.g. to
 * copy a vendor's usage fields to OpenAI's names. Throw a ModelMesh error to fail the call.
 */
export type ResponseTransform = (completion: ChatCompletion, context: AnswerContext) => ChatCompletion;

/**
 * Rewrites each chunk of a stream before it is yielded (after in-stream errors were
 * recognised). A stream answered with plain JSON is served as chunks that pass through it
 * too. Throw a ModelMesh error to end the stream with that error; the connection is released.
 */
export type ChunkTransform = (chunk: ChatCompletionChunk, context: AnswerContext) => ChatCompletionChunk;

/** `value` through `hook`, or `value` itself without one. */
export function applyAnswerHook<T>(hook: ((value: T, context: AnswerContext) => T) | undefined, value: T, context: AnswerContext): T {
  return hook === undefined ? value : hook(value, context);
}
