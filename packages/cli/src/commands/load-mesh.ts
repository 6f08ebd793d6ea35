import { createStateStore, type MeshClient, type MeshConfig, type StateStore } from '@modelmesh/core';
import { createMesh, loadConfigFile } from '@modelmesh/core/node';
import { installedStateStorePlugins } from 'modelmesh';
import { availablePlugins } from '../installed-providers.js';

/**
 * A config file loaded once, and the mesh built from it with every available provider plugin.
 * The state store (`state.store`; Redis when `@modelmesh/store-redis` is installed) is built
 * here so the proxy's per-key limits share it with the mesh; close it after the mesh.
 */
export async function loadMesh(file: string): Promise<{ config: MeshConfig; mesh: MeshClient; stateStore: StateStore }> {
  const plugins = availablePlugins();
  const providerIds: string[] = [];
  const config = await loadConfigFile(file, { knownProviders: providerIds });
  const stateStore = createStateStore(config.state, { plugins: installedStateStorePlugins() });
  return { config, mesh: createMesh({ config, plugins, stateStore }), stateStore };
}
