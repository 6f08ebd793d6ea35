export * from '@modelmesh/core';
export { create, type CreateOptions } from './create.js';
export { installedPlugins, registerProviderPlugin, KNOWN_PROVIDER_PACKAGES } from './installed-plugins.js';
export * as capabilities from '@modelmesh/capabilities';
