#!/usr/bin/env node
// Bundle-size check: bundles each entry for browsers with esbuild (minified, ESM, `browser`
// export condition), gzips it and compares it with its limit. Exits 1 when an entry is over, or
// carries one of the inputs in KEPT_OUT (classic zod, the JSON Schema generator, YAML, ...).
// `--why` also lists the largest inputs of each bundle, to see where the bytes are.
// Limits sit about 10% above the sizes measured when they were set, so ordinary growth passes
// and a regression such as zod's locales (+60 KB), classic zod instead of zod/mini (+18 KB) or
// YAML (+28 KB) back in a bundle fails; lower them as entries shrink. The goal for core +
// providers-openai is 40 KB (the official `openai` package bundles to about 35 KB).
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundleForBrowser, packagesDir } from './browser-bundle.mjs';
const KB = 1024;

/** Providers that carry their own wire format (not the OpenAI-compatible base) weigh more. */
const PROVIDER_LIMITS_KB = { 'providers-anthropic': 23, 'providers-google': 25 };

/** Entries: what an app imports, and the most its bundle may weigh (minified + gzip, KB). */
const entries = [
  { name: '@modelmesh/core (createMesh)', code: `export { createMesh } from '@modelmesh/core';`, limitKb: 66 },
  {
    name: 'core + providers-openai',
    code: `export { createMesh } from '@modelmesh/core'; export { createOpenAI } from '@modelmesh/providers-openai';`,
    limitKb: 82,
  },
  { name: 'modelmesh (browser entry)', code: `export { create, createMesh } from 'modelmesh';`, limitKb: 66 },
  { name: 'modelmesh/testing (mockClient)', code: `export { mockClient } from 'modelmesh/testing';`, limitKb: 70 },
  ...readdirSync(packagesDir)
    .filter((dir) => dir.startsWith('providers-'))
    .sort()
    .map((dir) => ({ name: `@modelmesh/${dir}`, code: `export * from '@modelmesh/${dir}';`, limitKb: PROVIDER_LIMITS_KB[dir] ?? 20 })),
];

/** Inputs no browser entry may carry (bytes in the output): each has a lighter form, or serves only tooling. */
const KEPT_OUT = [
  { pattern: /\/zod\/v4\/classic\//, what: "classic zod (core validates with 'zod/mini')" },
  { pattern: /\/zod\/v4\/locales\//, what: "zod's locales" },
  { pattern: /\/zod\/v4\/core\/(to-json-schema|json-schema-processors)\.js$/, what: "zod's JSON Schema generator (configJsonSchema() only)" },
  { pattern: /\/config\/schema-descriptions\.js$/, what: 'the config key descriptions (configJsonSchema() only)' },
  { pattern: /\/node_modules\/yaml\//, what: 'the YAML parser (loadConfig(text) only)' },
];

/** Bundles one entry for browsers; returns its minified and gzipped sizes and the bytes each input contributes. */
async function bundleEntry(code) {
  const { output, inputs } = await bundleForBrowser({ code });
  return { minified: output.length, gzipped: gzipSync(output, { level: 9 }).length, inputs };
}

/** The package an input file belongs to (`zod`, `core`, ...). */
function packageOf(file) {
  const inStore = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inStore) return inStore[1];
  const inWorkspace = /(?:^|\/)packages\/([^/]+)\//.exec(file) ?? /^\.\.\/([^/]+)\//.exec(file);
  return inWorkspace ? inWorkspace[1] : file;
}

const why = process.argv.includes('--why');
const kb = (bytes) => (bytes / KB).toFixed(1);
let over = 0;
console.log('entry'.padEnd(44), 'min KB'.padStart(8), 'gzip KB'.padStart(8), 'limit KB'.padStart(9));
for (const entry of entries) {
  const size = await bundleEntry(entry.code);
  const ok = size.gzipped <= entry.limitKb * KB;
  if (!ok) over++;
  console.log(entry.name.padEnd(44), kb(size.minified).padStart(8), kb(size.gzipped).padStart(8), String(entry.limitKb).padStart(9), ok ? '' : '  OVER');
  for (const { pattern, what } of KEPT_OUT) {
    const file = size.inputs.find((input) => input.bytes > 0 && pattern.test(input.file))?.file;
    if (file === undefined) continue;
    over++;
    console.log(`    carries ${what}: ${file}`);
  }
  if (why) {
    const byPackage = new Map();
    for (const { file, bytes } of size.inputs) byPackage.set(packageOf(file), (byPackage.get(packageOf(file)) ?? 0) + bytes);
    for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${name.padEnd(40)} ${kb(bytes).padStart(8)} min`);
  }
}
if (over > 0) {
  console.error(`${over} problem(s): bundles over their size limit (minified + gzip) or carrying what they should not`);
  process.exit(1);
}
