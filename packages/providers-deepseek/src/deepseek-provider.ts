import {
  createOpenAICompatibleFactory,
  createVendorPlugin,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible';
import type { ChatCompletionCreateParams } from '@modelmesh/provider';
import { DEEPSEEK_MODELS } from './deepseek-models.js';
import { DEEPSEEK_PARAM_DROP_RULES, DEEPSEEK_RENAMED_PARAMS, withCachedTokens } from './deepseek-quirks.js';

/** DeepSeek's connector id. */
export const DEEPSEEK_CONNECTOR = 'deepseek.llm.v1';

/** DeepSeek's OpenAI-compatible endpoint. */
export const DEEPSEEK_BASE_URL = 'https://api.deepseek.com/v1';

/** The variable holding the API key; `DEEPSEEK_BASE_URL` may point elsewhere (a proxy, a fake). */
export const DEEPSEEK_API_KEY_ENV = 'DEEPSEEK_API_KEY';

const DEEPSEEK_ENV = { apiKey: DEEPSEEK_API_KEY_ENV, baseUrl: 'DEEPSEEK_BASE_URL' };

/** Settings of {@link createDeepSeek}. Unset values fall back to the environment. */
export interface DeepSeekSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `deepseek`. */
  id?: string;
  /** API key; default `DEEPSEEK_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `DEEPSEEK_BASE_URL`, else `https://api.deepseek.com/v1`. */
  baseUrl?: string;
}

/** One DeepSeek endpoint (the main one, or the beta one prefix completion needs). */
const createDeepSeekEndpoint: (settings?: DeepSeekSettings) => OpenAICompatibleProvider = createOpenAICompatibleFactory({
  connector: DEEPSEEK_CONNECTOR,
  name: 'DeepSeek',
  defaultId: 'deepseek',
  baseUrl: DEEPSEEK_BASE_URL,
  env: DEEPSEEK_ENV,
  models: DEEPSEEK_MODELS,
  renameParams: DEEPSEEK_RENAMED_PARAMS,
  paramDropRules: DEEPSEEK_PARAM_DROP_RULES,
  transformResponse: withCachedTokens,
  transformChunk: withCachedTokens,
});

/**
 * Creates a DeepSeek provider. Requests are OpenAI-shaped; `max_completion_tokens` becomes
 * `max_tokens`, and `deepseek-reasoner` requests lose `logprobs` / `top_logprobs` (one
 * warning each). `deepseek-reasoner`'s chain of thought arrives in `reasoning_content`
 * (`message.reasoning_content`, and `delta.reasoning_content` in streams), never in
 * `content`. Cache hits (`usage.prompt_cache_hit_tokens`) are also reported as
 * `usage.prompt_tokens_details.cached_tokens`, so the router bills them at the cache-hit price.
 * A request whose last message is an assistant prefill (`prefix: true`, DeepSeek's prefix
 * completion) goes to DeepSeek's beta endpoint, the only one that serves it.
 *
 * @example
 * ```ts
 * const deepseek = createDeepSeek({ apiKey: process.env.DEEPSEEK_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: deepseek, models: deepseek.models }] });
 * ```
 */
export function createDeepSeek(settings: DeepSeekSettings = {}): OpenAICompatibleProvider {
  const main = createDeepSeekEndpoint(settings);
  let beta: OpenAICompatibleProvider | undefined;
  const serving = (request: ChatCompletionCreateParams): OpenAICompatibleProvider =>
    isPrefill(request) ? (beta ??= createDeepSeekEndpoint({ ...settings, baseUrl: deepSeekBetaUrl(main.baseUrl) })) : main;
  return {
    ...main,
    chat: (request, call) => serving(request).chat(request, call),
    chatStream: (request, call) => serving(request).chatStream(request, call),
    close: async () => {
      await Promise.all([main.close(), beta?.close()]);
    },
  };
}

/** The beta base URL beside a DeepSeek base URL (`…/v1` → `…/beta`), where prefix completion is served. */
export function deepSeekBetaUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/beta`;
}

function isPrefill(request: ChatCompletionCreateParams): boolean {
  const last = request.messages.at(-1);
  return last?.role === 'assistant' && last.prefix === true;
}

/**
 * DeepSeek for config and auto-detection: connector `deepseek.llm.v1` (alias `deepseek`),
 * enabled by `DEEPSEEK_API_KEY`; `DEEPSEEK_BASE_URL` is read too.
 */
export const providerPlugin = createVendorPlugin({
  connector: DEEPSEEK_CONNECTOR,
  aliases: ['deepseek'],
  vendor: 'DeepSeek',
  defaultId: 'deepseek',
  models: DEEPSEEK_MODELS,
  env: DEEPSEEK_ENV,
  create: createDeepSeek,
});
