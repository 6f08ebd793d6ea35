/** The `error` object of an OpenAI error body (`{ "error": { ... } }`), as the OpenAI API sends it. */
export interface OpenAIErrorObject {
  /** Human-readable description. */
  readonly message: string;
  /** Error family, e.g. `invalid_request_error`, `server_error`. */
  readonly type: string;
  /** The request parameter at fault, or null. */
  readonly param: string | null;
  /** Machine-readable code, e.g. `model_not_found`, or null. */
  readonly code: string | null;
}

/** An HTTP error answer: status, OpenAI-shaped error and extra headers (such as `Retry-After`). */
export interface HttpFailure {
  readonly status: number;
  readonly error: OpenAIErrorObject;
  readonly headers: Readonly<Record<string, string>>;
}

/** Builds an {@link HttpFailure}. */
export function httpFailure(
  status: number,
  message: string,
  type: string,
  options: { param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
): HttpFailure {
  return { status, error: { message, type, param: options.param ?? null, code: options.code ?? null }, headers: options.headers ?? {} };
}

/**
 * Thrown inside the proxy to answer with a given failure; the dispatcher catches it.
 * It never leaves the package.
 */
export class HttpFailureError extends Error {
  constructor(readonly failure: HttpFailure) {
    super(failure.error.message);
    this.name = 'HttpFailureError';
  }
}
