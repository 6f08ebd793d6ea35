// Converters, wire types and quirk tables: for this package's tests and for packages built on it.
// Not covered by semver: they change with the vendor's wire format and the provider contract.
export * from './index.js';
export { GROQ_DROPPED_PARAMS, GROQ_PARAM_DROP_RULES } from './groq-quirks.js';
