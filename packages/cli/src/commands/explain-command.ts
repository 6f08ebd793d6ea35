import { parseArgs } from 'node:util';
import { paint, table, type Output } from '../terminal.js';
import { loadMesh } from './load-mesh.js';

/**
 * `modelmesh explain --config FILE --model NAME [--message TEXT] [--session ID]`: the
 * routing decision for a request, as a table, without calling any provider.
 */
export async function explainCommand(output: Output, args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: 'string', short: 'c' }, model: { type: 'string', short: 'm' }, message: { type: 'string' }, session: { type: 'string' } },
  });
  if (!values.config || !values.model) {
    output.error('usage: modelmesh explain --config FILE --model NAME [--message TEXT] [--session ID]');
    return 2;
  }
  const { mesh, stateStore } = await loadMesh(values.config);
  try {
    const messages = values.message === undefined ? [] : [{ role: 'user' as const, content: values.message }];
    const explanation = mesh.explain({ model: values.model, messages, ...(values.session ? { sessionId: values.session } : {}) });
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
