import { existsSync } from 'node:fs';
import { UsageError } from './command-spec.js';

/** The config file `modelmesh init` writes and the other commands look for by default. */
export const DEFAULT_CONFIG_FILE = 'modelmesh.yaml';

/** `--config FILE`, else `./modelmesh.yaml` when it exists. */
export function findConfigFile(values: Readonly<Record<string, unknown>>, cwd = process.cwd()): string | undefined {
  const given = values['config'];
  if (typeof given === 'string' && given !== '') return given;
  const fallback = `${cwd}/${DEFAULT_CONFIG_FILE}`;
  return existsSync(fallback) ? fallback : undefined;
}

/** Like {@link findConfigFile}, or a usage error that says how to get one. */
export function requireConfigFile(values: Readonly<Record<string, unknown>>): string {
  const file = findConfigFile(values);
  if (file === undefined) throw new UsageError(`--config FILE is required (or a ${DEFAULT_CONFIG_FILE} in the current directory: \`modelmesh init\` writes one)`);
  return file;
}
