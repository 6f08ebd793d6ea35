// ModelMesh values handed to code typed with openai 7.x's types. Every type assigns as it
// is, except the request's `prompt_cache_retention`, where ModelMesh also accepts 6.x's
// spelling `in-memory` (7.x renamed it `in_memory`).
import type * as MM from '@modelmesh/provider';
import type OpenAI from 'openai-v7';
import type { HandOnExcept, ModelListBody } from './helpers.js';

declare const params: MM.ChatCompletionCreateParams;
declare const streaming: MM.ChatCompletionCreateParamsStreaming;
declare const nonStreaming: MM.ChatCompletionCreateParamsNonStreaming;
declare const message: MM.ChatCompletionMessageParam;
declare const tool: MM.ChatCompletionTool;
declare const toolChoice: MM.ChatCompletionToolChoiceOption;
declare const completion: MM.ChatCompletion;
declare const chunk: MM.ChatCompletionChunk;
declare const usage: MM.CompletionUsage;
declare const embeddingParams: MM.EmbeddingCreateParams;
declare const embeddings: MM.CreateEmbeddingResponse;
declare const model: MM.Model;
declare const models: MM.ModelList;

export const handedOn: [
  OpenAI.ChatCompletionMessageParam,
  OpenAI.ChatCompletionTool,
  OpenAI.ChatCompletionToolChoiceOption,
  OpenAI.ChatCompletion,
  OpenAI.ChatCompletionChunk,
  OpenAI.CompletionUsage,
  OpenAI.EmbeddingCreateParams,
  OpenAI.CreateEmbeddingResponse,
  OpenAI.Model,
  ModelListBody<OpenAI.Model>,
] = [message, tool, toolChoice, completion, chunk, usage, embeddingParams, embeddings, model, models];

type Retention = 'prompt_cache_retention';
declare const streamingBut: HandOnExcept<MM.ChatCompletionCreateParamsStreaming, OpenAI.ChatCompletionCreateParamsStreaming, Retention>;
declare const nonStreamingBut: HandOnExcept<MM.ChatCompletionCreateParamsNonStreaming, OpenAI.ChatCompletionCreateParamsNonStreaming, Retention>;
export const paramsHandedOn: [OpenAI.ChatCompletionCreateParamsStreaming, OpenAI.ChatCompletionCreateParamsNonStreaming] = [streamingBut, nonStreamingBut];

// The known conflict stays visible: when openai accepts `in-memory` again (or ModelMesh drops
// it), these directives fail and the exception above should go.
// @ts-expect-error: `in-memory` is 6.x-only
export const full: OpenAI.ChatCompletionCreateParams = params;
// @ts-expect-error: `in-memory` is 6.x-only
export const fullStreaming: OpenAI.ChatCompletionCreateParamsStreaming = streaming;
// @ts-expect-error: `in-memory` is 6.x-only
export const fullNonStreaming: OpenAI.ChatCompletionCreateParamsNonStreaming = nonStreaming;
