import { describe, expect, it } from 'vitest';
import { createMesh, ManualClock, type MeshConfigDocument, type ModelSpec } from '../src/index.js';
import { FakeProvider } from './support/fake-provider.js';

const paid = (id: string): ModelSpec => ({ id, capabilities: ['chat-completion'], pricing: { input: 1, output: 1 } });
const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'hi' }] };

const config = (extra: MeshConfigDocument = {}): MeshConfigDocument => ({
  pools: { chat: { capability: 'chat-completion', strategy: 'priority', deactivation: { failure_threshold: 1 }, recovery: { cooldown: '10m', wait_for_recovery: false }, retry: { max_attempts_per_model: 1, backoff: 'none' } } },
  budgets: [{ name: 'daily', scope: 'global', limit_usd: 100, period: 'day' }],
  ...extra,
});

function firstMesh() {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 10));
  const provider = new FakeProvider('p', clock);
  const models = [paid('a'), paid('b'), paid('c')];
  const mesh = createMesh({ clock, random: () => 0.5, providers: [{ provider, models }], config: config() });
  return { clock, provider, models, mesh };
}

describe('a mesh continuing from the one it replaces (config reload)', () => {
  it('keeps health, usage and budget spend of the models and budgets that still exist', async () => {
    const { clock, provider, models, mesh } = firstMesh();
    provider.script('a', { status: 500 });
    await mesh.chat.completions.create(ask);
    expect(mesh.poolStatus('chat').models.find((m) => m.model === 'a')?.status).toBe('standby');
    const spent = mesh.usage.budgetStatus?.budgets['daily']?.used ?? 0;
    expect(spent).toBeGreaterThan(0);

    // The new config drops model c and budget daily keeps its name; a new budget starts at zero.
    const next = createMesh({
      clock,
      random: () => 0.5,
      providers: [{ provider, models: models.slice(0, 2) }],
      config: config({ budgets: [{ name: 'daily', scope: 'global', limit_usd: 100, period: 'day' }, { name: 'hourly', scope: 'global', limit_usd: 50, period: 'hour' }] }),
      previous: mesh,
    });
    const pool = next.poolStatus('chat');
    expect(pool.models.map((m) => [m.model, m.status])).toEqual([
      ['a', 'standby'],
      ['b', 'active'],
    ]);
    expect(next.usage.byModel['b']?.requests).toBe(1);
    expect(next.usage.totalCost).toBe(mesh.usage.totalCost);
    expect(next.usage.budgetStatus?.budgets['daily']?.used).toBe(spent);

    // Spend goes on counting in the same window, through the shared store.
    await next.chat.completions.create(ask);
    expect(next.usage.budgetStatus?.budgets['daily']?.used).toBeCloseTo(spent * 2);
    expect(next.usage.budgetStatus?.budgets['hourly']?.used).toBeCloseTo(spent);
  });

  it('does not carry the health of a model that moved to another provider', async () => {
    const { clock, provider, mesh } = firstMesh();
    provider.script('a', { status: 500 });
    await mesh.chat.completions.create(ask);
    const other = new FakeProvider('q', clock);
    const next = createMesh({ clock, random: () => 0.5, providers: [{ provider: other, models: [paid('a')] }], config: config(), previous: mesh });
    expect(next.poolStatus('chat').models[0]).toMatchObject({ model: 'a', provider: 'q', status: 'active' });
  });
});

describe('resetBudget', () => {
  it('starts the current window over from zero and lets refused requests through again', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 22, 10));
    const provider = new FakeProvider('p', clock);
    const mesh = createMesh({ clock, providers: [{ provider, models: [paid('a')] }], config: { budgets: [{ name: 'tiny', scope: 'global', limit_requests: 1, period: 'day' }] } });
    await mesh.chat.completions.create(ask);
    await expect(mesh.chat.completions.create(ask)).rejects.toMatchObject({ name: 'BudgetExceededError' });
    expect(mesh.usage.budgetStatus?.budgets['tiny']).toMatchObject({ used: 1, exceeded: true });
    const status = await mesh.resetBudget('tiny');
    expect(status).toMatchObject({ name: 'tiny', used: 0, exceeded: false });
    await expect(mesh.chat.completions.create(ask)).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('refuses an unknown budget with a RangeError', async () => {
    const { mesh } = firstMesh();
    await expect(mesh.resetBudget('nope')).rejects.toThrow(RangeError);
  });
});
