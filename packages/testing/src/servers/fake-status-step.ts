/** A status step as every wire's step union holds it (`kind: 'status'`). */
export interface StatusStepShape {
  readonly kind: 'status';
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly delayMs?: number;
}

/** What a 429 step builder of any wire takes besides its own headers. */
export interface RateLimitedStepOptions {
  /** `retry-after`: seconds (a number), an HTTP date (a Date, sent in IMF-fixdate form), or raw text. */
  readonly retryAfter?: number | Date | string;
  /** Body instead of the wire's rate-limit error. */
  readonly body?: unknown;
  /** Milliseconds to wait before answering. */
  readonly delayMs?: number;
}

/**
 * A 429 status step with `headers`, then `retry-after` when `options.retryAfter` is set, then
 * `trailing` (e.g. OpenAI's `retry-after-ms`), in that order.
 */
export function rateLimitedStep(headers: Readonly<Record<string, string>>, options: RateLimitedStepOptions, trailing: Readonly<Record<string, string>> = {}): StatusStepShape {
  const { retryAfter } = options;
  return {
    kind: 'status',
    status: 429,
    headers: {
      ...headers,
      ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter instanceof Date ? retryAfter.toUTCString() : String(retryAfter) }),
      ...trailing,
    },
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
  };
}
