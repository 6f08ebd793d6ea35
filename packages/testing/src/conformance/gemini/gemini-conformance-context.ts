import type { Provider } from '@modelmesh/core';
import type { FakeGeminiServer } from '../../servers/gemini/fake-gemini-server.js';
import type { OpenAISchemaName } from '../../servers/validate-openai.js';
import { expectOpenAIShape } from '../expect-openai-shape.js';
import { createWireConformanceContext, type WireConformanceContext } from '../shared/wire-conformance-context.js';
import type { ResolvedGeminiConformanceOptions } from './gemini-conformance-options.js';

/** The prompt every check sends; the fake server echoes it. */
export const GEMINI_PROMPT = 'Say hello to the Gemini conformance suite';

/** What every Gemini check needs: the fake server, the provider and builders for calls and params. */
export interface GeminiConformanceContext extends WireConformanceContext<ResolvedGeminiConformanceOptions, FakeGeminiServer> {
  /** Asserts that a value the provider returned is valid per OpenAI's spec (unless `validateOutput` is off). */
  expectOpenAIShape(schema: OpenAISchemaName, value: unknown): void;
}

/** The context plus the hook that fills it. */
export interface GeminiConformanceLifecycle extends GeminiConformanceContext {
  start(server: FakeGeminiServer, provider: Provider): void;
}

/** Creates the shared context of one suite run. */
export function createGeminiConformanceContext(options: ResolvedGeminiConformanceOptions): GeminiConformanceLifecycle {
  const context = createWireConformanceContext<ResolvedGeminiConformanceOptions, FakeGeminiServer>(options, { suite: 'gemini conformance', serverName: 'fake Gemini server', prompt: GEMINI_PROMPT });
  // Object.assign adds to the context without reading its getters (the server and provider are not ready yet).
  return Object.assign(context, {
    expectOpenAIShape: (schema: OpenAISchemaName, value: unknown): void => expectOpenAIShape(options, schema, value),
  });
}
