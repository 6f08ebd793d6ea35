import type { Provider } from '@modelmesh/core';
import type { FakeAnthropicServer } from '../../servers/anthropic/fake-anthropic-server.js';
import type { OpenAISchemaName } from '../../servers/validate-openai.js';
import { PROMPT } from '../conformance-context.js';
import { expectOpenAIShape } from '../expect-openai-shape.js';
import { createWireConformanceContext, type WireConformanceContext } from '../shared/wire-conformance-context.js';
import type { ResolvedAnthropicConformanceOptions } from './anthropic-conformance-options.js';

/** What every Anthropic check needs: the fake server, the provider and builders for calls and params. */
export interface AnthropicConformanceContext extends WireConformanceContext<ResolvedAnthropicConformanceOptions, FakeAnthropicServer> {
  /** Asserts that a value the provider returned is valid per OpenAI's spec (unless `validateOutput` is off). */
  expectOpenAIShape(schema: OpenAISchemaName, value: unknown): void;
}

/** The context plus the hook that fills it. */
export interface AnthropicConformanceLifecycle extends AnthropicConformanceContext {
  start(server: FakeAnthropicServer, provider: Provider): void;
}

/** Creates the shared context of one suite run. */
export function createAnthropicConformanceContext(options: ResolvedAnthropicConformanceOptions): AnthropicConformanceLifecycle {
  const context = createWireConformanceContext<ResolvedAnthropicConformanceOptions, FakeAnthropicServer>(options, { suite: 'conformance', serverName: 'fake Anthropic server', prompt: PROMPT });
  // Object.assign adds to the context without reading its getters (the server and provider are not ready yet).
  return Object.assign(context, {
    expectOpenAIShape: (schema: OpenAISchemaName, value: unknown): void => expectOpenAIShape(options, schema, value),
  });
}
