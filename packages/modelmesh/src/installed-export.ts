import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The named export of a package installed beside the application (resolved from `from`, the
 * working directory by default, since a strict package manager would not let this package see
 * packages it does not depend on), or undefined when the package is not installed. Loading uses
 * `require` of ESM (Node ≥ 20.19), so callers stay synchronous.
 */
export function installedExport(packageName: string, exportName: string, from: string): unknown {
  const require = createRequire(join(from, 'package.json'));
  let loaded: unknown;
  try {
    loaded = require(packageName);
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  return (loaded as Record<string, unknown>)[exportName];
}
