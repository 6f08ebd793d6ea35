import type { StandbyReason } from '../health/health-types.js';
import type { CompletionUsage } from '@modelmesh/provider';

/** A request was placed on a model. */
export interface RequestRoutedEvent {
  requestId: string;
  poolName: string;
  modelKey: string;
  providerId: string;
  strategy: string;
  reason: string;
  attempt: number;
  at: number;
}

/** One attempt failed; the router will retry, fail over or give up. */
export interface AttemptFailedEvent {
  requestId: string;
  poolName: string;
  modelKey: string;
  providerId: string;
  attempt: number;
  /** The error's name and message (secrets redacted). */
  error: { name: string; message: string; retryable: boolean; status?: number };
  /** What the router does next. */
  next: 'retry-same' | 'failover' | 'surface' | 'fallback';
  /** Delay before the next attempt, ms. */
  delayMs: number;
  at: number;
}

/** The request moved from one model to another. */
export interface RequestFailoverEvent {
  requestId: string;
  poolName: string;
  fromModel: string;
  toModel: string;
  attempt: number;
  at: number;
}

/** A model left rotation. */
export interface ModelDeactivatedEvent {
  modelKey: string;
  providerId: string;
  reason: StandbyReason;
  /** When it is due back (ms since epoch; Infinity for manual standby). */
  until: number;
  detail?: string;
  at: number;
}

/** A model is back in rotation (its half-open trial succeeded, or it was reactivated). */
export interface ModelRecoveredEvent {
  modelKey: string;
  providerId: string;
  /** The reason it had been in standby. */
  reason: StandbyReason;
  at: number;
}

/** A request finished, successfully or not. */
export interface RequestCompletedEvent {
  requestId: string;
  poolName: string;
  /** The model that answered (undefined when the request failed). */
  modelKey?: string;
  providerId?: string;
  /** The real model id that answered. */
  modelId?: string;
  stream: boolean;
  attempts: number;
  /** Milliseconds from the call to the response (to the end of the stream for streams). */
  latencyMs: number;
  /** Streams that answered: milliseconds from the answering attempt's start to its first content chunk. */
  timeToFirstTokenMs?: number;
  usage?: CompletionUsage;
  /** USD cost (0 when unpriced or failed). */
  cost: number;
  ok: boolean;
  /** True when a cache middleware answered (no provider was called; cost 0, attempts 0). */
  cacheHit?: boolean;
  error?: { name: string; message: string };
  /**
   * Streams only: the broken streams this answer was recovered from, in order. Usage and cost
   * above are then the sum over every model that streamed a part of it.
   */
  recoveries?: ReadonlyArray<{ fromModel: string; toModel: string; mode: 'continue' | 'restart' }>;
  at: number;
}

/**
 * A stream that broke after content reached the caller goes on on another model: `continue`
 * (that model was given the delivered text as an assistant prefill) or `restart` (it answers
 * anew, held back until it has reproduced the delivered text).
 */
export interface StreamRecoveredEvent {
  requestId: string;
  poolName: string;
  /** The model whose stream broke. */
  fromModel: string;
  /** The model that goes on. */
  toModel: string;
  mode: 'continue' | 'restart';
  /** Why the stream broke: cut, stalled, malformed, or an error event from the provider. */
  reason: 'cut' | 'stalled' | 'malformed' | 'provider_error';
  /** Chunks the caller had received when the stream broke. */
  chunksDelivered: number;
  /** The attempt number of the model that goes on. */
  attempt: number;
  at: number;
}

/** A hedged request started its second attempt: the first had produced no content `afterMs` after the request started. */
export interface HedgeStartedEvent {
  requestId: string;
  poolName: string;
  /** The model of the attempt in flight when the hedge started. */
  primaryModel: string;
  /** The model the hedge runs on. */
  hedgeModel: string;
  afterMs: number;
  at: number;
}

/** A hedged request is decided: the first attempt to produce content won; the other was aborted (or, if it had content too, closed). */
export interface HedgeWonEvent {
  requestId: string;
  poolName: string;
  winner: string;
  loser: string;
  /** Whether the winner is the hedge (true) or the attempt that was slow (false). */
  hedgeWon: boolean;
  at: number;
}

/** A budget reached its alert threshold in the current window (once per window). */
export interface BudgetAlertEvent {
  budget: string;
  scope: string;
  used: number;
  limit: number;
  at: number;
}

/** A budget refused a request (`error`, `rotate`) or was crossed (`warn`). */
export interface BudgetExceededEvent {
  budget: string;
  scope: string;
  used: number;
  limit: number;
  action: 'error' | 'rotate' | 'warn';
  at: number;
}

/**
 * A stream event whose data was not JSON was skipped. More than `retry.max_malformed_events`
 * in one stream break it (the stream ends, or is recovered, like a cut one).
 */
export interface StreamMalformedEventEvent {
  requestId: string;
  poolName: string;
  modelKey: string;
  providerId: string;
  /** Malformed events skipped so far in this stream, this one included. */
  count: number;
  /** The start of the event's data, secrets masked. */
  excerpt: string;
  at: number;
}

/**
 * The shared state store stopped answering (`state.unavailable`) or answers again
 * (`state.restored`, after local changes were written back). While unavailable, the mesh
 * serves from its own state (`on_unavailable: local`) or refuses requests that carry a
 * budget or quota (`fail`).
 */
export interface StateStoreEvent {
  /** The store, e.g. `redis`. */
  store: string;
  /** What happened (no credentials). */
  detail: string;
  /** What the mesh does meanwhile. */
  mode: 'local' | 'fail';
  at: number;
}

/** Every event the mesh emits, by name. */
export interface MeshEventMap {
  'request.routed': RequestRoutedEvent;
  'attempt.failed': AttemptFailedEvent;
  'request.failover': RequestFailoverEvent;
  'model.deactivated': ModelDeactivatedEvent;
  'model.recovered': ModelRecoveredEvent;
  'request.completed': RequestCompletedEvent;
  'stream.recovered': StreamRecoveredEvent;
  'hedge.started': HedgeStartedEvent;
  'hedge.won': HedgeWonEvent;
  'budget.alert': BudgetAlertEvent;
  'budget.exceeded': BudgetExceededEvent;
  'stream.malformed_event': StreamMalformedEventEvent;
  'state.unavailable': StateStoreEvent;
  'state.restored': StateStoreEvent;
}

/** Name of a mesh event. */
export type MeshEventName = keyof MeshEventMap;

/** A listener of event `E`. */
export type MeshEventHandler<E extends MeshEventName> = (event: MeshEventMap[E]) => void;
