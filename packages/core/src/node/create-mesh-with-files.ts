import { readFileSync } from 'node:fs';
import { createMesh as createMeshFromText, type CreateMeshOptions } from '../client/create-mesh.js';
import type { MeshClient } from '../client/mesh-client.js';
import { ConfigurationError } from '@modelmesh/provider';

const isPath = (text: string) => !text.includes('\n') && /\.(ya?ml|json)$/i.test(text.trim());

/**
 * `createMesh` that also accepts the path of a `.yaml`, `.yml` or `.json` config file
 * (read synchronously, so creating a client stays synchronous).
 */
export function createMesh(options: CreateMeshOptions = {}): MeshClient {
  const config = options.config;
  if (typeof config !== 'string' || !isPath(config)) return createMeshFromText(options);
  let text: string;
  try {
    text = readFileSync(config, 'utf8');
  } catch (error) {
    throw new ConfigurationError({ source: config, issues: [{ path: '', message: `cannot read config file ${config}: ${(error as Error).message}` }] });
  }
  return createMeshFromText({ ...options, config: text, configSource: config });
}
