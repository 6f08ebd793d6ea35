import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Clock } from '@modelmesh/core';
import type { Socket } from 'node:net';
import { httpFailure } from '../http/openai-error.js';
import { sendFailure } from '../http/send-response.js';

/**
 * Connections allowed beyond `maxConnections` while every connection is busy with a request;
 * they serve only the probes, so an orchestrator still gets its answer from a full proxy.
 */
export const PROBE_HEADROOM = 8;

/**
 * How long a connection must have been without a request before a new one may take its place:
 * a real client sends its request within milliseconds of connecting, so a burst of them does
 * not push each other out, while sockets held open by a slow or silent client soon qualify.
 */
export const EVICTABLE_AFTER_MS = 1_000;

const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

const isProbe = (url: string | undefined): boolean => {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return PROBE_PATHS.has(query < 0 ? path : path.slice(0, query));
};

/** Options of {@link ConnectionGuard}. */
export interface ConnectionGuardOptions {
  /** Connections held at most (beside {@link PROBE_HEADROOM} for probes). */
  readonly maxConnections: number;
  /** Tells how long connections have waited. */
  readonly clock: Clock;
}

/**
 * Bounds what connections can hold, so idle or slow sockets cannot exhaust the process's file
 * descriptors. Node closes a silent or slow connection only when its header timeout ends
 * (with a 408, checked every `connectionsCheckingInterval`), and until then each one holds a
 * descriptor: measured, 300 idle sockets against a process limited to 256 descriptors made
 * `/healthz` and real requests fail until the timeout closed them. So at the cap, a new
 * connection takes the place of the oldest one that has served no request for
 * {@link EVICTABLE_AFTER_MS} (silent, trickling headers, or idle on keep-alive), and a real
 * request or a probe gets in while slow clients hold the slots. When there is none, up to
 * {@link PROBE_HEADROOM} more connections are admitted for the probes only (anything else on
 * them gets a 503); beyond that, the oldest waiting connection gives way whatever its age, and
 * only when every connection is serving a request is a new one closed at once.
 */
export class ConnectionGuard {
  /** Every open connection. */
  private readonly open = new Set<Socket>();
  /** Connections not serving a request now, with the time they began waiting, oldest first (a Map keeps insertion order). */
  private readonly waiting = new Map<Socket, number>();
  private readonly probeOnly = new WeakSet<Socket>();

  constructor(private readonly options: ConnectionGuardOptions) {}

  /** Watches the server's connections. */
  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.admit(socket));
  }

  /**
   * Call first for each request: marks its connection busy until the response is done.
   * Returns false when the guard answered it (a non-probe request on a probe-only connection).
   */
  admitRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const socket = req.socket;
    this.waiting.delete(socket);
    // `on`, not `once`: 'finish' comes once, and `once` wraps the listener (memory per open stream).
    res.on('finish', () => {
      if (!socket.destroyed && this.open.has(socket)) this.waiting.set(socket, this.options.clock.now());
    });
    if (!this.probeOnly.has(socket) || isProbe(req.url)) return true;
    req.resume();
    sendFailure(
      res,
      httpFailure(503, `The proxy holds its maximum of ${this.options.maxConnections} connections; retry shortly`, 'server_error', {
        code: 'too_many_connections',
        headers: { 'retry-after': '1', connection: 'close' },
      }),
    );
    return false;
  }

  private admit(socket: Socket): void {
    socket.on('close', () => {
      this.open.delete(socket);
      this.waiting.delete(socket);
    });
    const { maxConnections } = this.options;
    if (this.open.size >= maxConnections && !this.evictOldestWaiting(EVICTABLE_AFTER_MS)) {
      // Past the headroom too (a flood of new connections): the oldest waiting one gives way
      // whatever its age, so a probe still gets in; with every connection busy, the new one goes.
      if (this.open.size >= maxConnections + PROBE_HEADROOM && !this.evictOldestWaiting(0)) {
        socket.destroy();
        return;
      }
      this.probeOnly.add(socket);
    }
    this.open.add(socket);
    this.waiting.set(socket, this.options.clock.now());
  }

  /** Closes the connection that has waited longest, if it has waited at least `minWaitMs`. */
  private evictOldestWaiting(minWaitMs: number): boolean {
    // The oldest waiting connection is the first: entries are only ever added with the current time.
    for (const [socket, since] of this.waiting) {
      if (this.options.clock.now() - since < minWaitMs) return false;
      this.waiting.delete(socket);
      this.open.delete(socket);
      socket.destroy();
      return true;
    }
    return false;
  }
}
