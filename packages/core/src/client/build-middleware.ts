import { ConfigurationError, type ConfigIssue } from '@modelmesh/provider';
import type { MeshConfig } from '../config/mesh-config.js';
import type { MeshMiddleware } from '../middleware/middleware.js';
import type { MiddlewarePlugin } from '../middleware/middleware-plugin.js';
import type { Clock } from '../runtime/clock.js';
import type { StateStore } from '../state/state-store.js';

/** Where the middleware a config names comes from. */
export interface MiddlewareSources {
  /** Plugins given in code. */
  readonly plugins: readonly MiddlewarePlugin[];
  /** Finds a plugin by package name (the `modelmesh` package loads installed packages). */
  readonly load?: (packageName: string) => MiddlewarePlugin | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  /** The mesh's state store, which plugins may share (see MiddlewarePluginContext.stateStore). */
  readonly stateStore?: StateStore;
}

/** Creates the middleware the config lists, in order. Throws one ConfigurationError for every entry that fails. */
export function buildConfiguredMiddleware(config: MeshConfig, sources: MiddlewareSources): MeshMiddleware[] {
  const built: MeshMiddleware[] = [];
  const issues: ConfigIssue[] = [];
  for (const entry of config.middleware ?? []) {
    const plugin = sources.plugins.find((p) => p.packageName === entry.packageName) ?? sources.load?.(entry.packageName);
    if (!plugin) {
      issues.push({ path: entry.path, message: `middleware "${entry.name}" needs the package ${entry.packageName}, which is not installed (npm install ${entry.packageName})` });
      continue;
    }
    try {
      built.push(plugin.create(entry.options, { path: entry.optionsPath, env: sources.env, clock: sources.clock, logLevel: config.observability.logLevel, ...(sources.stateStore ? { stateStore: sources.stateStore } : {}) }));
    } catch (error) {
      if (!ConfigurationError.isInstance(error)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new ConfigurationError({ issues });
  return built;
}
