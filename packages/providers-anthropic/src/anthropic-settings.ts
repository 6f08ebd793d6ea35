import type { ModelSpec } from '@modelmesh/provider';

/** Something the provider changed or could not honour, reported instead of failing the request. */
export interface AnthropicWarning {
  /**
   * `unsupported-param`: an OpenAI parameter the Messages API has no equivalent for was left out.
   * `adjusted-param`: a parameter was changed to fit the API (e.g. `top_p` dropped beside `temperature`).
   */
  type: 'unsupported-param' | 'adjusted-param';
  /** Provider instance id. */
  providerId: string;
  /** The parameter. */
  param: string;
  /** Human-readable text. */
  message: string;
}

/** Settings of {@link createAnthropic}. Unset values fall back to the environment, as the official SDK does. */
export interface AnthropicSettings {
  /** Instance id (from config); default `anthropic`. */
  id?: string;
  /** Sent as `x-api-key`; default `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /** Base URL without `/v1`, as the official SDK takes it; default `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com`. */
  baseUrl?: string;
  /**
   * Sent as `anthropic-version`; default `2023-06-01`. With `2026-10-21` (what the official SDKs
   * send since October 2026) the API rejects `temperature`, `top_p` and `top_k`, so they are left
   * out of requests (with a warning).
   */
  anthropicVersion?: string;
  /** Extra headers for every request, e.g. `anthropic-beta`. */
  headers?: Readonly<Record<string, string>>;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** The models this instance serves; default {@link ANTHROPIC_MODELS}. Their `maxOutputTokens` is the default `max_tokens`. */
  models?: readonly ModelSpec[];
  /**
   * `max_tokens` for requests that set neither `max_completion_tokens` nor `max_tokens`, for
   * every model. Unset: the model's `maxOutputTokens`, or 4096 for a model this instance does not know.
   */
  defaultMaxTokens?: number;
  /**
   * Whether a stream ends with a usage chunk (`choices: []`) even when the caller did not ask
   * for it with `stream_options.include_usage` (default true, as the OpenAI-wire providers do:
   * the router prices every request from usage).
   */
  streamUsage?: boolean;
  /**
   * Send `anthropic-dangerous-direct-browser-access: true`, which the API requires for calls made
   * from a browser (your key is then visible to the page's users).
   */
  dangerouslyAllowBrowser?: boolean;
  /** Where warnings go; default `console.warn`, once per parameter and instance. */
  onWarning?: (warning: AnthropicWarning) => void;
  /** Default time allowed for the first byte of an answer (ms) when the router gives none. */
  timeout?: number;
  /** Clock for `created`, rate-limit resets and `Retry-After` dates (ms since epoch). */
  now?: () => number;
  /** Where to read the defaults above; default `process.env` where there is one, else nothing. */
  env?: Readonly<Record<string, string | undefined>>;
}
