import {
  createOpenAICompatibleFactory,
  createVendorPlugin,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import { XAI_MODELS } from './xai-models.js';
import { XAI_PARAM_DROP_RULES, xaiError } from './xai-quirks.js';

/** xAI's connector id. */
export const XAI_CONNECTOR = 'xai.llm.v1';

/** xAI's OpenAI-compatible endpoint. */
export const XAI_BASE_URL = 'https://api.x.ai/v1';

/** The variable holding the API key; `XAI_BASE_URL` may point elsewhere (a regional endpoint, a proxy, a fake). */
export const XAI_API_KEY_ENV = 'XAI_API_KEY';

const XAI_ENV = { apiKey: XAI_API_KEY_ENV, baseUrl: 'XAI_BASE_URL' };

/** Settings of {@link createXai}. Unset values fall back to the environment. */
export interface XaiSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `xai`. */
  id?: string;
  /** API key; default `XAI_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `XAI_BASE_URL`, else `https://api.x.ai/v1`. */
  baseUrl?: string;
}

/**
 * Creates an xAI (Grok) provider. Requests are OpenAI-shaped and go through unchanged,
 * except that reasoning models (grok-4, grok-4-fast-reasoning, grok-code-fast-1,
 * grok-3-mini) lose `presence_penalty`, `frequency_penalty` and `stop`, and the grok-4 family
 * loses `reasoning_effort`, which xAI rejects for them (one warning per parameter). xAI's
 * HTTP 400 for a wrong API key is reported as an AuthenticationError.
 *
 * @example
 * ```ts
 * const xai = createXai({ apiKey: process.env.XAI_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: xai, models: xai.models }] });
 * ```
 */
export const createXai: (settings?: XaiSettings) => OpenAICompatibleProvider = createOpenAICompatibleFactory({
  connector: XAI_CONNECTOR,
  name: 'xAI',
  defaultId: 'xai',
  baseUrl: XAI_BASE_URL,
  env: XAI_ENV,
  models: XAI_MODELS,
  paramDropRules: XAI_PARAM_DROP_RULES,
  reclassifyError: xaiError,
});

/**
 * xAI for config and auto-detection: connector `xai.llm.v1` (aliases `xai` and the original
 * project's `xai.api.v1`), enabled by `XAI_API_KEY`; `XAI_BASE_URL` is read too.
 */
export const providerPlugin = createVendorPlugin({
  connector: XAI_CONNECTOR,
  aliases: ['xai', 'xai.api.v1'],
  vendor: 'xAI',
  defaultId: 'xai',
  models: XAI_MODELS,
  env: XAI_ENV,
  create: createXai,
});
