/**
 * The unread body of a response, as the HTTP client consumes it: one piece at a time.
 * Transports hand over their body in this shape (a fetch `Response` through
 * {@link webBodySource}, Node's transport over the `IncomingMessage` directly).
 */
export interface BodySource {
  /** The next piece, or undefined at the end; rejects when the body fails (a broken connection). */
  read(): Promise<Uint8Array | undefined>;
  /** Stops reading; the rest is not downloaded. Never throws. */
  cancel(): void;
  /**
   * True when a pending `read()` already rejects with the exchange signal's reason the
   * moment it aborts, so the reader need not race it against the signal.
   */
  readonly followsAbort?: boolean;
  /**
   * A piece already received, without waiting: the piece, `null` at the end, or undefined
   * when the next piece must be waited for (or the body failed: `read()` says how).
   * Optional; lets a reader take a small body that arrived with the headers synchronously.
   */
  poll?(): Uint8Array | null | undefined;
}

/** A WHATWG body stream (a fetch `Response.body`) as a {@link BodySource}. */
export function webBodySource(stream: ReadableStream<Uint8Array>): BodySource {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return {
    async read() {
      reader ??= stream.getReader();
      const result = await reader.read();
      return result.done ? undefined : result.value;
    },
    cancel() {
      // Not awaited: a misbehaving body's cancel() must not hold the consumer.
      const cancelled = reader === undefined ? stream.cancel() : reader.cancel();
      cancelled.catch(() => undefined);
    },
  };
}
