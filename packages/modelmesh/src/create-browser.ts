import { createMesh, type MeshClient } from '@modelmesh/core';
import { createOn, type CreateOptions, type CreateRuntime } from './create.js';
import { registered } from './registered-plugins.js';

// No file system and no package lookup here: plugins come from `options.plugins` or
// `registerProviderPlugin`, the environment from `options.env` (or `process.env` where an edge runtime has one).
const browserRuntime: CreateRuntime = {
  env: () => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {},
  plugins: () => [...registered],
  createMesh,
};

/**
 * Creates a client for a capability ("chat-completion", "chat", "text-embeddings", ...), in a
 * browser or an edge runtime. Pass the provider plugins (`options.plugins`, or
 * `registerProviderPlugin` beforehand) and either a config object or `options.env` with their
 * keys: nothing is looked up on disk. Config text goes through `loadConfig(text)` first.
 *
 * @example
 * ```ts
 * import { providerPlugin } from '@modelmesh/providers-openai';
 * const client = create('chat-completion', { plugins: [providerPlugin], env: { OPENAI_API_KEY: key } });
 * ```
 */
export function create(capability: string, options: CreateOptions = {}): MeshClient {
  return createOn(browserRuntime, capability, options);
}
