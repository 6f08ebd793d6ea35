import { describe, expect, it } from 'vitest';
import { createMesh, ManualClock, MemoryStateStore, type MeshClient } from '../src/index.js';
import { chatModels, FakeProvider } from './support/fake-provider.js';
import { withClock } from './support/mesh-fixture.js';

const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi' }] };

/** One "process": a mesh over its own fake providers, on the shared store. */
function process(store: MemoryStateStore, clock: ManualClock): { client: MeshClient; a: FakeProvider; b: FakeProvider } {
  const a = new FakeProvider('pa', clock);
  const b = new FakeProvider('pb', clock);
  const client = createMesh({
    clock,
    random: () => 0.5,
    stateStore: store,
    providers: [
      { provider: a, models: chatModels('model-a') },
      { provider: b, models: chatModels('model-b') },
    ],
    config: {
      models: { 'model-a': { provider: 'pa', capabilities: ['chat-completion'] }, 'model-b': { provider: 'pb', capabilities: ['chat-completion'] } },
      // Priority keeps every request on model-a while it is active.
      pools: { chat: { models: ['model-a', 'model-b'], strategy: 'priority', deactivation: { retry_limit: 2 }, retry: { max_attempts: 1 } } },
    },
  });
  return { client, a, b };
}

const statusOf = (client: MeshClient, model: string) => client.poolStatus()['chat']?.models.find((m) => m.model === model)?.status;

describe('model health shared through the state store', () => {
  it('a model that failed in one process is skipped by another on its next request', async () => {
    const clock = new ManualClock();
    const store = new MemoryStateStore(clock);
    const first = process(store, clock);
    const second = process(store, clock);
    first.a.script('model-a', { status: 503 }, { status: 503 }, { status: 503 });
    await withClock(clock, first.client.chat.completions.create(ask)).catch(() => undefined);
    await withClock(clock, first.client.chat.completions.create(ask)).catch(() => undefined);
    expect(statusOf(first.client, 'model-a')).toBe('standby');
    expect(statusOf(second.client, 'model-a')).toBe('standby');
    const response = await withClock(clock, second.client.chat.completions.create(ask));
    expect(response.model).toContain('model-b');
    expect(second.a.calls).toHaveLength(0);
  });

  it('an early recovery travels; a cooldown running out does not reactivate a longer remote standby', async () => {
    const clock = new ManualClock();
    const store = new MemoryStateStore(clock);
    const first = process(store, clock);
    const second = process(store, clock);
    first.client.deactivate('model-a');
    expect(statusOf(second.client, 'model-a')).toBe('standby');
    first.client.reactivate('model-a');
    expect(statusOf(second.client, 'model-a')).toBe('active');

    first.client.deactivate('model-a', clock.now() + 1_000);
    second.client.deactivate('model-a', clock.now() + 5_000);
    await clock.advance(2_000);
    // The first process's own standby ran out; the second's longer one still holds in both.
    expect(statusOf(second.client, 'model-a')).toBe('standby');
    expect(statusOf(first.client, 'model-a')).toBe('standby');
  });

  it('a process that starts later loads the standbys already in the store', async () => {
    const clock = new ManualClock();
    const store = new MemoryStateStore(clock);
    const first = process(store, clock);
    first.client.deactivate('model-a', clock.now() + 60_000);
    const late = process(store, clock);
    await Promise.resolve();
    await Promise.resolve();
    expect(statusOf(late.client, 'model-a')).toBe('standby');
  });
});
