import type { Provider } from '@modelmesh/core';
import type { FakeGeminiServer } from '../../servers/gemini/fake-gemini-server.js';

/** What the Gemini-wire provider under test supports, which decides the checks that run. */
export interface GeminiConformanceFeatures {
  /** Function calling; default true. */
  readonly tools?: boolean;
  /** `chatStream`; default true. */
  readonly streaming?: boolean;
  /** `embed`: true runs the embedding checks, false leaves them out, undefined runs them when the provider has `embed`. */
  readonly embeddings?: boolean;
  /** Model id for the embedding checks; default `gemini-embedding-001`. */
  readonly embeddingModel?: string;
  /** Whether the provider itself enforces `call.timeouts.idle` between stream events; default true. */
  readonly enforcesIdleTimeout?: boolean;
  /** Validate every completion and chunk against OpenAI's OpenAPI spec; default true (needs `ajv` and `yaml`). */
  readonly validateOutput?: boolean;
}

/** Options of `runGeminiProviderConformance`. */
export interface GeminiConformanceOptions {
  /** Suite name, e.g. `@modelmesh/providers-google`. */
  readonly name: string;
  /** Builds the provider under test against the fake Gemini server (`server.url` is the base URL, without the version). */
  create(server: FakeGeminiServer): Provider | Promise<Provider>;
  /** Chat model id the checks ask for; default `gemini-2.5-flash`. */
  readonly model?: string;
  readonly features?: GeminiConformanceFeatures;
  /**
   * When set, the fake server requires it in `x-goog-api-key` and the suite checks that it is sent
   * there, never in a URL, and never appears in an error. Give the same key to the provider in `create`.
   */
  readonly apiKey?: string;
  /** Per-check timeout in ms; default 10 000. */
  readonly testTimeoutMs?: number;
}

/** Options with defaults applied. */
export interface ResolvedGeminiConformanceOptions extends GeminiConformanceOptions {
  readonly model: string;
  readonly tools: boolean;
  readonly streaming: boolean;
  readonly embeddings: boolean | undefined;
  readonly embeddingModel: string;
  readonly enforcesIdleTimeout: boolean;
  readonly validateOutput: boolean;
  readonly testTimeoutMs: number;
}

/** Applies the defaults. */
export function resolveGeminiConformanceOptions(options: GeminiConformanceOptions): ResolvedGeminiConformanceOptions {
  const features = options.features ?? {};
  return {
    ...options,
    model: options.model ?? 'gemini-2.5-flash',
    tools: features.tools ?? true,
    streaming: features.streaming ?? true,
    embeddings: features.embeddings,
    embeddingModel: features.embeddingModel ?? 'gemini-embedding-001',
    enforcesIdleTimeout: features.enforcesIdleTimeout ?? true,
    validateOutput: features.validateOutput ?? true,
    testTimeoutMs: options.testTimeoutMs ?? 10_000,
  };
}
