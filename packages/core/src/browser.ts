/**
 * The browser and edge entry of `@modelmesh/core` (export conditions `browser`, `worker`,
 * `edge-light`, `workerd`): the same API, but `createMesh` leaves YAML parsing to
 * `loadConfig(text)`, so an app that configures with objects bundles no YAML parser.
 * @module
 */
export * from './index.js';
// Explicit exports win over `export *`.
export { createMesh } from './client/create-mesh-browser.js';
