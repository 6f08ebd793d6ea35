import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { startFakeGeminiServer, type FakeGeminiServer } from '../../servers/gemini/fake-gemini-server.js';
import { validateOpenAI } from '../../servers/validate-openai.js';
import { checkGeminiChat } from './check-gemini-chat.js';
import { checkGeminiConnection } from './check-gemini-connection.js';
import { checkGeminiEmbeddings } from './check-gemini-embeddings.js';
import { checkGeminiErrors } from './check-gemini-errors.js';
import { checkGeminiRequests } from './check-gemini-requests.js';
import { checkGeminiSafety } from './check-gemini-safety.js';
import { checkGeminiStreamFailures } from './check-gemini-stream-failures.js';
import { checkGeminiStreaming } from './check-gemini-streaming.js';
import { createGeminiConformanceContext } from './gemini-conformance-context.js';
import { resolveGeminiConformanceOptions, type GeminiConformanceOptions } from './gemini-conformance-options.js';

/**
 * Registers the Gemini-wire provider conformance suite with vitest: call it at the top level of a
 * test file. It starts a fake Gemini API server on 127.0.0.1 (`beforeAll`), builds the provider with
 * `options.create(server)` and checks, against scripted server behaviour: the request (generateContent
 * URL, Gemini body, the key in `x-goog-api-key` and never in a URL), finish reasons, usage, streaming
 * order and incremental delivery, function calls → tool calls, safety blocks → ContentFilteredError
 * with the category, each failure (statuses, RetryInfo, resets, malformed bodies, cut/stalled/malformed
 * streams, streams without their final event, in-stream errors, timeouts) → the right typed error with
 * the right `retryable` / `retryAfter`, abort propagation, and embeddings. Checks run one at a time.
 *
 * ```ts
 * import { runGeminiProviderConformance } from '@modelmesh/testing/vitest';
 * runGeminiProviderConformance({
 *   name: '@modelmesh/providers-google',
 *   apiKey: 'AIza-test',
 *   create: (server) => createGoogle({ apiKey: 'AIza-test', baseUrl: server.url }),
 * });
 * ```
 */
export function runGeminiProviderConformance(options: GeminiConformanceOptions): void {
  const resolved = resolveGeminiConformanceOptions(options);
  const ctx = createGeminiConformanceContext(resolved);
  let server: FakeGeminiServer | undefined;

  describe.sequential(`Gemini provider conformance: ${options.name}`, () => {
    beforeAll(async () => {
      // Parse OpenAI's spec here, under the hook's generous timeout, rather than in the first check.
      if (resolved.validateOutput) validateOpenAI('Model', {});
      server = await startFakeGeminiServer(options.apiKey === undefined ? {} : { apiKey: options.apiKey });
      ctx.start(server, await options.create(server));
    }, 60_000);

    beforeEach(() => {
      server?.reset();
    });

    afterAll(async () => {
      try {
        await (server === undefined ? undefined : ctx.provider.close?.());
      } finally {
        await server?.close();
      }
    });

    checkGeminiRequests(ctx);
    checkGeminiChat(ctx);
    if (resolved.streaming) checkGeminiStreaming(ctx);
    checkGeminiSafety(ctx);
    checkGeminiErrors(ctx);
    checkGeminiStreamFailures(ctx);
    checkGeminiConnection(ctx);
    checkGeminiEmbeddings(ctx);
  });
}
