/**
 * Timeouts of one HTTP exchange, in milliseconds. Unset means "no limit from us" (the
 * caller's signal still applies).
 *
 * `fetch` does not expose when the TCP/TLS connection is up, so **connect** is measured
 * until the response headers arrive ("the response has started"). Use it where a server
 * answers headers before doing the work (SSE streams, `GET /models`); for a non-streaming
 * completion the headers come with the finished answer, so bound that wait with
 * `firstByte` instead. A host that never accepts the connection is still cut off by the
 * runtime's own connect timeout (undici: 10 s), reported as phase `connect`.
 */
export interface RequestTimeouts {
  /** From the start of the request until the response headers arrive. Phase `connect`. */
  connect?: number;
  /** From the start of the request until the first byte of the response body. Phase `first-byte`. */
  firstByte?: number;
  /** Longest wait for the next piece of the body once it has started. Phase `idle`. */
  idle?: number;
}

/** The phases a {@link RequestTimeouts} value can expire in, as `ProviderTimeoutError.phase` names them. */
export type TimeoutPhase = 'connect' | 'first-byte' | 'idle';
