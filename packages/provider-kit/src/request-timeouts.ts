/**
 * Timeouts of one HTTP exchange, in milliseconds. Unset means "no limit from us" (the
 * caller's signal still applies).
 *
 * - **connect** is the TCP/TLS connection alone. Node's fast transport (undici) enforces it
 *   on the socket; `fetch` does not say when the connection is up, so on the `fetch` path
 *   (an injected `fetch`, or a request the fast transport does not take) it is left to the
 *   runtime (undici: 10 s) and the headers deadline bounds the whole wait.
 * - **headers** runs from sending the request until the response headers arrive. A stream's
 *   server sends them as soon as it accepts the request; a non-streaming answer's come with
 *   the finished answer, so there it bounds the whole answer.
 * - **firstByte** runs until the first byte of the body; **idle** is the longest wait for the
 *   next piece of the body once it has started.
 */
export interface RequestTimeouts {
  /** The TCP/TLS connection. Phase `connect`. */
  connect?: number;
  /** From the start of the request until the response headers arrive. Phase `headers`. */
  headers?: number;
  /** From the start of the request until the first byte of the response body. Phase `first-byte`. */
  firstByte?: number;
  /** Longest wait for the next piece of the body once it has started. Phase `idle`. */
  idle?: number;
}

/** The phases the request guard times, as `ProviderTimeoutError.phase` names them (connect is the transport's). */
export type TimeoutPhase = 'headers' | 'first-byte' | 'idle';
