// Converters, wire types and quirk tables: for this package's tests and for packages built on it.
// Not covered by semver: they change with the vendor's wire format and the provider contract.
export * from './index.js';
export { DEEPSEEK_PARAM_DROP_RULES, DEEPSEEK_REASONER_DROPPED_PARAMS, DEEPSEEK_RENAMED_PARAMS, isDeepSeekReasoner, withCachedTokens } from './deepseek-quirks.js';
