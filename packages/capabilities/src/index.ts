export type { CapabilityPath } from './capability-path.js';
export { editDistance } from './edit-distance.js';
export {
  CANONICAL_CATEGORIES,
  type CanonicalCategory,
  type CapabilityTree,
} from './canonical-taxonomy.js';
export { DEPRECATED_SYNONYMS, EXTRA_ALIASES } from './canonical-names.js';
export type { ResolutionKind, ResolvedCapability } from './resolved-capability.js';
export { CapabilityRegistry, createCapabilityRegistry } from './capability-registry.js';
export {
  ancestors,
  defaultCapabilityRegistry,
  descendants,
  isDeprecated,
  isKnown,
  isWithin,
  leaves,
  listAll,
  listPaths,
  register,
  resolve,
  resolveDetailed,
  search,
  tree,
} from './default-registry.js';
export {
  CAPABILITY_ERROR_BRAND,
  CapabilityError,
  type CapabilityErrorCode,
  type CapabilityErrorJSON,
} from './errors/capability-error.js';
export {
  UnknownCapabilityError,
  type UnknownCapabilityErrorJSON,
} from './errors/unknown-capability-error.js';
export {
  InvalidCapabilityPathError,
  type InvalidCapabilityPathErrorJSON,
} from './errors/invalid-capability-path-error.js';
export {
  CapabilityAliasConflictError,
  type CapabilityAliasConflictErrorJSON,
} from './errors/capability-alias-conflict-error.js';
