// The eight built-in strategies, each set up so that its first pick is known in advance and is
// not always the first model in pool order. Pool order is model-a, model-b, model-c; context
// windows are 16k / 32k / 64k and prices dear / middle / cheap (see harness.ts).
import type { MockOutcome } from 'modelmesh/testing';
import { fnv1a32, MODEL_KEYS, ok, type Harness, type HarnessOptions, type ModelKey } from './harness.js';

export interface StrategyCase {
  readonly name: string;
  /** The pool's `strategy` config. */
  readonly strategy: string | Record<string, unknown>;
  /** Extra model config (priority, ...). */
  readonly models?: HarnessOptions['models'];
  /** Requests that shape the strategy's inputs (latency, headroom, cursor) before the request under test. */
  readonly warmup?: (h: Harness) => Promise<void>;
  /** Request params (session id via `user`). */
  readonly params?: { user?: string };
  /** Why the first pick is what it is. */
  readonly why: string;
  /** The model the strategy picks first. */
  readonly first: ModelKey;
  /** Where the request goes when `first` fails over. */
  readonly next: ModelKey;
  /** Where it goes when `first` overflows its context window (only larger windows qualify), or null when none is larger. */
  readonly widerContext: ModelKey | null;
}

/** The session whose hash puts it on model-b among three candidates (fnv1a32('user-1') % 3 === 1). */
export const SESSION = 'user-1';

async function serveEach(h: Harness, outcomes: Array<[ModelKey, MockOutcome]>): Promise<void> {
  for (const [model, outcome] of outcomes) {
    h.script(model, outcome);
    const response = await h.run(h.chat());
    if (response.model !== model) throw new Error(`warm-up expected ${model}, got ${response.model}`);
  }
}

export const STRATEGY_CASES: readonly StrategyCase[] = [
  {
    name: 'stick-until-failure',
    strategy: 'stick-until-failure',
    why: 'no memory yet: the first model in pool order',
    first: 'model-a',
    next: 'model-b',
    widerContext: 'model-b',
  },
  {
    name: 'priority',
    strategy: 'priority',
    models: { 'model-a': { priority: 3 }, 'model-b': { priority: 1 }, 'model-c': { priority: 2 } },
    why: 'priorities b=1, c=2, a=3',
    first: 'model-b',
    next: 'model-c',
    widerContext: 'model-c',
  },
  {
    name: 'round-robin',
    strategy: 'round-robin',
    warmup: (h) => serveEach(h, [['model-a', ok('model-a')]]),
    why: 'one request already went to model-a, so the cursor is at model-b',
    first: 'model-b',
    next: 'model-c',
    widerContext: 'model-c',
  },
  {
    name: 'weighted',
    strategy: { name: 'weighted', model_weights: { 'model-a': 1, 'model-b': 3, 'model-c': 1 } },
    why: 'smooth weighted round-robin with weights 1/3/1 starts on the heaviest',
    first: 'model-b',
    // current weights after the pick: a=1, b=-2, c=1; among a and c, +1 each ties and a has the lower index
    next: 'model-a',
    widerContext: 'model-c',
  },
  {
    name: 'cost-first',
    strategy: 'cost-first',
    why: 'model-c has the lowest price per token',
    first: 'model-c',
    next: 'model-b',
    widerContext: null,
  },
  {
    name: 'latency-first',
    strategy: 'latency-first',
    warmup: (h) =>
      serveEach(h, [
        ['model-a', ok('model-a', { latency: 300 })],
        ['model-b', ok('model-b', { latency: 100 })],
        ['model-c', ok('model-c', { latency: 200 })],
      ]),
    why: 'measured latencies a=300ms, b=100ms, c=200ms (random 0.5 never explores at the default rate 0.05)',
    first: 'model-b',
    next: 'model-c',
    widerContext: 'model-c',
  },
  {
    name: 'rate-limit-aware',
    strategy: 'rate-limit-aware',
    warmup: (h) => serveEach(h, [['model-a', ok('model-a', { rateLimit: { limitRequests: 100, remainingRequests: 5 } })]]),
    why: 'model-a reported 5% headroom (below the 20% switch point); b and c are unknown, so preferred in pool order',
    first: 'model-b',
    next: 'model-c',
    widerContext: 'model-c',
  },
  {
    name: 'session-sticky',
    strategy: 'session-sticky',
    params: { user: SESSION },
    why: `fnv1a32("${SESSION}") % 3 === 1`,
    first: 'model-b',
    // without model-b, the session is re-hashed over [a, c]: fnv1a32("user-1") % 2 === 0
    next: 'model-a',
    widerContext: 'model-c',
  },
];

/** The first pick of a strategy case as the router's own introspection (or, for sessions, the hash) predicts it. */
export function predictedFirst(h: Harness, c: StrategyCase): string | null {
  if (c.params?.user !== undefined) {
    // explain() takes no session id, so the session's model comes from the documented hash.
    return MODEL_KEYS[fnv1a32(c.params.user) % MODEL_KEYS.length] ?? null;
  }
  return h.client.explain({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }).selectedModel;
}
