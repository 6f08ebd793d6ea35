import type { ModelSpec } from '@modelmesh/provider';
import type { ErrorBodyParser } from '@modelmesh/provider-kit';
import type { ChunkTransform, ResponseTransform } from './answer-hooks.js';
import type { ErrorReclassifier } from './error-hook.js';
import type { ParamDropRule } from './param-drop-rules.js';
import type { ParamRenames } from './param-renames.js';
import type { RateLimitHeaderParser } from './rate-limit-hook.js';

/** Which call a request body is being prepared for. */
export type RequestKind = 'chat' | 'chat-stream' | 'embeddings';

/** Something the provider changed or could not honour, reported instead of failing the request. */
export interface ProviderWarning {
  /** `unsupported-param`: a parameter the endpoint rejects was removed from the request. */
  type: 'unsupported-param';
  /** Provider instance id. */
  providerId: string;
  /** The parameter. */
  param: string;
  /** Human-readable text. */
  message: string;
}

/** Settings of {@link createOpenAICompatibleProvider}. */
export interface OpenAICompatibleSettings {
  /** Instance id (from config), e.g. `vllm-gpu-1`. */
  id: string;
  /** Connector id reported by the provider; default `openai-compatible.llm.v1`. */
  connector?: string;
  /** Base URL including the version segment, e.g. `http://localhost:8000/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; local servers usually need none. */
  apiKey?: string;
  /** Extra headers for every request. */
  headers?: Readonly<Record<string, string>>;
  /** Extra query parameters for every request. */
  query?: Readonly<Record<string, string>>;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Models this endpoint serves, or `'discover'` to rely on `GET /models` (see `listModels`). */
  models?: readonly ModelSpec[] | 'discover';
  /** Display name used in messages; default the instance id. */
  name?: string;
  /**
   * Last chance to change a request body before it is sent (after `dropParams`,
   * `paramDropRules` and `renameParams`). Return the body to send. With
   * `createOpenAICompatibleFactory`, the vendor's runs first, then the user's.
   */
  transformRequest?: (body: Record<string, unknown>, kind: RequestKind) => Record<string, unknown>;
  /** Parameters this endpoint rejects: removed from requests, with one warning per parameter. */
  dropParams?: readonly string[];
  /** Parameters this endpoint rejects only for some models or values: removed where they match, with one warning per rule and parameter. */
  paramDropRules?: readonly ParamDropRule[];
  /** OpenAI parameters this endpoint knows under other names (after the drops: the caller's names are dropped, the vendor's are sent). */
  renameParams?: ParamRenames;
  /** Rewrites each chat completion before it is returned. */
  transformResponse?: ResponseTransform;
  /** Rewrites each stream chunk before it is yielded. */
  transformChunk?: ChunkTransform;
  /** Reads the endpoint's own rate-limit headers, beside the standard `x-ratelimit-*` ones, for `call.reportRateLimit`. */
  parseRateLimitHeaders?: RateLimitHeaderParser;
  /** Reclassifies the errors calls throw (e.g. a vendor's HTTP 400 for a wrong key as an AuthenticationError). */
  reclassifyError?: ErrorReclassifier;
  /** Where warnings go; default `console.warn`, once per parameter and instance. */
  onWarning?: (warning: ProviderWarning) => void;
  /** Default time allowed for the first byte of an answer (ms) when the router gives none. */
  timeout?: number;
  /** How this vendor's error bodies read; default: OpenAI's `{ error: { message, type, code, param } }` and common variants. */
  parseErrorBody?: ErrorBodyParser;
  /** Ask for usage in streams with `stream_options.include_usage` (default true; turn off for servers that reject `stream_options`). */
  streamUsage?: boolean;
  /**
   * Whether a stream must end with `data: [DONE]` (default false): by default a stream may end
   * without it once every choice has its finish reason, since the answer is whole; ending
   * earlier is a `connection_error`. Set true to treat any missing `[DONE]` as a cut.
   */
  requireDone?: boolean;
  /** Clock for rate-limit resets and `Retry-After` dates (ms since epoch). */
  now?: () => number;
}
