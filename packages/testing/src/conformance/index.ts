export { runProviderConformance } from './run-provider-conformance.js';
export type { ProviderConformanceFeatures, ProviderConformanceOptions } from './conformance-options.js';
export { assembleToolCalls, contentDeltas, drain, finishReasons, type AssembledToolCall, type DrainedStream } from './stream-reading.js';
export { runAnthropicConformance, type AnthropicConformanceFeatures, type AnthropicConformanceOptions } from './anthropic/index.js';
export { runGeminiProviderConformance, type GeminiConformanceFeatures, type GeminiConformanceOptions } from './gemini/index.js';
export { describeVendorPlugin, type VendorPluginSpec, type VendorPluginSuite } from './vendor-plugin-suite.js';
export { runMiddlewareConformance, type MiddlewareConformanceOptions } from './run-middleware-conformance.js';
export { startMiddlewareMesh, type MiddlewareMesh, type MiddlewareMeshOptions } from './middleware-mesh.js';
export { runStateStoreContract, type StateStoreBackend, type StateStoreContractOptions } from './run-state-store-contract.js';
