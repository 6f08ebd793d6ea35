import type { ProviderPlugin, StateStorePlugin } from '@modelmesh/core';
import { installedExport } from './installed-export.js';
import { KNOWN_PROVIDER_PACKAGES } from './known-provider-packages.js';
import { registered } from './registered-plugins.js';

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
  const found = [...registered];
  for (const name of packages) {
    const plugin = installedExport(name, 'providerPlugin', from);
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
  const found: StateStorePlugin[] = [];
  for (const name of packages) {
    const plugin = installedExport(name, 'stateStorePlugin', from);
    if (isStateStorePlugin(plugin) && !found.some((p) => p.store === plugin.store)) found.push(plugin);
  }
  return found;
}
