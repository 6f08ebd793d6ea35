import { describe, expect, it } from 'vitest';
import { budgetMesh, paid } from './support/budget-mesh.js';
import { withClock } from './support/mesh-fixture.js';

const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('hedged requests and budgets', () => {
  it('the hedge reserves budget like any attempt: with room for one request it is refused, and the first pick answers', async () => {
    const { client, clock, provider } = budgetMesh([paid('model-a'), paid('model-b')], {
      models: { 'model-a': { provider: 'p', capabilities: ['chat-completion'] }, 'model-b': { provider: 'p', capabilities: ['chat-completion'] } },
      pools: { chat: { models: ['model-a', 'model-b'], strategy: 'priority', hedge: { after: '1s' } } },
      budgets: { one: { scope: 'pool:chat', period: 'minute', limit: 1, unit: 'requests', action: 'error' } },
    });
    const started: string[] = [];
    client.on('hedge.started', (event) => started.push(event.hedgeModel));
    provider.script('model-a', { ok: 'slow but within budget', delayMs: 3_000 });
    const answer = await withClock(clock, client.chat.completions.create(ask));
    expect(answer.choices[0]?.message.content).toBe('slow but within budget');
    expect(provider.calls.map((call) => call.model)).toEqual(['model-a']);
    expect(started).toEqual([]);
  });

  it('with room for both, both reserve; the loser’s reservation is given back and it is billed only its prompt', async () => {
    const { client, clock, provider } = budgetMesh([paid('model-a'), paid('model-b')], {
      models: { 'model-a': { provider: 'p', capabilities: ['chat-completion'] }, 'model-b': { provider: 'p', capabilities: ['chat-completion'] } },
      pools: { chat: { models: ['model-a', 'model-b'], strategy: 'priority', hedge: { after: '1s' } } },
      budgets: { two: { scope: 'pool:chat', period: 'minute', limit: 2, unit: 'requests', action: 'error' } },
    });
    provider.script('model-a', { ok: 'too slow', delayMs: 5_000 });
    provider.script('model-b', { ok: 'hedge wins' });
    const answer = await withClock(clock, client.chat.completions.create(ask));
    expect(answer.choices[0]?.message.content).toBe('hedge wins');
    expect(provider.calls.map((call) => [call.model, call.signal.aborted])).toEqual([
      ['model-a', true],
      ['model-b', false],
    ]);
    // the aborted loser's request reservation was released: one more request fits this minute
    const again = await withClock(clock, client.chat.completions.create(ask));
    expect(again.choices[0]?.message.content).toBe('too slow');
    expect(client.usage.byModel['model-a']?.completionTokens).toBeGreaterThan(0);
  });
});
