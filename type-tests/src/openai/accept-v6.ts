// openai 6.x values are accepted where ModelMesh's types are asked for, without casts.
import type * as MM from '@modelmesh/provider';
import type OpenAI from 'openai-v6';
import type { ModelListBody } from './helpers.js';

declare const params: OpenAI.ChatCompletionCreateParams;
declare const streaming: OpenAI.ChatCompletionCreateParamsStreaming;
declare const nonStreaming: OpenAI.ChatCompletionCreateParamsNonStreaming;
declare const message: OpenAI.ChatCompletionMessageParam;
declare const tool: OpenAI.ChatCompletionTool;
declare const toolChoice: OpenAI.ChatCompletionToolChoiceOption;
declare const completion: OpenAI.ChatCompletion;
declare const chunk: OpenAI.ChatCompletionChunk;
declare const usage: OpenAI.CompletionUsage;
declare const embeddingParams: OpenAI.EmbeddingCreateParams;
declare const embeddings: OpenAI.CreateEmbeddingResponse;
declare const model: OpenAI.Model;
declare const models: ModelListBody<OpenAI.Model>;

export const accepted: [
  MM.ChatCompletionCreateParams,
  MM.ChatCompletionCreateParamsStreaming,
  MM.ChatCompletionCreateParamsNonStreaming,
  MM.ChatCompletionMessageParam,
  MM.ChatCompletionTool,
  MM.ChatCompletionToolChoiceOption,
  MM.ChatCompletion,
  MM.ChatCompletionChunk,
  MM.CompletionUsage,
  MM.EmbeddingCreateParams,
  MM.CreateEmbeddingResponse,
  MM.Model,
  MM.ModelList,
] = [params, streaming, nonStreaming, message, tool, toolChoice, completion, chunk, usage, embeddingParams, embeddings, model, models];
