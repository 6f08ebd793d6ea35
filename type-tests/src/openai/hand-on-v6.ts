// ModelMesh values handed to code typed with openai 6.x's types. Responses assign as they
// are. Request types also hold what 7.x added (and 6.49 widened), which 6.30 cannot take;
// every other request field hands on as it is, which the `HandOnExcept` assignments check. The `@ts-expect-error`
// lines keep each listed conflict honest: if it disappears, the directive fails.
import type * as MM from '@modelmesh/provider';
import type OpenAI from 'openai-v6';
import type { HandOnExcept, ModelListBody } from './helpers.js';

declare const tool: MM.ChatCompletionTool;
declare const toolChoice: MM.ChatCompletionToolChoiceOption;
declare const usage: MM.CompletionUsage;
declare const embeddingParams: MM.EmbeddingCreateParams;
declare const embeddings: MM.CreateEmbeddingResponse;
declare const model: MM.Model;
declare const models: MM.ModelList;
declare const developer: MM.ChatCompletionDeveloperMessageParam;
declare const system: MM.ChatCompletionSystemMessageParam;
declare const assistant: MM.ChatCompletionAssistantMessageParam;
declare const toolMessage: MM.ChatCompletionToolMessageParam;
declare const functionMessage: MM.ChatCompletionFunctionMessageParam;
declare const text: MM.ChatCompletionContentPartText;
declare const audio: MM.ChatCompletionContentPartInputAudio;
declare const file: MM.ChatCompletionContentPartFile;
declare const messageToolCall: MM.ChatCompletionMessageToolCall;
declare const completion: MM.ChatCompletion;
declare const chunk: MM.ChatCompletionChunk;

export const handedOn: [
  OpenAI.ChatCompletionTool,
  OpenAI.ChatCompletionToolChoiceOption,
  OpenAI.CompletionUsage,
  OpenAI.EmbeddingCreateParams,
  OpenAI.CreateEmbeddingResponse,
  OpenAI.Model,
  ModelListBody<OpenAI.Model>,
  OpenAI.ChatCompletionDeveloperMessageParam,
  OpenAI.ChatCompletionSystemMessageParam,
  OpenAI.ChatCompletionAssistantMessageParam,
  OpenAI.ChatCompletionToolMessageParam,
  OpenAI.ChatCompletionFunctionMessageParam,
  OpenAI.ChatCompletionContentPartText,
  OpenAI.ChatCompletionContentPartInputAudio,
  OpenAI.ChatCompletionContentPart.File,
  OpenAI.ChatCompletionMessageToolCall,
  OpenAI.ChatCompletion,
  OpenAI.ChatCompletionChunk,
] = [tool, toolChoice, usage, embeddingParams, embeddings, model, models, developer, system, assistant, toolMessage, functionMessage, text, audio, file, messageToolCall, completion, chunk];

// Request: 7.x's service tier `fast`, effort `max`, retention spelling `in_memory`; 6.49's
// `null` for prompt_cache_key and safety_identifier; 7.x's image `detail: 'original'` (in messages).
type ParamConflicts = 'service_tier' | 'reasoning_effort' | 'prompt_cache_key' | 'prompt_cache_retention' | 'safety_identifier' | 'messages';
declare const streamingBut: HandOnExcept<MM.ChatCompletionCreateParamsStreaming, OpenAI.ChatCompletionCreateParamsStreaming, ParamConflicts>;
declare const nonStreamingBut: HandOnExcept<MM.ChatCompletionCreateParamsNonStreaming, OpenAI.ChatCompletionCreateParamsNonStreaming, ParamConflicts>;
declare const imageBut: MM.ChatCompletionContentPartImage & { image_url: { detail?: 'auto' | 'low' | 'high' } };
declare const userBut: HandOnExcept<MM.ChatCompletionUserMessageParam, OpenAI.ChatCompletionUserMessageParam, 'content'>;

export const exceptConflicts: [
  OpenAI.ChatCompletionCreateParamsStreaming,
  OpenAI.ChatCompletionCreateParamsNonStreaming,
  OpenAI.ChatCompletionContentPartImage,
  OpenAI.ChatCompletionUserMessageParam,
] = [streamingBut, nonStreamingBut, imageBut, userBut];

declare const params: MM.ChatCompletionCreateParams;
declare const image: MM.ChatCompletionContentPartImage;
// @ts-expect-error: 7.x / 6.49 request values
export const fullParams: OpenAI.ChatCompletionCreateParams = params;
// @ts-expect-error: `detail: 'original'`
export const fullImage: OpenAI.ChatCompletionContentPartImage = image;
