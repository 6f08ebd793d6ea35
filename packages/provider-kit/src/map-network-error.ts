import { ProviderError, ProviderTimeoutError } from '@modelmesh/provider';
import { safeExcerpt } from './error-message.js';

/** Where in the exchange the network failed. */
export type NetworkPhase = 'request' | 'body';

/** Context for {@link mapNetworkError}. */
export interface NetworkErrorContext {
  providerId: string;
  modelId?: string;
  /** Whether the failure happened before the response started or while reading its body. */
  phase: NetworkPhase;
  /** The connect timeout in force, in ms, to report when the runtime's own connect timer fired. */
  connectTimeoutMs?: number;
  /** Values to mask (the API key). */
  secrets?: readonly string[];
}

/** undici's own connect timeout (the default global dispatcher gives up after 10 s). */
const UNDICI_CONNECT_TIMEOUT_MS = 10_000;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

const asErrorLike = (value: unknown): ErrorLike | undefined => (typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined);

/** The innermost `code` in a cause chain: fetch wraps the socket error (`ECONNRESET`, `UND_ERR_SOCKET`) in a TypeError. */
export function networkErrorCode(error: unknown): string | undefined {
  let current = asErrorLike(error);
  let found: string | undefined;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (typeof current.code === 'string') found = current.code;
    current = asErrorLike(current.cause);
  }
  return found;
}

/** ofetch wraps network failures in a FetchError whose message holds the URL (and so any key in its query); unwrap it. */
function unwrapFetchError(error: unknown): unknown {
  const e = asErrorLike(error);
  return e?.name === 'FetchError' && e.cause !== undefined ? e.cause : error;
}

/**
 * Maps a failed `fetch` (or a failed body read) to a retryable ProviderError with code
 * `connection_error`, naming the socket error code when there is one (`ECONNREFUSED`,
 * `ECONNRESET`, `UND_ERR_SOCKET`, ...). undici's own connect timeout becomes a
 * ProviderTimeoutError with phase `connect`. The URL is never quoted (it may carry a key).
 */
export function mapNetworkError(error: unknown, context: NetworkErrorContext): ProviderError {
  const cause = unwrapFetchError(error);
  const code = networkErrorCode(cause);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    const ms = context.connectTimeoutMs ?? UNDICI_CONNECT_TIMEOUT_MS;
    return new ProviderTimeoutError({ providerId: context.providerId, modelId: context.modelId, phase: 'connect', timeoutSeconds: ms / 1000, cause });
  }
  const what = context.phase === 'body' ? 'connection broke while reading the response' : 'could not be reached';
  const rawMessage = asErrorLike(cause)?.message;
  const detail = code ?? (typeof rawMessage === 'string' ? safeExcerpt(rawMessage, context.secrets, 120) : undefined);
  return new ProviderError({
    providerId: context.providerId,
    modelId: context.modelId,
    code: 'connection_error',
    retryable: true,
    message: `Provider "${context.providerId}" ${what}${detail === undefined ? '' : ` (${detail})`}`,
    details: code === undefined ? {} : { networkCode: code },
    cause,
  });
}
