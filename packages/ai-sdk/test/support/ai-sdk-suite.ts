// One behaviour suite, run against ai@6 (specification V3) and ai@5 (V2) with the real `ai`
// package of each, over fake OpenAI-wire vendors: the mesh must behave the same under both.
import { APICallError, NoSuchModelError } from '@ai-sdk/provider';
import { BudgetExceededError } from '@modelmesh/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import type { MeshSource } from '../../src/index.js';
import { bodyOf, startMeshFixture, type MeshFixture } from './mesh-fixture.js';

type Loose = (options: Record<string, unknown>) => unknown;

/** The parts of an `ai` package the suite calls (typed loosely: each version's own types are checked in its test file). */
export interface AiKit {
  readonly generateText: Loose;
  readonly streamText: Loose;
  readonly generateObject: Loose;
  readonly embed: Loose;
  readonly embedMany: Loose;
  readonly tool: (definition: Record<string, unknown>) => unknown;
  readonly stepCountIs: (count: number) => unknown;
}

/** A provider of either version, as the suite uses it. */
export interface AnyMeshProvider {
  (pool: string): unknown;
  textEmbeddingModel(pool: string): unknown;
  close(): Promise<void>;
}

interface TextResult {
  text: string;
  finishReason: string;
  usage: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  providerMetadata?: Record<string, Record<string, unknown>>;
  steps: unknown[];
  toolResults: Array<{ output: unknown }>;
}

interface StreamResult {
  textStream: AsyncIterable<string>;
  text: PromiseLike<string>;
  finishReason: PromiseLike<string>;
  usage: PromiseLike<{ inputTokens?: number; outputTokens?: number }>;
  providerMetadata: PromiseLike<Record<string, Record<string, unknown>> | undefined>;
}

export function aiSdkSuite(kit: AiKit, createProvider: (source: MeshSource) => AnyMeshProvider): void {
  let fixture: MeshFixture;
  let mesh: AnyMeshProvider;
  beforeEach(async () => {
    fixture = await startMeshFixture();
    mesh = createProvider(fixture.client);
  });
  afterEach(async () => {
    await mesh.close();
    await fixture.close();
  });

  it('generateText: answers through the preferred model and says which one in providerMetadata', async () => {
    fixture.primary.script({ kind: 'ok', content: 'Hello from the mesh', usage: { prompt_tokens: 12, completion_tokens: 4 } });
    const result = (await kit.generateText({ model: mesh('chat-completion'), prompt: 'Hi', temperature: 0.2, maxOutputTokens: 50 })) as TextResult;
    expect(result.text).toBe('Hello from the mesh');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({ inputTokens: 12, outputTokens: 4, totalTokens: 16 });
    expect(result.providerMetadata?.['modelmesh']).toMatchObject({ pool: 'chat-completion', model: 'primary-mini', provider: 'primary', modelId: 'gpt-4o-mini', attempts: 1 });
    expect(bodyOf(fixture.primary, 0)).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    expect(fixture.client.usage.totalTokens).toBe(16);
  });

  it('generateText: a vendor failing mid-call fails over to the next model; the AI SDK sees one successful call', async () => {
    fixture.primary.script({ kind: 'status', status: 500 });
    fixture.backup.script({ kind: 'ok', content: 'Backup answer', usage: { prompt_tokens: 10, completion_tokens: 2 } });
    const result = (await kit.generateText({ model: mesh('chat-completion'), prompt: 'Hi' })) as TextResult;
    expect(result.text).toBe('Backup answer');
    const metadata = result.providerMetadata?.['modelmesh'];
    expect(metadata).toMatchObject({ model: 'backup-4o', provider: 'backup', modelId: 'gpt-4o', attempts: 2 });
    // Priced at $5/$10 per 1M tokens: 10 input and 2 output tokens.
    expect(metadata?.['costUsd']).toBeCloseTo((10 * 5 + 2 * 10) / 1e6, 12);
    expect(fixture.primary.requests).toHaveLength(1);
    expect(fixture.backup.requests).toHaveLength(1);
  });

  it('streamText: streams the text, then finish reason, usage and the serving model', async () => {
    fixture.primary.script({ kind: 'ok', content: 'One two three', chunks: ['One ', 'two ', 'three'], usage: { prompt_tokens: 7, completion_tokens: 3 } });
    const result = kit.streamText({ model: mesh('chat-completion'), prompt: 'Count' }) as StreamResult;
    const pieces: string[] = [];
    for await (const piece of result.textStream) pieces.push(piece);
    expect(pieces).toEqual(['One ', 'two ', 'three']);
    expect(await result.finishReason).toBe('stop');
    expect(await result.usage).toMatchObject({ inputTokens: 7, outputTokens: 3 });
    expect((await result.providerMetadata)?.['modelmesh']).toMatchObject({ model: 'primary-mini', provider: 'primary', attempts: 1 });
    expect(bodyOf(fixture.primary, 0)).toMatchObject({ stream: true });
  });

  it('streamText: a stream that breaks before its first token fails over; the caller sees only the backup answer', async () => {
    fixture.primary.script({ kind: 'cut', afterChunks: 0, content: 'never seen' });
    fixture.backup.script({ kind: 'ok', content: 'Backup streamed', chunks: ['Backup ', 'streamed'] });
    const result = kit.streamText({ model: mesh('chat-completion'), prompt: 'Hi' }) as StreamResult;
    expect(await result.text).toBe('Backup streamed');
    expect((await result.providerMetadata)?.['modelmesh']).toMatchObject({ model: 'backup-4o', attempts: 2 });
  });

  it('streamText: a stream cut after content is recovered by the mesh or ends in a typed error, never a silently short success', async () => {
    const answer = { content: 'Alpha beta gamma delta', chunks: ['Alpha ', 'beta ', 'gamma ', 'delta'] };
    fixture.primary.script({ kind: 'cut', afterChunks: 2, ...answer });
    fixture.backup.script({ kind: 'ok', ...answer });
    const errors: unknown[] = [];
    const result = kit.streamText({ model: mesh('chat-completion'), prompt: 'Hi', onError: ({ error }: { error: unknown }) => void errors.push(error) }) as StreamResult;
    let text = '';
    for await (const piece of result.textStream) text += piece;
    if (errors.length === 0) {
      expect(text).toBe('Alpha beta gamma delta');
      expect((await result.providerMetadata)?.['modelmesh']).toMatchObject({ model: 'backup-4o' });
    } else {
      expect(text).toBe('Alpha beta ');
      const error = errors[0] as APICallError;
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.isRetryable).toBe(false);
      expect((error.cause as Error).name).toBe('StreamInterruptedError');
    }
  });

  it('tool calls: the model asks for a tool, the AI SDK runs it, the mesh gets the result back', async () => {
    fixture.primary.script(
      { kind: 'ok', toolCalls: [{ id: 'call_weather', name: 'weather', arguments: { city: 'Paris' } }] },
      { kind: 'ok', content: 'Sunny in Paris.' },
    );
    const weather = kit.tool({
      description: 'Weather for a city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }: { city: string }) => ({ city, sky: 'sunny' }),
    });
    const result = (await kit.generateText({ model: mesh('chat-completion'), prompt: 'Weather in Paris?', tools: { weather }, stopWhen: kit.stepCountIs(3) })) as TextResult;
    expect(result.text).toBe('Sunny in Paris.');
    expect(result.steps).toHaveLength(2);
    const first = bodyOf(fixture.primary, 0);
    expect(first['tools']).toEqual([
      { type: 'function', function: { name: 'weather', description: 'Weather for a city', parameters: expect.objectContaining({ type: 'object', required: ['city'] }) } },
    ]);
    const second = bodyOf(fixture.primary, 1)['messages'] as Array<Record<string, unknown>>;
    expect(second.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_weather', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] });
    expect(second.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_weather', content: '{"city":"Paris","sky":"sunny"}' });
  });

  it('generateObject: asks for a JSON schema answer and parses it', async () => {
    fixture.primary.script({ kind: 'ok', content: '{"name":"Ada","age":36}' });
    const result = (await kit.generateObject({ model: mesh('chat-completion'), schema: z.object({ name: z.string(), age: z.number() }), prompt: 'A person' })) as { object: unknown };
    expect(result.object).toEqual({ name: 'Ada', age: 36 });
    expect(bodyOf(fixture.primary, 0)['response_format']).toMatchObject({ type: 'json_schema', json_schema: { name: 'response', schema: expect.objectContaining({ type: 'object' }) } });
  });

  it('embed and embedMany: route through the embedding pool and fail over', async () => {
    fixture.primary.script({ kind: 'status', status: 503 });
    const single = (await kit.embed({ model: mesh.textEmbeddingModel('text-embeddings'), value: 'hello' })) as { embedding: number[]; usage: { tokens: number } };
    expect(single.embedding.length).toBeGreaterThan(0);
    expect(single.usage.tokens).toBeGreaterThan(0);
    expect(fixture.backup.requests).toHaveLength(1);
    const many = (await kit.embedMany({ model: mesh.textEmbeddingModel('text-embeddings'), values: ['a', 'b', 'c'] })) as { embeddings: number[][] };
    expect(many.embeddings).toHaveLength(3);
    expect(bodyOf(fixture.primary, 1)).toMatchObject({ input: ['a', 'b', 'c'] });
  });

  it('errors: an exhausted pool is a non-retryable APICallError, so the AI SDK does not multiply attempts', async () => {
    fixture.primary.script({ kind: 'status', status: 401 });
    fixture.backup.script({ kind: 'status', status: 401 });
    const failure = await Promise.resolve(kit.generateText({ model: mesh('chat-completion'), prompt: 'Hi', maxRetries: 2 })).catch((error: unknown) => error);
    expect(APICallError.isInstance(failure)).toBe(true);
    const error = failure as APICallError;
    expect(error.isRetryable).toBe(false);
    expect(error.statusCode).toBe(401);
    expect(error.url).toBe('modelmesh:pool/chat-completion');
    expect(JSON.stringify(error.data)).not.toContain('sk-primary-test');
    expect(fixture.primary.requests).toHaveLength(1);
    expect(fixture.backup.requests).toHaveLength(1);
  });

  it('errors: a stream whose every candidate fails rejects with the mapped error through onError', async () => {
    fixture.primary.script({ kind: 'status', status: 400 });
    const errors: unknown[] = [];
    const result = kit.streamText({ model: mesh('chat-completion'), prompt: 'Hi', onError: ({ error }: { error: unknown }) => void errors.push(error) }) as StreamResult;
    for await (const _ of result.textStream) {
      // drain
    }
    expect(errors).toHaveLength(1);
    expect(APICallError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as APICallError).statusCode).toBe(400);
  });

  it('abortSignal cancels the request, the upstream HTTP call included', async () => {
    fixture.primary.script({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = Promise.resolve(kit.generateText({ model: mesh('chat-completion'), prompt: 'Hi', abortSignal: controller.signal })).catch((error: unknown) => error);
    const request = await fixture.primary.waitForRequests(1);
    controller.abort();
    const failure = await pending;
    expect(failure).toBeInstanceOf(Error);
    expect(APICallError.isInstance(failure)).toBe(false);
    expect(await fixture.primary.waitForEnd(request)).toBe('client-closed');
    expect(fixture.backup.requests).toHaveLength(0);
  });

  it('budgets: a call over the pool budget is refused with the typed BudgetExceededError, no vendor called', async () => {
    await kit.generateText({ model: mesh('capped'), prompt: 'first' });
    const failure = await Promise.resolve(kit.generateText({ model: mesh('capped'), prompt: 'second', maxRetries: 2 })).catch((error: unknown) => error);
    expect(BudgetExceededError.isInstance(failure)).toBe(true);
    expect((failure as BudgetExceededError).limitType).toBe('requests');
    expect(fixture.primary.requests).toHaveLength(1);
  });

  it('an unknown pool is a NoSuchModelError at once', () => {
    expect(() => mesh('no-such-pool')).toThrow(NoSuchModelError);
  });
}
