import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { MiddlewarePlugin } from '@modelmesh/core';

function isMiddlewarePlugin(value: unknown): value is MiddlewarePlugin {
  return typeof value === 'object' && value !== null && typeof (value as MiddlewarePlugin).packageName === 'string' && typeof (value as MiddlewarePlugin).create === 'function';
}

/**
 * Loads the `middlewarePlugin` a package exports, from the application's dependencies (found
 * from the working directory, as `create()` finds provider packages), or undefined when the
 * package is not installed or exports no plugin. Pass it as `createMesh({ loadMiddleware })`.
 */
export function loadInstalledMiddleware(packageName: string, from = process.cwd()): MiddlewarePlugin | undefined {
  const require = createRequire(join(from, 'package.json'));
  let loaded: unknown;
  try {
    loaded = require(packageName);
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  const plugin = (loaded as { middlewarePlugin?: unknown }).middlewarePlugin;
  return isMiddlewarePlugin(plugin) ? plugin : undefined;
}
