import type { ModelPricing } from '@modelmesh/provider';
import type { RandomSource } from '../runtime/clock.js';

/** Recent latency of a model, as the router measured it. */
export interface LatencyStats {
  /** Exponentially weighted moving average of whole-request latency, ms. */
  ewmaMs: number;
  /** EWMA of time to first token for streams, ms (undefined until a stream was measured). */
  ttftEwmaMs?: number;
  /** Number of measurements so far. */
  samples: number;
}

/** What a strategy sees of one eligible model. Built by the router per request; read-only. */
export interface CandidateView {
  /** The model's key in the mesh (unique across providers), e.g. `openai.gpt-4o`. */
  readonly key: string;
  /** The real model id at the provider. */
  readonly modelId: string;
  /** Provider instance id. */
  readonly providerId: string;
  /** Position in the pool's declared order (0-based). */
  readonly index: number;
  /** Lower is preferred. Defaults to `index`. */
  readonly priority: number;
  /** Static weight for `weighted` (default 1). */
  readonly weight: number;
  /** Prices, if known. */
  readonly pricing?: ModelPricing;
  /** Estimated USD cost of this request on this model (undefined when unpriced). */
  readonly estimatedCost?: number;
  /** Latency statistics (undefined when never used). */
  readonly latency?: LatencyStats;
  /**
   * Fraction of the rate-limit or quota window left, 0..1, the smaller of requests and
   * tokens (undefined when nothing is known).
   */
  readonly headroom?: number;
  /** `half-open`: back from standby on trial; one request decides. */
  readonly health: 'active' | 'half-open';
}

/** Memory a strategy keeps between requests of one pool (its own shape; JSON-safe). */
export type StrategyMemory = Readonly<Record<string, unknown>>;

/** What a strategy knows about the request and its pool. */
export interface StrategyContext {
  /** The pool being served. */
  readonly poolName: string;
  /** Options from config `pools.<name>.strategy`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The session id (header, metadata or `user`), for `session-sticky`. */
  readonly sessionId?: string;
  /** Whether the request streams (latency-first then uses time to first token). */
  readonly stream: boolean;
  /** Current time, ms since epoch. */
  readonly now: number;
  /** Injected randomness. */
  readonly random: RandomSource;
  /** What this strategy returned as `memory` last time for this pool (empty at first). */
  readonly memory: StrategyMemory;
}

/** The outcome of a selection. */
export interface Selection {
  /** Candidates in the order to try them: the first is the selected model. Must contain each input once. */
  readonly order: readonly CandidateView[];
  /** New memory for the next request of this pool; omitted means unchanged. */
  readonly memory?: StrategyMemory;
  /** One line saying why the first was chosen, for `explain()`. */
  readonly reason: string;
}

/**
 * Orders a pool's eligible candidates. A pure function of its inputs: all state lives in
 * `context.memory` and the returned `memory`, and randomness comes from `context.random`.
 * `candidates` is never empty and is in pool order.
 */
export interface Strategy {
  /** Registered name, e.g. `round-robin`. */
  readonly name: string;
  /** Orders the candidates. */
  select(candidates: readonly CandidateView[], context: StrategyContext): Selection;
  /**
   * Optional. A request left this strategy's pick because that model failed (not because of
   * the request itself) and `candidate` answered instead: returns the memory to keep for the
   * next request, or undefined to keep the memory as it is.
   */
  answeredBy?(candidate: CandidateView, context: StrategyContext): StrategyMemory | undefined;
}
