// The TypeScript snippets of ../shared/seeds/quickstart.txt, as written (types added where
// TypeScript needs them), with a fake provider package enabled by FAKE_API_KEY.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  create,
  Middleware,
  ModelMeshError,
  NoActiveModelError,
  RateLimitError,
  registerProviderPlugin,
  type ChatCompletion,
  type ChatCompletionCreateParams,
  type MiddlewareContext,
} from 'modelmesh';
import * as capabilities from 'modelmesh/capabilities';
import { mockClient } from 'modelmesh/testing';
import { fakePlugin } from './support/fake-plugin.js';

const plugin = fakePlugin();
registerProviderPlugin(plugin);

beforeEach(() => vi.stubEnv('FAKE_API_KEY', 'fk-test-1234567890'));
afterEach(() => vi.unstubAllEnvs());

describe('quick start', () => {
  it('create() and a first request', async () => {
    const client = create('chat-completion');
    const response = await client.chat.completions.create({
      model: 'chat-completion',
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(response.choices[0]?.message?.content).toBe('Hello from the fake vendor!');
    await client.close();
  });

  it('close() in finally', async () => {
    const client = create('chat-completion');
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.model).toBe('fake-large');
    } finally {
      await client.close();
    }
    expect(plugin.created.at(-1)?.closed).toBe(true);
  });

  it('await using closes the client', async () => {
    let provider;
    {
      await using client = create('chat-completion');
      await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
      provider = plugin.created.at(-1);
      expect(provider?.closed).toBe(false);
    }
    expect(provider?.closed).toBe(true);
  });

  it('structured errors: instanceof checks as in the seed', async () => {
    const limited = fakePlugin({ type: 'http', status: 429, headers: { 'retry-after': '17' } });
    const client = create('chat-completion', { plugins: [limited], config: { providers: { fake: { connector: 'fake' } }, pools: { 'chat-completion': { capability: 'chat-completion', retry: { max_attempts: 2 }, recovery: { wait_for_recovery: false } } } } });
    const log: string[] = [];
    try {
      await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
    } catch (e) {
      if (e instanceof RateLimitError) {
        log.push(`Rate limited, retry in ${e.retryAfter}s`);
      } else if (e instanceof NoActiveModelError) {
        log.push('No models available');
      } else if (e instanceof ModelMeshError) {
        log.push(`Error (retryable: ${e.retryable}): ${e.message}`);
      }
    }
    expect(log).toEqual(['Rate limited, retry in 17s']);
    // both models are now in standby for the Retry-After, so the next request fails fast
    const second = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(NoActiveModelError);
    expect((second as NoActiveModelError).retryAfter).toBe(17);
  });

  it('middleware: LoggingMiddleware from the seed', async () => {
    const lines: string[] = [];
    class LoggingMiddleware extends Middleware {
      override async beforeRequest(request: ChatCompletionCreateParams, context: MiddlewareContext) {
        lines.push(`→ ${context.modelId} via ${context.providerId}`);
        return request;
      }
      override async afterResponse(response: ChatCompletion) {
        lines.push(`← ${response.usage?.totalTokens} tokens`);
        return response;
      }
    }
    const client = create('chat', { middleware: [new LoggingMiddleware()] });
    await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    expect(lines[0]).toBe('→ fake-large via fake');
    expect(lines[1]).toMatch(/^← \d+ tokens$/);
  });

  it('testing: mockClient as in the seed', async () => {
    const client = mockClient({
      responses: [{ content: 'Hello!', model: 'gpt-4o', tokens: 10 }],
    });
    const response = await client.chat.completions.create({
      model: 'chat-completion',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(response.choices[0].message?.content).toBe('Hello!');
    expect(client.calls.length).toBe(1);
    expect(client.calls[0].messages[0].content).toBe('Hi');
  });

  it('explain() names pool, strategy and selected model', () => {
    const client = create('chat-completion');
    const explanation = client.explain({ model: 'chat-completion' });
    expect(explanation.poolName).toBe('chat-completion');
    expect(explanation.strategy).toBe('stick-until-failure');
    expect(explanation.selectedModel).toBe('fake-large');
    expect(explanation.candidates.map((c) => c.model)).toEqual(['fake-large', 'fake-small']);
    expect(explanation.reason.length).toBeGreaterThan(0);
  });

  it('capabilities discovery through modelmesh/capabilities', () => {
    const caps = capabilities.listAll();
    const path = capabilities.resolve('chat-completion');
    const matches = capabilities.search('text');
    const tree = capabilities.tree();
    expect(caps).toContain('code-generation');
    expect(path).toBe('generation.text-generation.chat-completion');
    expect(matches).toEqual(expect.arrayContaining(['text-embeddings', 'text-generation', 'text-to-image', 'text-to-speech']));
    expect(tree).toMatchObject({ generation: { 'text-generation': { 'chat-completion': {} } } });
  });

  it('usage tracking', async () => {
    const client = create('chat');
    const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    const usage = response.usage;
    // fake-large costs $2.5 per million prompt tokens and $10 per million completion tokens
    const expected = ((usage?.prompt_tokens ?? 0) * 2.5 + (usage?.completion_tokens ?? 0) * 10) / 1e6;
    expect(expected).toBeGreaterThan(0);
    expect(`Total cost: $${client.usage.totalCost.toFixed(4)}`).toBe(`Total cost: $${expected.toFixed(4)}`);
    expect(client.usage.totalCost).toBeCloseTo(expected, 12);
    expect(`Total tokens: ${client.usage.totalTokens}`).toBe(`Total tokens: ${usage?.total_tokens}`);
  });

  it('describe(), poolStatus() and activeProviders()', () => {
    const client = create('chat-completion');
    expect(client.describe()).toBe(['Pool "chat-completion" (strategy: stick-until-failure)', '  → fake-large [fake.llm.v1] (active)', '    fake-small [fake.llm.v1] (active)'].join('\n'));
    expect(client.poolStatus()).toMatchObject({ 'chat-completion': { active: 2, standby: 0, total: 2 } });
    // The seed prints connector ids: activeConnectors(); activeProviders() gives the provider ids.
    expect(client.activeConnectors()).toEqual(['fake.llm.v1']);
    expect(client.activeProviders()).toEqual(['fake']);
  });

  it('secrets never appear in explain() or describe()', () => {
    const client = create('chat-completion');
    expect(JSON.stringify(client.explain({ model: 'chat-completion' }))).not.toContain('fk-test-1234567890');
    expect(client.describe()).not.toContain('fk-test-1234567890');
  });
});
