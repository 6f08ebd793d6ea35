import {
  createOpenAICompatibleFactory,
  createVendorPlugin,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { TOGETHER_MODELS } from './together-models.js';
import { TOGETHER_RENAMED_PARAMS } from './together-quirks.js';

/** Together AI's connector id. */
export const TOGETHER_CONNECTOR = 'together.llm.v1';

/** Together AI's OpenAI-compatible endpoint. */
export const TOGETHER_BASE_URL = 'https://api.together.xyz/v1';

/** The variable holding the API key; `TOGETHER_BASE_URL` (read by Together's own SDK too) may point elsewhere. */
export const TOGETHER_API_KEY_ENV = 'TOGETHER_API_KEY';

const TOGETHER_ENV = { apiKey: TOGETHER_API_KEY_ENV, baseUrl: 'TOGETHER_BASE_URL' };

/** Settings of {@link createTogether}. Unset values fall back to the environment. */
export interface TogetherSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `together`. */
  id?: string;
  /** API key; default `TOGETHER_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `TOGETHER_BASE_URL`, else `https://api.together.xyz/v1`. */
  baseUrl?: string;
}

/**
 * Creates a Together AI provider (chat and embeddings). Requests are OpenAI-shaped and go
 * through unchanged, Together's own parameters included, except that `max_completion_tokens`
 * is sent as Together's `max_tokens`.
 *
 * @example
 * ```ts
 * const together = createTogether({ apiKey: process.env.TOGETHER_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: together, models: together.models }] });
 * ```
 */
export const createTogether: (settings?: TogetherSettings) => OpenAICompatibleProvider = createOpenAICompatibleFactory({
  connector: TOGETHER_CONNECTOR,
  name: 'Together AI',
  defaultId: 'together',
  baseUrl: TOGETHER_BASE_URL,
  env: TOGETHER_ENV,
  models: TOGETHER_MODELS,
  renameParams: TOGETHER_RENAMED_PARAMS,
});

/**
 * Together AI for config and auto-detection: connector `together.llm.v1` (alias `together`),
 * enabled by `TOGETHER_API_KEY`; `TOGETHER_BASE_URL` is read too.
 */
export const providerPlugin = createVendorPlugin({
  connector: TOGETHER_CONNECTOR,
  aliases: ['together'],
  vendor: 'Together AI',
  defaultId: 'together',
  models: TOGETHER_MODELS,
  env: TOGETHER_ENV,
  create: createTogether,
});
