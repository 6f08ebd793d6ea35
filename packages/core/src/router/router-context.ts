import type { MeshEventEmitter } from '../events/event-emitter.js';
import type { RequestCompletedEvent, RequestRoutedEvent } from '../events/mesh-events.js';
import type { FailureRecord, HealthPolicy, StandbyReason } from '../health/health-types.js';
import type { AttemptTicket } from '../health/tracker-types.js';
import type { MiddlewareChain } from '../middleware/middleware-chain.js';
import type { Clock, RandomSource } from '../runtime/clock.js';
import type { Strategy } from '../strategies/strategy.js';
import type { ChatCompletionMessageParam } from '@modelmesh/provider';
import type { UsageTracker } from '../usage/usage-tracker.js';
import type { SpendGuard } from '../usage/spend-guard.js';
import type { HealthReader } from './candidates.js';
import type { HeadroomTracker } from './headroom-tracker.js';
import type { LatencyTracker } from './latency-tracker.js';
import type { PoolRegistry, ResolvedPool } from './pool-registry.js';

/** The model-health operations the router uses. */
export interface HealthService extends HealthReader {
  beginAttempt(modelKey: string): AttemptTicket | undefined;
  /** The attempt was cancelled: its outcome says nothing about the model. */
  abandonAttempt(ticket: AttemptTicket): void;
  recordSuccess(ticket: AttemptTicket, policy: HealthPolicy): void;
  recordFailure(ticket: AttemptTicket, failure: FailureRecord, policy: HealthPolicy): unknown;
  earliestRecovery(modelKeys: Iterable<string>): number | undefined;
  /** Takes a model out of rotation until `until` (quota windows, budgets). */
  deactivate(modelKey: string, reason: StandbyReason, until: number, detail?: string): void;
  /** Puts a model back into rotation. */
  reactivate(modelKey: string): void;
}

/** What `prepareRun` sees of a request (a `RequestRun`; declared here to keep imports one-way). */
export interface RunToPrepare {
  readonly pool: ResolvedPool;
  readonly sessionId: string | undefined;
}

/** Everything the router works with, built once per mesh. */
export interface RouterContext {
  readonly pools: PoolRegistry;
  readonly health: HealthService;
  readonly strategy: (name: string) => Strategy | undefined;
  readonly middleware: MiddlewareChain;
  readonly events: MeshEventEmitter;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly latency: LatencyTracker;
  readonly headroom: HeadroomTracker;
  readonly usage: UsageTracker;
  /** Budget and quota enforcement; absent when nothing is limited. */
  readonly spend?: SpendGuard;
  readonly countTokens?: (messages: readonly ChatCompletionMessageParam[]) => number;
  readonly newRequestId: () => string;
  /**
   * Runs before a request is routed; returns a promise only when it must wait (e.g. to load a
   * session's shared assignment), so requests that need nothing pay no await.
   */
  readonly prepareRun?: (run: RunToPrepare) => Promise<void> | undefined;
}

/** Per-call options, as the `openai` client takes them (plus ModelMesh's own). */
export interface RequestOptions {
  /** Cancels the request, retries and waits included: it then rejects with a `RequestAbortedError`. */
  signal?: AbortSignal;
  /** Overall deadline for this request in milliseconds (overrides the pool's `timeouts.request`). */
  timeout?: number;
  /** Extra HTTP headers for the provider. `x-session-id` also sets the session for `session-sticky`. */
  headers?: Record<string, string>;
  /** Seeds the middleware contexts' metadata. */
  metadata?: Record<string, unknown>;
  /** `false` asks response caches (such as `@modelmesh/middleware-cache`) neither to answer from nor to store this request. */
  cache?: boolean;
  /** Session id for `session-sticky` (else the `x-session-id` header, else `metadata.session_id`, else `user`). */
  sessionId?: string;
  /** Name of the API key the request came with (the proxy sets it), for `key:<name>` budgets. */
  keyName?: string;
  /** Called as each attempt of this request is placed on a model (cheaper than filtering mesh events). */
  onRouted?: (event: RequestRoutedEvent) => void;
  /** Called when a cache middleware answers this request, before the answer (or a stream's first chunk) is returned. */
  onCacheHit?: () => void;
  /** Called once when this request settles, with the model that answered, attempts, usage and cost. */
  onCompleted?: (event: RequestCompletedEvent) => void;
}
