import { describe, expect, it } from 'vitest';
import { ContextLengthExceededError, createMesh, ManualClock } from '../src/index.js';
import { FakeProvider } from './support/fake-provider.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

describe('stick-until-failure after a failover inside a request', () => {
  it('sticks to the model that answered, although the failed one is still active', async () => {
    const { client, clock, a, b, events } = twoModelMesh();
    a.script('model-a', { status: 503 }, { status: 503 }, { ok: 'a is back' });
    b.script('model-b', { ok: 'from b' }, { ok: 'from b again' });
    const first = await withClock(clock, client.chat.completions.create(ask));
    expect(first.model).toBe('model-b');
    // two failures stay below the default failure_threshold of 3: model-a is still active
    expect(events.filter((e) => e.name === 'model.deactivated')).toEqual([]);
    const second = await withClock(clock, client.chat.completions.create(ask));
    expect(second.model).toBe('model-b');
    expect(a.calls).toHaveLength(2);
  });

  it('does not move when the request itself made the current model fail (a context overflow)', async () => {
    const clock = new ManualClock();
    const a = new FakeProvider('pa', clock);
    const b = new FakeProvider('pb', clock);
    const client = createMesh({
      clock,
      random: () => 0.5,
      providers: [
        { provider: a, models: [{ id: 'small', capabilities: ['chat-completion'], contextWindow: 8_000 }] },
        { provider: b, models: [{ id: 'large', capabilities: ['chat-completion'], contextWindow: 200_000 }] },
      ],
      config: { pools: { chat: { capability: 'chat-completion' } } },
    });
    a.script('small', { error: new ContextLengthExceededError({ providerId: 'pa', modelId: 'small' }) }, { ok: 'a short one' });
    b.script('large', { ok: 'the long one' });
    expect((await withClock(clock, client.chat.completions.create(ask))).model).toBe('large');
    expect((await withClock(clock, client.chat.completions.create(ask))).model).toBe('small');
  });
});
