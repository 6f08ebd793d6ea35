import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A raw TCP connection to the proxy and everything it received, with its closing as an event. */
export interface RawConnection {
  readonly socket: Socket;
  /** Resolves once connected. */
  readonly connected: Promise<void>;
  /** Resolves with all the text the server sent, once the connection is closed (by either side). */
  readonly closed: Promise<string>;
}

/** Opens a TCP connection to the proxy at `url` and sends nothing. */
export function rawConnection(url: string): RawConnection {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let text = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  socket.on('error', () => {});
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  return { socket, connected, closed };
}

/**
 * Writes `text` one byte at a time, each `everyMs` after the last, until it is all sent or the
 * server closed the connection. The pace is what makes a slow client; nothing waits on it.
 */
export function trickle(connection: RawConnection, text: string, everyMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= text.length || connection.socket.destroyed) return clearInterval(timer);
    connection.socket.write(text[sent++] ?? '');
  }, everyMs);
  void connection.closed.then(() => clearInterval(timer));
}

/** A response read over a fresh connection of its own (no keep-alive pool): status, body and headers. */
export interface FreshResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Sends one request on a new connection (`agent: false`), so it counts as one more connection. */
export function freshRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<FreshResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
