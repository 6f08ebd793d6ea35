import type { ModelSpec } from '@modelmesh/provider';
import type { GeminiGenerationConfig, GeminiSafetySetting } from './gemini-types.js';

/** Something the provider changed or could not honour, reported instead of failing the request. */
export interface GoogleWarning {
  /** `unsupported-param`: an OpenAI parameter Gemini has no equivalent for was left out. */
  type: 'unsupported-param';
  /** Provider instance id. */
  providerId: string;
  /** The parameter, e.g. `logit_bias`. */
  param: string;
  /** Human-readable text. */
  message: string;
}

/** Whether the default models carry the free tier's request limits. */
export type GoogleTier = 'free' | 'paid';

/** Settings of {@link createGoogle}. Unset values fall back to the environment, as the official `@google/genai` client does. */
export interface GoogleSettings {
  /** Instance id; default `google`. */
  id?: string;
  /** API key, sent as `x-goog-api-key` (never in the URL); default `GOOGLE_API_KEY`, else `GEMINI_API_KEY`. */
  apiKey?: string;
  /** Base URL without the version, default `GEMINI_BASE_URL` (or `GOOGLE_GEMINI_BASE_URL`), else `https://generativelanguage.googleapis.com`. */
  baseUrl?: string;
  /** API version path segment; default `v1beta`. */
  apiVersion?: string;
  /** Extra headers for every request. */
  headers?: Readonly<Record<string, string>>;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Models this instance serves; default {@link GOOGLE_MODELS}. */
  models?: readonly ModelSpec[];
  /**
   * `free` (default) keeps the free tier's published rpm/rpd limits on the default models, so the
   * router stays under them; `paid` drops them (paid tiers are far higher and depend on the account).
   */
  tier?: GoogleTier;
  /** Sent as `safetySettings` with every chat request (default: none, the API's defaults apply). */
  safetySettings?: readonly GeminiSafetySetting[];
  /** Merged under the `generationConfig` built from each request (e.g. `{ topK: 40 }`). */
  generationConfig?: Readonly<GeminiGenerationConfig>;
  /** Where warnings go; default `console.warn`, once per parameter and instance. */
  onWarning?: (warning: GoogleWarning) => void;
  /** Default time allowed for the first byte of an answer (ms) when the router gives none. */
  timeout?: number;
  /** Where to read the defaults above; default `process.env` where there is one, else nothing. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Clock for ids, `created` and `Retry-After` dates (ms since epoch). */
  now?: () => number;
}
