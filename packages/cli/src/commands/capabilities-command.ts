import { listAll, resolve, search, tree, type CapabilityTree } from '@modelmesh/capabilities';
import { paint, table, type Output } from '../terminal.js';

function printTree(output: Output, node: CapabilityTree, depth: number): void {
  for (const [name, children] of Object.entries(node)) {
    const leaf = Object.keys(children).length === 0;
    output.line(`${'  '.repeat(depth)}${leaf ? name : paint(output, 'bold', name)}`);
    printTree(output, children, depth + 1);
  }
}

/**
 * `modelmesh capabilities [tree | search WORD]`: the capability names with their paths,
 * the tree, or the names matching a word.
 */
export function capabilitiesCommand(output: Output, args: readonly string[]): number {
  const [mode, word] = args;
  if (mode === 'tree') {
    printTree(output, tree(), 0);
    return 0;
  }
  const names = mode === 'search' ? search(word ?? '') : listAll();
  if (mode !== undefined && mode !== 'search') {
    output.error(`unknown capabilities mode "${mode}"; use "tree" or "search WORD"`);
    return 2;
  }
  if (names.length === 0) {
    output.line(`no capability matches "${word ?? ''}"`);
    return 1;
  }
  const rows = names.map((name) => [paint(output, 'cyan', name), resolve(name)]);
  for (const line of table([['name', 'path'], ...rows])) output.line(line);
  return 0;
}
