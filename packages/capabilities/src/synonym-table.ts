import { DEPRECATED_SYNONYMS } from './canonical-names.js';
import { type CapabilityPath, properPrefixes } from './capability-path.js';

/** Resolves the original project's deprecated dotted paths onto canonical ones. */
export class SynonymTable {
  readonly #synonyms = new Map<string, CapabilityPath>(Object.entries(DEPRECATED_SYNONYMS));

  /**
   * The canonical path for a deprecated input: an exact synonym, else the
   * longest synonym prefix rewritten, provided the rewritten node exists.
   */
  rewrite(input: string, exists: (path: CapabilityPath) => boolean): CapabilityPath | undefined {
    const exact = this.#synonyms.get(input);
    if (exact !== undefined) return exact;
    for (const prefix of properPrefixes(input).reverse()) {
      const replacement = this.#synonyms.get(prefix);
      if (replacement === undefined) continue;
      const rewritten = replacement + input.slice(prefix.length);
      if (exists(rewritten)) return rewritten;
    }
    return undefined;
  }

  /**
   * The synonym that `path` equals or lies under, if any. Such paths cannot be
   * registered: the new node would shadow the synonym and silently change
   * where old configurations route.
   */
  reservedBy(path: CapabilityPath): { synonym: string; meaning: CapabilityPath } | undefined {
    for (const candidate of [...properPrefixes(path), path]) {
      const meaning = this.#synonyms.get(candidate);
      if (meaning !== undefined) return { synonym: candidate, meaning };
    }
    return undefined;
  }
}
