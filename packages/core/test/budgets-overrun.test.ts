import { describe, expect, it } from 'vitest';
import { BudgetExceededError } from '../src/index.js';
import { budgetMesh, paid } from './support/budget-mesh.js';
import { withClock } from './support/mesh-fixture.js';

// 'Hi there' is estimated at 6 prompt tokens (2 for the text, 4 of framing); with max_tokens 5
// an attempt reserves 11 tokens. The provider below spends 22: twice its reservation.
const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi there' }], max_tokens: 5 };
const RESERVED = 11;
const ACTUAL = 22;
const overrunning = { ok: 'long answer', delayMs: 100, usage: { prompt: 10, completion: 12 } };

function tokenBudget(limit: number) {
  const mesh = budgetMesh([paid('m')], {
    pools: { chat: { models: ['m'] } },
    models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } } },
    budgets: [{ name: 'cap', scope: 'global', period: 'total', limit_tokens: limit, action: 'error' }],
  });
  mesh.provider.script('m', overrunning);
  return mesh;
}

async function burst(mesh: ReturnType<typeof tokenBudget>, count: number): Promise<{ ok: number; refused: number }> {
  const results = await withClock(mesh.clock, Promise.allSettled(Array.from({ length: count }, () => mesh.client.chat.completions.create(ask))));
  return {
    ok: results.filter((r) => r.status === 'fulfilled').length,
    refused: results.filter((r) => r.status === 'rejected' && r.reason instanceof BudgetExceededError).length,
  };
}

const used = (mesh: ReturnType<typeof tokenBudget>) => mesh.client.usage.budgetStatus?.budgets['cap']?.used ?? Number.NaN;

describe('when actual spend exceeds the reservation', () => {
  it('a cold burst overshoots by at most one overrun: an uncalibrated model takes one reservation at a time', async () => {
    const mesh = tokenBudget(110);
    const first = await burst(mesh, 20);
    // The first attempt ran alone and taught the 2x margin; the rest reserved 22 tokens each.
    expect(first).toEqual({ ok: 5, refused: 15 });
    expect(used(mesh)).toBe(5 * ACTUAL);
    expect(used(mesh)).toBeLessThanOrEqual(110 + (ACTUAL - RESERVED));
    await expect(mesh.client.chat.completions.create(ask)).rejects.toBeInstanceOf(BudgetExceededError);
    expect(mesh.provider.calls).toHaveLength(5);
  });

  it('reservations learn the overrun, so a later burst of concurrent requests stays within the limit', async () => {
    const mesh = tokenBudget(200);
    await withClock(mesh.clock, mesh.client.chat.completions.create(ask));
    expect(used(mesh)).toBe(ACTUAL);
    const { ok, refused } = await burst(mesh, 20);
    expect(ok + refused).toBe(20);
    expect(ok).toBe(8);
    expect(used(mesh)).toBe(ACTUAL * 9);
    expect(used(mesh)).toBeLessThanOrEqual(200);
  });

  it('a margin learned from one overrun relaxes back to the bare estimate while answers fit', async () => {
    const limit = ACTUAL + 5 * 200 + RESERVED;
    const mesh = tokenBudget(limit);
    await withClock(mesh.clock, mesh.client.chat.completions.create(ask));
    mesh.provider.script('m', { ok: 'short', usage: { prompt: 3, completion: 2 } });
    for (let i = 0; i < 200; i++) await mesh.client.chat.completions.create(ask);
    // The margin is back to 1: an 11-token reservation fits the 11 tokens left.
    mesh.provider.script('m', { ok: 'fits', usage: { prompt: 6, completion: 5 } });
    await expect(mesh.client.chat.completions.create(ask)).resolves.toBeDefined();
    expect(used(mesh)).toBe(limit);
  });
});

describe('a hard budget when the provider reports twice the estimated prompt tokens', () => {
  // 'Hi there' is estimated at 6 prompt tokens; the provider reports 12. With max_tokens 5, an
  // attempt is estimated at 6 x $1 + 5 x $2 per million tokens and costs 12 x $1 + 5 x $2.
  const estimated = (6 * 1 + 5 * 2) / 1e6;
  const actual = (12 * 1 + 5 * 2) / 1e6;

  it('holds under 64 concurrent requests: overshoot at most one request’s overrun', async () => {
    const limit = 20 * actual;
    const mesh = budgetMesh([paid('m')], {
      pools: { chat: { models: ['m'] } },
      models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } } },
      budgets: [{ name: 'cap', scope: 'global', period: 'total', limit_usd: limit, action: 'error' }],
    });
    mesh.provider.script('m', { ok: 'answer', delayMs: 50, usage: { prompt: 12, completion: 5 } });
    const { ok, refused } = await burst(mesh, 64);
    expect(ok + refused).toBe(64);
    expect(used(mesh)).toBeLessThanOrEqual(limit + (actual - estimated) + 1e-12);
    // Calibration, not refusal of everything: the budget is used up.
    expect(used(mesh)).toBeGreaterThan(limit - actual);
  });
});
