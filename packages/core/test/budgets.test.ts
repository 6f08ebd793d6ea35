import { describe, expect, it } from 'vitest';
import { BudgetExceededError, createMesh, ManualClock, type ProviderCall, type RequestCompletedEvent } from '../src/index.js';
import { FakeProvider } from './support/fake-provider.js';
import { budgetMesh, free, paid } from './support/budget-mesh.js';
import { withClock } from './support/mesh-fixture.js';

const ask = (model = 'chat') => ({ model, messages: [{ role: 'user' as const, content: 'Hi there' }], max_tokens: 5 });
// FakeProvider answers with 10 prompt + 5 completion tokens: at $1/M in and $2/M out that is $0.00002.
const ACTUAL = 0.00002;

describe('hard budgets', () => {
  it('64 concurrent requests never overshoot the limit by more than one estimate, and never go negative', async () => {
    const { client, clock, provider } = budgetMesh([paid('m')], {
      pools: { chat: { models: ['m'] } },
      models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } } },
      budgets: [{ name: 'cap', scope: 'global', period: 'day', limit_usd: 0.0002, action: 'error' }],
    });
    provider.script('m', { ok: 'answer', delayMs: 100 });
    const estimate = client.explain({ model: 'chat', messages: ask().messages }).candidates[0]?.estimatedCost ?? 0;
    expect(estimate).toBeGreaterThan(0);
    const results = await withClock(clock, Promise.allSettled(Array.from({ length: 64 }, () => client.chat.completions.create(ask()))));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected' && r.reason instanceof BudgetExceededError).length;
    expect(ok + refused).toBe(64);
    expect(ok).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    const status = client.usage.budgetStatus?.budgets['cap'];
    expect(status?.used).toBeCloseTo(ok * ACTUAL, 12);
    expect(status?.used ?? -1).toBeGreaterThanOrEqual(0);
    expect(status?.used ?? Infinity).toBeLessThanOrEqual(0.0002 + estimate);
    expect(provider.calls).toHaveLength(ok);
  });

  it('refuses before calling any provider, with limitType, limitValue and actualValue', async () => {
    const { client, provider } = budgetMesh([paid('m', { maxOutputTokens: 1000 })], {
      pools: { chat: { models: ['m'] } },
      models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 }, max_output_tokens: 1000 } },
      budgets: [{ name: 'tiny', scope: 'pool:chat', period: 'request', limit_usd: 0.001, action: 'error' }],
    });
    const error = (await client.chat.completions.create({ model: 'chat', messages: ask().messages, max_tokens: 10_000 }).catch((e: unknown) => e)) as BudgetExceededError;
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error.limitType).toBe('cost');
    expect(error.limitValue).toBe(0.001);
    expect(error.actualValue).toBeGreaterThan(0.001);
    expect(error.budgetName).toBe('tiny');
    expect(provider.calls).toHaveLength(0);
    await expect(client.chat.completions.create(ask())).resolves.toBeDefined();
  });

  it('a daily budget rolls over at midnight UTC on the fake clock', async () => {
    const { client, clock } = budgetMesh([paid('m')], {
      pools: { chat: { models: ['m'] } },
      models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } } },
      budgets: [{ name: 'requests', scope: 'global', period: 'day', limit_requests: 2, action: 'error' }],
    }, Date.UTC(2026, 10, 22, 23, 59, 0));
    await client.chat.completions.create(ask());
    await client.chat.completions.create(ask());
    await expect(client.chat.completions.create(ask())).rejects.toBeInstanceOf(BudgetExceededError);
    expect(client.usage.budgetStatus).toMatchObject({ exceeded: true, budgets: { requests: { used: 2, limit: 2, remaining: 0, exceeded: true } } });
    await clock.advance(60_000);
    await expect(client.chat.completions.create(ask())).resolves.toBeDefined();
    expect(client.usage.budgetStatus?.budgets['requests']).toMatchObject({ used: 1, exceeded: false, resetsAt: Date.UTC(2026, 10, 24) });
  });

  it('a token budget is settled to the actual tokens', async () => {
    const { client } = budgetMesh([paid('m')], {
      pools: { chat: { models: ['m'] } },
      models: { m: { provider: 'p', capabilities: ['chat-completion'] } },
      budgets: [{ name: 'tokens', scope: 'model:m', period: 'hour', limit_tokens: 1000, action: 'error' }],
    });
    await client.chat.completions.create(ask());
    await client.chat.completions.create(ask());
    expect(client.usage.budgetStatus?.budgets['tokens']?.used).toBe(30);
  });
});

describe('rotate and warn', () => {
  it('rotate fails over to a free model when the paid one is out of budget, without calling it', async () => {
    const { client, provider } = budgetMesh([paid('paid'), free('free')], {
      pools: { chat: { models: ['paid', 'free'], strategy: 'priority' } },
      models: {
        paid: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } },
        free: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 0, output: 0 } },
      },
      budgets: [{ name: 'paid-cap', scope: 'model:paid', period: 'day', limit_requests: 1, action: 'rotate' }],
    });
    expect((await client.chat.completions.create(ask())).model).toBe('paid');
    expect((await client.chat.completions.create(ask())).model).toBe('free');
    expect((await client.chat.completions.create(ask())).model).toBe('free');
    expect(provider.calls.map((c) => c.model)).toEqual(['paid', 'free', 'free']);
  });

  it('rotate with no model within budget throws BudgetExceededError', async () => {
    const { client } = budgetMesh([paid('a'), paid('b')], {
      pools: { chat: { models: ['a', 'b'] } },
      models: { a: { provider: 'p', capabilities: ['chat-completion'] }, b: { provider: 'p', capabilities: ['chat-completion'] } },
      budgets: [{ name: 'all', scope: 'global', period: 'day', limit_requests: 1, action: 'rotate' }],
    });
    await client.chat.completions.create(ask());
    await expect(client.chat.completions.create(ask())).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it('warn never blocks; it emits budget.alert at the threshold and budget.exceeded when crossed', async () => {
    const { client } = budgetMesh([paid('m')], {
      pools: { chat: { models: ['m'] } },
      models: { m: { provider: 'p', capabilities: ['chat-completion'] } },
      budgets: [{ name: 'soft', scope: 'global', period: 'day', limit_requests: 2, alert_threshold: 0.5, action: 'warn' }],
    });
    const seen: string[] = [];
    client.on('budget.alert', (e) => seen.push(`alert ${e.budget} ${e.used}`));
    client.on('budget.exceeded', (e) => seen.push(`exceeded ${e.budget} ${e.used}`));
    for (let i = 0; i < 4; i++) await client.chat.completions.create(ask());
    expect(seen).toEqual(['alert soft 1', 'exceeded soft 3']);
    expect(client.usage.budgetStatus?.budgets['soft']).toMatchObject({ used: 4, exceeded: true, alert: true });
    expect(client.usage.summary()).toContain('budget soft (global, per day): 4 of 2  EXCEEDED');
  });
});

describe('usage accounting', () => {
  it('totals equal the sum of the individual responses, and failed attempts are not billed', async () => {
    const { client, clock, provider } = budgetMesh([paid('a'), paid('b', { pricing: { input: 3, output: 4 } })], {
      pools: { chat: { models: ['a', 'b'], retry: { max_attempts_per_model: 1 } } },
      models: {
        a: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } },
        b: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 3, output: 4 } },
      },
      budgets: [{ name: 'day', scope: 'global', period: 'day', limit_usd: 10 }],
    });
    provider.script('a', { ok: 'x', usage: { prompt: 100, completion: 7 } }, { status: 503 }, { ok: 'y', usage: { prompt: 3, completion: 1 } });
    const completed: RequestCompletedEvent[] = [];
    client.on('request.completed', (e) => completed.push(e));
    for (let i = 0; i < 5; i++) await withClock(clock, client.chat.completions.create(ask()));
    const sumCost = completed.reduce((sum, e) => sum + e.cost, 0);
    const sumTokens = completed.reduce((sum, e) => sum + (e.usage?.total_tokens ?? 0), 0);
    expect(client.usage.totalCost).toBe(sumCost);
    expect(client.usage.totalTokens).toBe(sumTokens);
    expect(client.usage.totalRequests).toBe(5);
    expect(client.usage.failedRequests).toBe(0);
    // the 503 attempt on "a" cost nothing; its request was answered by "b", where stick-until-failure then stays
    expect(completed.map((e) => e.modelKey)).toEqual(['a', 'b', 'b', 'b', 'b']);
    expect(client.usage.budgetStatus?.budgets['day']?.used).toBeCloseTo(sumCost, 12);
  });

  it('streams are billed from their final usage, or from counted tokens when the provider sends none', async () => {
    const { client, provider } = budgetMesh([paid('m')], {
      pools: { chat: { models: ['m'] } },
      models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } } },
      budgets: [{ name: 'tok', scope: 'global', period: 'day', limit_tokens: 10_000 }],
    });
    provider.script('m', { stream: ['12345678', 'abcd'] });
    const stream = await client.chat.completions.create({ ...ask(), stream: true });
    for await (const _ of stream);
    // FakeProvider's stream usage: 3 prompt + 2 completion tokens (one per piece)
    expect(client.usage.totalTokens).toBe(5);
    expect(client.usage.totalCost).toBeCloseTo((3 * 1 + 2 * 2) / 1e6, 15);
    expect(client.usage.budgetStatus?.budgets['tok']?.used).toBe(5);
  });
});

describe('quotas and free tiers', () => {
  it('an exhausted rpm quota skips the model without calling it, and it returns in the next minute', async () => {
    const { client, clock, provider } = budgetMesh([free('a', { limits: { rpm: 2 } }), free('b')], {
      pools: { chat: { models: ['a', 'b'], strategy: 'priority' } },
      models: { a: { provider: 'p', capabilities: ['chat-completion'], limits: { rpm: 2 } }, b: { provider: 'p', capabilities: ['chat-completion'] } },
    });
    const models = [];
    for (let i = 0; i < 4; i++) models.push((await client.chat.completions.create(ask())).model);
    expect(models).toEqual(['a', 'a', 'b', 'b']);
    expect(provider.calls.filter((c) => c.model === 'a')).toHaveLength(2);
    expect(client.explain({ model: 'chat' }).candidates[0]).toMatchObject({ model: 'a', status: 'standby' });
    await clock.advance(60_000);
    expect((await client.chat.completions.create(ask())).model).toBe('a');
  });

  it('chains free keys: provider-level rpd quotas hand over from one key to the next', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 22));
    const key1 = new FakeProvider('groq-1', clock);
    const key2 = new FakeProvider('groq-2', clock);
    const client = createMesh({
      clock,
      providers: [key1, key2],
      config: {
        providers: { 'groq-1': { limits: { rpd: 1 } }, 'groq-2': { limits: { rpd: 2 } } },
        models: { 'llama-1': { provider: 'groq-1', model: 'llama', capabilities: ['chat-completion'] }, 'llama-2': { provider: 'groq-2', model: 'llama', capabilities: ['chat-completion'] } },
        pools: { chat: { models: ['llama-1', 'llama-2'] } },
      },
    });
    for (let i = 0; i < 3; i++) await client.chat.completions.create(ask());
    expect(key1.calls).toHaveLength(1);
    expect(key2.calls).toHaveLength(2);
    await expect(client.chat.completions.create(ask())).rejects.toMatchObject({ name: 'NoActiveModelError' });
  });
});

describe('provider rate-limit headers', () => {
  it('a model whose provider reports an empty window sits out until it resets, without another call', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 22));
    class Reporting extends FakeProvider {
      override async chat(request: { model: string }, call: ProviderCall) {
        call.reportRateLimit?.({ limitRequests: 10, remainingRequests: 0, resetRequestsAt: clock.now() + 20_000 });
        return super.chat(request, call);
      }
    }
    const a = new Reporting('a', clock);
    const b = new FakeProvider('b', clock);
    const client = createMesh({ clock, providers: [{ provider: a, models: [free('ma')] }, { provider: b, models: [free('mb')] }] });
    expect((await client.chat.completions.create(ask('chat-completion'))).model).toBe('ma');
    expect((await client.chat.completions.create(ask('chat-completion'))).model).toBe('mb');
    expect(a.calls).toHaveLength(1);
    await clock.advance(20_000);
    expect(client.poolStatus('chat-completion').models[0]).toMatchObject({ model: 'ma', status: 'active' });
  });
});
