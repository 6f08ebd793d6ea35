import { startFakeOpenAIServer } from '../servers/fake-openai-server.js';
import { checkAbort } from './check-abort.js';
import { checkChat } from './check-chat.js';
import { checkEmbeddingsAndModels } from './check-embeddings.js';
import { checkHttpErrors } from './check-http-errors.js';
import { checkRateLimitHeaders } from './check-rate-limit-headers.js';
import { checkRequests } from './check-requests.js';
import { checkStreamFailures } from './check-stream-failures.js';
import { checkStreaming } from './check-streaming.js';
import { checkTimeouts } from './check-timeouts.js';
import { createConformanceContext } from './conformance-context.js';
import { resolveConformanceOptions, type ProviderConformanceOptions } from './conformance-options.js';
import { describeWireSuite } from './shared/describe-wire-suite.js';

/**
 * Registers the provider conformance suite with vitest: call it at the top level of a test
 * file. It starts a fake OpenAI-wire server on 127.0.0.1 (`beforeAll`), builds the provider
 * with `options.create(server)` and checks, against scripted server behaviour: finish reasons
 * and usage, request bodies (against the official client and OpenAI's spec), streaming order
 * and incremental delivery, tool-call deltas, abort propagation, rate-limit headers, and that
 * each failure (HTTP statuses, resets, malformed bodies, cut/stalled/malformed streams,
 * in-stream errors, timeouts) becomes the right typed ModelMesh error with the right
 * `retryable` and `retryAfter`. Checks run one at a time against one server.
 *
 * ```ts
 * import { runProviderConformance } from '@modelmesh/testing/vitest';
 * runProviderConformance({
 *   name: 'openai',
 *   model: 'gpt-4o-mini',
 *   create: (server) => openai.create({ id: 'openai', apiKey: 'sk-test', baseUrl: server.url }),
 * });
 * ```
 */
export function runProviderConformance(options: ProviderConformanceOptions): void {
  const resolved = resolveConformanceOptions(options);
  const ctx = createConformanceContext(resolved);

  describeWireSuite(
    {
      title: `provider conformance: ${options.name}`,
      loadSpec: true,
      startServer: () => startFakeOpenAIServer(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      create: (server) => options.create(server),
      context: ctx,
    },
    () => {
      checkRequests(ctx);
      checkChat(ctx);
      if (resolved.streaming) checkStreaming(ctx);
      checkHttpErrors(ctx);
      checkStreamFailures(ctx);
      checkTimeouts(ctx);
      checkAbort(ctx);
      checkRateLimitHeaders(ctx);
      checkEmbeddingsAndModels(ctx);
    },
  );
}
