/**
 * `@modelmesh/cli`: the `modelmesh` command, and its pieces for programs (the demo runs in
 * the example app too).
 * @module
 */
export { main } from './main.js';
export { runDemo, type DemoOptions, type DemoResult } from './demo/run-demo.js';
export { processOutput, type Output } from './terminal.js';
export { availablePlugins } from './installed-providers.js';
