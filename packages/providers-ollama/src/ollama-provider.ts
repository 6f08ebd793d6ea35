import { PROVIDER_SPECIFICATION_VERSION, type ModelSpec, type ProviderPlugin } from '@modelmesh/provider';
import { createHttpClient } from '@modelmesh/provider-kit';
import {
  booleanOption,
  createOpenAICompatibleFactory,
  credentialSecrets,
  runtimeEnv,
  settingsFromCreateOptions,
  type Env,
  type OpenAICompatibleProvider,
  type OpenAICompatibleVendorSettings,
} from '@modelmesh/providers-openai-compatible/internal';
import { discoverOllamaModels } from './ollama-discovery.js';
import { OLLAMA_MODELS } from './ollama-models.js';
import { OLLAMA_RENAMED_PARAMS, ollamaHostUrl, ollamaOpenAIUrl, ollamaRootOf } from './ollama-quirks.js';

/** Ollama's connector id. */
export const OLLAMA_CONNECTOR = 'ollama.llm.v1';

/** The variable naming the Ollama server, as Ollama's own CLI reads it. */
export const OLLAMA_HOST_ENV = 'OLLAMA_HOST';

/** Settings of {@link createOllama}. Unset values fall back to the environment. */
export interface OllamaSettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `ollama`. */
  id?: string;
  /** The server, in any form `OLLAMA_HOST` takes (`gpu-box`, `gpu-box:11434`, `https://…`); default `OLLAMA_HOST`, else `http://127.0.0.1:11434`. */
  host?: string;
  /** The OpenAI-compatible endpoint; default `<host>/v1`. Given alone, the host is this URL without `/v1`. */
  baseUrl?: string;
  /** Usually none; for an Ollama behind an authenticating proxy. Sent as `Authorization: Bearer`. */
  apiKey?: string;
  /** Models: default the documented small list ({@link OLLAMA_MODELS}); `'discover'` for none until `listModels()`. */
  models?: readonly ModelSpec[] | 'discover';
  /** Ask `POST /api/show` per model in `listModels()` for its capabilities and context length; default true. */
  discoverDetails?: boolean;
  /** Where to read `OLLAMA_HOST`; default `process.env` where there is one, else nothing. */
  env?: Env;
}

const createOllamaWire = createOpenAICompatibleFactory({
  connector: OLLAMA_CONNECTOR,
  name: 'Ollama',
  baseUrl: ollamaOpenAIUrl(ollamaHostUrl(undefined)),
  models: OLLAMA_MODELS,
  renameParams: OLLAMA_RENAMED_PARAMS,
});

/**
 * Creates a provider for a local (or remote) Ollama server, through its OpenAI-compatible
 * endpoint `<host>/v1`: chat, streaming, tools, vision and embeddings. No API key is needed.
 * `max_completion_tokens` is sent as `max_tokens`, the only cap Ollama reads.
 * `listModels()` asks the server which models are pulled (`GET /api/tags`) and what each can
 * do (`POST /api/show`); hand the result to `createMesh` to route to exactly those.
 *
 * @example
 * ```ts
 * const ollama = createOllama(); // OLLAMA_HOST, else http://127.0.0.1:11434
 * const mesh = createMesh({ providers: [{ provider: ollama, models: await ollama.listModels() }] });
 * ```
 */
export function createOllama(settings: OllamaSettings = {}): OpenAICompatibleProvider {
  const { env: givenEnv, host: givenHost, discoverDetails, ...rest } = settings;
  const env = givenEnv ?? runtimeEnv();
  const host = givenHost !== undefined ? ollamaHostUrl(givenHost) : settings.baseUrl !== undefined ? ollamaRootOf(settings.baseUrl) : ollamaHostUrl(env[OLLAMA_HOST_ENV]);
  const id = settings.id ?? 'ollama';
  const wire = createOllamaWire({
    ...rest,
    id,
    baseUrl: settings.baseUrl ?? ollamaOpenAIUrl(host),
  });
  // The native API (/api/tags, /api/show) lives at the server root, beside /v1.
  const headers: Record<string, string> = { ...settings.headers };
  if (settings.apiKey !== undefined && settings.apiKey !== '') headers['authorization'] = `Bearer ${settings.apiKey}`;
  const native = createHttpClient({ providerId: id, baseUrl: host, headers, fetch: settings.fetch, secrets: credentialSecrets(settings.apiKey, settings.headers) });
  return {
    ...wire,
    listModels: (call) => discoverOllamaModels({ native, known: wire.models, details: discoverDetails ?? true, openAIList: wire.listModels }, call),
    close: async () => {
      native.close();
      await wire.close();
    },
  };
}

/** Config's `base_url` for Ollama may name the server (`http://gpu:11434`) or its `/v1` endpoint. */
const toOpenAIUrl = (baseUrl: string): string => (/\/v1\/?$/.test(baseUrl) ? baseUrl.replace(/\/+$/, '') : ollamaOpenAIUrl(baseUrl));

/**
 * Ollama for config and auto-detection: connector `ollama.llm.v1` (aliases `ollama` and the
 * original project's `ollama.local.v1`), enabled by `OLLAMA_HOST`. No API key. Config's
 * `base_url` may be the server (`http://gpu-box:11434`) or its `/v1` endpoint; options:
 * `discover_details` (boolean).
 */
export const providerPlugin: ProviderPlugin = {
  specificationVersion: PROVIDER_SPECIFICATION_VERSION,
  connector: OLLAMA_CONNECTOR,
  aliases: ['ollama', 'ollama.local.v1'],
  vendor: 'Ollama',
  envVars: [OLLAMA_HOST_ENV],
  defaultId: 'ollama',
  models: OLLAMA_MODELS,
  detect(env) {
    const host = env[OLLAMA_HOST_ENV]?.trim();
    if (host === undefined || host === '') return undefined;
    return { baseUrl: ollamaOpenAIUrl(ollamaHostUrl(host)) };
  },
  create(options) {
    const { baseUrl, ...settings } = settingsFromCreateOptions(options);
    const details = booleanOption(options.options, 'discover_details');
    return createOllama({
      ...settings,
      // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
      env: {},
      ...(baseUrl !== undefined ? { baseUrl: toOpenAIUrl(baseUrl) } : { host: options.env?.[OLLAMA_HOST_ENV] ?? '' }),
      ...(details === undefined ? {} : { discoverDetails: details }),
    });
  },
};
