// ModelMesh values handed to code typed with openai 7.x's types. Every type assigns as it
// is, except the request's `prompt_cache_retention`, where ModelMesh also accepts 6.x's
// spelling `in-memory` (7.x renamed it `in_memory`).
import type OpenAI from 'openai-v7';
import type { Except, MeshSurface, V7Surface } from './surfaces.js';

type Requests = 'params' | 'streaming' | 'nonStreaming';
type Retention = 'prompt_cache_retention';
declare const mesh: MeshSurface;
declare const streaming: Except<MeshSurface['streaming'], OpenAI.ChatCompletionCreateParamsStreaming, Retention>;
declare const nonStreaming: Except<MeshSurface['nonStreaming'], OpenAI.ChatCompletionCreateParamsNonStreaming, Retention>;

export const handedOn: Omit<V7Surface, Requests> = mesh;
export const requestsHandedOn: [OpenAI.ChatCompletionCreateParamsStreaming, OpenAI.ChatCompletionCreateParamsNonStreaming] = [streaming, nonStreaming];

// The known conflict stays visible: when openai accepts `in-memory` again (or ModelMesh drops
// it), these directives fail and the exception above should go.
// @ts-expect-error: `in-memory` is 6.x-only
export const full: OpenAI.ChatCompletionCreateParams = mesh.params;
// @ts-expect-error: `in-memory` is 6.x-only
export const fullStreaming: OpenAI.ChatCompletionCreateParamsStreaming = mesh.streaming;
