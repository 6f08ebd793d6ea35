// The shared local server of @modelmesh/testing, under the names these tests use.
import type { LocalHandler, LocalServer as Server } from '@modelmesh/testing/servers';
export { startLocalServer as startServer, writeSse as sse } from '@modelmesh/testing/servers';

/** The server these tests start (raw text bodies). */
export type LocalServer = Server<string>;
/** Answers one request (raw text body). */
export type Handler = LocalHandler<string>;
