// Where user code asks for an `openai`-client-shaped object, a MeshClient fits, for the call
// shapes such code uses. What does NOT fit, and cannot: `Pick<OpenAI, 'chat' | 'embeddings' |
// 'models'>` itself. Its resources are classes with a `protected _client`, and `create()`
// returns `APIPromise` (and streams `Stream`), classes with private members, so TypeScript
// compares them nominally: only instances of the `openai` package satisfy them.
import type { ChatCompletionStream, MeshClient } from '@modelmesh/core';
import type OpenAI6 from 'openai-v6';
import type OpenAI7 from 'openai-v7';

/** The options such code passes through: cancellation and a timeout. */
interface CallOptions {
  signal?: AbortSignal;
  timeout?: number;
}

/** The types of one `openai` version that the client shape below is written with. */
interface VersionTypes {
  params: unknown;
  streaming: unknown;
  completion: unknown;
  chunk: unknown;
  embeddingParams: unknown;
  embeddings: unknown;
  model: unknown;
}

/** The `openai` client's chat/embeddings/models call shapes, as a structural interface over one version's types. */
interface OpenAIShapedClient<O extends VersionTypes> {
  chat: {
    completions: {
      create(body: O['params'], options?: CallOptions): PromiseLike<O['completion']>;
      create(body: O['streaming'], options?: CallOptions): PromiseLike<AsyncIterable<O['chunk']> & { controller: AbortController; toReadableStream(): ReadableStream }>;
    };
  };
  embeddings: { create(body: O['embeddingParams'], options?: CallOptions): PromiseLike<O['embeddings']> };
  models: { list(): PromiseLike<{ data: Array<O['model']> }> & AsyncIterable<O['model']> };
}

interface V6 extends VersionTypes {
  params: OpenAI6.ChatCompletionCreateParamsNonStreaming;
  streaming: OpenAI6.ChatCompletionCreateParamsStreaming;
  completion: OpenAI6.ChatCompletion;
  chunk: OpenAI6.ChatCompletionChunk;
  embeddingParams: OpenAI6.EmbeddingCreateParams;
  embeddings: OpenAI6.CreateEmbeddingResponse;
  model: OpenAI6.Model;
}

interface V7 extends VersionTypes {
  params: OpenAI7.ChatCompletionCreateParamsNonStreaming;
  streaming: OpenAI7.ChatCompletionCreateParamsStreaming;
  completion: OpenAI7.ChatCompletion;
  chunk: OpenAI7.ChatCompletionChunk;
  embeddingParams: OpenAI7.EmbeddingCreateParams;
  embeddings: OpenAI7.CreateEmbeddingResponse;
  model: OpenAI7.Model;
}

declare const mesh: MeshClient;
export const asV6Client: OpenAIShapedClient<V6> = mesh;
export const asV7Client: OpenAIShapedClient<V7> = mesh;

// The everyday calls, written as against the `openai` client, compile unchanged.
export async function everyday(params6: OpenAI6.ChatCompletionCreateParamsNonStreaming, params7: OpenAI7.ChatCompletionCreateParamsStreaming): Promise<void> {
  const completion: OpenAI6.ChatCompletion = await mesh.chat.completions.create(params6);
  const stream: ChatCompletionStream = await mesh.chat.completions.create(params7, { signal: AbortSignal.timeout(1000) });
  for await (const chunk of stream) {
    const typed: OpenAI7.ChatCompletionChunk = chunk;
    if (typed.choices.length === 0) stream.controller.abort();
  }
  const final: OpenAI7.ChatCompletion = await stream.finalChatCompletion();
  const body: ReadableStream = stream.toReadableStream();
  void [completion, final, body];
}

// @ts-expect-error: the official client type is nominal (protected/private class members)
export const asOfficialClient: Pick<OpenAI6, 'chat' | 'embeddings' | 'models'> = mesh;
