// openai 7.x values are accepted where ModelMesh's types are asked for, without casts.
// Requests: all of them. Responses: all but 7.x's `service_tier: 'fast'` and streamed custom
// tool calls, which ModelMesh's response types leave out so that responses still assign to
// 6.x's types (hand-on-v6.ts), the direction everyday code relies on.
import type * as MM from '@modelmesh/provider';
import type OpenAI from 'openai-v7';
import type { Except, MeshSurface, V7Surface } from './surfaces.js';

type Chunk = OpenAI.ChatCompletionChunk;
type Choice = OpenAI.ChatCompletionChunk.Choice;
type Delta = OpenAI.ChatCompletionChunk.Choice.Delta;
declare const openai: Except<V7Surface, MeshSurface, 'completion' | 'chunk'>;
declare const completion: Except<OpenAI.ChatCompletion, MM.ChatCompletion, 'service_tier'>;
declare const chunk: Except<Chunk, MM.ChatCompletionChunk, 'service_tier' | 'choices'>;
declare const choice: Except<Choice, MM.ChatCompletionChunkChoice, 'delta'>;
declare const delta: Except<Delta, MM.ChatCompletionChunkDelta, 'tool_calls'>;
declare const functionCallDelta: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall & { type?: 'function' };

export const accepted: MeshSurface = openai;
export const acceptedResponses: [MM.ChatCompletion, MM.ChatCompletionChunk, MM.ChatCompletionChunkChoice, MM.ChatCompletionChunkDelta, MM.ChatCompletionChunkToolCall] = [
  completion,
  chunk,
  choice,
  delta,
  functionCallDelta,
];

// The known conflicts stay visible: when they go away, these directives fail.
declare const full: V7Surface;
// @ts-expect-error: `service_tier: 'fast'`
export const acceptedCompletion: MM.ChatCompletion = full.completion;
// @ts-expect-error: `service_tier: 'fast'`, custom tool call deltas
export const acceptedChunk: MM.ChatCompletionChunk = full.chunk;
