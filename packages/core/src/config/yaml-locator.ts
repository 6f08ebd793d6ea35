import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { ConfigPath } from './config-path.js';
import type { IssueTarget } from './issue-collector.js';

/** A 1-based position in the source text. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds where a path of the parsed document was written. */
export type SourceLocator = (path: ConfigPath, target: IssueTarget) => SourcePosition | undefined;

/** `<<` merge keys keep their source text while their value becomes a symbol. */
function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.source === '<<';
}

function keyMatches(pair: Pair, segment: string | number): boolean {
  return isScalar(pair.key) && !isMergePair(pair) && String(pair.key.value) === String(segment);
}

/**
 * Finds the pair for `segment` in a map, looking into `<<` merge sources when
 * the map itself lacks the key, because that is where a merged value was written.
 */
function findPair(map: Node, segment: string | number, doc: Document, depth = 0): Pair | undefined {
  if (!isMap(map) || depth > 20) return undefined;
  // With a duplicate key the last value wins (as in the parsed data), so point there.
  const own = map.items.findLast((pair) => keyMatches(pair, segment));
  if (own !== undefined) return own;
  for (const pair of map.items) {
    if (!isMergePair(pair)) continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const resolved = resolveNode(source, doc);
      const found = resolved === undefined ? undefined : findPair(resolved, segment, doc, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function resolveNode(node: unknown, doc: Document): Node | undefined {
  if (isAlias(node)) return node.resolve(doc) as Node | undefined;
  return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
}

function startOf(node: unknown): number | undefined {
  if (isPair(node)) return startOf(node.key);
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

/**
 * A locator over a parsed YAML document. A path that does not exist (a missing
 * required key) is reported at the key of its nearest existing ancestor, so the
 * user is sent to the entry that lacks it.
 */
export function createYamlLocator(doc: Document, lineCounter: LineCounter): SourceLocator {
  return (path, target) => {
    let node: Node | undefined = resolveNode(doc.contents, doc);
    let offset = startOf(node);
    // Where the entry that holds the current node was named, for paths that stop early.
    let holderKey = offset;
    let complete = true;
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1;
      if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) {
          complete = false;
          break;
        }
        offset = startOf(item) ?? offset;
        holderKey = offset;
        node = resolveNode(item, doc);
        continue;
      }
      const pair = node === undefined ? undefined : findPair(node, segment, doc);
      if (pair === undefined) {
        complete = false;
        break;
      }
      holderKey = startOf(pair.key);
      const valueStart = startOf(pair.value);
      // A key without a value (`chat:`) has an empty scalar whose position is not helpful.
      const valueIsEmpty = isScalar(pair.value) && pair.value.value === null && pair.value.source === '';
      offset = (last && target === 'key') || valueIsEmpty || valueStart === undefined ? startOf(pair.key) : valueStart;
      node = resolveNode(pair.value, doc);
    }
    const at = complete ? offset : holderKey;
    if (at === undefined) return undefined;
    const { line, col } = lineCounter.linePos(at);
    return { line, column: col };
  };
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range !== undefined && range[0] <= offset && offset <= range[2];
}

/**
 * The path of the entry written at `offset` (used to name the key of a YAML
 * error such as a duplicate key). Stops at the deepest map or list entry found.
 */
export function pathAtOffset(doc: Document, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 100; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((item) => contains(item.key, offset) || contains(item.value, offset));
      if (pair === undefined || !isScalar(pair.key)) break;
      // A merge key `<<` is a symbol in yaml 2.
      const key = pair.key.value;
      path.push(typeof key === 'symbol' ? (key.description ?? '') : String(key));
      if (contains(pair.key, offset)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index === -1) break;
      path.push(index);
      node = node.items[index];
    } else break;
  }
  return path;
}
