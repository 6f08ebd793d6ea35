import { createMesh, type CreateMeshOptions, type MeshClient, type MeshMiddleware, type ProviderPlugin } from '@modelmesh/core';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../servers/fake-openai-server.js';

/** Options of {@link startMiddlewareMesh}. */
export interface MiddlewareMeshOptions {
  /** An OpenAI-wire provider plugin (e.g. `@modelmesh/providers-openai-compatible`'s `providerPlugin`). */
  readonly plugin: ProviderPlugin;
  /** The middleware under test, outermost first. */
  readonly middleware?: readonly MeshMiddleware[];
  /** Anything else `createMesh` takes (a clock, `middlewarePlugins`, a `middleware:` list in `config` is merged in). */
  readonly mesh?: Omit<CreateMeshOptions, 'plugins' | 'middleware'>;
}

/** A real mesh over two fake OpenAI-wire vendors, with the middleware under test. */
export interface MiddlewareMesh {
  readonly client: MeshClient;
  /** Serves `model-a`, the pool's first choice (priority strategy). */
  readonly primary: FakeOpenAIServer;
  /** Serves `model-b`, where the pool fails over to. */
  readonly secondary: FakeOpenAIServer;
  close(): Promise<void>;
}

/**
 * Starts two fake OpenAI-wire vendors and a mesh over them with pools `chat` (model-a then
 * model-b, priority, one attempt per model, no backoff) and `embed` (embed-a then embed-b).
 * Real HTTP, real provider, real router: what a middleware sees in production.
 */
export async function startMiddlewareMesh(options: MiddlewareMeshOptions): Promise<MiddlewareMesh> {
  const primary = await startFakeOpenAIServer();
  const secondary = await startFakeOpenAIServer();
  const extra = (options.mesh?.config ?? {}) as Record<string, unknown>;
  const provider = (server: FakeOpenAIServer) => ({ connector: options.plugin.connector, api_key: 'sk-conformance', base_url: server.url });
  const client = createMesh({
    ...options.mesh,
    plugins: [options.plugin],
    middleware: options.middleware ?? [],
    config: {
      providers: { 'vendor-a': provider(primary), 'vendor-b': provider(secondary) },
      models: {
        'model-a': { provider: 'vendor-a', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } },
        'model-b': { provider: 'vendor-b', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } },
        'embed-a': { provider: 'vendor-a', capabilities: ['text-embeddings'] },
        'embed-b': { provider: 'vendor-b', capabilities: ['text-embeddings'] },
      },
      pools: {
        chat: { models: ['model-a', 'model-b'], strategy: 'priority', retry: { max_attempts_per_model: 1, backoff: 'none' } },
        embed: { models: ['embed-a', 'embed-b'], strategy: 'priority', retry: { max_attempts_per_model: 1, backoff: 'none' } },
      },
      ...extra,
    },
  });
  return {
    client,
    primary,
    secondary,
    close: async () => {
      await client.close();
      await Promise.all([primary.close(), secondary.close()]);
    },
  };
}
