import { PROVIDER_SPECIFICATION_VERSION, ConfigurationError, type ProviderPlugin } from '@modelmesh/provider';
import { settingsFromCreateOptions } from './create-options.js';
import { createOpenAICompatibleProvider, OPENAI_COMPATIBLE_CONNECTOR } from './openai-compatible-provider.js';

/**
 * Where the common local servers listen by default, keyed by the name config may use as
 * the instance id or as `options.server`.
 */
export const LOCAL_SERVER_BASE_URLS: Readonly<Record<string, string>> = {
  vllm: 'http://localhost:8000/v1',
  lmstudio: 'http://localhost:1234/v1',
  llamacpp: 'http://localhost:8080/v1',
  localai: 'http://localhost:8080/v1',
};

/** The original project's variables for local servers, in detection order. */
const LOCAL_SERVER_HOST_VARS = ['VLLM_HOST', 'LMSTUDIO_HOST', 'LOCALAI_HOST'] as const;

/** `localhost:8000` or `http://localhost:8000` → `http://localhost:8000/v1`. */
function hostToBaseUrl(host: string): string {
  const url = /^https?:\/\//i.test(host) ? host : `http://${host}`;
  return /\/v1\/?$/.test(url) ? url : `${url.replace(/\/+$/, '')}/v1`;
}

/**
 * The generic OpenAI-wire connector (`openai-compatible.llm.v1`). It has no default
 * models: config lists what the endpoint serves. `base_url` is required, except for an
 * instance named (or with `options.server`) `vllm`, `lmstudio`, `llamacpp` or `localai`,
 * which defaults to that server's usual local address.
 *
 * @example
 * ```yaml
 * providers:
 *   local:
 *     connector: vllm
 *     base_url: http://gpu-box:8000/v1
 * models:
 *   llama:
 *     provider: local
 *     model: meta-llama/Llama-3.1-8B-Instruct
 *     capabilities: [chat-completion]
 * ```
 */
export const providerPlugin: ProviderPlugin = {
  specificationVersion: PROVIDER_SPECIFICATION_VERSION,
  connector: OPENAI_COMPATIBLE_CONNECTOR,
  // The original project's ids for local servers are accepted as they were.
  aliases: ['openai-compatible', 'vllm', 'lmstudio', 'llamacpp', 'localai', 'vllm.local.v1', 'lmstudio.local.v1', 'localai.local.v1', 'llamacpp.local.v1'],
  vendor: 'OpenAI-compatible',
  envVars: ['OPENAI_COMPATIBLE_BASE_URL', ...LOCAL_SERVER_HOST_VARS],
  defaultId: 'openai-compatible',
  models: [],
  detect(env) {
    const apiKey = env['OPENAI_COMPATIBLE_API_KEY'];
    const withKey = (baseUrl: string) => (apiKey === undefined || apiKey === '' ? { baseUrl } : { baseUrl, apiKey });
    const baseUrl = env['OPENAI_COMPATIBLE_BASE_URL'];
    if (baseUrl !== undefined && baseUrl !== '') return withKey(baseUrl);
    // The original project's `VLLM_HOST`-style variables name a host; the API is under /v1.
    for (const name of LOCAL_SERVER_HOST_VARS) {
      const host = env[name];
      if (host !== undefined && host !== '') return withKey(hostToBaseUrl(host));
    }
    return undefined;
  },
  create(options) {
    const settings = settingsFromCreateOptions(options);
    const server = typeof options.options?.['server'] === 'string' ? options.options['server'] : options.id;
    // An original connector id used as the instance id (`vllm.local.v1`) names its server too.
    const baseUrl = settings.baseUrl ?? LOCAL_SERVER_BASE_URLS[server.toLowerCase().split('.')[0] ?? ''];
    if (baseUrl === undefined) {
      throw new ConfigurationError({
        issues: [{ path: `providers.${options.id}.base_url`, message: 'an OpenAI-compatible provider needs base_url (e.g. http://localhost:8000/v1)' }],
      });
    }
    return createOpenAICompatibleProvider({ ...settings, baseUrl });
  },
};
