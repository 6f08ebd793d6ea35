// Matrix 1: every failure outcome on the model a strategy picks first × the eight strategies ×
// (chat, stream). Each cell checks the calls per model, the answer (or typed error), the
// router's decision after each failed attempt, the time spent on the manual clock, and the
// failed model's health afterwards.
import { describe, expect, it } from 'vitest';
import {
  AllProvidersExhaustedError,
  ContentFilteredError,
  ContextLengthExceededError,
  ModelMeshError,
  ProviderHttpError,
  StreamInterruptedError,
} from 'modelmesh';
import type { MockOutcome } from 'modelmesh/testing';
import { answerOf, consume, Harness, MODEL_KEYS, type ModelKey } from './support/harness.js';
import { predictedFirst, STRATEGY_CASES, type StrategyCase } from './support/strategy-cases.js';

type Decision = 'retry-same' | 'failover' | 'surface';

interface OutcomeCase {
  readonly label: string;
  readonly outcome: MockOutcome;
  /** Name of the error the failed attempts report. */
  readonly errorName: string;
  /** Calls the first pick receives. */
  readonly firstPickCalls: number;
  /** `attempt.failed` → `next`, one per failed attempt. */
  readonly decisions: readonly Decision[];
  /** Clock time the request takes (backoff 125ms = floor(0.5 × 250ms); attempt timeout 2s). */
  readonly elapsed: number;
  /** The wait before each retry on the first pick (default the backoff, 125ms). */
  readonly retryDelay?: number;
  /** Who answers: the strategy's failover target, the next larger context window, nobody, or the first pick's stream breaks after content. */
  readonly answer: 'next' | 'wider-context' | 'error' | 'interrupted';
  /** Checks the error the caller gets when nobody answers (or when no larger window exists). */
  readonly error?: (error: unknown) => void;
  /** The first pick's health afterwards; `until` is relative to the request's start. */
  readonly health: { status: 'active' } | { status: 'standby'; reason: string; until: number };
}

const contextOverflow = { code: 'context_length_exceeded', message: "This model's maximum context length is exceeded." };
const filtered = { code: 'content_filter', message: 'The response was filtered due to the prompt triggering content management policy.' };

const transient = (label: string, outcome: MockOutcome, errorName: string, elapsed = 125): OutcomeCase => ({
  label,
  outcome,
  errorName,
  firstPickCalls: 2,
  decisions: ['retry-same', 'failover'],
  elapsed,
  answer: 'next',
  // two consecutive failures stay below the default failure_threshold of 3
  health: { status: 'active' },
});

/** A silent provider (an attempt timed out): the router moves on at once (`retry.on_timeout: failover`, the default). */
const silent = (label: string, outcome: MockOutcome, elapsed = 2_000): OutcomeCase => ({
  label,
  outcome,
  errorName: 'ProviderTimeoutError',
  firstPickCalls: 1,
  decisions: ['failover'],
  elapsed,
  answer: 'next',
  // one failure stays below the default failure_threshold of 3
  health: { status: 'active' },
});

const OUTCOMES: readonly OutcomeCase[] = [
  transient('HTTP 503', { type: 'http', status: 503 }, 'ProviderHttpError'),
  transient('HTTP 500', { type: 'http', status: 500 }, 'ProviderHttpError'),
  {
    label: 'HTTP 429 with Retry-After: 5',
    outcome: { type: 'http', status: 429, headers: { 'retry-after': '5' } },
    errorName: 'RateLimitError',
    // a short Retry-After is waited out on the same model, exactly; the second 429 fails over
    firstPickCalls: 2,
    decisions: ['retry-same', 'failover'],
    elapsed: 5_000,
    retryDelay: 5_000,
    answer: 'next',
    health: { status: 'standby', reason: 'rate-limited', until: 10_000 },
  },
  {
    label: 'HTTP 429 without Retry-After',
    outcome: { type: 'http', status: 429 },
    errorName: 'RateLimitError',
    firstPickCalls: 1,
    decisions: ['failover'],
    elapsed: 0,
    answer: 'next',
    // the first cooldown, 30s; jitter ±20% × (2 × 0.5 − 1) = 0
    health: { status: 'standby', reason: 'rate-limited', until: 30_000 },
  },
  // one attempt of 2s, then straight to the next candidate
  silent('timeout', { type: 'timeout' }),
  transient('connection reset', { type: 'reset' }, 'ProviderError'),
  transient('malformed response', { type: 'malformed' }, 'ProviderError'),
  {
    label: 'HTTP 401',
    outcome: { type: 'http', status: 401 },
    errorName: 'AuthenticationError',
    firstPickCalls: 1,
    decisions: ['failover'],
    elapsed: 0,
    answer: 'next',
    // the whole provider goes to standby for max_cooldown (30s)
    health: { status: 'standby', reason: 'auth', until: 30_000 },
  },
  {
    label: 'HTTP 400',
    outcome: { type: 'http', status: 400, body: { error: { code: 'invalid_request_error', message: 'bad parameter' } } },
    errorName: 'ProviderHttpError',
    firstPickCalls: 1,
    decisions: ['surface'],
    elapsed: 0,
    answer: 'error',
    error: (error) => {
      expect(ProviderHttpError.isInstance(error)).toBe(true);
      expect((error as ProviderHttpError).status).toBe(400);
    },
    health: { status: 'active' },
  },
  {
    label: 'context length exceeded',
    outcome: { type: 'http', status: 400, body: { error: contextOverflow } },
    errorName: 'ContextLengthExceededError',
    firstPickCalls: 1,
    decisions: ['failover'],
    elapsed: 0,
    answer: 'wider-context',
    error: (error) => {
      expect(AllProvidersExhaustedError.isInstance(error)).toBe(true);
      expect((error as AllProvidersExhaustedError).attempts).toBe(1);
      expect(ContextLengthExceededError.isInstance((error as AllProvidersExhaustedError).lastError)).toBe(true);
    },
    // the request's fault, not the model's
    health: { status: 'active' },
  },
  {
    label: 'content filtered',
    outcome: { type: 'http', status: 400, body: { error: filtered } },
    errorName: 'ContentFilteredError',
    firstPickCalls: 1,
    decisions: ['surface'],
    elapsed: 0,
    answer: 'error',
    error: (error) => {
      expect(ContentFilteredError.isInstance(error)).toBe(true);
      expect((error as ContentFilteredError).reason).toBe('content_filter');
    },
    health: { status: 'active' },
  },
];

const SPOKEN = 'one two three four';

/** Stream-only outcomes: before the first content they fail over like any failure; after it they end the caller's iteration. */
const STREAM_OUTCOMES: readonly OutcomeCase[] = [
  transient('error event before content (529)', { type: 'error-before-content' }, 'ProviderHttpError'),
  transient('cut before content', { type: 'stream-cut', content: SPOKEN, afterChunks: 0 }, 'ProviderError'),
  transient('malformed chunk before content', { type: 'malformed-chunk', content: SPOKEN, afterChunks: 0 }, 'ProviderError'),
  silent('stall before content (first_token 2s)', { type: 'stall', content: SPOKEN, afterChunks: 0 }),
  ...(
    [
      ['cut after 2 content chunks', { type: 'stream-cut', content: SPOKEN, afterChunks: 2 }, 'cut', 0],
      ['malformed chunk after 1 content chunk', { type: 'malformed-chunk', content: SPOKEN, afterChunks: 1 }, 'malformed', 0],
      ['stall after 3 content chunks (idle 2s)', { type: 'stall', content: SPOKEN, afterChunks: 3 }, 'stalled', 2_000],
      ['all content, no finish reason', { type: 'no-finish', content: SPOKEN }, 'cut', 0],
    ] as const
  ).map(
    ([label, outcome, reason, elapsed]): OutcomeCase => ({
      label,
      outcome,
      errorName: 'StreamInterruptedError',
      firstPickCalls: 1,
      decisions: [],
      elapsed,
      answer: 'interrupted',
      error: (error) => {
        expect(StreamInterruptedError.isInstance(error)).toBe(true);
        expect((error as StreamInterruptedError).reason).toBe(reason);
      },
      // one counted failure, below the threshold
      health: { status: 'active' },
    }),
  ),
];

async function setUp(c: StrategyCase): Promise<Harness> {
  // Pins the ending of a stream broken after content without recovery; stream-recovery.test.ts covers recovery.
  const h = new Harness({ pool: { strategy: c.strategy, stream_recovery: 'off' }, ...(c.models ? { models: c.models } : {}) });
  if (c.warmup) {
    await c.warmup(h);
    h.forget();
    for (const key of MODEL_KEYS) h.script(key);
  }
  return h;
}

/** Sends the request in `mode` and reports the answer text and model, or the error. */
async function send(h: Harness, c: StrategyCase, mode: 'chat' | 'stream'): Promise<{ model?: string; text?: string; complete?: boolean; error?: unknown }> {
  if (mode === 'chat') {
    try {
      const response = await h.run(h.chat(c.params));
      return { model: response.model, text: response.choices[0]?.message.content ?? '', complete: response.choices[0]?.finish_reason === 'stop' };
    } catch (error) {
      return { error };
    }
  }
  let stream;
  try {
    stream = await h.run(h.stream(c.params));
  } catch (error) {
    return { error };
  }
  const seen = await h.run(consume(stream));
  return { model: seen.chunks[0]?.model, text: seen.text, complete: seen.finished, ...(seen.error === undefined ? {} : { error: seen.error }) };
}

describe.each(['chat', 'stream'] as const)('%s: failure outcomes on the first pick × strategies', (mode) => {
  describe.each(STRATEGY_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    it.each([...OUTCOMES, ...(mode === 'stream' ? STREAM_OUTCOMES : [])].map((o) => [o.label, o] as const))('%s', async (_label, o) => {
      const h = await setUp(c);
      expect(predictedFirst(h, c), c.why).toBe(c.first);
      h.script(c.first, o.outcome);
      const t0 = h.clock.now();

      const result = await send(h, c, mode);

      // who answered, or what the caller got
      const answerer: ModelKey | null = o.answer === 'next' ? c.next : o.answer === 'wider-context' ? c.widerContext : null;
      if (answerer) {
        expect(result.error).toBeUndefined();
        expect(result.model).toBe(answerer);
        expect(result.text).toBe(answerOf(answerer));
        expect(result.complete).toBe(true);
      } else if (o.answer === 'interrupted') {
        // the first pick's stream reached the caller and broke: no failover, never a normal end
        o.error?.(result.error);
        expect(result.model).toBe(c.first);
        expect(result.complete).toBe(false);
        expect(SPOKEN.startsWith(result.text ?? '-')).toBe(true);
      } else {
        expect(ModelMeshError.isInstance(result.error)).toBe(true);
        o.error?.(result.error);
      }

      // attempts per model
      const expectedCalls = Object.fromEntries(MODEL_KEYS.map((k) => [k, 0])) as Record<ModelKey, number>;
      expectedCalls[c.first] = o.firstPickCalls;
      if (answerer) expectedCalls[answerer] = 1;
      expect(h.callCounts()).toEqual(expectedCalls);
      const routed = [...Array<string>(o.firstPickCalls).fill(c.first), ...(answerer ? [answerer] : [])];
      expect(h.routedModels()).toEqual(routed);

      // the router's decisions
      const failed = h.eventsOf('attempt.failed');
      expect(failed.map((e) => e.next)).toEqual(o.decisions);
      expect(failed.every((e) => e.modelKey === c.first && e.error.name === o.errorName)).toBe(true);
      expect(failed.filter((e) => e.next === 'retry-same').map((e) => e.delayMs)).toEqual(o.decisions.filter((d) => d === 'retry-same').map(() => o.retryDelay ?? 125));
      expect(h.eventsOf('request.failover').map((e) => [e.fromModel, e.toModel])).toEqual(answerer ? [[c.first, answerer]] : []);
      expect(h.clock.now() - t0).toBe(o.elapsed);

      // the request's record
      const completed = h.eventsOf('request.completed');
      expect(completed).toHaveLength(1);
      expect(completed[0]).toMatchObject({ ok: answerer !== null, attempts: routed.length, ...(answerer ? { modelKey: answerer } : {}) });
      if (o.answer === 'interrupted') expect(h.signals[c.first][0]?.aborted).toBe(true);
      expect(h.client.usage.failedRequests).toBe(answerer ? 0 : 1);

      // health afterwards: the first pick as the outcome leaves it, everyone else active
      const health = o.health.status === 'standby' ? { ...o.health, until: t0 + o.health.until } : o.health;
      expect(h.status(c.first)).toMatchObject(health);
      for (const other of MODEL_KEYS.filter((k) => k !== c.first)) expect(h.status(other).status).toBe('active');
    });
  });
});
