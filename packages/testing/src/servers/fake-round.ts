import type { IncomingMessage, ServerResponse } from 'node:http';

/** Header a client may send to say which round (the count of `reset()` calls) a request belongs to. */
export const FAKE_ROUND_HEADER = 'x-fake-round';

/**
 * Rounds let a test suite reuse one server across checks safely: a request a check abandoned
 * (say on a 50 ms timeout) may reach the server only after the next check has reset it and
 * scripted its own steps. A request that names an older round is answered 409 at once, is
 * not recorded and takes no step. Requests without the header are not affected.
 */
export class FakeRounds {
  private current = 0;

  /** The round requests should name now. */
  get round(): number {
    return this.current;
  }

  /** Starts a new round (called by `reset()`). */
  next(): void {
    this.current++;
  }

  /** Answers a stale request and returns true; returns false for a current or untagged one. */
  refuseStale(req: IncomingMessage, res: ServerResponse): boolean {
    const header = req.headers[FAKE_ROUND_HEADER];
    if (typeof header !== 'string' || Number(header) === this.current) return false;
    req.resume();
    res.writeHead(409, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `stale request from round ${header} (now ${this.current})`, type: 'stale_request' } }));
    return true;
  }
}
