import { fileURLToPath } from 'node:url';
import { runScenario } from './scenario.js';

// In-process routing from mesh.yaml over two mock vendors, with middleware and a manual clock.
const configFile = fileURLToPath(new URL('../mesh.yaml', import.meta.url));
const client = await runScenario(configFile);
await client.close();
