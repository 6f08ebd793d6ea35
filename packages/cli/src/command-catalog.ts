import { DEFAULT_CONFIG_FILE } from './config-file.js';
import type { CommandSpec } from './command-spec.js';
import type { Output } from './terminal.js';

// What each subcommand takes, kept apart from the commands so `--help`, `--version` and usage
// errors answer without loading the proxy, the providers or the mesh (start-up time).

/** `modelmesh proxy`. */
export const proxySpec: CommandSpec = {
  name: 'proxy',
  summary: 'Serve the mesh as an OpenAI-compatible API; SIGTERM/SIGINT drain in-flight requests, then exit.',
  synopsis: '[--config FILE] [--port N] [--host H]',
  options: {
    config: { type: 'string', short: 'c', value: 'FILE', description: 'config file (default: ./modelmesh.yaml)' },
    port: { type: 'string', short: 'p', value: 'N', description: 'port (default: the config\'s proxy.port; 0 picks a free one)' },
    host: { type: 'string', value: 'H', description: 'interface to listen on (default: the config\'s proxy.host)' },
  },  notes: ['SIGHUP (or POST /admin/reload) re-reads the config file and swaps it in without dropping requests.', 'The live status page is at <url>/status.'],
};

/** `modelmesh chat`. */
export const chatSpec: CommandSpec = {
  name: 'chat',
  summary: 'Send one request; show the answer, the model that gave it, the attempts and the cost.',
  synopsis: 'POOL PROMPT [--config FILE] [--system TEXT] [--stream] [--json]',
  positionals: ['POOL', 'PROMPT'],
  options: {
    config: { type: 'string', short: 'c', value: 'FILE', description: 'config file (default: ./modelmesh.yaml, else providers detected from the environment)' },
    system: { type: 'string', short: 's', value: 'TEXT', description: 'a system message before the prompt' },
    stream: { type: 'boolean', description: 'print the answer as it arrives' },
    json: { type: 'boolean', description: 'print { content, model, provider, modelId, attempts, failures, usage, costUsd } as JSON' },
  },
  notes: ['The answer goes to stdout; the routing summary to stderr, so `modelmesh chat ... > answer.txt` keeps only the answer.', 'example: modelmesh chat chat-completion "Say hello"'],
};

/** `modelmesh init`. */
export const initSpec: CommandSpec = {
  name: 'init',
  summary: 'Write a commented config from the provider keys in the environment (as ${VAR}, never the secret).',
  synopsis: '[--output FILE] [--force] [--stdout]',
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', description: `where to write (default: ./${DEFAULT_CONFIG_FILE})` },
    force: { type: 'boolean', short: 'f', description: 'overwrite an existing file' },
    stdout: { type: 'boolean', description: 'print the config instead of writing a file' },
  },
};

/** `modelmesh validate`. */
export const validateSpec: CommandSpec = {
  name: 'validate',
  summary: 'Check a config file: each problem with line:column, then warnings (exit 1 on problems).',
  synopsis: '[FILE] [--json]',
  positionals: ['FILE?'],
  options: { json: { type: 'boolean', description: 'print the result as JSON: { file, valid, errors, warnings, counts }' } },
  notes: ['FILE defaults to ./modelmesh.yaml.'],
};

/** `modelmesh explain`. */
export const explainSpec: CommandSpec = {
  name: 'explain',
  summary: 'Show the routing decision for a request, without calling any provider.',
  synopsis: '--model NAME [--config FILE] [--message TEXT] [--session ID] [--json]',
  options: {
    config: { type: 'string', short: 'c', value: 'FILE', description: 'config file (default: ./modelmesh.yaml)' },
    model: { type: 'string', short: 'm', value: 'NAME', description: 'virtual model: a pool or capability name' },
    message: { type: 'string', value: 'TEXT', description: 'a user message, so its size and needs are considered' },
    session: { type: 'string', value: 'ID', description: 'session id, for session-sticky pools' },
    json: { type: 'boolean', description: 'print the explanation as JSON' },
  },
};

/** `modelmesh capabilities`. */
export const capabilitiesSpec: CommandSpec = {
  name: 'capabilities',
  summary: 'List the capabilities with their paths, print the tree, or search by word.',
  synopsis: '[tree | search WORD] [--json]',
  positionals: ['MODE?', 'WORD?'],
  options: { json: { type: 'boolean', description: 'print JSON: [{ name, path }] for lists, the nested object for the tree' } },
};

/** `modelmesh demo`. */
export const demoSpec: CommandSpec = {
  name: 'demo',
  summary: 'Run the offline demo: failover through the proxy (no API key, no network).',
  synopsis: '[--keep-open]',
  options: { 'keep-open': { type: 'boolean', description: 'leave the demo proxy and its status page running until Ctrl-C' } },
};

/** A subcommand: what it takes, and (loaded on first use) what it does with it. */
export interface Command {
  readonly spec: CommandSpec;
  run(output: Output, values: Readonly<Record<string, unknown>>, positionals: readonly string[]): Promise<number>;
}

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  { spec: proxySpec, run: async (output, values) => (await import('./commands/proxy-command.js')).proxyCommand(output, values) },
  { spec: chatSpec, run: async (output, values, positionals) => (await import('./commands/chat-command.js')).chatCommand(output, values, positionals) },
  { spec: initSpec, run: async (output, values) => (await import('./commands/init-command.js')).initCommand(output, values) },
  { spec: validateSpec, run: async (output, values, positionals) => (await import('./commands/validate-command.js')).validateCommand(output, values, positionals) },
  { spec: explainSpec, run: async (output, values) => (await import('./commands/explain-command.js')).explainCommand(output, values) },
  { spec: capabilitiesSpec, run: async (output, values, positionals) => (await import('./commands/capabilities-command.js')).capabilitiesCommand(output, values, positionals) },
  { spec: demoSpec, run: async (output, values) => (await import('./commands/demo-command.js')).demoCommand(output, values) },
];
