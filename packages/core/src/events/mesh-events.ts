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
  error?: { name: string; message: string };
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

/** Every event the mesh emits, by name. */
export interface MeshEventMap {
  'request.routed': RequestRoutedEvent;
  'attempt.failed': AttemptFailedEvent;
  'request.failover': RequestFailoverEvent;
  'model.deactivated': ModelDeactivatedEvent;
  'model.recovered': ModelRecoveredEvent;
  'request.completed': RequestCompletedEvent;
  'budget.alert': BudgetAlertEvent;
  'budget.exceeded': BudgetExceededEvent;
}

/** Name of a mesh event. */
export type MeshEventName = keyof MeshEventMap;

/** A listener of event `E`. */
export type MeshEventHandler<E extends MeshEventName> = (event: MeshEventMap[E]) => void;
