import { ConfigurationError } from '@modelmesh/provider';
import { loadConfigWith } from '../config/load-config.js';
import type { ParsedSource } from '../config/yaml-source.js';
import { assembleMesh, type CreateMeshOptions } from './create-mesh.js';
import type { MeshClient } from './mesh-client.js';

/** Config text needs the YAML parser, which this build leaves to `loadConfig` so bundles without text stay small. */
function refuseConfigText(): ParsedSource {
  throw new ConfigurationError({
    issues: [
      {
        path: '',
        message:
          'config text is parsed by loadConfig in browser and edge builds (it carries the YAML parser): pass createMesh({ config: loadConfig(text) }) or a config object',
      },
    ],
  });
}

/**
 * The browser and edge build of `createMesh`: the same validation of config objects and loaded
 * configs, without the YAML parser. Text goes through `loadConfig(text)` first.
 */
export function createMesh(options: CreateMeshOptions = {}): MeshClient {
  return assembleMesh(options, (input, loadOptions) => loadConfigWith(refuseConfigText, input, loadOptions));
}
