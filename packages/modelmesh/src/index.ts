export * from '@modelmesh/core';
// The Node build of createMesh also reads config files by path (explicit exports win over `export *`).
export { createMesh } from '@modelmesh/core/node';
export { create, type CreateOptions } from './create.js';
export { installedPlugins, installedStateStorePlugins, registerProviderPlugin, KNOWN_PROVIDER_PACKAGES, KNOWN_STATE_STORE_PACKAGES } from './installed-plugins.js';
export { loadInstalledMiddleware } from './installed-middleware.js';
export * as capabilities from '@modelmesh/capabilities';
