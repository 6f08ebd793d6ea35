import { existsSync, writeFileSync } from 'node:fs';
import type { ProviderPlugin } from '@modelmesh/core';
import { optionalString } from '../command-spec.js';
import { DEFAULT_CONFIG_FILE } from '../config-file.js';
import { availablePlugins } from '../installed-providers.js';
import { paint, type Output } from '../terminal.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A provider found in the environment, with the variables its config entry references. */
interface FoundProvider {
  readonly plugin: ProviderPlugin;
  /** Config key → `${VAR}` reference or a literal value. */
  readonly fields: ReadonlyArray<readonly [string, string]>;
  /** The variables that enabled it, for the comment. */
  readonly vars: readonly string[];
  /** Settings it has that no variable holds (an API key given only by other means): written as a comment. */
  readonly unreferenced: readonly string[];
}

/** The variable (among `candidates`, then all of `env`) whose value is `value`. */
function variableHolding(value: string, candidates: readonly string[], env: Env): string | undefined {
  return candidates.find((name) => env[name] === value) ?? Object.keys(env).find((name) => env[name] === value);
}

function findProvider(plugin: ProviderPlugin, env: Env): FoundProvider | undefined {
  const vars = plugin.envVars.filter((name) => (env[name] ?? '').trim() !== '');
  const detected = plugin.detect ? plugin.detect(env) : vars.length > 0 ? {} : undefined;
  if (!detected) return undefined;
  const fields: Array<readonly [string, string]> = [['connector', plugin.connector]];
  const unreferenced: string[] = [];
  const settings: ReadonlyArray<readonly [string, string | undefined, boolean]> = [
    ['api_key', detected.apiKey, true],
    ['base_url', detected.baseUrl, false],
    ['organization', detected.organization, false],
    ['project', detected.project, false],
  ];
  for (const [key, value, secret] of settings) {
    if (value === undefined) continue;
    const name = variableHolding(value, plugin.envVars, env);
    if (name !== undefined) fields.push([key, `\${${name}}`]);
    // A secret is never written out; a URL or an id is harmless to write as is.
    else if (secret) unreferenced.push(key);
    else fields.push([key, JSON.stringify(value)]);
  }
  return { plugin, fields, vars, unreferenced };
}

function servesEmbeddings(plugin: ProviderPlugin): boolean {
  return plugin.models.some((model) => model.capabilities.some((name) => /(^|[.-])embeddings$/.test(name)));
}

/** The commented YAML for the providers found. */
export function renderInitConfig(found: readonly FoundProvider[]): string {
  const lines = [
    '# ModelMesh configuration, written by `modelmesh init`.',
    '# Secrets stay in the environment: ${VAR} is read when the mesh starts.',
    '# Check it with `modelmesh validate`, try it with `modelmesh chat chat-completion "Hello"`,',
    '# serve it with `modelmesh proxy`. Reference: docs/guides/configuration.md.',
    '',
    'providers:',
  ];
  for (const { plugin, fields, vars, unreferenced } of found) {
    lines.push(`  # ${plugin.vendor}: found ${vars.length > 0 ? vars.join(', ') : 'its settings'}; its default models join the pools below.`);
    lines.push(`  ${plugin.defaultId}:`);
    for (const [key, value] of fields) lines.push(`    ${key}: ${value}`);
    for (const key of unreferenced) lines.push(`    # ${key}: \${SET_ME}  (found, but in no variable this file can name)`);
  }
  lines.push(
    '',
    '# models: list models to override prices, context windows or capabilities, e.g.',
    '#   fast: { provider: openai, model: gpt-4o-mini, capabilities: [chat-completion] }',
    '',
    'pools:',
    '  # Every chat model of the providers above; the first stays in use until it fails.',
    '  chat-completion:',
    '    capability: chat-completion',
    '    strategy: stick-until-failure',
  );
  if (found.some(({ plugin }) => servesEmbeddings(plugin))) lines.push('  text-embeddings:', '    capability: text-embeddings');
  lines.push(
    '',
    '# budgets: cap spending, e.g.',
    '#   daily: { limit_usd: 5, period: day }',
    '',
  );
  return lines.join('\n');
}

/** Writes (or prints) the config; exit 1 when no provider is configured in the environment or the file exists. */
export function initCommand(output: Output, values: Readonly<Record<string, unknown>>, env: Env = process.env): number {
  const plugins = availablePlugins();
  const found = plugins.map((plugin) => findProvider(plugin, env)).filter((entry): entry is FoundProvider => entry !== undefined);
  if (found.length === 0) {
    const names = [...new Set(plugins.flatMap((plugin) => plugin.envVars))];
    output.error(`no provider found in the environment: set one of ${names.join(', ')} and run \`modelmesh init\` again`);
    return 1;
  }
  const text = renderInitConfig(found);
  if (values['stdout'] === true) {
    output.line(text.trimEnd());
    return 0;
  }
  const file = optionalString(values, 'output') ?? DEFAULT_CONFIG_FILE;
  if (existsSync(file) && values['force'] !== true) {
    output.error(`${file} exists; pass --force to overwrite it, or --output FILE`);
    return 1;
  }
  writeFileSync(file, text);
  output.line(`${paint(output, 'green', '✓')} wrote ${file} with ${found.map(({ plugin }) => plugin.defaultId).join(', ')}; next: modelmesh validate ${file}`);
  return 0;
}
