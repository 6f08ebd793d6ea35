import type { CapabilityTree } from './canonical-taxonomy.js';
import type { CapabilityPath } from './capability-path.js';

/** Structure-only storage of the node hierarchy; names and aliases live elsewhere. */
export class TaxonomyTree {
  // Child lists keep insertion order so tree() mirrors the order nodes were defined in.
  readonly #children = new Map<CapabilityPath, CapabilityPath[]>();
  readonly #parents = new Map<CapabilityPath, CapabilityPath | undefined>();
  readonly #roots: CapabilityPath[] = [];

  has(path: CapabilityPath): boolean {
    return this.#parents.has(path);
  }

  /** Every node path, in insertion order. */
  paths(): IterableIterator<CapabilityPath> {
    return this.#parents.keys();
  }

  isLeaf(path: CapabilityPath): boolean {
    return (this.#children.get(path)?.length ?? 0) === 0;
  }

  /**
   * Adds a node under an existing parent (or as a root when `parent` is
   * undefined). Callers add parents first, so the hierarchy is never dangling.
   */
  add(path: CapabilityPath, parent: CapabilityPath | undefined): void {
    if (this.has(path)) return;
    this.#parents.set(path, parent);
    this.#children.set(path, []);
    if (parent === undefined) this.#roots.push(path);
    else this.#children.get(parent)?.push(path);
  }

  /** Ancestor paths of an existing node, root first. */
  ancestors(path: CapabilityPath): CapabilityPath[] {
    const chain: CapabilityPath[] = [];
    for (let parent = this.#parents.get(path); parent !== undefined; ) {
      chain.unshift(parent);
      parent = this.#parents.get(parent);
    }
    return chain;
  }

  /** Every node strictly below `path`, depth first. */
  descendants(path: CapabilityPath): CapabilityPath[] {
    const found: CapabilityPath[] = [];
    const pending = [...(this.#children.get(path) ?? [])];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      found.push(next);
      pending.push(...(this.#children.get(next) ?? []));
    }
    return found;
  }

  /** A fresh nested object, so callers can never reach the stored lists. */
  toPlainObject(): CapabilityTree {
    const build = (paths: readonly CapabilityPath[]): CapabilityTree => {
      const node: CapabilityTree = {};
      for (const path of paths) {
        const segment = path.slice(path.lastIndexOf('.') + 1);
        node[segment] = build(this.#children.get(path) ?? []);
      }
      return node;
    };
    return build(this.#roots);
  }
}
