import { brandError, ModelMeshError, serializeError, type ModelMeshErrorOptions } from './model-mesh-error.js';

/** Options of {@link RoutingError}. */
export interface RoutingErrorOptions extends ModelMeshErrorOptions {
  /** The pool the request was routed to, when one was found. */
  poolName?: string;
}

/** The router could not place the request: unknown virtual model, or no usable model. */
export class RoutingError extends ModelMeshError {
  /** The pool the request was routed to (empty when the model name matched no pool). */
  readonly poolName: string;

  constructor(options: RoutingErrorOptions = {}) {
    super({ message: options.message ?? `Cannot route request${options.poolName ? ` in pool "${options.poolName}"` : ''}`, ...withoutMessage(options) });
    this.poolName = options.poolName ?? '';
  }

  protected override jsonFields(): Record<string, unknown> {
    return { poolName: this.poolName };
  }
}
brandError(RoutingError, 'RoutingError');

/** Options of {@link NoActiveModelError}. */
export interface NoActiveModelErrorOptions extends RoutingErrorOptions {
  poolName: string;
  /** When the earliest model in standby is due to recover (ms since epoch), if known. */
  recoversAt?: number;
  /** Seconds until that recovery, if known. */
  retryAfter?: number;
}

/** Every model of the pool is in standby and none recovers within the request's deadline. Retryable. */
export class NoActiveModelError extends RoutingError {
  override readonly retryable = true;
  /** When the earliest standby model is due back (ms since epoch), if known. */
  readonly recoversAt: number | undefined;
  /** Seconds until the earliest recovery, if known. */
  readonly retryAfter: number | undefined;

  constructor(options: NoActiveModelErrorOptions) {
    super({
      ...options,
      message:
        options.message ??
        `No active model in pool "${options.poolName}"${options.retryAfter === undefined ? '' : `; the earliest recovers in ${options.retryAfter}s`}`,
    });
    this.recoversAt = options.recoversAt;
    this.retryAfter = options.retryAfter;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { ...super.jsonFields(), recoversAt: this.recoversAt, retryAfter: this.retryAfter };
  }
}
brandError(NoActiveModelError, 'NoActiveModelError');

/** Options of {@link AllProvidersExhaustedError}. */
export interface AllProvidersExhaustedErrorOptions extends RoutingErrorOptions {
  poolName: string;
  /** How many attempts were made across all models. */
  attempts: number;
  /** The error of the last attempt. */
  lastError: unknown;
  /** The shortest `Retry-After` (seconds) any failed attempt's provider sent, if one did. */
  retryAfter?: number;
}

/** Every retry and failover attempt failed. `lastError` holds the final cause. */
export class AllProvidersExhaustedError extends RoutingError {
  /** Number of attempts made across all models. */
  readonly attempts: number;
  /** The error of the last attempt. */
  readonly lastError: unknown;
  /** The shortest `Retry-After` (seconds) a failed attempt's provider sent, if any did: when trying again may help. */
  readonly retryAfter: number | undefined;

  constructor(options: AllProvidersExhaustedErrorOptions) {
    const last = options.lastError instanceof Error ? `: ${options.lastError.message}` : '';
    super({
      ...options,
      cause: options.cause ?? options.lastError,
      message: options.message ?? `All ${options.attempts} attempts in pool "${options.poolName}" failed${last}`,
    });
    this.attempts = options.attempts;
    this.lastError = options.lastError;
    this.retryAfter = options.retryAfter;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { ...super.jsonFields(), attempts: this.attempts, lastError: serializeError(this.lastError), retryAfter: this.retryAfter };
  }
}
brandError(AllProvidersExhaustedError, 'AllProvidersExhaustedError');

/** Options of {@link DeadlineExceededError}. */
export interface DeadlineExceededErrorOptions extends RoutingErrorOptions {
  /** The request's overall deadline, in seconds. */
  timeoutSeconds: number;
  /** Attempts made before the deadline. */
  attempts?: number;
}

/** The request's overall deadline passed before any model answered. Retryable. */
export class DeadlineExceededError extends RoutingError {
  override readonly retryable = true;
  /** The deadline, in seconds. */
  readonly timeoutSeconds: number;
  /** Attempts made before the deadline. */
  readonly attempts: number;

  constructor(options: DeadlineExceededErrorOptions) {
    super({ ...options, message: options.message ?? `Request deadline of ${options.timeoutSeconds}s exceeded` });
    this.timeoutSeconds = options.timeoutSeconds;
    this.attempts = options.attempts ?? 0;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { ...super.jsonFields(), timeoutSeconds: this.timeoutSeconds, attempts: this.attempts };
  }
}
brandError(DeadlineExceededError, 'DeadlineExceededError');

/** The caller aborted the request through its `AbortSignal`. */
export class RequestAbortedError extends ModelMeshError {
  constructor(options: ModelMeshErrorOptions = {}) {
    super({ ...options, message: options.message ?? 'Request aborted by the caller' });
  }
}
brandError(RequestAbortedError, 'RequestAbortedError');

function withoutMessage<T extends ModelMeshErrorOptions>(options: T): Omit<T, 'message'> {
  const { message: _message, ...rest } = options;
  return rest;
}
