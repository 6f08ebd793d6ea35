import { describe, expect, it } from 'vitest';
import { createMesh, ManualClock, RoutingError } from '../src/index.js';
import { chatModels, FakeProvider } from './support/fake-provider.js';
import { ask, twoModelMesh } from './support/mesh-fixture.js';

describe('introspection', () => {
  it('explain() names the pool, strategy, selected model and every candidate without calling providers', () => {
    const { client, a, b } = twoModelMesh();
    const explanation = client.explain({ model: 'chat' });
    expect(explanation).toMatchObject({ poolName: 'chat', strategy: 'stick-until-failure', selectedModel: 'model-a', selectedProvider: 'pa' });
    expect(explanation.candidates.map((c) => [c.model, c.provider, c.status, c.selected])).toEqual([
      ['model-a', 'pa', 'active', true],
      ['model-b', 'pb', 'active', false],
    ]);
    expect(explanation.reason.length).toBeGreaterThan(0);
    expect(a.calls.length + b.calls.length).toBe(0);
  });

  it('explain() says which rule skipped a model', () => {
    const clock = new ManualClock();
    const text = new FakeProvider('text', clock);
    const vision = new FakeProvider('vis', clock);
    const client = createMesh({
      clock,
      providers: [
        { provider: text, models: [{ id: 'small', capabilities: ['chat-completion'], contextWindow: 50, features: { vision: false, tools: false } }] },
        { provider: vision, models: [{ id: 'big', capabilities: ['chat-completion'], contextWindow: 100_000, features: { vision: true, tools: true } }] },
      ],
    });
    const explanation = client.explain({
      model: 'chat-completion',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }],
    });
    expect(explanation.selectedModel).toBe('big');
    expect(explanation.candidates.find((c) => c.model === 'small')?.skipped).toMatch(/image input but the model has no vision/);
    const long = client.explain({ model: 'chat-completion', messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    expect(long.candidates.find((c) => c.model === 'small')?.skipped).toMatch(/exceed the context window of 50/);
  });

  it('describe() prints the pool as in the quick start', () => {
    const { client } = twoModelMesh();
    expect(client.describe('chat')).toBe(['Pool "chat" (strategy: stick-until-failure)', '  → model-a [fake.llm.v1] (active)', '    model-b [fake.llm.v1] (active)'].join('\n'));
  });

  it('poolStatus() and activeProviders() reflect standby models', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { status: 429, retryAfter: 30 });
    await client.chat.completions.create(ask);
    expect(client.poolStatus('chat')).toMatchObject({ active: 1, standby: 1, total: 2, currentModel: 'model-b' });
    expect(Object.keys(client.poolStatus())).toEqual(['chat']);
    expect(client.activeConnectors()).toEqual(['fake.llm.v1']);
    // Two accounts (pa, pb) on one connector stay apart: only pb still has an active model.
    expect(client.activeProviders()).toEqual(['pb']);
    expect(client.describe('chat')).toContain('model-a [fake.llm.v1] (standby: rate-limited)');
  });

  it('deactivate() and reactivate() refuse an unknown model key with a RoutingError naming the known ones', () => {
    const { client } = twoModelMesh();
    expect(() => client.deactivate('model-z')).toThrow(RoutingError);
    expect(() => client.reactivate('model-z')).toThrow(/unknown model "model-z"; the mesh's models are model-a, model-b/);
    client.deactivate('model-b');
    expect(client.activeProviders()).toEqual(['pa']);
  });

  it('models.list() lists the pools as virtual models', async () => {
    const { client } = twoModelMesh();
    const list = await client.models.list();
    expect(list.object).toBe('list');
    expect(list.data.map((m) => [m.id, m.object, m.owned_by])).toEqual([['chat', 'model', 'modelmesh']]);
  });

  it('an unknown virtual model is a RoutingError that lists what exists', async () => {
    const { client } = twoModelMesh();
    const error = (await client.chat.completions.create({ ...ask, model: 'nope' }).catch((e: unknown) => e)) as RoutingError;
    expect(error).toBeInstanceOf(RoutingError);
    expect(error.message).toContain('Available: chat');
  });

  it('lists the capabilities the models serve when no pool is configured', async () => {
    const clock = new ManualClock();
    const provider = new FakeProvider('p', clock);
    const client = createMesh({ clock, providers: [{ provider, models: [...chatModels('m1'), { id: 'e1', capabilities: ['text-embeddings'] }] }] });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['chat-completion', 'text-embeddings']);
    expect(client.describe()).toContain('Pool "chat-completion"');
  });

  it('applies the config defaults section to pools built on demand', async () => {
    const clock = new ManualClock();
    const provider = new FakeProvider('p', clock);
    provider.script('m1', { status: 503 }, { ok: 'second' });
    const client = createMesh({ clock, providers: [{ provider, models: chatModels('m1') }], config: { defaults: { retry: { max_attempts: 1 } } } });
    await expect(client.chat.completions.create({ ...ask, model: 'chat-completion' })).rejects.toMatchObject({ name: 'AllProvidersExhaustedError', attempts: 1 });
  });

  it('builds a pool on demand from a capability name', async () => {
    const clock = new ManualClock();
    const provider = new FakeProvider('p', clock);
    const client = createMesh({ clock, providers: [{ provider, models: chatModels('m1', 'm2') }] });
    const response = await client.chat.completions.create({ ...ask, model: 'generation.text-generation' });
    expect(response.model).toBe('m1');
    expect(client.explain({ model: 'chat' }).candidates.map((c) => c.model)).toEqual(['m1', 'm2']);
  });

  it('routes embeddings only to models that offer them', async () => {
    const clock = new ManualClock();
    const provider = new FakeProvider('p', clock);
    const client = createMesh({
      clock,
      providers: [{ provider, models: [...chatModels('chat-1'), { id: 'embed-1', capabilities: ['text-embeddings'], pricing: { input: 0.02 } }] }],
    });
    const response = await client.embeddings.create({ model: 'text-embeddings', input: 'hello' });
    expect(response.data[0]?.embedding).toEqual([0.1, 0.2]);
    expect(client.usage.byModel['embed-1']?.requests).toBe(1);
  });

  it('tracks usage and cost per model, provider and pool', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { ok: 'x', usage: { prompt: 1_000, completion: 500 } });
    await client.chat.completions.create(ask);
    await client.chat.completions.create(ask);
    // 1000 × $1/M + 500 × $2/M = $0.002 per request
    expect(client.usage.totalCost).toBeCloseTo(0.004, 10);
    expect(client.usage.totalTokens).toBe(3_000);
    expect(client.usage.byModel['model-a']).toMatchObject({ requests: 2, totalTokens: 3_000 });
    expect(client.usage.byProvider['pa']?.requests).toBe(2);
    expect(client.usage.byPool['chat']?.requests).toBe(2);
    expect(client.usage.summary()).toContain('model-a');
    client.usage.reset();
    expect(client.usage.totalRequests).toBe(0);
  });
});

describe('explain() with a session', () => {
  it('names the model a session-sticky pool would give that session', async () => {
    const { client } = twoModelMesh({ strategy: 'session-sticky' });
    const sessions = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    for (const sessionId of sessions) {
      const predicted = client.explain({ model: 'chat', sessionId }).selectedModel;
      const response = await client.chat.completions.create(ask, { sessionId });
      expect(response.model, sessionId).toBe(predicted);
    }
    const picks = new Set(sessions.map((sessionId) => client.explain({ model: 'chat', sessionId }).selectedModel));
    expect(picks.size).toBe(2);
  });
});
