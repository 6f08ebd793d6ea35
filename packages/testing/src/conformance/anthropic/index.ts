export { runAnthropicConformance } from './run-anthropic-conformance.js';
export type { AnthropicConformanceFeatures, AnthropicConformanceOptions } from './anthropic-conformance-options.js';
