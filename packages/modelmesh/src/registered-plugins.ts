import type { ProviderPlugin } from '@modelmesh/core';

/** Plugins registered in code; the only ones `create()` sees in a browser, where nothing can be looked up on disk. */
export const registered: ProviderPlugin[] = [];

/** Makes a provider plugin available to `create()`'s auto-detection (for packages not in the known list, and in browsers). */
export function registerProviderPlugin(plugin: ProviderPlugin): void {
  if (!registered.some((p) => p.connector === plugin.connector)) registered.push(plugin);
}
