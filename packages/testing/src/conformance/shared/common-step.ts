/**
 * The steps the shared checks script, which every wire's fake server plays the same way (each
 * wire's step union holds them as they are): `timeout` (the response never starts), `stall`
 * (some stream pieces, then silence), `cut` (some pieces, then the socket is destroyed),
 * `malformed-chunk` (some pieces, then an event that is not JSON), `slow-first-token` and a
 * plain `ok` answer streamed in `chunks`.
 */
export type CommonStep =
  | { readonly kind: 'timeout' }
  | { readonly kind: 'stall' | 'cut' | 'malformed-chunk'; readonly afterChunks: number; readonly chunks?: readonly string[] }
  | { readonly kind: 'slow-first-token'; readonly delayMs: number }
  | { readonly kind: 'ok'; readonly chunks: readonly string[]; readonly chunkDelayMs?: number };

/**
 * How a wire scripts a {@link CommonStep}: its own step for it. Since every wire's step union
 * holds these steps as they are, `(step) => step` serves, and the compiler checks that it does.
 */
export type ScriptCommonStep<S> = (step: CommonStep) => S;
