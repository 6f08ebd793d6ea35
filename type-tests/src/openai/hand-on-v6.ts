// ModelMesh values handed to code typed with openai 6.x's types. Responses assign as they
// are. Request types also hold what 7.x added (and 6.49 widened), which 6.30 cannot take;
// every other request field assigns as it is, which the `Except` assignments check. The
// `@ts-expect-error` lines keep each listed conflict honest: if it disappears, they fail.
import type * as MM from '@modelmesh/provider';
import type OpenAI from 'openai-v6';
import type { Except, MeshSurface, V6Surface } from './surfaces.js';

type Requests = 'params' | 'streaming' | 'nonStreaming' | 'message';
declare const mesh: MeshSurface;
export const handedOn: Omit<V6Surface, Requests> = mesh;

// Request: 7.x's service tier `fast`, effort `max`, retention spelling `in_memory`; 6.49's
// `null` for prompt_cache_key and safety_identifier; 7.x's image `detail: 'original'` (in messages).
type ParamConflicts = 'service_tier' | 'reasoning_effort' | 'prompt_cache_key' | 'prompt_cache_retention' | 'safety_identifier' | 'messages';
declare const streaming: Except<MM.ChatCompletionCreateParamsStreaming, OpenAI.ChatCompletionCreateParamsStreaming, ParamConflicts>;
declare const nonStreaming: Except<MM.ChatCompletionCreateParamsNonStreaming, OpenAI.ChatCompletionCreateParamsNonStreaming, ParamConflicts>;
declare const user: Except<MM.ChatCompletionUserMessageParam, OpenAI.ChatCompletionUserMessageParam, 'content'>;
declare const image: MM.ChatCompletionContentPartImage & { image_url: { detail?: 'auto' | 'low' | 'high' } };
declare const others: Exclude<MM.ChatCompletionMessageParam, MM.ChatCompletionUserMessageParam>;
declare const otherParts: Exclude<MM.ChatCompletionContentPart, MM.ChatCompletionContentPartImage>;

export const requestsHandedOn: [
  OpenAI.ChatCompletionCreateParamsStreaming,
  OpenAI.ChatCompletionCreateParamsNonStreaming,
  OpenAI.ChatCompletionUserMessageParam,
  OpenAI.ChatCompletionContentPartImage,
  OpenAI.ChatCompletionMessageParam,
  OpenAI.ChatCompletionContentPart,
] = [streaming, nonStreaming, user, image, others, otherParts];

declare const fullImage: MM.ChatCompletionContentPartImage;
// @ts-expect-error: 7.x / 6.49 request values
export const fullParams: OpenAI.ChatCompletionCreateParams = mesh.params;
// @ts-expect-error: `detail: 'original'`
export const fullImagePart: OpenAI.ChatCompletionContentPartImage = fullImage;
