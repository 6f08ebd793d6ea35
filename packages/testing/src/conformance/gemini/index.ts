export { runGeminiProviderConformance } from './run-gemini-conformance.js';
export type { GeminiConformanceFeatures, GeminiConformanceOptions } from './gemini-conformance-options.js';
