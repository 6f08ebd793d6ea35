import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a {@link LocalServer} received. */
export interface LocalRequest<Body> {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** The body: raw text, or parsed JSON when the server was started with `{ json: true }`. */
  body: Body;
}

/**
 * A throwaway HTTP server on 127.0.0.1 (OS-chosen port) for answers the scripted fake vendor
 * servers do not cover: the test writes each response itself.
 */
export interface LocalServer<Body> {
  /** Base URL, ending in `/v1`. */
  url: string;
  /** Every request received, in order. */
  requests: LocalRequest<Body>[];
  /** Resolves when a client closed a connection before its response ended. */
  clientClosed: Promise<void>;
  close(): Promise<void>;
}

/** Answers one request. */
export type LocalHandler<Body> = (req: IncomingMessage, res: ServerResponse, body: Body) => void;

/** Starts a {@link LocalServer} whose handler gets the raw body text. */
export function startLocalServer(handler: LocalHandler<string>): Promise<LocalServer<string>>;
/** Starts a {@link LocalServer} whose handler gets the body parsed as JSON (undefined when empty). */
export function startLocalServer(handler: LocalHandler<unknown>, options: { json: true }): Promise<LocalServer<unknown>>;
export async function startLocalServer(handler: LocalHandler<never>, options: { json?: boolean } = {}): Promise<LocalServer<unknown>> {
  const requests: LocalRequest<unknown>[] = [];
  let markClosed: () => void = () => undefined;
  const clientClosed = new Promise<void>((resolve) => (markClosed = resolve));
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const body: unknown = options.json ? (text === '' ? undefined : JSON.parse(text)) : text;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.on('close', () => {
        if (!res.writableFinished) markClosed();
      });
      (handler as LocalHandler<unknown>)(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    clientClosed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes an SSE response from raw text pieces, each written separately (to test split chunks). */
export function writeSse(res: ServerResponse, pieces: readonly string[], end = true): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const piece of pieces) res.write(piece);
  if (end) res.end();
}

/** Writes a 200 JSON response. */
export function writeJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Writes an OpenAI-style SSE response: one `data:` event per value, then `[DONE]`. */
export function writeSseEvents(res: ServerResponse, events: readonly unknown[]): void {
  writeSse(res, [...events.map((event) => `data: ${JSON.stringify(event)}\n\n`), 'data: [DONE]\n\n']);
}
