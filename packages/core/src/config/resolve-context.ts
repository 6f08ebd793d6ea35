import type { EntryContext } from './parse-entry.js';

/**
 * The part of a capability registry the loader uses. Structural, so a registry
 * from another copy of `@modelmesh/capabilities` works too.
 */
export interface ConfigCapabilityRegistry {
  /** Canonical path for a name; throws `UnknownCapabilityError` (with suggestions) for unknown names. */
  resolve(name: string): string;
  /** Adds a custom node; throws a capability error for malformed paths or name conflicts. */
  register(path: string): string;
  /** Whether a name is a deprecated synonym; when present, the loader warns about such names. */
  isDeprecated?(name: string): boolean;
}

/** Shared state of the resolving phase. */
export interface ResolveContext extends EntryContext {
  /** Capability names are resolved (and custom ones registered) here. */
  registry: ConfigCapabilityRegistry;
  /** Provider ids that exist outside the document. */
  knownProviders: readonly string[];
  /** Strategy names registered by the app. */
  strategies: readonly string[];
  /** Values that came from `${secrets:...}`, for the values that must never hold one. */
  secretValues: readonly string[];
}
