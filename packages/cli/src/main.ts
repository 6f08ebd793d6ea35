import { ModelMeshError } from '@modelmesh/core';
import { capabilitiesCommand } from './commands/capabilities-command.js';
import { explainCommand } from './commands/explain-command.js';
import { proxyCommand } from './commands/proxy-command.js';
import { validateCommand } from './commands/validate-command.js';
import { runDemo } from './demo/run-demo.js';
import { paint, processOutput, type Output } from './terminal.js';

const USAGE = `modelmesh — capability-driven AI model routing

usage:
  modelmesh proxy --config FILE [--port N] [--host H]   serve the mesh as an OpenAI-compatible API
  modelmesh validate FILE                               check a config file (exit 1 on problems)
  modelmesh explain --config FILE --model NAME          show the routing decision for a request
  modelmesh capabilities [tree | search WORD]           list, show or search capabilities
  modelmesh demo [--keep-open]                          run the offline demo (no API key, no network);
                                                        --keep-open leaves its proxy and status page running`;

/** Runs the CLI with `args` (without the node and script paths); resolves to the exit code. */
export async function main(args: readonly string[], output: Output = processOutput()): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'proxy':
        return await proxyCommand(output, rest);
      case 'validate':
        return await validateCommand(output, rest);
      case 'explain':
        return await explainCommand(output, rest);
      case 'capabilities':
        return capabilitiesCommand(output, rest);
      case 'demo':
        await runDemo({ output, keepOpen: rest.includes('--keep-open') });
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        output.line(USAGE);
        return command === undefined ? 2 : 0;
      default:
        output.error(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    // Typed errors are meant for people: print the message, not a stack.
    if (ModelMeshError.isInstance(error)) {
      output.error(`${paint(output, 'red', error.name)}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
