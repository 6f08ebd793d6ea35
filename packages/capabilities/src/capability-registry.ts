import { EXTRA_ALIASES } from './canonical-names.js';
import { canonicalNodes, type CapabilityTree } from './canonical-taxonomy.js';
import {
  type CapabilityPath,
  describeInvalidPath,
  lastSegment,
  properPrefixes,
} from './capability-path.js';
import { closestNames } from './closest-names.js';
import { CapabilityAliasConflictError } from './errors/capability-alias-conflict-error.js';
import { InvalidCapabilityPathError } from './errors/invalid-capability-path-error.js';
import { UnknownCapabilityError } from './errors/unknown-capability-error.js';
import { NameIndex } from './name-index.js';
import type { ResolvedCapability } from './resolved-capability.js';
import { SynonymTable } from './synonym-table.js';
import { TaxonomyTree } from './taxonomy-tree.js';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One capability taxonomy: the canonical tree plus any nodes registered on it.
 * Create isolated instances with {@link createCapabilityRegistry}; the
 * package-level functions such as {@link resolve} use
 * {@link defaultCapabilityRegistry}.
 *
 * Every method that takes a name accepts a canonical path, an alias, an
 * unambiguous node name or a deprecated synonym. Names are trimmed and matched
 * case-insensitively; unknown names throw {@link UnknownCapabilityError}.
 */
export class CapabilityRegistry {
  readonly #tree = new TaxonomyTree();
  readonly #names = new NameIndex();
  readonly #synonyms = new SynonymTable();

  /** Starts from the canonical taxonomy; prefer {@link createCapabilityRegistry}. */
  constructor() {
    const nodes = [...canonicalNodes()];
    for (const { path, parent } of nodes) this.#tree.add(path, parent);
    // Aliases claim their names before group names so `embeddings` is listed.
    for (const { path } of nodes) {
      if (this.#tree.isLeaf(path)) this.#claimOrFail(lastSegment(path), path, true);
    }
    for (const [alias, path] of Object.entries(EXTRA_ALIASES)) this.#claimOrFail(alias, path, true);
    for (const { path } of nodes) this.#claimOrFail(lastSegment(path), path, false);
  }

  /**
   * The canonical path for a name.
   * @throws {@link UnknownCapabilityError} when nothing matches.
   * @example `resolve('chat')` returns `'generation.text-generation.chat-completion'`.
   */
  resolve(name: string): CapabilityPath {
    return this.resolveDetailed(name).path;
  }

  /**
   * Like {@link CapabilityRegistry.resolve}, but also reports how the name
   * matched and whether it is deprecated, so callers can warn about old names.
   * @throws {@link UnknownCapabilityError} when nothing matches.
   */
  resolveDetailed(name: string): ResolvedCapability {
    const input = typeof name === 'string' ? name.trim().toLowerCase() : '';
    const found = this.#lookup(input);
    if (found !== undefined) return found;
    throw new UnknownCapabilityError(String(name), this.#suggest(input));
  }

  /** Whether a name resolves. Never throws. */
  isKnown(name: string): boolean {
    return typeof name === 'string' && this.#lookup(name.trim().toLowerCase()) !== undefined;
  }

  /**
   * Whether a name resolves only through a deprecated synonym. Never throws:
   * unknown names give `false`.
   */
  isDeprecated(name: string): boolean {
    return typeof name === 'string' && this.#lookup(name.trim().toLowerCase())?.deprecated === true;
  }

  /** The public aliases (every leaf name, `chat`, `embeddings` and registered names), sorted. */
  listAll(): string[] {
    return this.#names.listed();
  }

  /** Every node path in the tree, sorted. */
  listPaths(): CapabilityPath[] {
    return [...this.#tree.paths()].sort(byCodeUnit);
  }

  /**
   * Aliases and node names containing `keyword`, case-insensitively, sorted
   * and de-duplicated. An empty keyword matches every name.
   */
  search(keyword: string): string[] {
    const needle = keyword.trim().toLowerCase();
    return [...this.#names.names()].filter((name) => name.includes(needle)).sort(byCodeUnit);
  }

  /** A fresh nested copy of the tree; mutating it does not affect the registry. */
  tree(): CapabilityTree {
    return this.#tree.toPlainObject();
  }

  /**
   * The ancestors of a node, root first: for `chat-completion` that is
   * `['generation', 'generation.text-generation']`. A category has none.
   */
  ancestors(name: string): CapabilityPath[] {
    return this.#tree.ancestors(this.resolve(name));
  }

  /** Every node below a node (not the node itself), sorted. */
  descendants(name: string): CapabilityPath[] {
    return this.#tree.descendants(this.resolve(name)).sort(byCodeUnit);
  }

  /** The leaf paths under a node, sorted; a leaf gives itself. */
  leaves(name: string): CapabilityPath[] {
    const path = this.resolve(name);
    if (this.#tree.isLeaf(path)) return [path];
    return this.#tree
      .descendants(path)
      .filter((descendant) => this.#tree.isLeaf(descendant))
      .sort(byCodeUnit);
  }

  /**
   * Whether `name` is `node` or lies below it, which is how the router decides
   * that a model's capability serves a request for a broader node.
   * @throws {@link UnknownCapabilityError} when either name is unknown.
   */
  isWithin(name: string, node: string): boolean {
    const path = this.resolve(name);
    const ancestor = this.resolve(node);
    return path === ancestor || path.startsWith(`${ancestor}.`);
  }

  /**
   * Adds a node, creating missing intermediate nodes. Its last segment becomes
   * a public alias; new intermediate nodes get their name as a node name when
   * it is free. Registering an existing path is a no-op. Segments must be
   * lowercase letters, digits and single hyphens; the input is trimmed but not
   * lowercased.
   * @returns The registered path.
   * @throws {@link InvalidCapabilityPathError} for malformed paths, or paths
   * equal to or below a deprecated synonym (they would shadow it).
   * @throws {@link CapabilityAliasConflictError} when the new name already
   * refers to another node.
   */
  register(path: string): CapabilityPath {
    if (typeof path !== 'string') {
      throw new InvalidCapabilityPathError(String(path), 'a capability path must be a string');
    }
    const target = path.trim();
    const problem = describeInvalidPath(target);
    if (problem !== undefined) throw new InvalidCapabilityPathError(path, problem);
    if (this.#tree.has(target)) return target;

    const reserved = this.#synonyms.reservedBy(target);
    if (reserved !== undefined) {
      throw new InvalidCapabilityPathError(
        path,
        `"${reserved.synonym}" is reserved as a deprecated synonym of "${reserved.meaning}"`,
      );
    }

    const prefixes = properPrefixes(target);
    const alias = lastSegment(target);
    this.#assertNameFree(alias, target);
    // A new category is reached by its bare name, so it needs that name before the leaf does.
    const newRoot = prefixes.find((prefix) => !prefix.includes('.') && !this.#tree.has(prefix));
    if (newRoot !== undefined) {
      this.#assertNameFree(newRoot, target);
      if (newRoot === alias) throw new CapabilityAliasConflictError(alias, target, newRoot);
    }

    let parent: CapabilityPath | undefined;
    const created: CapabilityPath[] = [];
    for (const prefix of prefixes) {
      if (!this.#tree.has(prefix)) {
        this.#tree.add(prefix, parent);
        created.push(prefix);
      }
      parent = prefix;
    }
    this.#tree.add(target, parent);
    if (newRoot !== undefined) this.#names.claim(newRoot, newRoot, false);
    this.#names.claim(alias, target, true);
    // Intermediate names are a convenience: a taken one stays reachable by its full path.
    for (const prefix of created) this.#names.claim(lastSegment(prefix), prefix, false);
    return target;
  }

  #lookup(input: string): ResolvedCapability | undefined {
    if (input.includes('.')) {
      if (this.#tree.has(input)) return { input, path: input, deprecated: false, via: 'path' };
      const path = this.#synonyms.rewrite(input, (candidate) => this.#tree.has(candidate));
      return path === undefined
        ? undefined
        : { input, path, deprecated: true, via: 'deprecated-synonym' };
    }
    const claim = this.#names.lookup(input);
    if (claim === undefined) return undefined;
    const via = claim.path === input ? 'path' : claim.listed ? 'alias' : 'node-name';
    return { input, path: claim.path, deprecated: false, via };
  }

  #suggest(input: string): string[] {
    if (!input.includes('.')) return closestNames(input, this.#names.names());
    const near = closestNames(input, this.#tree.paths());
    // A mistyped prefix (`generation.chat-completion`) is far from every path by
    // edit distance, yet its last segment often names the intended node exactly.
    const byName = this.#names.lookup(lastSegment(input))?.path;
    if (byName === undefined || near.includes(byName)) return near;
    return [byName, ...near].slice(0, 3);
  }

  #assertNameFree(name: string, path: CapabilityPath): void {
    const owner = this.#names.lookup(name);
    if (owner !== undefined && owner.path !== path) {
      throw new CapabilityAliasConflictError(name, path, owner.path);
    }
  }

  #claimOrFail(name: string, path: CapabilityPath, listed: boolean): void {
    if (!this.#names.claim(name, path, listed)) {
      // Only reachable if the canonical data itself is inconsistent.
      throw new Error(`Canonical taxonomy reuses the name "${name}" for "${path}".`);
    }
  }
}

/** A new registry holding only the canonical taxonomy, independent of every other registry. */
export function createCapabilityRegistry(): CapabilityRegistry {
  return new CapabilityRegistry();
}
