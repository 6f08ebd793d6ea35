// Writes the configuration JSON Schema for editors: schema/modelmesh.config.schema.json.
// Runs after `tsc`, from the built output, so the file always matches the published code.
// An optional argument names another output file (the tests write to a temporary directory).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../dist/index.js';

const target = process.argv[2]
  ? resolve(process.argv[2])
  : fileURLToPath(new URL('../schema/modelmesh.config.schema.json', import.meta.url));
await mkdir(dirname(target), { recursive: true });
await writeFile(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
