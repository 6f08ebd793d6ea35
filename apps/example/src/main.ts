import { fileURLToPath } from 'node:url';
import { runScenario } from './scenario.js';

// The example app: ModelMesh routing over two local mock vendors, offline, no API key.
const configFile = fileURLToPath(new URL('../mesh.yaml', import.meta.url));
const client = await runScenario(configFile);
await client.close();
