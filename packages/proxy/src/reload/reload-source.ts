import type { LoadConfigOptions, MeshClient, MeshConfig } from '@modelmesh/core';
import { loadConfigFile } from '@modelmesh/core/node';

/** A configuration and the mesh built from it. */
export interface LoadedMesh {
  readonly config: MeshConfig;
  readonly mesh: MeshClient;
}

/** Where a reload gets its configuration from. */
export interface ReloadSource {
  /** Where the configuration comes from, for messages (e.g. the file's path). */
  readonly description: string;
  /**
   * Reads the configuration again and builds its mesh, continuing from `previous` (pass it to
   * `createMesh` as `previous`, so health and spend carry over). Throws a `ConfigurationError`
   * listing every problem when the configuration is invalid; nothing may have changed then.
   */
  load(previous: MeshClient): Promise<LoadedMesh>;
}

/** Options of {@link configFileSource}. */
export interface ConfigFileSourceOptions {
  /** Builds the mesh of a loaded config (plugins, middleware, ...); pass `previous` on to `createMesh`. */
  readonly createMesh: (config: MeshConfig, previous: MeshClient) => MeshClient;
  /** Options of `loadConfigFile` (environment, secrets, known providers, strategies). */
  readonly load?: Omit<LoadConfigOptions, 'source'>;
}

/** A {@link ReloadSource} that re-reads a YAML or JSON config file. */
export function configFileSource(file: string, options: ConfigFileSourceOptions): ReloadSource {
  return {
    description: file,
    async load(previous) {
      const config = await loadConfigFile(file, options.load);
      return { config, mesh: options.createMesh(config, previous) };
    },
  };
}
