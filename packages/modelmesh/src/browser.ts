/**
 * The browser and edge entry of `modelmesh` (export conditions `browser`, `worker`, `edge-light`,
 * `workerd`): everything of the Node entry that needs no file system or package lookup.
 * `create()` takes its plugins from `options.plugins` or `registerProviderPlugin`, and
 * `createMesh` leaves config text to `loadConfig(text)`.
 * @module
 */
export * from '@modelmesh/core';
export { create } from './create-browser.js';
export type { CreateOptions } from './create.js';
export { registerProviderPlugin } from './registered-plugins.js';
export { KNOWN_PROVIDER_PACKAGES } from './known-provider-packages.js';
export * as capabilities from '@modelmesh/capabilities';
