/**
 * The version of the provider contract this package defines. A provider package states the
 * version it was written against in {@link ProviderPlugin.specificationVersion}; an engine
 * refuses a plugin whose version it does not implement instead of failing at the first call.
 * The version changes only when the contract changes incompatibly.
 */
export const PROVIDER_SPECIFICATION_VERSION = 'v1';

/** The contract versions this package describes (one today). */
export type ProviderSpecificationVersion = typeof PROVIDER_SPECIFICATION_VERSION;
