import type { MeshClient } from '@modelmesh/core';
import { createMesh } from '@modelmesh/core/node';
import { createOn, type CreateOptions, type CreateRuntime } from './create.js';
import { loadInstalledMiddleware } from './installed-middleware.js';
import { installedPlugins, installedStateStorePlugins } from './installed-plugins.js';

const nodeRuntime: CreateRuntime = {
  env: () => process.env,
  plugins: () => installedPlugins(),
  createMesh: (options) =>
    createMesh({
      loadMiddleware: (name) => loadInstalledMiddleware(name),
      ...options,
      stateStorePlugins: options.stateStorePlugins ?? (options.stateStore ? [] : installedStateStorePlugins()),
    }),
};

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
  return createOn(nodeRuntime, capability, options);
}
