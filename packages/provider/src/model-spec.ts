/** Features a model supports; the router skips models that cannot serve a request. */
export interface ModelFeatures {
  /** Function/tool calling. */
  tools?: boolean;
  /** Several tool calls in one turn. */
  parallelToolCalls?: boolean;
  /** Image input. */
  vision?: boolean;
  /** `response_format` json_object / json_schema. */
  json?: boolean;
  /** Streaming responses. Defaults to true when unset. */
  streaming?: boolean;
  /**
   * A reasoning model: it may think silently for a long time before its first token (OpenAI's
   * o-series, DeepSeek's reasoner, ...). The router gives it longer default first-token and
   * response-header limits, so it is not failed over for thinking.
   */
  reasoning?: boolean;
  /**
   * Assistant prefill: given a conversation that ends with an assistant message marked
   * `prefix: true`, the model continues that text instead of answering anew. The router uses it
   * to continue a broken stream on another model. Unset means unknown (tried, and remembered
   * as false if the provider rejects it).
   */
  prefill?: boolean;
}

/** Prices in USD. Token prices are per one million tokens. */
export interface ModelPricing {
  /** USD per 1M prompt tokens. */
  input?: number;
  /** USD per 1M cached prompt tokens (defaults to `input`). */
  cachedInput?: number;
  /** USD per 1M completion tokens. */
  output?: number;
  /** USD per request, on top of tokens. */
  perRequest?: number;
}

/** Request and token quotas (free tiers, plan limits). */
export interface QuotaLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute. */
  tpm?: number;
  /** Requests per day (UTC). */
  rpd?: number;
  /** Tokens per day (UTC). */
  tpd?: number;
}

/** What ModelMesh knows about one real model at a provider. */
export interface ModelSpec {
  /** The model id at the provider, e.g. `gpt-4o`. */
  id: string;
  /** Capability names or paths, e.g. `chat-completion` or `generation.text-generation.chat-completion`. */
  capabilities: readonly string[];
  /** Context window in tokens (prompt plus output). */
  contextWindow?: number;
  /** Largest completion the model produces, in tokens. */
  maxOutputTokens?: number;
  /** Supported features. */
  features?: ModelFeatures;
  /** Prices. */
  pricing?: ModelPricing;
  /** Quotas. */
  limits?: QuotaLimits;
}
