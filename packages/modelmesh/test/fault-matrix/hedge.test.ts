// Matrix 10: hedged requests (`hedge: { after, max: 1 }`). When no content has arrived `after`
// the request started, the next candidate starts in parallel; the first to produce content wins
// and the other is aborted at once. Checked for streams and non-streaming requests on the manual
// clock: who answers and when, the aborted signal, the events, the billing of both, explain().
import { describe, expect, it } from 'vitest';
import type { MeshEventMap } from 'modelmesh';
import { answerOf, consume, Harness, type HarnessOptions } from './support/harness.js';

const HEDGE = { hedge: { after: '1s' } };

function hedged(options: HarnessOptions = {}): { h: Harness; started: Array<MeshEventMap['hedge.started']>; won: Array<MeshEventMap['hedge.won']> } {
  const h = new Harness({ members: ['model-a', 'model-b'], ...options, pool: { strategy: 'priority', ...HEDGE, ...options.pool } });
  const started: Array<MeshEventMap['hedge.started']> = [];
  const won: Array<MeshEventMap['hedge.won']> = [];
  h.client.on('hedge.started', (event) => started.push(event));
  h.client.on('hedge.won', (event) => won.push(event));
  return { h, started, won };
}

async function send(h: Harness, mode: 'chat' | 'stream'): Promise<{ text: string; model: string | undefined }> {
  if (mode === 'chat') {
    const answer = await h.run(h.chat());
    return { text: answer.choices[0]?.message.content ?? '', model: answer.model };
  }
  const seen = await h.run(consume(await h.run(h.stream())));
  if (seen.error) throw seen.error;
  return { text: seen.text, model: seen.chunks.at(-1)?.model };
}

describe.each(['chat', 'stream'] as const)('%s: a hedged request', (mode) => {
  it('a slow first pick is hedged after 1s; the hedge answers and the slow attempt is aborted at once', async () => {
    const { h, started, won } = hedged();
    h.script('model-a', { type: 'ok', latency: 5_000 });
    const t0 = h.clock.now();
    const { text, model } = await send(h, mode);
    expect(text).toBe(answerOf('model-b'));
    expect(model).toBe('model-b');
    expect(h.clock.now() - t0).toBe(1_000);
    expect(h.callTimes['model-b']).toEqual([t0 + 1_000]);
    expect(h.signals['model-a'][0]?.aborted).toBe(true);
    expect(h.signals['model-b'][0]?.aborted).toBe(false);
    expect(started).toEqual([expect.objectContaining({ primaryModel: 'model-a', hedgeModel: 'model-b', afterMs: 1_000 })]);
    expect(won).toEqual([expect.objectContaining({ winner: 'model-b', loser: 'model-a', hedgeWon: true })]);
    // the loser is billed its prompt, is not blamed, and the request counts once
    expect(h.client.usage.byModel['model-a']).toMatchObject({ requests: 0, completionTokens: 0 });
    expect(h.client.usage.byModel['model-a']?.promptTokens).toBeGreaterThan(0);
    expect(h.client.usage.byModel['model-b']?.requests).toBe(1);
    expect(h.client.usage.totalRequests).toBe(1);
    expect(h.status('model-a').status).toBe('active');
    expect(h.eventsOf('attempt.failed')).toEqual([]);
    expect(h.eventsOf('request.completed')).toEqual([expect.objectContaining({ ok: true, modelKey: 'model-b', attempts: 2 })]);
  });

  it('the first pick can still win after the hedge started; the hedge is then aborted', async () => {
    const { h, won } = hedged();
    h.script('model-a', { type: 'ok', latency: 1_500 });
    h.script('model-b', { type: 'ok', latency: 3_000 });
    const t0 = h.clock.now();
    const { model } = await send(h, mode);
    expect(model).toBe('model-a');
    expect(h.clock.now() - t0).toBe(1_500);
    expect(h.signals['model-b'][0]?.aborted).toBe(true);
    expect(won).toEqual([expect.objectContaining({ winner: 'model-a', loser: 'model-b', hedgeWon: false })]);
    expect(h.client.usage.byModel['model-a']?.requests).toBe(1);
    expect(h.client.usage.byModel['model-b']?.requests).toBe(0);
  });

  it('an answer within `after` is never hedged', async () => {
    const { h, started } = hedged();
    h.script('model-a', { type: 'ok', latency: 900 });
    const { model } = await send(h, mode);
    expect(model).toBe('model-a');
    expect(h.count('model-b')).toBe(0);
    expect(started).toEqual([]);
  });

  it('with no other candidate there is no hedge, and the slow answer is awaited', async () => {
    const { h, started } = hedged({ members: ['model-a'] });
    h.script('model-a', { type: 'ok', latency: 1_800 });
    const t0 = h.clock.now();
    const { model } = await send(h, mode);
    expect(model).toBe('model-a');
    expect(h.clock.now() - t0).toBe(1_800);
    expect(started).toEqual([]);
  });

  it('a first pick that fails before `after` fails over as usual, without a hedge', async () => {
    const { h, started } = hedged({ pool: { retry: { max_attempts_per_model: 1 } } });
    h.script('model-a', { type: 'http', status: 503 });
    const t0 = h.clock.now();
    const { model } = await send(h, mode);
    expect(model).toBe('model-b');
    expect(h.clock.now() - t0).toBe(0);
    expect(started).toEqual([]);
  });

  it('when both fail, the caller gets the failure without waiting for `after`', async () => {
    const { h } = hedged({ pool: { retry: { max_attempts_per_model: 1 } } });
    h.script('model-a', { type: 'http', status: 500 });
    h.script('model-b', { type: 'http', status: 500 });
    const t0 = h.clock.now();
    const error = await h.runFailing(mode === 'chat' ? h.chat() : h.stream());
    expect(error).toMatchObject({ name: 'AllProvidersExhaustedError' });
    expect(h.clock.now() - t0).toBe(0);
  });
});

describe('explain()', () => {
  it('explain() shows the hedge and the model it would start', () => {
    const { h } = hedged();
    expect(h.client.explain({ model: 'chat' })).toMatchObject({ selectedModel: 'model-a', streamRecovery: 'continue', hedge: { afterMs: 1_000, max: 1, hedgeModel: 'model-b' } });
    const plain = new Harness({ members: ['model-a', 'model-b'] });
    expect(plain.client.explain({ model: 'chat' })).not.toHaveProperty('hedge');
  });
});
