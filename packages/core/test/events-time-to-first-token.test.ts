import { describe, expect, it } from 'vitest';
import type { RequestCompletedEvent } from '../src/index.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

describe('request.completed', () => {
  it('carries the time to first token of an answered stream, and none for a JSON answer', async () => {
    const { client, clock, a } = twoModelMesh();
    const events: RequestCompletedEvent[] = [];
    client.on('request.completed', (e) => events.push(e));
    a.script('model-a', { stream: ['Hel', 'lo'], delayMs: 250 }, { ok: 'plain' });
    const stream = await withClock(clock, client.chat.completions.create({ ...ask, stream: true }));
    for await (const chunk of stream) void chunk;
    await client.chat.completions.create(ask);
    expect(events.map((e) => [e.stream, e.timeToFirstTokenMs])).toEqual([
      [true, 250],
      [false, undefined],
    ]);
  });
});
