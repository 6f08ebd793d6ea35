// Matrix 2: the clock time between retries of one model, for each backoff policy with scripted
// random values, and Retry-After honoured or (when too long) answered with a failover.
import { describe, expect, it } from 'vitest';
import { RateLimitError } from 'modelmesh';
import type { MockOutcome } from 'modelmesh/testing';
import { answerOf, Harness } from './support/harness.js';

/** Consecutive differences. */
const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - (times[i] ?? t));

/**
 * The waits the router really takes for backoff waits `raw`: never a third attempt on one
 * model within 1.5 s, so an attempt starts no earlier than 1.5 s after the one two before it.
 */
function spaced(raw: readonly number[]): number[] {
  const times = [0];
  for (const gap of raw) {
    const previous = times[times.length - 1] ?? 0;
    const twoBefore = times.length >= 2 ? (times[times.length - 2] ?? 0) : -Infinity;
    times.push(Math.max(previous + gap, twoBefore + 1_500));
  }
  return gaps(times);
}

interface BackoffCase {
  readonly label: string;
  readonly backoff: string;
  readonly initial: string;
  readonly max: string;
  /** Random values for the five retries (full jitter draws one per retry). */
  readonly randoms: readonly number[];
  /** Expected waits before retries 1..5: `exponential` = min(max, initial × 2^(n−1)), full jitter = floor(r × that). */
  readonly gaps: readonly number[];
  readonly draws: number;
}

const BACKOFFS: readonly BackoffCase[] = [
  { label: 'exponential_jitter, mixed draws', backoff: 'exponential_jitter', initial: '1s', max: '8s', randoms: [0.5, 0.25, 0.999, 0.1, 0.7], gaps: [500, 500, 3_996, 800, 5_600], draws: 5 },
  { label: 'exponential_jitter capped by max_delay', backoff: 'exponential_jitter', initial: '1s', max: '3s', randoms: [0.99, 0.99, 0.99, 0.99, 0.99], gaps: [990, 1_980, 2_970, 2_970, 2_970], draws: 5 },
  { label: 'exponential_jitter with zero draws', backoff: 'exponential_jitter', initial: '250ms', max: '8s', randoms: [0, 0, 0, 0, 0], gaps: [0, 0, 0, 0, 0], draws: 5 },
  { label: 'exponential_jitter from 250ms', backoff: 'exponential_jitter', initial: '250ms', max: '8s', randoms: [0.5, 0.5, 0.5, 0.5, 0.5], gaps: [125, 250, 500, 1_000, 2_000], draws: 5 },
  { label: 'legacy retry_after (= exponential_jitter)', backoff: 'retry_after', initial: '1s', max: '8s', randoms: [0.5, 0.5, 0.5, 0.5, 0.5], gaps: [500, 1_000, 2_000, 4_000, 4_000], draws: 5 },
  { label: 'exponential capped by max_delay', backoff: 'exponential', initial: '1s', max: '5s', randoms: [], gaps: [1_000, 2_000, 4_000, 5_000, 5_000], draws: 0 },
  { label: 'exponential uncapped', backoff: 'exponential', initial: '300ms', max: '100s', randoms: [], gaps: [300, 600, 1_200, 2_400, 4_800], draws: 0 },
  { label: 'fixed', backoff: 'fixed', initial: '700ms', max: '8s', randoms: [], gaps: [700, 700, 700, 700, 700], draws: 0 },
  { label: 'fixed at max_delay', backoff: 'fixed', initial: '2s', max: '2s', randoms: [], gaps: [2_000, 2_000, 2_000, 2_000, 2_000], draws: 0 },
  { label: 'none', backoff: 'none', initial: '1s', max: '8s', randoms: [], gaps: [0, 0, 0, 0, 0], draws: 0 },
];

describe('backoff between retries of the same model', () => {
  it.each(BACKOFFS.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const h = new Harness({
      members: ['model-a', 'model-b'],
      pool: {
        strategy: 'priority',
        // keep model-a active through six failures so only the backoff decides the timing
        deactivation: { failure_threshold: 100 },
        retry: { max_attempts: 10, max_attempts_per_model: 6, backoff: c.backoff, initial_delay: c.initial, max_delay: c.max },
      },
    });
    h.script('model-a', { type: 'http', status: 503 });
    h.random.push(...c.randoms);
    const drawsBefore = h.random.draws.length;

    const response = await h.run(h.chat());

    expect(response.choices[0]?.message.content).toBe(answerOf('model-b'));
    expect(h.callCounts()).toEqual({ 'model-a': 6, 'model-b': 1, 'model-c': 0 });
    expect(gaps(h.callTimes['model-a'])).toEqual(spaced(c.gaps));
    const failed = h.eventsOf('attempt.failed');
    expect(failed.map((e) => e.next)).toEqual(['retry-same', 'retry-same', 'retry-same', 'retry-same', 'retry-same', 'failover']);
    expect(failed.slice(0, 5).map((e) => e.delayMs)).toEqual(spaced(c.gaps));
    // the failover itself waits for nothing
    expect((h.callTimes['model-b'][0] ?? NaN) - (h.callTimes['model-a'][5] ?? NaN)).toBe(0);
    expect(h.random.draws.length - drawsBefore).toBe(c.draws);
    expect(h.random.pending).toBe(0);
  });

  it.each([1, 42, 2026])('exponential_jitter with seededRandom(%i): each gap is floor(draw × min(8s, 1s × 2^(n−1))), reproducibly', async (seed) => {
    const run = async () => {
      const h = new Harness({
        seed,
        members: ['model-a', 'model-b'],
        pool: { strategy: 'priority', deactivation: { failure_threshold: 100 }, retry: { max_attempts: 10, max_attempts_per_model: 6, initial_delay: '1s', max_delay: '8s' } },
      });
      h.script('model-a', { type: 'http', status: 503 });
      const drawsBefore = h.random.draws.length;
      await h.run(h.chat());
      return { gaps: gaps(h.callTimes['model-a']), draws: h.random.draws.slice(drawsBefore) };
    };
    const first = await run();
    expect(first.draws).toHaveLength(5);
    expect(first.gaps).toEqual(spaced(first.draws.map((r, i) => Math.floor(r * Math.min(8_000, 1_000 * 2 ** i)))));
    expect(new Set(first.gaps).size).toBeGreaterThan(1);
    expect((await run()).gaps).toEqual(first.gaps);
  });

  it('never sleeps past the deadline: a backoff longer than the time left fails over instead', async () => {
    const h = new Harness({
      members: ['model-a', 'model-b'],
      pool: { strategy: 'priority', retry: { max_attempts_per_model: 5, backoff: 'fixed', initial_delay: '5s' }, timeouts: { request: '8s' } },
    });
    h.script('model-a', { type: 'http', status: 503 });
    const t0 = h.clock.now();
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-b');
    // attempt 1 at 0s, attempt 2 at 5s; a third would need 5s more with 3s left
    expect(h.callTimes['model-a'].map((t) => t - t0)).toEqual([0, 5_000]);
    expect(h.callTimes['model-b'].map((t) => t - t0)).toEqual([5_000]);
    expect(h.eventsOf('attempt.failed').map((e) => e.next)).toEqual(['retry-same', 'failover']);
  });

  it('after a timeout with retry.on_timeout: retry, retries only when a full attempt still fits before the deadline', async () => {
    const h = new Harness({
      members: ['model-a', 'model-b'],
      pool: { strategy: 'priority', retry: { max_attempts_per_model: 5, backoff: 'fixed', initial_delay: '1s', on_timeout: 'retry' }, timeouts: { request: '10s', attempt: '3s' } },
    });
    h.script('model-a', { type: 'timeout' });
    const t0 = h.clock.now();
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-b');
    // 0–3s, wait 1s, 4–7s; a third attempt (wait 1s + 3s) would end at 11s > 10s
    expect(h.callTimes['model-a'].map((t) => t - t0)).toEqual([0, 4_000]);
    expect(h.callTimes['model-b'].map((t) => t - t0)).toEqual([7_000]);
  });

  it('after a timeout, moves to the next candidate at once by default (retry.on_timeout: failover)', async () => {
    const h = new Harness({
      members: ['model-a', 'model-b'],
      pool: { strategy: 'priority', retry: { max_attempts_per_model: 5, backoff: 'fixed', initial_delay: '1s' }, timeouts: { request: '10s', attempt: '3s' } },
    });
    h.script('model-a', { type: 'timeout' });
    const t0 = h.clock.now();
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-b');
    expect(h.callTimes['model-a'].map((t) => t - t0)).toEqual([0]);
    expect(h.callTimes['model-b'].map((t) => t - t0)).toEqual([3_000]);
    expect(h.eventsOf('attempt.failed').map((e) => e.next)).toEqual(['failover']);
  });
});

interface RetryAfterCase {
  readonly label: string;
  readonly outcome: MockOutcome;
  /** Pool config on top of `deactivation.on_rate_limit: false` (the model stays active, so the router may wait for it). */
  readonly pool?: Record<string, unknown>;
  readonly randoms?: readonly number[];
  /** The wait before the retry on the same model. */
  readonly gap: number;
}

const T0 = Date.UTC(2026, 0, 1); // ManualClock's default start

const RETRY_AFTER_HONOURED: readonly RetryAfterCase[] = [
  { label: '429, Retry-After: 3 (seconds)', outcome: { type: 'http', status: 429, headers: { 'retry-after': '3' } }, gap: 3_000 },
  { label: '429, retry-after-ms: 1500', outcome: { type: 'http', status: 429, headers: { 'retry-after-ms': '1500' } }, gap: 1_500 },
  { label: '429, Retry-After as an HTTP date 7s ahead', outcome: { type: 'http', status: 429, headers: { 'retry-after': new Date(T0 + 7_000).toUTCString() } }, gap: 7_000 },
  { label: '429, Retry-After: 0 → retried at once', outcome: { type: 'http', status: 429, headers: { 'retry-after': '0' } }, gap: 0 },
  {
    label: '429, Retry-After shorter than the backoff → exactly the Retry-After',
    outcome: { type: 'http', status: 429, headers: { 'retry-after': '0.5' } },
    pool: { retry: { backoff: 'fixed', initial_delay: '2s' } },
    gap: 500,
  },
  { label: '503 with Retry-After: 2', outcome: { type: 'http', status: 503, headers: { 'retry-after': '2' } }, gap: 2_000 },
  { label: 'Retry-After exactly max_retry_after (30s) is still honoured', outcome: { type: 'http', status: 429, headers: { 'retry-after': '30' } }, gap: 30_000 },
  {
    label: 'honor_retry_after: false → the backoff only',
    outcome: { type: 'http', status: 429, headers: { 'retry-after': '10' } },
    pool: { retry: { honor_retry_after: false } },
    gap: 125,
  },
  {
    label: 'Retry-After shorter than the jittered backoff → exactly the Retry-After, no draw',
    outcome: { type: 'http', status: 429, headers: { 'retry-after': '1' } },
    pool: { retry: { initial_delay: '4s' } },
    gap: 1_000,
  },
];

const RETRY_AFTER_TOO_LONG: readonly RetryAfterCase[] = [
  { label: '429, Retry-After: 31 > max_retry_after 30s', outcome: { type: 'http', status: 429, headers: { 'retry-after': '31' } }, gap: 0 },
  { label: '429, retry-after-ms: 45000 > 30s', outcome: { type: 'http', status: 429, headers: { 'retry-after-ms': '45000' } }, gap: 0 },
  {
    label: '503, Retry-After: 90 > max_retry_after 1m',
    outcome: { type: 'http', status: 503, headers: { 'retry-after': '90' } },
    pool: { retry: { max_retry_after: '1m' } },
    gap: 0,
  },
  {
    label: '429, HTTP-date Retry-After 10s ahead > max_retry_after 5s',
    outcome: { type: 'http', status: 429, headers: { 'retry-after': new Date(T0 + 10_000).toUTCString() } },
    pool: { retry: { max_retry_after: '5s' } },
    gap: 0,
  },
];

function retryAfterMesh(c: RetryAfterCase): Harness {
  const pool = c.pool ?? {};
  return new Harness({
    members: ['model-a', 'model-b'],
    random: c.randoms ?? [],
    pool: { strategy: 'priority', ...pool, deactivation: { on_rate_limit: false } },
  });
}

describe('Retry-After', () => {
  it.each(RETRY_AFTER_HONOURED.map((c) => [c.label, c] as const))('honoured: %s', async (_label, c) => {
    const h = retryAfterMesh(c);
    h.script('model-a', c.outcome, { type: 'ok', content: 'after the wait' });
    const t0 = h.clock.now();
    const response = await h.run(h.chat());
    expect(response.choices[0]?.message.content).toBe('after the wait');
    expect(h.callCounts()).toEqual({ 'model-a': 2, 'model-b': 0, 'model-c': 0 });
    expect(gaps(h.callTimes['model-a'])).toEqual([c.gap]);
    expect(h.eventsOf('attempt.failed').map((e) => [e.next, e.delayMs])).toEqual([['retry-same', c.gap]]);
    expect(h.clock.now() - t0).toBe(c.gap);
  });

  it.each(RETRY_AFTER_TOO_LONG.map((c) => [c.label, c] as const))('too long, fails over at once: %s', async (_label, c) => {
    const h = retryAfterMesh(c);
    h.script('model-a', c.outcome);
    const t0 = h.clock.now();
    const response = await h.run(h.chat());
    expect(response.choices[0]?.message.content).toBe(answerOf('model-b'));
    expect(h.callCounts()).toEqual({ 'model-a': 1, 'model-b': 1, 'model-c': 0 });
    expect(h.eventsOf('attempt.failed').map((e) => [e.next, e.delayMs])).toEqual([['failover', 0]]);
    expect(h.clock.now() - t0).toBe(0);
    // the model is not punished for it: it stays active for the next request
    expect(h.status('model-a').status).toBe('active');
  });

  it('a Retry-After over max_retry_after on the only model (on_rate_limit off) is not waited out: the 429 reaches the caller', async () => {
    const h = new Harness({ members: ['model-a'], pool: { deactivation: { on_rate_limit: false }, retry: { max_retry_after: '30s' } } });
    h.script('model-a', { type: 'http', status: 429, headers: { 'retry-after': '60' } }, { type: 'ok' });
    const t0 = h.clock.now();
    const error = await h.runFailing(h.chat());
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryAfter: 60, details: expect.objectContaining({ attempts: 1 }) });
    expect(h.clock.now() - t0).toBe(0);
    expect(h.count('model-a')).toBe(1);
  });

  it('with on_rate_limit (the default) a 429 whose Retry-After is too long to wait puts the model in standby for exactly that long, then straight back to active', async () => {
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority', retry: { max_retry_after: '5s' } } });
    h.script('model-a', { type: 'http', status: 429, headers: { 'retry-after': '12' } }, { type: 'ok', content: 'back' });
    const t0 = h.clock.now();
    expect((await h.run(h.chat())).model).toBe('model-b');
    expect(h.eventsOf('model.deactivated')).toEqual([expect.objectContaining({ modelKey: 'model-a', reason: 'rate-limited', until: t0 + 12_000, at: t0 })]);
    await h.clock.advance(11_999);
    expect((await h.run(h.chat())).model).toBe('model-b');
    expect(h.count('model-a')).toBe(1);
    await h.clock.advance(1);
    // The provider said when its limit resets: no trial needed.
    expect(h.status('model-a').status).toBe('active');
    const back = await h.run(h.chat());
    expect(back.choices[0]?.message.content).toBe('back');
    expect(h.eventsOf('model.recovered')).toEqual([expect.objectContaining({ modelKey: 'model-a', reason: 'rate-limited', at: t0 + 12_000 })]);
  });
});
