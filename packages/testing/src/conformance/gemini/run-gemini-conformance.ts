import { startFakeGeminiServer } from '../../servers/gemini/fake-gemini-server.js';
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
import { describeWireSuite } from '../shared/describe-wire-suite.js';

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

  describeWireSuite(
    {
      title: `Gemini provider conformance: ${options.name}`,
      loadSpec: resolved.validateOutput,
      startServer: () => startFakeGeminiServer(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      create: (server) => options.create(server),
      context: ctx,
    },
    () => {
      checkGeminiRequests(ctx);
      checkGeminiChat(ctx);
      if (resolved.streaming) checkGeminiStreaming(ctx);
      checkGeminiSafety(ctx);
      checkGeminiErrors(ctx);
      checkGeminiStreamFailures(ctx);
      checkGeminiConnection(ctx);
      checkGeminiEmbeddings(ctx);
    },
  );
}
