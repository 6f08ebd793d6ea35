// Our OpenAI-shaped types must flow both ways with the official `openai` package's types, so
// code written against the `openai` client compiles against the mesh unchanged. The full
// matrix (both directions, openai 6.x and 7.x) lives in /type-tests; the assignments below are
// the everyday ones, checked by `tsc` (pnpm typecheck); the test checks the runtime shape.
import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type * as Mesh from '../src/index.js';
import { twoModelMesh } from './support/mesh-fixture.js';

type Assignable<From extends To, To> = [From, To];
export type Checks = [
  Assignable<Mesh.ChatCompletion, OpenAI.ChatCompletion>,
  Assignable<OpenAI.ChatCompletion, Mesh.ChatCompletion>,
  Assignable<Mesh.ChatCompletionChunk, OpenAI.ChatCompletionChunk>,
  Assignable<OpenAI.ChatCompletionChunk, Mesh.ChatCompletionChunk>,
  Assignable<OpenAI.ChatCompletionCreateParamsNonStreaming, Mesh.ChatCompletionCreateParamsNonStreaming>,
  Assignable<OpenAI.ChatCompletionCreateParamsStreaming, Mesh.ChatCompletionCreateParamsStreaming>,
  Assignable<OpenAI.ChatCompletionMessageParam, Mesh.ChatCompletionMessageParam>,
  Assignable<OpenAI.ChatCompletionTool, Mesh.ChatCompletionTool>,
  Assignable<OpenAI.EmbeddingCreateParams, Mesh.EmbeddingCreateParams>,
  Assignable<Mesh.CreateEmbeddingResponse, OpenAI.CreateEmbeddingResponse>,
  Assignable<Mesh.CompletionUsage, OpenAI.CompletionUsage>,
];

describe('compatibility with the openai package types', () => {
  it('accepts params typed with the openai package and returns a value typed as its ChatCompletion', async () => {
    const { client } = twoModelMesh();
    const params: OpenAI.ChatCompletionCreateParamsNonStreaming = {
      model: 'chat',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }],
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      seed: 7,
    };
    const response: OpenAI.ChatCompletion = await client.chat.completions.create(params);
    expect(response.object).toBe('chat.completion');
    expect(response.choices[0]?.message.role).toBe('assistant');
    expect(Object.keys(response.usage ?? {})).toEqual(['prompt_tokens', 'completion_tokens', 'total_tokens']);
  });

  it('passes the values either openai line adds through to the provider as they are', async () => {
    const { client, a } = twoModelMesh();
    const seen: unknown[] = [];
    const chat = a.chat.bind(a);
    a.chat = async (request, call) => {
      seen.push(request);
      return chat(request, call);
    };
    const params: Mesh.ChatCompletionCreateParamsNonStreaming = {
      model: 'chat',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', prompt_cache_breakpoint: { mode: 'explicit', ttl: '30m' } }] }],
      prompt_cache_key: null,
      safety_identifier: null,
      service_tier: 'fast',
      reasoning_effort: 'max',
      prompt_cache_retention: 'in_memory',
    };
    await client.chat.completions.create(params);
    expect(seen).toEqual([{ ...params, model: 'model-a' }]);
  });
});
