// openai 7.x values are accepted where ModelMesh's types are asked for, without casts.
// Requests: all of them. Responses: all but 7.x's `service_tier: 'fast'` and streamed custom
// tool calls, which ModelMesh's response types leave out so that responses still assign to
// 6.x's types (hand-on-v6.ts), the direction everyday code relies on.
import type * as MM from '@modelmesh/provider';
import type OpenAI from 'openai-v7';
import type { HandOnExcept, ModelListBody } from './helpers.js';

declare const params: OpenAI.ChatCompletionCreateParams;
declare const streaming: OpenAI.ChatCompletionCreateParamsStreaming;
declare const nonStreaming: OpenAI.ChatCompletionCreateParamsNonStreaming;
declare const message: OpenAI.ChatCompletionMessageParam;
declare const tool: OpenAI.ChatCompletionTool;
declare const toolChoice: OpenAI.ChatCompletionToolChoiceOption;
declare const completion: HandOnExcept<OpenAI.ChatCompletion, MM.ChatCompletion, 'service_tier'>;
declare const chunk: HandOnExcept<OpenAI.ChatCompletionChunk, MM.ChatCompletionChunk, 'service_tier' | 'choices'>;
declare const chunkChoice: HandOnExcept<OpenAI.ChatCompletionChunk.Choice, MM.ChatCompletionChunkChoice, 'delta'>;
declare const delta: HandOnExcept<OpenAI.ChatCompletionChunk.Choice.Delta, MM.ChatCompletionChunkDelta, 'tool_calls'>;
declare const functionToolCallDelta: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall & { type?: 'function' };
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
  MM.ChatCompletionChunkChoice,
  MM.ChatCompletionChunkDelta,
  MM.ChatCompletionChunkToolCall,
  MM.CompletionUsage,
  MM.EmbeddingCreateParams,
  MM.CreateEmbeddingResponse,
  MM.Model,
  MM.ModelList,
] = [params, streaming, nonStreaming, message, tool, toolChoice, completion, chunk, chunkChoice, delta, functionToolCallDelta, usage, embeddingParams, embeddings, model, models];

declare const fullCompletion: OpenAI.ChatCompletion;
declare const fullChunk: OpenAI.ChatCompletionChunk;
// @ts-expect-error: `service_tier: 'fast'`
export const acceptedCompletion: MM.ChatCompletion = fullCompletion;
// @ts-expect-error: `service_tier: 'fast'`, custom tool call deltas
export const acceptedChunk: MM.ChatCompletionChunk = fullChunk;
