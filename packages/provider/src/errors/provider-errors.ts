import { brandError, ModelMeshError, type ModelMeshErrorOptions } from './model-mesh-error.js';

/** What went wrong at the provider, for errors that are not a plain HTTP status. */
export type ProviderErrorCode =
  | 'connection_error'
  | 'malformed_response'
  | 'http_error'
  | 'authentication'
  | 'rate_limited'
  | 'timeout'
  | 'context_length_exceeded'
  | 'content_filtered'
  | 'stream_interrupted'
  | 'unknown';

/** Options of {@link ProviderError}. */
export interface ProviderErrorOptions extends ModelMeshErrorOptions {
  /** The provider instance id (from config), e.g. `openai`. */
  providerId: string;
  /** The real model id at the provider, e.g. `gpt-4o`. */
  modelId?: string;
  /** What kind of failure this is; defaults per subclass. */
  code?: ProviderErrorCode;
  /** HTTP status, when the failure came with one. */
  status?: number;
  /** Whether the router may retry this call; defaults per subclass. */
  retryable?: boolean;
  /** Seconds the provider asked to wait before trying again (`Retry-After`), on any status. */
  retryAfter?: number;
}

/**
 * A provider failed to serve the call. Concrete subclasses name the common cases; the
 * base class itself covers connection resets and malformed responses (both retryable).
 */
export class ProviderError extends ModelMeshError {
  /** The provider instance id. */
  readonly providerId: string;
  /** The real model id at the provider ('' when not known). */
  readonly modelId: string;
  /** Machine-readable kind of failure. */
  readonly code: ProviderErrorCode;
  /** HTTP status, if there was one. */
  readonly status: number | undefined;
  override readonly retryable: boolean;
  /**
   * Seconds the provider asked to wait before trying again (its `Retry-After`, on a 429, a 503
   * or any other status), when it said; the seed's `retry_after`. Also in `details.retryAfter`.
   */
  readonly retryAfter: number | undefined;

  constructor(options: ProviderErrorOptions) {
    super({ ...options, message: options.message ?? `Provider "${options.providerId}" failed` });
    this.providerId = options.providerId;
    this.modelId = options.modelId ?? '';
    this.code = options.code ?? 'unknown';
    this.status = options.status;
    this.retryable = options.retryable ?? (this.code === 'connection_error' || this.code === 'malformed_response');
    const fromDetails = this.details['retryAfter'];
    this.retryAfter = options.retryAfter ?? (typeof fromDetails === 'number' && Number.isFinite(fromDetails) && fromDetails >= 0 ? fromDetails : undefined);
  }

  protected override jsonFields(): Record<string, unknown> {
    return { providerId: this.providerId, modelId: this.modelId, code: this.code, status: this.status, retryAfter: this.retryAfter };
  }
}
brandError(ProviderError, 'ProviderError');

/** HTTP statuses that are worth retrying: request timeout, conflict, too early, throttling, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/** Options of {@link ProviderHttpError}. */
export interface ProviderHttpErrorOptions extends ProviderErrorOptions {
  status: number;
}

/** The provider answered with an HTTP error status not covered by a more specific class. */
export class ProviderHttpError extends ProviderError {
  declare readonly status: number;

  constructor(options: ProviderHttpErrorOptions) {
    super({
      code: 'http_error',
      retryable: isRetryableStatus(options.status),
      ...options,
      message: options.message ?? `Provider "${options.providerId}" answered HTTP ${options.status}`,
    });
  }
}
brandError(ProviderHttpError, 'ProviderHttpError');

/** The provider rejected the credentials (HTTP 401/403). The router fails over to another provider. */
export class AuthenticationError extends ProviderError {
  constructor(options: ProviderErrorOptions) {
    super({
      code: 'authentication',
      ...options,
      retryable: false,
      message: options.message ?? `Provider "${options.providerId}" rejected the credentials`,
    });
  }
}
brandError(AuthenticationError, 'AuthenticationError');

/** Options of {@link RateLimitError}. */
export type RateLimitErrorOptions = ProviderErrorOptions;

/** Rate limit or quota exceeded (HTTP 429). Retryable after `retryAfter` seconds. */
export class RateLimitError extends ProviderError {
  /** Always `rate_limited`. */
  declare readonly code: 'rate_limited';

  constructor(options: RateLimitErrorOptions) {
    super({
      status: 429,
      ...options,
      code: 'rate_limited',
      retryable: true,
      message:
        options.message ??
        `Rate limited by "${options.providerId}"${options.retryAfter === undefined ? '' : `, retry in ${options.retryAfter}s`}`,
    });
  }
}
brandError(RateLimitError, 'RateLimitError');

/**
 * Which timeout ended an attempt: `connect` (TCP/TLS connection), `headers` (response
 * headers), `first-byte` (first byte of the body), `first-token` (first content of a stream),
 * `idle` (gap inside a body or stream) or `attempt` (the whole attempt).
 */
export type TimeoutPhaseName = 'connect' | 'headers' | 'first-byte' | 'first-token' | 'idle' | 'attempt';

/** Options of {@link ProviderTimeoutError}. */
export interface ProviderTimeoutErrorOptions extends ProviderErrorOptions {
  /** The timeout that expired, in seconds. */
  timeoutSeconds: number;
  /** Which timeout expired. */
  phase?: TimeoutPhaseName;
}

/** The provider did not answer in time. Retryable. */
export class ProviderTimeoutError extends ProviderError {
  /** The timeout that expired, in seconds. */
  readonly timeoutSeconds: number;
  /** Which timeout expired. */
  readonly phase: TimeoutPhaseName;

  constructor(options: ProviderTimeoutErrorOptions) {
    const phase = options.phase ?? 'attempt';
    super({
      code: 'timeout',
      ...options,
      retryable: true,
      message: options.message ?? `Provider "${options.providerId}" timed out after ${options.timeoutSeconds}s (${phase})`,
    });
    this.timeoutSeconds = options.timeoutSeconds;
    this.phase = phase;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { ...super.jsonFields(), timeoutSeconds: this.timeoutSeconds, phase: this.phase };
  }
}
brandError(ProviderTimeoutError, 'ProviderTimeoutError');

/** Options of {@link ContextLengthExceededError}. */
export interface ContextLengthExceededErrorOptions extends ProviderErrorOptions {
  /** The model's context window in tokens, if known. */
  contextWindow?: number;
  /** Tokens the request needed, if the provider said. */
  requestedTokens?: number;
}

/** The request does not fit the model's context window. Not retryable on this model. */
export class ContextLengthExceededError extends ProviderError {
  /** The model's context window, if known. */
  readonly contextWindow: number | undefined;
  /** Tokens the request needed, if known. */
  readonly requestedTokens: number | undefined;

  constructor(options: ContextLengthExceededErrorOptions) {
    super({
      code: 'context_length_exceeded',
      status: 400,
      ...options,
      retryable: false,
      message: options.message ?? `The request exceeds the context window of "${options.modelId ?? options.providerId}"`,
    });
    this.contextWindow = options.contextWindow;
    this.requestedTokens = options.requestedTokens;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { ...super.jsonFields(), contextWindow: this.contextWindow, requestedTokens: this.requestedTokens };
  }
}
brandError(ContextLengthExceededError, 'ContextLengthExceededError');

/** Options of {@link ContentFilteredError}. */
export interface ContentFilteredErrorOptions extends ProviderErrorOptions {
  /** The provider's reason or category (e.g. `HARM_CATEGORY_HARASSMENT`). */
  reason?: string;
}

/** The provider's safety system refused the request or the answer. Not retried on the same model. */
export class ContentFilteredError extends ProviderError {
  /** The provider's stated reason or category. */
  readonly reason: string | undefined;

  constructor(options: ContentFilteredErrorOptions) {
    super({
      code: 'content_filtered',
      ...options,
      retryable: false,
      message:
        options.message ??
        `Provider "${options.providerId}" filtered the content${options.reason === undefined ? '' : `: ${options.reason}`}`,
    });
    this.reason = options.reason;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { ...super.jsonFields(), reason: this.reason };
  }
}
brandError(ContentFilteredError, 'ContentFilteredError');

/** Options of {@link StreamInterruptedError}. */
export interface StreamInterruptedErrorOptions extends ProviderErrorOptions {
  /** Content chunks the caller had already received when the stream broke. */
  chunksDelivered: number;
  /** Why the stream ended: cut, stalled, or a malformed chunk. */
  reason: 'cut' | 'stalled' | 'malformed' | 'provider_error';
}

/**
 * A stream broke after content had reached the caller, so the router could not fail over.
 * The caller holds a partial answer; the whole request may be retried.
 */
export class StreamInterruptedError extends ProviderError {
  /** Content chunks already delivered. */
  readonly chunksDelivered: number;
  /** Why the stream ended. */
  readonly reason: 'cut' | 'stalled' | 'malformed' | 'provider_error';

  constructor(options: StreamInterruptedErrorOptions) {
    super({
      code: 'stream_interrupted',
      ...options,
      retryable: true,
      message:
        options.message ??
        `Stream from "${options.providerId}" was interrupted (${options.reason}) after ${options.chunksDelivered} chunks`,
    });
    this.chunksDelivered = options.chunksDelivered;
    this.reason = options.reason;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { ...super.jsonFields(), chunksDelivered: this.chunksDelivered, reason: this.reason };
  }
}
brandError(StreamInterruptedError, 'StreamInterruptedError');
