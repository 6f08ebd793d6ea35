import type { CapabilityTree } from './canonical-taxonomy.js';
import type { CapabilityPath } from './capability-path.js';
import { CapabilityRegistry } from './capability-registry.js';
import type { ResolvedCapability } from './resolved-capability.js';

/**
 * The process-wide registry behind the package-level functions. Nodes
 * registered here are visible to every caller in the process; use
 * {@link createCapabilityRegistry} for an isolated taxonomy.
 */
export const defaultCapabilityRegistry: CapabilityRegistry = new CapabilityRegistry();

/** {@link CapabilityRegistry.resolve} on the {@link defaultCapabilityRegistry}. */
export function resolve(name: string): CapabilityPath {
  return defaultCapabilityRegistry.resolve(name);
}

/** {@link CapabilityRegistry.resolveDetailed} on the {@link defaultCapabilityRegistry}. */
export function resolveDetailed(name: string): ResolvedCapability {
  return defaultCapabilityRegistry.resolveDetailed(name);
}

/** {@link CapabilityRegistry.isKnown} on the {@link defaultCapabilityRegistry}. */
export function isKnown(name: string): boolean {
  return defaultCapabilityRegistry.isKnown(name);
}

/** {@link CapabilityRegistry.isDeprecated} on the {@link defaultCapabilityRegistry}. */
export function isDeprecated(name: string): boolean {
  return defaultCapabilityRegistry.isDeprecated(name);
}

/** {@link CapabilityRegistry.listAll} on the {@link defaultCapabilityRegistry}. */
export function listAll(): string[] {
  return defaultCapabilityRegistry.listAll();
}

/** {@link CapabilityRegistry.listPaths} on the {@link defaultCapabilityRegistry}. */
export function listPaths(): CapabilityPath[] {
  return defaultCapabilityRegistry.listPaths();
}

/** {@link CapabilityRegistry.search} on the {@link defaultCapabilityRegistry}. */
export function search(keyword: string): string[] {
  return defaultCapabilityRegistry.search(keyword);
}

/** {@link CapabilityRegistry.tree} on the {@link defaultCapabilityRegistry}. */
export function tree(): CapabilityTree {
  return defaultCapabilityRegistry.tree();
}

/** {@link CapabilityRegistry.ancestors} on the {@link defaultCapabilityRegistry}. */
export function ancestors(name: string): CapabilityPath[] {
  return defaultCapabilityRegistry.ancestors(name);
}

/** {@link CapabilityRegistry.descendants} on the {@link defaultCapabilityRegistry}. */
export function descendants(name: string): CapabilityPath[] {
  return defaultCapabilityRegistry.descendants(name);
}

/** {@link CapabilityRegistry.leaves} on the {@link defaultCapabilityRegistry}. */
export function leaves(name: string): CapabilityPath[] {
  return defaultCapabilityRegistry.leaves(name);
}

/** {@link CapabilityRegistry.isWithin} on the {@link defaultCapabilityRegistry}. */
export function isWithin(name: string, node: string): boolean {
  return defaultCapabilityRegistry.isWithin(name, node);
}

/** {@link CapabilityRegistry.register} on the {@link defaultCapabilityRegistry}. */
export function register(path: string): CapabilityPath {
  return defaultCapabilityRegistry.register(path);
}
