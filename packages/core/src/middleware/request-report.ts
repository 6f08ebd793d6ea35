import type { ChatCompletion, CompletionUsage, ModelMeshError } from '@modelmesh/provider';
import type { FailureKind } from '../health/health-types.js';
import type { RequestContext } from './request-call.js';

/** One attempt of a request, as `onRequestEnd` reports it. */
export interface AttemptReport {
  /** 1-based attempt number. */
  readonly attempt: number;
  readonly modelKey: string;
  readonly modelId: string;
  readonly providerId: string;
  readonly connector: string;
  /** When the attempt started (ms, the mesh's clock). */
  readonly startedAt: number;
  /** Set when the attempt failed. */
  readonly error?: {
    readonly name: string;
    readonly message: string;
    /** How the router classed it: `transient`, `rate-limit`, `auth`, `request`, ... */
    readonly kind: FailureKind;
    readonly status?: number;
  };
}

/** The model that answered a request. */
export interface AnsweringModel {
  readonly modelKey: string;
  readonly modelId: string;
  readonly providerId: string;
  readonly connector: string;
}

/** A settled request, as `onRequestEnd` sees it. Holds no secrets; message contents only in `completion`. */
export interface RequestReport {
  readonly context: RequestContext;
  /** True when the request got a complete answer. */
  readonly ok: boolean;
  /** The caller cancelled (or stopped reading the stream early). */
  readonly cancelled: boolean;
  /** The error the caller got, when not ok. */
  readonly error?: ModelMeshError;
  /** The answer came from a cache (no provider was called). */
  readonly cacheHit: boolean;
  /** The model that answered (undefined for a middleware's own answer and for failures before any attempt). */
  readonly answeredBy?: AnsweringModel;
  /** The model id named by the answer. */
  readonly responseModel?: string;
  /** Every attempt, in order (empty when middleware answered). */
  readonly attempts: readonly AttemptReport[];
  /** Times the request moved to another model. */
  readonly failovers: number;
  /** Milliseconds from the call to the answer (to the end of the stream for streams). */
  readonly latencyMs: number;
  /** Milliseconds from the answering attempt's start to its first content (streams). */
  readonly timeToFirstTokenMs?: number;
  readonly usage?: CompletionUsage;
  /** USD cost (0 for cache hits and failures). */
  readonly cost: number;
  /** The chat answer (assembled from the chunks for a stream), when there is one. */
  readonly completion?: ChatCompletion;
}
