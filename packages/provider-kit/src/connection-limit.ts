/**
 * A cap on the requests one HTTP client has in flight at once (`maxConnections`): over
 * HTTP/1.1 each one, a stream above all, holds a connection until its body ends. Requests
 * over the cap wait here, first come first served, rather than inside the transport's
 * pool, so the client knows when a request really leaves for the vendor and times the
 * vendor (the headers deadline) from then: the wait is ModelMesh's own, not the provider's.
 */
export class ConnectionLimit {
  private inFlight = 0;
  /** Waiting requests in arrival order; an aborted one is taken out at once. */
  private readonly waiting = new Set<() => void>();

  /** @param max The most requests in flight at once (a positive integer). */
  constructor(readonly max: number) {}

  /** Requests waiting for a free slot. */
  get queued(): number {
    return this.waiting.size;
  }

  /**
   * Resolves with the function that frees the slot (call it once the exchange ends; later
   * calls do nothing) as soon as one is free. Rejects with the signal's reason if it aborts
   * while the request waits.
   */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.inFlight < this.max) {
      this.inFlight += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.delete(grant);
        reject(signal.reason);
      };
      // The slot is handed over (inFlight unchanged) by the release that frees it.
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        resolve(this.releaser());
      };
      this.waiting.add(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.values().next();
      if (next.done === true) {
        this.inFlight -= 1;
        return;
      }
      this.waiting.delete(next.value);
      next.value();
    };
  }
}
