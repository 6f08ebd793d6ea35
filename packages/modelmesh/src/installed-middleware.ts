import type { MiddlewarePlugin } from '@modelmesh/core';
import { installedExport } from './installed-export.js';

function isMiddlewarePlugin(value: unknown): value is MiddlewarePlugin {
  return typeof value === 'object' && value !== null && typeof (value as MiddlewarePlugin).packageName === 'string' && typeof (value as MiddlewarePlugin).create === 'function';
}

/**
 * Loads the `middlewarePlugin` a package exports, from the application's dependencies (found
 * from the working directory, as `create()` finds provider packages), or undefined when the
 * package is not installed or exports no plugin. Pass it as `createMesh({ loadMiddleware })`.
 */
export function loadInstalledMiddleware(packageName: string, from = process.cwd()): MiddlewarePlugin | undefined {
  const plugin = installedExport(packageName, 'middlewarePlugin', from);
  return isMiddlewarePlugin(plugin) ? plugin : undefined;
}
