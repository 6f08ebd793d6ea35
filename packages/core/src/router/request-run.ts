import { type BudgetExceededError, type ModelMeshError, RateLimitError, AllProvidersExhaustedError } from '@modelmesh/provider';
import type { Clock } from '../runtime/clock.js';
import type { FailureKind } from '../health/health-types.js';
import type { RequestContext, RequestOperation } from '../middleware/request-call.js';
import type { AttemptReport } from '../middleware/request-report.js';
import type { MeshModel } from './mesh-model.js';
import type { ResolvedPool } from './pool-registry.js';
import { newRequestContext } from './request-context.js';
import type { RequestNeeds } from './request-needs.js';
import { RequestSignals } from './request-signals.js';
import type { RequestOptions } from './router-context.js';

/** The exclusions of a request that has none (shared: it is never written). */
const NONE_EXCLUDED: ReadonlyMap<string, string> = new Map();

/** What a request run starts from: its request, and the clock its timers run on. */
export type RequestRunInit = Pick<RequestRun, 'id' | 'pool' | 'params' | 'options' | 'needs' | 'sessionId' | 'throughMiddleware' | 'operation'> & {
  readonly clock: Clock;
  /** The request hooks' context, when `wrapRequest` middleware made one already. */
  readonly request?: RequestContext;
  /** Keep a report of each attempt (for `onRequestEnd` middleware). */
  readonly logAttempts?: boolean;
};

/**
 * One request while it is being routed: what it asked for, and what its attempts so far have
 * taught (models excluded and why, attempts per model, the failures). The route loop, spend
 * reservation and completion read it; only its own methods change it.
 */
export class RequestRun {
  readonly id: string;
  readonly pool: ResolvedPool;
  /** The caller's parameters (chat or embeddings); `model` names the pool. */
  readonly params: { readonly model: string };
  readonly options: RequestOptions;
  readonly needs: RequestNeeds;
  /** Session id for `session-sticky`. */
  readonly sessionId: string | undefined;
  /** Chat requests pass through the chat hooks (`beforeRequest`, `onError`, ...); embeddings do not. */
  readonly throughMiddleware: boolean;
  readonly operation: RequestOperation;
  readonly startedAt: number;
  /** The request's abort plumbing: caller signal, deadline, attempt controllers. */
  readonly signals: RequestSignals;
  #attempts = 0;
  /**
   * When each attempt on a model started (for the spacing of retries on one model); its length
   * counts them. The first model's times sit in their own field and the Maps are made when
   * needed: most requests try one model and exclude none, and a stream keeps its request as
   * long as it is open (an empty Map costs ~150 B).
   */
  #firstModelKey: string | undefined;
  #firstModelTimes: number[] | undefined;
  #otherStartedAt: Map<string, number[]> | undefined;
  #excluded: Map<string, string> | undefined;
  #lastModelKey: string | undefined;
  #lastError: ModelMeshError | undefined;
  #selected = false;
  #budgetRefusal: BudgetExceededError | undefined;
  /** While every failure so far was a 429: the one that resets soonest. */
  #rateLimited: RateLimitError | undefined;
  #otherFailure = false;
  #request: RequestContext | undefined;
  /** Reports of the attempts so far, kept only when some middleware reads them. */
  readonly attemptLog: AttemptReport[] | undefined;
  /** The shortest Retry-After (seconds) any failure carried. */
  #soonestRetryAfter: number | undefined;

  constructor(init: RequestRunInit) {
    this.id = init.id;
    this.pool = init.pool;
    this.params = init.params;
    this.options = init.options;
    this.needs = init.needs;
    this.sessionId = init.sessionId;
    this.throughMiddleware = init.throughMiddleware;
    this.operation = init.operation;
    this.startedAt = init.clock.now();
    this.#request = init.request;
    this.attemptLog = init.logAttempts ? [] : undefined;
    const { policy, name } = init.pool.definition;
    const timeoutMs = init.options.timeout ?? policy.timeouts.requestMs;
    this.signals = new RequestSignals(init.clock, this.startedAt + timeoutMs, name, timeoutMs, init.options.signal, () => this.#attempts);
  }

  /** The request hooks' context (made on first use: requests without middleware never need it). */
  get request(): RequestContext {
    return (this.#request ??= newRequestContext(this.id, this.pool.definition.name, this.operation, this.options, this.startedAt));
  }

  /** Notes an attempt placed on `model` in the attempt log (when one is kept). */
  noteAttempt(model: MeshModel, at: number): void {
    this.attemptLog?.push({ attempt: this.#attempts, modelKey: model.key, modelId: model.modelId, providerId: model.providerId, connector: model.connector, startedAt: at });
  }

  /** Attempts started so far (the current one included). */
  get attempts(): number {
    return this.#attempts;
  }

  /** Models this request will not try again, with the reason. */
  get excluded(): ReadonlyMap<string, string> {
    return this.#excluded ?? NONE_EXCLUDED;
  }

  /** The last `rotate` budget refusal: thrown if no model can take the request within budget. */
  get budgetRefusal(): BudgetExceededError | undefined {
    return this.#budgetRefusal;
  }

  /** Attempts started on `modelKey` so far. */
  attemptsOn(modelKey: string): number {
    return this.#timesOn(modelKey)?.length ?? 0;
  }

  /** When this request's attempts on `modelKey` started (ms since epoch), oldest first. */
  attemptTimesOn(modelKey: string): readonly number[] {
    return this.#timesOn(modelKey) ?? [];
  }

  #timesOn(modelKey: string): number[] | undefined {
    return modelKey === this.#firstModelKey ? this.#firstModelTimes : this.#otherStartedAt?.get(modelKey);
  }

  /**
   * Counts a new attempt on `modelKey`, started at `at`. Returns the model the previous attempt
   * ran on when this one moves to another (a failover), else undefined.
   */
  beginAttempt(modelKey: string, at = 0): string | undefined {
    this.#attempts++;
    const times = this.#timesOn(modelKey);
    if (times !== undefined) times.push(at);
    else if (this.#firstModelKey === undefined) {
      this.#firstModelKey = modelKey;
      this.#firstModelTimes = [at];
    } else (this.#otherStartedAt ??= new Map()).set(modelKey, [at]);
    const previous = this.#lastModelKey;
    this.#lastModelKey = modelKey;
    return previous !== undefined && previous !== modelKey ? previous : undefined;
  }

  /** Remembers a failed attempt's error, for the error the caller gets if every attempt fails. */
  recordFailure(error: ModelMeshError, kind: FailureKind = 'transient'): void {
    this.#lastError = error;
    const log = this.attemptLog;
    const logged = log?.at(-1);
    if (log && logged && logged.error === undefined) {
      const status = (error as { status?: unknown }).status;
      log[log.length - 1] = { ...logged, error: { name: error.name, message: error.message, kind, ...(typeof status === 'number' ? { status } : {}) } };
    }
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter < (this.#soonestRetryAfter ?? Infinity)) this.#soonestRetryAfter = retryAfter;
    if (!RateLimitError.isInstance(error)) {
      this.#otherFailure = true;
    } else if (!this.#rateLimited || (error.retryAfter ?? Infinity) < (this.#rateLimited.retryAfter ?? Infinity)) {
      this.#rateLimited = error;
    }
  }

  /** Leaves `modelKey` out of this request's remaining candidates. */
  exclude(modelKey: string, why: string): void {
    (this.#excluded ??= new Map()).set(modelKey, why);
  }

  /** A `rotate` budget has no room on `modelKey`: skip it, and remember the refusal. */
  refuseBudget(modelKey: string, error: BudgetExceededError): void {
    (this.#excluded ??= new Map()).set(modelKey, `budget "${error.budgetName}" has no room for this request`);
    this.#budgetRefusal = error;
  }

  /**
   * True the first time only: a request updates its pool's strategy memory with its first
   * selection, not with the re-selections of its retries.
   */
  firstSelection(): boolean {
    if (this.#selected) return false;
    this.#selected = true;
    return true;
  }

  /**
   * The error for a request that ran out of attempts. When every attempt was rate limited,
   * that is what the caller should know (and when to come back): the RateLimitError that
   * resets soonest, not a generic exhaustion.
   */
  exhaustedError(): ModelMeshError {
    const poolName = this.pool.definition.name;
    const limited = this.#rateLimited;
    if (limited && !this.#otherFailure) {
      return new RateLimitError({
        providerId: limited.providerId,
        modelId: limited.modelId,
        retryAfter: limited.retryAfter,
        status: limited.status,
        cause: this.#lastError,
        message: `Every model in pool "${poolName}" is rate limited (${this.#attempts} attempts)${limited.retryAfter === undefined ? '' : `; the first frees up in ${limited.retryAfter}s`}`,
        details: { poolName, attempts: this.#attempts },
      });
    }
    return new AllProvidersExhaustedError({ poolName, attempts: this.#attempts, lastError: this.#lastError, retryAfter: this.#soonestRetryAfter });
  }
}
