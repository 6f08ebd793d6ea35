import { describe, expect, it } from 'vitest';
import { createMesh, InvalidAmountError, InvalidRequestError, ManualClock, MemoryStateStore } from '../src/index.js';
import { budgetMesh, paid } from './support/budget-mesh.js';
import { FakeProvider } from './support/fake-provider.js';

const messages = [{ role: 'user' as const, content: 'Hi there' }];
const ask = { model: 'chat', messages, max_tokens: 5 };

/** A hard total budget on one paid model; each answer costs $0.00002 (10 prompt + 5 completion tokens). */
function hardBudget(limit: Record<string, number>) {
  return budgetMesh([paid('m')], {
    pools: { chat: { models: ['m'] } },
    models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } } },
    budgets: [{ name: 'cap', scope: 'global', period: 'total', action: 'error', ...limit }],
  });
}

async function rejection(promise: Promise<unknown>): Promise<InvalidRequestError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidRequestError);
  return error as InvalidRequestError;
}

describe('a malformed request cannot switch a hard budget off', () => {
  it.each([
    ['max_tokens', 'x'],
    ['max_tokens', '16'],
    ['max_tokens', -1e9],
    ['max_tokens', 0],
    ['max_tokens', 1.5],
    ['max_tokens', Number.NaN],
    ['max_tokens', Number.POSITIVE_INFINITY],
    ['max_completion_tokens', '5'],
    ['max_completion_tokens', -1],
    ['n', 0],
    ['n', '2'],
    ['temperature', 3],
    ['temperature', 'hot'],
    ['top_p', -0.1],
    ['presence_penalty', 2.5],
    ['frequency_penalty', Number.NaN],
    ['seed', 0.5],
    ['top_logprobs', 21],
    ['stream', 'true'],
    ['tools', 'x'],
    ['metadata', 'x'],
    ['logit_bias', { '50256': 'a' }],
  ])('%s = %j is a 400 naming the field; the counter stays finite and the budget holds', async (field, value) => {
    const { client, provider } = hardBudget({ limit_usd: 0.0001 });
    const error = await rejection(client.chat.completions.create({ ...ask, [field]: value } as never));
    expect(error.param).toMatch(new RegExp(`^${field}`));
    expect(provider.calls).toHaveLength(0);
    for (let i = 0; i < 5; i++) await client.chat.completions.create(ask);
    await expect(client.chat.completions.create(ask)).rejects.toThrow(/budget/i);
    const used = client.usage.budgetStatus?.budgets['cap']?.used ?? Number.NaN;
    expect(Number.isFinite(used)).toBe(true);
    expect(used).toBeLessThanOrEqual(0.0001);
  });

  it('a content part with `text: 5` is refused with its path, and a token budget keeps counting', async () => {
    const { client, provider } = hardBudget({ limit_tokens: 40 });
    const error = await rejection(
      client.chat.completions.create({ model: 'chat', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 5 }] }] } as never),
    );
    expect(error.param).toBe('messages[0].content[1].text');
    expect(provider.calls).toHaveLength(0);
    await client.chat.completions.create(ask);
    await client.chat.completions.create(ask);
    await expect(client.chat.completions.create(ask)).rejects.toThrow(/budget/i);
    expect(client.usage.budgetStatus?.budgets['cap']?.used).toBe(30);
  });

  it('a token counter that returns NaN is refused by the spend guard (defence in depth); nothing is stored', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 22));
    const provider = new FakeProvider('p', clock);
    const client = createMesh({
      clock,
      providers: [{ provider, models: [paid('m')] }],
      countTokens: () => Number.NaN,
      config: {
        pools: { chat: { models: ['m'] } },
        models: { m: { provider: 'p', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } } },
        budgets: [{ name: 'cap', scope: 'global', period: 'total', limit_usd: 1, action: 'error' }],
      },
    });
    await rejection(client.chat.completions.create(ask));
    expect(provider.calls).toHaveLength(0);
    expect(client.usage.budgetStatus?.budgets['cap']?.used).toBe(0);
  });

  it('garbled usage from a provider keeps the reservation and never puts NaN in a counter', async () => {
    const { client, provider } = hardBudget({ limit_tokens: 1000 });
    provider.script('m', { ok: 'x', usage: { prompt: '12' as unknown as number, completion: 5 } });
    await client.chat.completions.create(ask);
    const used = client.usage.budgetStatus?.budgets['cap']?.used ?? Number.NaN;
    expect(Number.isFinite(used)).toBe(true);
    expect(used).toBeGreaterThan(0);
    expect(Number.isFinite(client.usage.totalTokens)).toBe(true);
    expect(Number.isFinite(client.usage.totalCost)).toBe(true);
  });
});

describe('a state store refuses amounts that are not finite', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1])('reserve(%s) throws InvalidAmountError and changes nothing', async (amount) => {
    const store = new MemoryStateStore(new ManualClock());
    await store.add('k', 3);
    await expect(store.reserve([{ key: 'j', amount: 1, limit: 10 }, { key: 'k', amount, limit: 10 }])).rejects.toBeInstanceOf(InvalidAmountError);
    expect(await store.get(['j', 'k'])).toEqual([0, 3]);
  });

  it('a NaN limit is refused too', async () => {
    const store = new MemoryStateStore(new ManualClock());
    await expect(store.reserve([{ key: 'k', amount: 1, limit: Number.NaN }])).rejects.toBeInstanceOf(InvalidAmountError);
    expect(await store.get(['k'])).toEqual([0]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('add(%s) throws InvalidAmountError and changes nothing', async (delta) => {
    const store = new MemoryStateStore(new ManualClock());
    await store.add('k', 3);
    const error = await store.add('k', delta).catch((e: unknown) => e);
    expect(InvalidAmountError.isInstance(error)).toBe(true);
    expect(await store.get(['k'])).toEqual([3]);
  });
});
