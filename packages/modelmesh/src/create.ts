import { ConfigurationError, type CreateMeshOptions, type MeshClient, type ProviderPlugin } from '@modelmesh/core';
import { createMesh } from '@modelmesh/core/node';
import { installedPlugins, installedStateStorePlugins, KNOWN_PROVIDER_PACKAGES } from './installed-plugins.js';
import { loadInstalledMiddleware } from './installed-middleware.js';

/** Options of {@link create}: those of `createMesh`, where `config` may also be a file path. */
export interface CreateOptions extends CreateMeshOptions {
  /** A loaded config, a document object, YAML/JSON text, or the path of a `.yaml`/`.yml`/`.json` file. */
  config?: CreateMeshOptions['config'];
}

type ConfigDocument = { providers: Record<string, Record<string, unknown>>; pools: Record<string, Record<string, unknown>> };

/** Turns what a plugin detected in the environment into a `providers.<id>` config entry. */
function providerEntry(plugin: ProviderPlugin, env: Record<string, string | undefined>): Record<string, unknown> | undefined {
  const detected = plugin.detect ? plugin.detect(env) : plugin.envVars.some((name) => env[name]) ? {} : undefined;
  if (!detected) return undefined;
  const entry: Record<string, unknown> = { connector: plugin.connector };
  if (detected.apiKey !== undefined) entry['api_key'] = detected.apiKey;
  if (detected.baseUrl !== undefined) entry['base_url'] = detected.baseUrl;
  if (detected.organization !== undefined) entry['organization'] = detected.organization;
  if (detected.project !== undefined) entry['project'] = detected.project;
  if (detected.headers !== undefined) entry['headers'] = detected.headers;
  if (detected.options !== undefined) entry['options'] = detected.options;
  return entry;
}

function autoDetect(capability: string, plugins: readonly ProviderPlugin[], env: Record<string, string | undefined>, hasInstances: boolean): ConfigDocument {
  const providers: ConfigDocument['providers'] = {};
  for (const plugin of plugins) {
    const entry = providerEntry(plugin, env);
    if (entry) providers[plugin.defaultId] = entry;
  }
  if (Object.keys(providers).length === 0 && !hasInstances) {
    const vars = plugins.flatMap((p) => p.envVars);
    throw new ConfigurationError({
      issues: [
        {
          path: 'providers',
          message:
            plugins.length === 0
              ? `no provider package is installed: add one, e.g. \`npm install ${KNOWN_PROVIDER_PACKAGES.slice(0, 3).join(' ')}\`, then set its API key (e.g. OPENAI_API_KEY), or pass a config`
              : `no provider is enabled: set one of ${vars.join(', ')}, or pass a config`,
        },
      ],
    });
  }
  return { providers, pools: { [capability]: { capability } } };
}

/**
 * Creates a client for a capability ("chat-completion", "chat", "text-embeddings", ...).
 * With no `config`, providers are detected from the environment (each installed provider
 * package declares the variables that enable it, e.g. `OPENAI_API_KEY`) and their default
 * models form one pool named after the capability. Middleware the config names (`middleware:
 * [logging, cache]`) is loaded from the installed packages the same way, and a config's
 * `state: { store: redis }` uses `@modelmesh/store-redis` when it is installed.
 *
 * @example
 * ```ts
 * const client = create('chat-completion');
 * const response = await client.chat.completions.create({
 *   model: 'chat-completion',
 *   messages: [{ role: 'user', content: 'Hello!' }],
 * });
 * ```
 */
export function create(capability: string, options: CreateOptions = {}): MeshClient {
  const env = options.env ?? process.env;
  const plugins = options.plugins ?? installedPlugins();
  const config = options.config ?? autoDetect(capability, plugins, env, (options.providers?.length ?? 0) > 0);
  const stateStorePlugins = options.stateStorePlugins ?? (options.stateStore ? [] : installedStateStorePlugins());
  return createMesh({ loadMiddleware: (name) => loadInstalledMiddleware(name), ...options, env, plugins, config, stateStorePlugins });
}
