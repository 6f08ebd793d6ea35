import { listAll, resolve, search, tree, type CapabilityTree } from '@modelmesh/capabilities';
import { UsageError } from '../command-spec.js';
import { paint, table, type Output } from '../terminal.js';

function printTree(output: Output, node: CapabilityTree, depth: number): void {
  for (const [name, children] of Object.entries(node)) {
    const leaf = Object.keys(children).length === 0;
    output.line(`${'  '.repeat(depth)}${leaf ? name : paint(output, 'bold', name)}`);
    printTree(output, children, depth + 1);
  }
}

/** Prints the list, tree or search result; exit 1 when a search matches nothing. */
export function capabilitiesCommand(output: Output, values: Readonly<Record<string, unknown>>, positionals: readonly string[]): number {
  const [mode, word] = positionals;
  const json = values['json'] === true;
  if (mode !== undefined && mode !== 'tree' && mode !== 'search') throw new UsageError(`unknown capabilities mode "${mode}"; use "tree" or "search WORD"`);
  if (mode === 'search' && word === undefined) throw new UsageError('search needs a WORD');
  if (mode === 'tree') {
    if (json) output.line(JSON.stringify(tree(), null, 2));
    else printTree(output, tree(), 0);
    return 0;
  }
  const names = mode === 'search' ? search(word ?? '') : listAll();
  if (json) {
    output.line(JSON.stringify(names.map((name) => ({ name, path: resolve(name) })), null, 2));
    return names.length === 0 ? 1 : 0;
  }
  if (names.length === 0) {
    output.line(`no capability matches "${word ?? ''}"`);
    return 1;
  }
  const rows = names.map((name) => [paint(output, 'cyan', name), resolve(name)]);
  for (const line of table([['name', 'path'], ...rows])) output.line(line);
  return 0;
}
