export * from '@modelmesh/core';
// The Node build of createMesh also reads config files by path (explicit exports win over `export *`).
export { createMesh } from '@modelmesh/core/node';
export { create } from './create-node.js';
export type { CreateOptions } from './create.js';
export { installedPlugins, installedStateStorePlugins, KNOWN_STATE_STORE_PACKAGES } from './installed-plugins.js';
export { registerProviderPlugin } from './registered-plugins.js';
export { KNOWN_PROVIDER_PACKAGES } from './known-provider-packages.js';
export { loadInstalledMiddleware } from './installed-middleware.js';
export * as capabilities from '@modelmesh/capabilities';
