/** Told once when the exchange it follows aborts. */
export interface AbortFollower {
  abortExchange(reason: unknown): void;
}

/**
 * The abort of one HTTP exchange as the Node transport follows it: its state and a single
 * follower, with no `AbortSignal`. The request guard is one. Why not a signal: Node's is an
 * `EventTarget` with two Maps and a hidden class of its own, so each cost ~1 KB made per
 * request and ~0.9 KB kept per open stream (heap snapshots and the sampling heap profiler of
 * the slow-streams benchmark's proxy), and the exchange never needs more than one listener.
 */
export interface ExchangeAbort {
  /** True once the exchange is aborted. */
  readonly aborted: boolean;
  /** Why it was aborted (undefined until then). */
  readonly reason: unknown;
  /** Sets the one follower told when the exchange aborts; undefined stops following. */
  follow(follower: AbortFollower | undefined): void;
}
