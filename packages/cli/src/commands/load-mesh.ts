import type { MeshClient, MeshConfig } from '@modelmesh/core';
import { createMesh, loadConfigFile } from '@modelmesh/core/node';
import { availablePlugins } from '../installed-providers.js';

/** A config file loaded once, and the mesh built from it with every available provider plugin. */
export async function loadMesh(file: string): Promise<{ config: MeshConfig; mesh: MeshClient }> {
  const plugins = availablePlugins();
  const providerIds: string[] = [];
  const config = await loadConfigFile(file, { knownProviders: providerIds });
  return { config, mesh: createMesh({ config, plugins }) };
}
