import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair, visit } from 'yaml';

/** An alias or merge key that `toJS` would throw on, with where it was written. */
export interface ReferenceProblem {
  /** Offset in the text. */
  offset: number;
  message: string;
}

/** yaml 2 represents a plain `<<` key as a symbol when `merge: true` is set. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return (typeof value === 'symbol' && value.description === '<<') || (value === '<<' && (key.type === undefined || key.type === 'PLAIN'));
}

function describeNode(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'an empty value' : `the value ${JSON.stringify(String(node.value))}`;
  return 'something else';
}

/** A merge source must be a mapping, or an alias of one. */
function mergeSourceProblem(node: unknown, doc: Document): string | undefined {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (target === undefined || isMap(target)) return undefined; // an unresolved alias is reported as such
  const what = isAlias(node) ? `an alias of ${describeNode(target)}` : describeNode(target);
  return `a merge (<<) takes a mapping or an alias of one (<<: *base), or a list of those; got ${what}`;
}

function startOf(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}

/**
 * Finds what would make `doc.toJS()` throw a bare `ReferenceError`/`Error`: an alias
 * whose anchor is not defined before it, and a merge (`<<`) of something that is not
 * a mapping. Reported with their positions instead, so the user gets a line and column.
 */
export function findReferenceProblems(doc: Document): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        problems.push({ offset: startOf(alias), message: `unknown anchor "${alias.source}": an alias (*${alias.source}) must come after the anchor (&${alias.source}) it names` });
      }
    },
    Pair(_, pair: Pair) {
      if (!isMergeKey(pair.key)) return;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const message = mergeSourceProblem(source, doc);
        if (message !== undefined) problems.push({ offset: startOf(source ?? pair.key), message });
      }
    },
  });
  return problems;
}
