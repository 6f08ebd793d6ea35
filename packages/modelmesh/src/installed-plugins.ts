import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ProviderPlugin, StateStorePlugin } from '@modelmesh/core';

/** Provider packages `create()` looks for in the application's dependencies. */
export const KNOWN_PROVIDER_PACKAGES: readonly string[] = [
  '@modelmesh/providers-openai',
  '@modelmesh/providers-anthropic',
  '@modelmesh/providers-google',
  '@modelmesh/providers-mistral',
  '@modelmesh/providers-groq',
  '@modelmesh/providers-deepseek',
  '@modelmesh/providers-openrouter',
  '@modelmesh/providers-together',
  '@modelmesh/providers-xai',
  '@modelmesh/providers-ollama',
  '@modelmesh/providers-openai-compatible',
];

const registered: ProviderPlugin[] = [];

/** Makes a provider plugin available to `create()`'s auto-detection (for packages not in the known list). */
export function registerProviderPlugin(plugin: ProviderPlugin): void {
  if (!registered.some((p) => p.connector === plugin.connector)) registered.push(plugin);
}

function isPlugin(value: unknown): value is ProviderPlugin {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProviderPlugin).connector === 'string' &&
    typeof (value as ProviderPlugin).create === 'function' &&
    Array.isArray((value as ProviderPlugin).envVars)
  );
}

/**
 * The plugins of the provider packages installed beside the application. Resolution starts
 * from the working directory, where the app's node_modules are, because a strict package
 * manager would not let this package see packages it does not depend on. Each package
 * exports its plugin as `providerPlugin`. Loading uses `require` of ESM, which Node ≥ 20.19
 * supports, so `create()` stays synchronous.
 */
export function installedPlugins(packages: readonly string[] = KNOWN_PROVIDER_PACKAGES, from = process.cwd()): ProviderPlugin[] {
  const require = createRequire(join(from, 'package.json'));
  const found = [...registered];
  for (const name of packages) {
    let loaded: unknown;
    try {
      loaded = require(name);
    } catch (error) {
      if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') continue;
      throw error;
    }
    const plugin = (loaded as { providerPlugin?: unknown }).providerPlugin;
    if (isPlugin(plugin) && !found.some((p) => p.connector === plugin.connector)) found.push(plugin);
  }
  return found;
}

/** State store packages `create()` looks for, for `state.store` in a config. */
export const KNOWN_STATE_STORE_PACKAGES: readonly string[] = ['@modelmesh/store-redis'];

function isStateStorePlugin(value: unknown): value is StateStorePlugin {
  return typeof value === 'object' && value !== null && typeof (value as StateStorePlugin).store === 'string' && typeof (value as StateStorePlugin).create === 'function';
}

/**
 * The plugins of the state store packages installed beside the application (each exports
 * `stateStorePlugin`), found like provider packages: from the working directory.
 */
export function installedStateStorePlugins(packages: readonly string[] = KNOWN_STATE_STORE_PACKAGES, from = process.cwd()): StateStorePlugin[] {
  const require = createRequire(join(from, 'package.json'));
  const found: StateStorePlugin[] = [];
  for (const name of packages) {
    let loaded: unknown;
    try {
      loaded = require(name);
    } catch (error) {
      if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') continue;
      throw error;
    }
    const plugin = (loaded as { stateStorePlugin?: unknown }).stateStorePlugin;
    if (isStateStorePlugin(plugin) && !found.some((p) => p.store === plugin.store)) found.push(plugin);
  }
  return found;
}
