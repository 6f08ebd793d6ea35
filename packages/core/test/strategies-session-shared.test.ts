import { describe, expect, it } from 'vitest';
import { createMesh, ManualClock, MemoryStateStore, type MeshClient } from '../src/index.js';
import { fnv1a32 } from '../src/strategies/fnv1a.js';
import { chatModels, FakeProvider } from './support/fake-provider.js';
import { withClock } from './support/mesh-fixture.js';

/** One "process": a session-sticky mesh over two fake providers, on the shared store. */
function process(store: MemoryStateStore, clock: ManualClock): MeshClient {
  return createMesh({
    clock,
    random: () => 0.5,
    stateStore: store,
    providers: [
      { provider: new FakeProvider('pa', clock), models: chatModels('model-a') },
      { provider: new FakeProvider('pb', clock), models: chatModels('model-b') },
    ],
    config: {
      models: { 'model-a': { provider: 'pa', capabilities: ['chat-completion'] }, 'model-b': { provider: 'pb', capabilities: ['chat-completion'] } },
      pools: { chat: { models: ['model-a', 'model-b'], strategy: 'session-sticky' } },
    },
  });
}

// A session id the hash places on model-a (candidate 0 of 2).
const session = ['s0', 's1', 's2', 's3'].find((id) => fnv1a32(id) % 2 === 0) ?? 's0';
const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi' }], user: session };

describe('session-sticky assignments shared through the state store', () => {
  it('a session moved to another model in one process stays there in another process', async () => {
    const clock = new ManualClock();
    const store = new MemoryStateStore(clock);
    const first = process(store, clock);
    const second = process(store, clock);
    expect((await withClock(clock, first.chat.completions.create(ask))).model).toContain('model-a');
    // model-a leaves; the session is remapped to model-b, and keeps it after model-a is back.
    first.deactivate('model-a');
    expect((await withClock(clock, first.chat.completions.create(ask))).model).toContain('model-b');
    first.reactivate('model-a');
    expect((await withClock(clock, first.chat.completions.create(ask))).model).toContain('model-b');
    // The second process never saw the session: its hash alone would say model-a.
    expect((await withClock(clock, second.chat.completions.create(ask))).model).toContain('model-b');
  });

  it('a mesh on its own memory store keeps sessions to itself', async () => {
    const clock = new ManualClock();
    const alone = createMesh({
      clock,
      random: () => 0.5,
      providers: [{ provider: new FakeProvider('pa', clock), models: chatModels('model-a') }],
      config: { models: { 'model-a': { provider: 'pa', capabilities: ['chat-completion'] } }, pools: { chat: { models: ['model-a'], strategy: 'session-sticky' } } },
    });
    expect((await withClock(clock, alone.chat.completions.create(ask))).model).toContain('model-a');
  });
});
