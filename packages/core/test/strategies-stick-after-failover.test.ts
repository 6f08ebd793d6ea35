import { describe, expect, it } from 'vitest';
import { ContextLengthExceededError } from '../src/index.js';
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
    const { client, clock, a, b } = twoModelMesh({}, [], { b: { contextWindow: 200_000 } });
    a.script('model-a', { error: new ContextLengthExceededError({ providerId: 'pa', modelId: 'model-a' }) }, { ok: 'a short one' });
    b.script('model-b', { ok: 'the long one' });
    expect((await withClock(clock, client.chat.completions.create(ask))).model).toBe('model-b');
    expect((await withClock(clock, client.chat.completions.create(ask))).model).toBe('model-a');
  });
});
