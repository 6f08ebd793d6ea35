import type { CapabilityPath } from './capability-path.js';

/**
 * How a single-segment name was claimed. Listed names are the public aliases
 * returned by `listAll()`; unlisted ones are node names (categories and
 * groups) that resolve but are not advertised.
 */
interface NameClaim {
  readonly path: CapabilityPath;
  readonly listed: boolean;
}

/**
 * Maps single-segment names to paths. Each name has exactly one owner and the
 * first claim wins, so registering new nodes can never change what an
 * existing name resolves to.
 */
export class NameIndex {
  readonly #claims = new Map<string, NameClaim>();

  /** The path a name is claimed by, if any. */
  lookup(name: string): NameClaim | undefined {
    return this.#claims.get(name);
  }

  /**
   * Claims `name` for `path`. Returns false when another path owns it. A
   * repeated claim by the same path may upgrade it to listed, never downgrade.
   */
  claim(name: string, path: CapabilityPath, listed: boolean): boolean {
    const existing = this.#claims.get(name);
    if (existing !== undefined && existing.path !== path) return false;
    this.#claims.set(name, { path, listed: listed || (existing?.listed ?? false) });
    return true;
  }

  /** Every listed alias, sorted. */
  listed(): string[] {
    return [...this.#claims]
      .filter(([, claim]) => claim.listed)
      .map(([name]) => name)
      .sort();
  }

  /** Every claimed name, listed or not. */
  names(): IterableIterator<string> {
    return this.#claims.keys();
  }
}
