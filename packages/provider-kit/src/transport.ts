import { type BodySource, webBodySource } from './body-source.js';
import type { ExchangeAbort } from './exchange-abort.js';
import type { HeaderSource } from './header-source.js';

/** A request as a {@link Transport} sends it: everything resolved (URL, header names lower-case, body serialised). */
export interface TransportRequest {
  /** Absolute `http:` or `https:` URL. */
  readonly url: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Lower-case header names, one value each. */
  readonly headers: Readonly<Record<string, string>>;
  /** The serialised body (UTF-8), if any. */
  readonly body: string | undefined;
  /** Aborts the exchange: the transport rejects with its reason and closes the connection. */
  readonly abort: ExchangeAbort;
  /** Longest TCP/TLS connect, in ms, for a transport that can time it (the runtime's default when unset). */
  readonly connectTimeout?: number | undefined;
}

/** A response as a transport hands it over: status, headers and the unread body. */
export interface TransportResponse {
  /** HTTP status. */
  readonly status: number;
  /** Response headers (transports that hold them in another shape build these on first use). */
  readonly headers: Headers;
  /** The same headers in the cheapest shape the transport has (Node's lower-case record, or {@link TransportResponse.headers}). */
  readonly headerSource: HeaderSource;
  /** The body; null when the status or method has none. */
  readonly body: BodySource | null;
}

/**
 * Sends one request, resolving once the response headers arrive. Fails like `fetch`: with
 * the signal's reason on abort, otherwise a `TypeError('fetch failed')` whose cause is the
 * socket error.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** A fetch `Response` as a {@link TransportResponse}. */
export function fromFetchResponse(raw: Response): TransportResponse {
  return { status: raw.status, headers: raw.headers, headerSource: raw.headers, body: raw.body === null ? null : webBodySource(raw.body) };
}
