import { requiredString, optionalString } from '../command-spec.js';
import { requireConfigFile } from '../config-file.js';
import { paint, table, type Output } from '../terminal.js';
import { loadMesh } from './load-mesh.js';

/** Prints the routing decision as a table (or JSON); exit 1 when no model would be selected. */
export async function explainCommand(output: Output, values: Readonly<Record<string, unknown>>): Promise<number> {
  const model = requiredString(values, 'model');
  const { mesh, stateStore } = await loadMesh(requireConfigFile(values));
  try {
    const message = optionalString(values, 'message');
    const session = optionalString(values, 'session');
    const messages = message === undefined ? [] : [{ role: 'user' as const, content: message }];
    const explanation = mesh.explain({ model, messages, ...(session ? { sessionId: session } : {}) });
    if (values['json'] === true) {
      output.line(JSON.stringify(explanation, null, 2));
      return explanation.selectedModel ? 0 : 1;
    }
    output.line(`${paint(output, 'bold', `Pool "${explanation.poolName}"`)}  strategy ${explanation.strategy}${explanation.capability ? `  capability ${explanation.capability}` : ''}`);
    const selected = explanation.selectedModel ? paint(output, 'green', explanation.selectedModel) : paint(output, 'red', 'none');
    output.line(`selected: ${selected}  (${explanation.reason})`);
    output.line();
    const rows = explanation.candidates.map((c) => [
      c.rank === undefined ? '' : String(c.rank),
      c.selected ? paint(output, 'green', `→ ${c.model}`) : `  ${c.model}`,
      c.provider,
      c.connector,
      c.status === 'active' ? c.status : paint(output, 'yellow', c.status),
      c.estimatedCost === undefined ? '' : `$${c.estimatedCost.toFixed(6)}`,
      c.skipped === undefined ? '' : paint(output, 'dim', c.skipped),
    ]);
    const header = ['#', 'model', 'provider', 'connector', 'status', 'est. cost', 'skipped because'];
    for (const line of table([header, ...rows], ['right', 'left', 'left', 'left', 'left', 'right', 'left'])) output.line(line);
    return explanation.selectedModel ? 0 : 1;
  } finally {
    await mesh.close();
    await stateStore.close?.();
  }
}
