import type { ProviderSpecificationVersion } from './specification.js';
import type { ChatCompletion, ChatCompletionChunk } from './types/index.js';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from './types/chat-params.js';
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from './types/embeddings.js';
import type { ModelSpec } from './model-spec.js';

/** Rate-limit state a provider read from response headers (`x-ratelimit-*`, `anthropic-ratelimit-*`). */
export interface RateLimitSnapshot {
  limitRequests?: number;
  remainingRequests?: number;
  /** When the request window resets, in ms since epoch. */
  resetRequestsAt?: number;
  limitTokens?: number;
  remainingTokens?: number;
  /** When the token window resets, in ms since epoch. */
  resetTokensAt?: number;
}

/**
 * Timeouts for one attempt, in milliseconds. The provider enforces connect, headers,
 * first-byte and idle on its HTTP exchange; the router enforces first-token, idle between
 * chunks and attempt.
 */
export interface AttemptTimeouts {
  /** The TCP/TLS connection only (where the runtime lets it be measured). */
  connect?: number;
  /** From sending the request until the response headers arrive. */
  headers?: number;
  /** From sending the request until the first byte of the response body. */
  firstByte?: number;
  /** Streams: from the start of the attempt until the first content chunk. */
  firstToken?: number;
  /** Longest gap while a body or stream is arriving. */
  idle?: number;
  /** The whole attempt. */
  attempt?: number;
}

/** Per-call context the router hands a provider. */
export interface ProviderCall {
  /**
   * Aborts when the caller cancels, the deadline passes or the attempt times out; the reason
   * is a ModelMesh error saying which. Providers must honour it, including mid-stream. A plain
   * property: a `{ ...call }` copy carries it.
   */
  signal: AbortSignal;
  /** Timeouts for this attempt. */
  timeouts: AttemptTimeouts;
  /** Extra HTTP headers from the caller. */
  headers?: Record<string, string>;
  /** Report rate-limit headers seen on a response, so the router can switch before the limit. */
  reportRateLimit?(snapshot: RateLimitSnapshot): void;
  /**
   * Streams: events whose data is not JSON that one stream may skip; one more breaks it (a
   * `malformed_response` ProviderError). Unset: the provider's default (3 with provider-kit).
   */
  maxMalformedEvents?: number;
  /** Streams: report each skipped malformed event (how many so far in this stream, and a redacted excerpt). */
  reportMalformedEvent?(skipped: MalformedEventReport): void;
}

/** One malformed stream event a provider skipped. */
export interface MalformedEventReport {
  /** Malformed events skipped so far in this stream, this one included. */
  count: number;
  /** The start of the event's data, secrets masked. */
  excerpt: string;
}

/**
 * One configured provider instance (an account at a vendor). Requests and responses are
 * OpenAI-shaped; `request.model` is the real model id at the provider. A provider never
 * retries: it throws ModelMesh errors (RateLimitError, ProviderHttpError, ...) and the
 * router decides.
 */
export interface Provider {
  /** Instance id from config, e.g. `openai` or `groq-key-2`. */
  readonly id: string;
  /** Connector id, e.g. `openai.llm.v1`. */
  readonly connector: string;
  /** One non-streaming completion. */
  chat(request: ChatCompletionCreateParamsNonStreaming, call: ProviderCall): Promise<ChatCompletion>;
  /**
   * A streaming completion. The promise settles once the response has started (HTTP errors
   * reject it, so the router can still fail over); the iterable yields chunks as they arrive
   * and throws a ModelMesh error if the stream breaks. Ending iteration early must release the connection.
   */
  chatStream(request: ChatCompletionCreateParamsStreaming, call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>>;
  /** Embeddings, for providers that offer them. */
  embed?(request: EmbeddingCreateParams, call: ProviderCall): Promise<CreateEmbeddingResponse>;
  /** Models the provider serves right now (live discovery). */
  listModels?(call?: Pick<ProviderCall, 'signal'>): Promise<ModelSpec[]>;
  /**
   * The cheapest request that shows the provider serves `modelId` again (for example its model
   * list or the model's own entry: no tokens billed). Resolves when it does, throws a ModelMesh
   * error when it does not. The router probes models in standby in the background
   * (`recovery.probe_interval`, `recovery.probe_on_start`); without this method it sends a
   * minimal chat request instead (`max_tokens: 1`).
   */
  probe?(modelId: string, call: ProviderCall): Promise<void>;
  /** Releases connections. */
  close?(): Promise<void>;
}

/** What a plugin's factory receives: the provider's config section plus injected runtime pieces. */
export interface ProviderCreateOptions {
  /** Instance id. */
  id: string;
  apiKey?: string;
  baseUrl?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  organization?: string;
  project?: string;
  /** Default attempt timeout in ms. */
  timeout?: number;
  /**
   * The most requests the instance has in flight at once (config `providers.<id>.max_connections`);
   * unset means no cap. Over HTTP/1.1 each holds one connection until its body ends.
   */
  maxConnections?: number;
  /** Vendor-specific settings from config `providers.<id>.options`. */
  options?: Record<string, unknown>;
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetch?: typeof globalThis.fetch;
  /** Environment variables, for defaults the plugin reads itself. */
  env?: Record<string, string | undefined>;
}

/**
 * What a provider package exports so that config and environment auto-detection can use
 * it without vendor code in core.
 */
export interface ProviderPlugin {
  /**
   * The provider contract version the plugin implements (`PROVIDER_SPECIFICATION_VERSION`).
   * Engines refuse a plugin with a version they do not know.
   */
  readonly specificationVersion: ProviderSpecificationVersion;
  /** Connector id, e.g. `openai.llm.v1`. */
  readonly connector: string;
  /** Other names config may use: `openai`, the original project's ids, ... */
  readonly aliases?: readonly string[];
  /** Display name of the vendor. */
  readonly vendor: string;
  /** Environment variables that enable the provider when set (any of them), e.g. `OPENAI_API_KEY`. */
  readonly envVars: readonly string[];
  /** Default instance id when auto-detected, e.g. `openai`. */
  readonly defaultId: string;
  /** Default models with capabilities, limits and prices. */
  readonly models: readonly ModelSpec[];
  /** Builds provider options from the environment; undefined when the environment does not enable it. */
  detect?(env: Record<string, string | undefined>): Omit<ProviderCreateOptions, 'id'> | undefined;
  /** Creates a provider instance. */
  create(options: ProviderCreateOptions): Provider;
}
