import type { Provider } from '@modelmesh/core';
import type { FakeOpenAIServer } from '../servers/fake-openai-server.js';

/** What the provider under test supports, which decides the checks that run. */
export interface ProviderConformanceFeatures {
  /** Tool calls (JSON and streamed deltas); default true. */
  readonly tools?: boolean;
  /** `chatStream`; default true. */
  readonly streaming?: boolean;
  /**
   * `embed`: true runs the embedding checks, false leaves them out, undefined (default) runs
   * them when the provider has an `embed` method (and skips them otherwise).
   */
  readonly embeddings?: boolean;
  /** Model id for the embedding checks; default `text-embedding-3-small`. */
  readonly embeddingModel?: string;
  /**
   * Whether the provider itself enforces `call.timeouts.idle` between stream chunks; default
   * true. The router enforces it too, so a provider may leave it to the router: set false and
   * the stall check is left out.
   */
  readonly enforcesIdleTimeout?: boolean;
  /** Whether streams ask for usage (`stream_options.include_usage: true`); default true. */
  readonly streamUsage?: boolean;
  /**
   * Validate every completion and chunk the provider returns against OpenAI's OpenAPI spec;
   * default true. Needs the optional peers `ajv` and `yaml`.
   */
  readonly validateOutput?: boolean;
}

/** Options of `runProviderConformance`. */
export interface ProviderConformanceOptions {
  /** Suite name, e.g. `@modelmesh/providers-openai`. */
  readonly name: string;
  /** Builds the provider under test against the fake server (`server.url` is the base URL, with `/v1`). */
  create(server: FakeOpenAIServer): Provider | Promise<Provider>;
  /** Model id the chat checks ask for. */
  readonly model: string;
  readonly features?: ProviderConformanceFeatures;
  /**
   * When set, the fake server requires `Authorization: Bearer <apiKey>` and the suite checks
   * that the key never shows in an error. Give the same key to the provider in `create`.
   */
  readonly apiKey?: string;
  /**
   * Maps a request body the provider sent to what the official `openai` client sends for the
   * same params, removing documented differences (default: none besides `stream_options`).
   */
  readonly normalizeRequestBody?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** Per-check timeout in ms; default 10 000. */
  readonly testTimeoutMs?: number;
}

/** Options with defaults applied. */
export interface ResolvedConformanceOptions extends ProviderConformanceOptions {
  readonly tools: boolean;
  readonly streaming: boolean;
  readonly embeddings: boolean | undefined;
  readonly embeddingModel: string;
  readonly enforcesIdleTimeout: boolean;
  readonly streamUsage: boolean;
  readonly validateOutput: boolean;
  readonly testTimeoutMs: number;
}

/** Applies the defaults. */
export function resolveConformanceOptions(options: ProviderConformanceOptions): ResolvedConformanceOptions {
  const features = options.features ?? {};
  return {
    ...options,
    tools: features.tools ?? true,
    streaming: features.streaming ?? true,
    embeddings: features.embeddings,
    embeddingModel: features.embeddingModel ?? 'text-embedding-3-small',
    enforcesIdleTimeout: features.enforcesIdleTimeout ?? true,
    streamUsage: features.streamUsage ?? true,
    validateOutput: features.validateOutput ?? true,
    testTimeoutMs: options.testTimeoutMs ?? 10_000,
  };
}
