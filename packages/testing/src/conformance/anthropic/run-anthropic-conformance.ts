import { startFakeAnthropicServer } from '../../servers/anthropic/fake-anthropic-server.js';
import { createAnthropicConformanceContext } from './anthropic-conformance-context.js';
import { resolveAnthropicConformanceOptions, type AnthropicConformanceOptions } from './anthropic-conformance-options.js';
import { checkAnthropicChat } from './check-anthropic-chat.js';
import { checkAnthropicErrors } from './check-anthropic-errors.js';
import { checkAnthropicRateLimits } from './check-anthropic-rate-limits.js';
import { checkAnthropicRequests } from './check-anthropic-requests.js';
import { checkAnthropicStreamFailures } from './check-anthropic-stream-failures.js';
import { checkAnthropicStreaming } from './check-anthropic-streaming.js';
import { checkAnthropicTimeoutsAndAbort } from './check-anthropic-timeouts.js';
import { describeWireSuite } from '../shared/describe-wire-suite.js';

/**
 * Registers the conformance suite for providers that speak Anthropic's Messages API: call it at
 * the top level of a test file. It starts a fake Anthropic server on 127.0.0.1 (`beforeAll`),
 * builds the provider with `options.create(server)` and checks the same properties as
 * `runProviderConformance` does for OpenAI-wire providers, in Anthropic's terms: the request is
 * a valid Messages body (system hoisted, turns alternating, `max_tokens` set, nothing the API
 * rejects, `x-api-key` and `anthropic-version`); every stop reason maps to its finish reason;
 * usage with cache reads and writes; stream order, incremental delivery and releasing the
 * connection; tool_use ↔ tool-call deltas; abort propagation; `anthropic-ratelimit-*` headers
 * reaching `call.reportRateLimit`; each failure (401/403/404/413/429/500/529/400, prompt too
 * long, reset, malformed or cut bodies and streams, in-stream `error` events, timeouts) mapped
 * to the right typed error with the right `retryable` and `retryAfter`; and an in-stream
 * `overloaded_error` before any content coming out as a retryable error with no content first.
 *
 * ```ts
 * import { runAnthropicConformance } from '@modelmesh/testing/vitest';
 * runAnthropicConformance({
 *   name: '@modelmesh/providers-anthropic',
 *   model: 'claude-haiku-4-5',
 *   apiKey: 'sk-ant-test',
 *   create: (server) => createAnthropic({ apiKey: 'sk-ant-test', baseUrl: server.url, env: {} }),
 * });
 * ```
 */
export function runAnthropicConformance(options: AnthropicConformanceOptions): void {
  const resolved = resolveAnthropicConformanceOptions(options);
  const ctx = createAnthropicConformanceContext(resolved);

  describeWireSuite(
    {
      title: `Anthropic-wire provider conformance: ${options.name}`,
      loadSpec: resolved.validateOutput,
      startServer: () => startFakeAnthropicServer(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      create: (server) => options.create(server),
      context: ctx,
    },
    () => {
      checkAnthropicRequests(ctx);
      checkAnthropicChat(ctx);
      if (resolved.streaming) checkAnthropicStreaming(ctx);
      checkAnthropicErrors(ctx);
      checkAnthropicStreamFailures(ctx);
      checkAnthropicTimeoutsAndAbort(ctx);
      checkAnthropicRateLimits(ctx);
    },
  );
}
