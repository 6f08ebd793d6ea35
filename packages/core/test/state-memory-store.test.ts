import { describe, expect, it } from 'vitest';
import { ManualClock, MemoryStateStore, periodWindow } from '../src/index.js';

describe('MemoryStateStore', () => {
  it('reserve raises every counter or none', async () => {
    const store = new MemoryStateStore(new ManualClock());
    expect(await store.reserve([{ key: 'a', amount: 2, limit: 5 }, { key: 'b', amount: 1, limit: 1 }])).toEqual({ ok: true, values: [2, 1] });
    expect(await store.reserve([{ key: 'a', amount: 2, limit: 5 }, { key: 'b', amount: 1, limit: 1 }])).toEqual({ ok: false, index: 1, value: 1 });
    expect(await store.get(['a', 'b', 'missing'])).toEqual([2, 1, 0]);
  });

  it('concurrent reservations never cross the limit', async () => {
    const store = new MemoryStateStore(new ManualClock());
    const results = await Promise.all(Array.from({ length: 100 }, () => store.reserve([{ key: 'k', amount: 3, limit: 50 }])));
    expect(results.filter((r) => r.ok)).toHaveLength(16);
    expect(await store.get(['k'])).toEqual([48]);
  });

  it('counters expire after their ttl', async () => {
    const clock = new ManualClock();
    const store = new MemoryStateStore(clock);
    await store.add('k', 5, 1_000);
    await clock.advance(999);
    expect(await store.get(['k'])).toEqual([5]);
    await clock.advance(1);
    expect(await store.get(['k'])).toEqual([0]);
  });

  it('add accepts negative deltas (releases)', async () => {
    const store = new MemoryStateStore(new ManualClock());
    await store.add('k', 5);
    expect(await store.add('k', -2)).toBe(3);
  });
});

describe('periodWindow', () => {
  const at = Date.UTC(2026, 1, 28, 23, 59, 30, 500);
  it.each([
    ['minute', Date.UTC(2026, 1, 28, 23, 59), Date.UTC(2026, 2, 1, 0, 0)],
    ['hour', Date.UTC(2026, 1, 28, 23), Date.UTC(2026, 2, 1)],
    ['day', Date.UTC(2026, 1, 28), Date.UTC(2026, 2, 1)],
    ['month', Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1)],
    ['total', 0, Infinity],
  ] as const)('%s windows are fixed UTC windows', (period, start, end) => {
    expect(periodWindow(period, at)).toEqual({ start, end });
  });
});
