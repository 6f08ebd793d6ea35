import { ManualClock, createMesh } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { FakeClock, ManualClock as ExportedManualClock, mockProviderEntry, seededRandom } from '../src/index.js';

const take = (random: () => number, n: number) => Array.from({ length: n }, () => random());

describe('seededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(seededRandom(42), 50)).toEqual(take(seededRandom(42), 50));
  });

  it('gives different sequences for different seeds', () => {
    expect(take(seededRandom(1), 10)).not.toEqual(take(seededRandom(2), 10));
  });

  it('stays within [0, 1) and spreads over it', () => {
    const values = take(seededRandom(123), 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('makes a weighted strategy pick the same models on every run', async () => {
    const picks = async () => {
      const a = mockProviderEntry({ id: 'a', models: ['model-a'] });
      const b = mockProviderEntry({ id: 'b', models: ['model-b'] });
      const config = { pools: { chat: { capability: 'chat-completion', strategy: 'weighted' } } };
      const mesh = createMesh({ providers: [a, b], config, random: seededRandom(9) });
      const models: string[] = [];
      for (let i = 0; i < 12; i++) models.push((await mesh.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'x' }] })).model);
      return models;
    };
    const first = await picks();
    expect(await picks()).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });
});

describe('the fake clock', () => {
  it("is core's ManualClock, also exported as FakeClock", () => {
    expect(FakeClock).toBe(ManualClock);
    expect(ExportedManualClock).toBe(ManualClock);
    const clock = new FakeClock(0);
    expect(clock.now()).toBe(0);
  });
});
