// Converters, wire types and quirk tables: for this package's tests and for packages built on it.
// Not covered by semver: they change with the vendor's wire format and the provider contract.
export * from './index.js';
export { XAI_PARAM_DROP_RULES, XAI_REASONING_DROPPED_PARAMS, isGrok4, isXaiReasoningModel, xaiError } from './xai-quirks.js';
