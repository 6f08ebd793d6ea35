import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '@modelmesh/provider';
import { loadConfig, type LoadConfigOptions } from './load-config.js';
import type { MeshConfig } from './mesh-config.js';

/** Node's error codes for an unreadable file, in words. */
const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a file',
};

/**
 * Reads a YAML or JSON configuration file and loads it with {@link loadConfig};
 * messages name the file. Node only (this module is reached through
 * `@modelmesh/core/node`, never through the browser-safe main entry).
 *
 * @throws {@link ConfigurationError} when the file cannot be read (issue path `''`) or is invalid.
 */
export async function loadConfigFile(path: string, options: Omit<LoadConfigOptions, 'source'> = {}): Promise<MeshConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = (typeof code === 'string' ? READ_ERRORS[code] : undefined) ?? (error instanceof Error ? error.message : String(error));
    throw new ConfigurationError({
      issues: [{ path: '', message: `cannot read config file ${path}: ${reason}` }],
      source: path,
      cause: error,
    });
  }
  return loadConfig(text, { ...options, source: path });
}
