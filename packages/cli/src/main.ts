import { createRequire } from 'node:module';
import { ModelMeshError } from '@modelmesh/core';
import { commandHelp, parseCommand, UsageError } from './command-spec.js';
import { COMMANDS } from './command-catalog.js';
import { paint, processOutput, type Output } from './terminal.js';

/** The CLI's version, from its package.json. */
export function cliVersion(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

function usage(): string {
  const width = Math.max(...COMMANDS.map(({ spec }) => spec.name.length));
  return [
    'modelmesh — capability-driven AI model routing',
    '',
    'usage: modelmesh <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map(({ spec }) => `  ${spec.name.padEnd(width)}  ${spec.summary}`),
    '',
    'modelmesh <command> --help shows a command\'s options; modelmesh --version its version.',
  ].join('\n');
}

/** Runs the CLI with `args` (without the node and script paths); resolves to the exit code (2: usage error). */
export async function main(args: readonly string[], output: Output = processOutput()): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined) {
    output.error(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = COMMANDS.find(({ spec }) => spec.name === rest[0]);
    output.line(topic ? commandHelp(topic.spec) : usage());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    output.line(cliVersion());
    return 0;
  }
  const command = COMMANDS.find(({ spec }) => spec.name === name);
  if (!command) {
    output.error(`modelmesh: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const parsed = parseCommand(command.spec, rest);
    if (parsed.help) {
      output.line(commandHelp(command.spec));
      return 0;
    }
    return await command.run(output, parsed.values, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      output.error(`modelmesh ${name}: ${error.message}\n\n${commandHelp(command.spec)}`);
      return 2;
    }
    // Typed errors are meant for people: print the message, not a stack.
    if (ModelMeshError.isInstance(error)) {
      output.error(`${paint(output, 'red', error.name)}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
