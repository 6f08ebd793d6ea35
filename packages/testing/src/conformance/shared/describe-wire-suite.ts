import type { Provider } from '@modelmesh/core';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { validateOpenAI } from '../../servers/validate-openai.js';

/** The fake server as a suite drives it between checks. */
interface SuiteServer {
  reset(): void;
  close(): Promise<void>;
}

/** How a wire's suite starts its server and provider. */
export interface WireSuite<Server extends SuiteServer> {
  /** Title of the `describe.sequential` block. */
  readonly title: string;
  /** Parse OpenAI's spec in `beforeAll` (when the checks will validate output). */
  readonly loadSpec: boolean;
  /** Starts the wire's fake server. */
  startServer(): Promise<Server>;
  /** Builds the provider under test against it (the suite options' `create`). */
  create(server: Server): Provider | Promise<Provider>;
  /** The suite's context, filled once both are ready. */
  readonly context: { start(server: Server, provider: Provider): void; readonly provider: Provider };
}

/**
 * Registers a wire's suite: one `describe.sequential` block that starts the fake server and builds
 * the provider in `beforeAll`, resets the server before each check, closes both in `afterAll`,
 * and registers the wire's checks (`register`) in between.
 */
export function describeWireSuite<Server extends SuiteServer>(suite: WireSuite<Server>, register: () => void): void {
  let server: Server | undefined;

  describe.sequential(suite.title, () => {
    beforeAll(async () => {
      // Parse OpenAI's spec here, under the hook's generous timeout, rather than in the first check.
      if (suite.loadSpec) validateOpenAI('Model', {});
      server = await suite.startServer();
      suite.context.start(server, await suite.create(server));
    }, 60_000);

    beforeEach(() => {
      server?.reset();
    });

    afterAll(async () => {
      try {
        await (server === undefined ? undefined : suite.context.provider.close?.());
      } finally {
        await server?.close();
      }
    });

    register();
  });
}
