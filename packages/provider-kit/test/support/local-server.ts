// The shared local server of @modelmesh/testing, under the names these tests use.
import { startLocalServer as startServer, type LocalHandler, type LocalServer as Server } from '@modelmesh/testing/servers';
import { afterEach } from 'vitest';
export { startLocalServer as startServer, writeSse as sse } from '@modelmesh/testing/servers';

/** The server these tests start (raw text bodies). */
export type LocalServer = Server<string>;
/** Answers one request (raw text body). */
export type Handler = LocalHandler<string>;

/** The `serve(handler)` of one test file: the server it starts is closed after each test. */
export function serverPerTest(): (handler: Handler) => Promise<LocalServer> {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return async (handler) => (server = await startServer(handler));
}
