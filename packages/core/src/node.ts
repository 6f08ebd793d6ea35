/**
 * Node-only additions to `@modelmesh/core` (file access). The main entry stays
 * free of `node:` imports so it runs in browsers and edge runtimes.
 * @module
 */
export { loadConfigFile } from './config/load-config-file.js';
export { createMesh } from './node/create-mesh-with-files.js';
