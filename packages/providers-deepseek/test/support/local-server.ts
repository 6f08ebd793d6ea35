// The shared local server of @modelmesh/testing (JSON bodies), under the names these tests use.
import { startLocalServer, type LocalHandler, type LocalServer as Server } from '@modelmesh/testing/servers';
export { writeJson as sendJson, writeSseEvents as sendSse } from '@modelmesh/testing/servers';

/** The server these tests start (bodies parsed as JSON). */
export type LocalServer = Server<unknown>;

/** Starts a local server whose handler gets the parsed JSON body. */
export const startServer = (handler: LocalHandler<unknown>): Promise<LocalServer> => startLocalServer(handler, { json: true });
