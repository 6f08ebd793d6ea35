import { ConfigurationError, type CreateMeshOptions, type MeshClient, type ProviderPlugin } from '@modelmesh/core';
import { KNOWN_PROVIDER_PACKAGES } from './known-provider-packages.js';

/** Options of {@link create}: those of `createMesh`, where `config` may also be a file path. */
export interface CreateOptions extends CreateMeshOptions {
  /** A loaded config, a document object, YAML/JSON text, or the path of a `.yaml`/`.yml`/`.json` file. */
  config?: NonNullable<CreateMeshOptions['config']>;
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

/** What `create` takes from the runtime it runs in: Node finds installed packages and reads files, a browser does neither. */
export interface CreateRuntime {
  /** The environment to detect providers from when `options.env` is not given. */
  env(): Record<string, string | undefined>;
  /** The plugins to detect from when `options.plugins` is not given. */
  plugins(): ProviderPlugin[];
  /** The `createMesh` of this runtime. */
  createMesh(options: CreateMeshOptions): MeshClient;
}

/** `create()` on a given runtime; the package entries bind it to Node or to browsers and edge runtimes. */
export function createOn(runtime: CreateRuntime, capability: string, options: CreateOptions = {}): MeshClient {
  const env = options.env ?? runtime.env();
  const plugins = options.plugins ?? runtime.plugins();
  const config = options.config ?? autoDetect(capability, plugins, env, (options.providers?.length ?? 0) > 0);
  return runtime.createMesh({ ...options, env, plugins, config });
}
