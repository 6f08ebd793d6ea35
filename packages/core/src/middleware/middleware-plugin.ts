import type { LogLevel } from '../config/mesh-config.js';
import type { Clock } from '../runtime/clock.js';
import type { StateStore } from '../state/state-store.js';
import type { MeshMiddleware } from './middleware.js';

export { BUILT_IN_MIDDLEWARE } from '../config/resolve-middleware.js';

/** What a middleware plugin gets besides its options. */
export interface MiddlewarePluginContext {
  /** Where its options are in the config (`middleware[1].options`), for the paths of its ConfigurationErrors. */
  readonly path: string;
  /** The environment (for `${VAR}`-free defaults such as an endpoint variable). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The mesh's clock. */
  readonly clock: Clock;
  /** `observability.log_level` (default `info`). */
  readonly logLevel: LogLevel;
  /**
   * The mesh's state store, for middleware that shares its backend (the cache's `store: redis`
   * uses {@link StateStore.cacheStore}). Absent when the plugin is created outside a mesh.
   */
  readonly stateStore?: StateStore;
}

/**
 * What a middleware package exports as `middlewarePlugin`, so a config document can name it
 * (`middleware: [cache]`) and the proxy and CLI use it with no code.
 */
export interface MiddlewarePlugin {
  /** The package name, e.g. `@modelmesh/middleware-cache`; config entries resolve to it. */
  readonly packageName: string;
  /**
   * Creates the middleware from the options written in the config (snake_case keys).
   * Throws a `ConfigurationError` whose issue paths start with `context.path` for bad options.
   */
  create(options: Readonly<Record<string, unknown>>, context: MiddlewarePluginContext): MeshMiddleware;
}
