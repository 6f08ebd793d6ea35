import type { Provider } from '@modelmesh/core';
import type { FakeAnthropicServer } from '../../servers/anthropic/fake-anthropic-server.js';

/** What the Anthropic-wire provider under test supports, which decides the checks that run. */
export interface AnthropicConformanceFeatures {
  /** Tool calls (JSON and streamed deltas); default true. */
  readonly tools?: boolean;
  /** `chatStream`; default true. */
  readonly streaming?: boolean;
  /** Whether the provider itself enforces `call.timeouts.idle` between events; default true (false leaves the stall check out). */
  readonly enforcesIdleTimeout?: boolean;
  /** Whether every stream ends with a usage chunk, asked for or not; default true. */
  readonly streamUsage?: boolean;
  /** Validate every completion and chunk the provider returns against OpenAI's OpenAPI spec; default true (needs `ajv` and `yaml`). */
  readonly validateOutput?: boolean;
}

/** Options of `runAnthropicConformance`. */
export interface AnthropicConformanceOptions {
  /** Suite name, e.g. `@modelmesh/providers-anthropic`. */
  readonly name: string;
  /** Builds the provider under test against the fake Anthropic server (`server.url` is the base URL, without `/v1`). */
  create(server: FakeAnthropicServer): Provider | Promise<Provider>;
  /** Model id the checks ask for. */
  readonly model: string;
  readonly features?: AnthropicConformanceFeatures;
  /**
   * When set, the fake server requires `x-api-key: <apiKey>` and the suite checks that the key
   * never shows in an error. Give the same key to the provider in `create`.
   */
  readonly apiKey?: string;
  /** Per-check timeout in ms; default 10 000. */
  readonly testTimeoutMs?: number;
}

/** Options with defaults applied. */
export interface ResolvedAnthropicConformanceOptions extends AnthropicConformanceOptions {
  readonly tools: boolean;
  readonly streaming: boolean;
  readonly enforcesIdleTimeout: boolean;
  readonly streamUsage: boolean;
  readonly validateOutput: boolean;
  readonly testTimeoutMs: number;
}

/** Applies the defaults. */
export function resolveAnthropicConformanceOptions(options: AnthropicConformanceOptions): ResolvedAnthropicConformanceOptions {
  const features = options.features ?? {};
  return {
    ...options,
    tools: features.tools ?? true,
    streaming: features.streaming ?? true,
    enforcesIdleTimeout: features.enforcesIdleTimeout ?? true,
    streamUsage: features.streamUsage ?? true,
    validateOutput: features.validateOutput ?? true,
    testTimeoutMs: options.testTimeoutMs ?? 10_000,
  };
}
