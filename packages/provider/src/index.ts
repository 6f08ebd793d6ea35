export { PROVIDER_SPECIFICATION_VERSION, type ProviderSpecificationVersion } from './specification.js';
export type * from './provider.js';
export type * from './model-spec.js';
export type * from './types/index.js';
export * from './errors/index.js';
export { redactSecrets, redactText, REDACTED } from './redact.js';
export { completionToChunks } from './completion-to-chunks.js';
