import { BUILT_IN_MIDDLEWARE, createStateStore, type MeshClient, type MeshConfig, type StateStore } from '@modelmesh/core';
import { createMesh, loadConfigFile } from '@modelmesh/core/node';
import { middlewarePlugin as cache } from '@modelmesh/middleware-cache';
import { middlewarePlugin as logging } from '@modelmesh/middleware-logging';
import { middlewarePlugin as otel } from '@modelmesh/middleware-otel';
import { installedStateStorePlugins, loadInstalledMiddleware } from 'modelmesh';
import { availablePlugins } from '../installed-providers.js';

/** Options of {@link loadMesh}. */
export interface LoadMeshOptions {
  /** Log every request (human format on a terminal, JSON otherwise) unless the config lists logging itself or sets `observability.log_level: silent`. */
  readonly defaultLogging?: boolean;
  /** The state store the mesh keeps shared state in (a reload passes the running one on). */
  readonly stateStore?: StateStore;
}

/** The config's middleware list, with request logging first when it is the default and the config does not name it. */
function withDefaultLogging(config: MeshConfig): MeshConfig {
  if (config.observability.logLevel === 'silent' || config.middleware.some((entry) => entry.packageName === BUILT_IN_MIDDLEWARE.logging)) return config;
  return { ...config, middleware: [{ name: 'logging', packageName: BUILT_IN_MIDDLEWARE.logging, options: {}, path: 'observability.log_level', optionsPath: 'observability' }, ...config.middleware] };
}

/**
 * The mesh of a loaded config, with every available provider plugin and the middleware the
 * config names (the CLI ships logging, cache and otel; other packages are loaded from the
 * project it runs in). `previous` is the mesh a reload replaces.
 */
export function meshFromConfig(config: MeshConfig, options: LoadMeshOptions = {}, previous?: MeshClient): MeshClient {
  const used = options.defaultLogging ? withDefaultLogging(config) : config;
  return createMesh({
    config: used,
    plugins: availablePlugins(),
    middlewarePlugins: [logging, cache, otel],
    loadMiddleware: (name) => loadInstalledMiddleware(name),
    ...(options.stateStore ? { stateStore: options.stateStore } : {}),
    ...(previous ? { previous } : {}),
  });
}

/**
 * A config file loaded once, and the mesh built from it ({@link meshFromConfig}). The state
 * store (`state.store`; Redis when `@modelmesh/store-redis` is installed) is built here so the
 * proxy's per-key limits share it with the mesh; close it after the mesh.
 */
export async function loadMesh(file: string, options: Omit<LoadMeshOptions, 'stateStore'> = {}): Promise<{ config: MeshConfig; mesh: MeshClient; stateStore: StateStore }> {
  const providerIds: string[] = [];
  const config = await loadConfigFile(file, { knownProviders: providerIds });
  const stateStore = createStateStore(config.state, { plugins: installedStateStorePlugins() });
  return { config, mesh: meshFromConfig(config, { ...options, stateStore }), stateStore };
}
