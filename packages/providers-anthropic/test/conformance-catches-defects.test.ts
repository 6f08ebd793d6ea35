import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFECTS } from './fixtures/broken-anthropic-providers.js';

/*
 * The Anthropic conformance suite passes for this provider (test/conformance.test.ts); here it
 * must FAIL for broken versions of it, each on the checks that look at what was broken.
 */

interface JsonReport {
  testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }>;
}

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

async function runBrokenSuites(): Promise<Map<string, string[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'modelmesh-anthropic-conformance-'));
  const outputFile = join(dir, 'report.json');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [vitestBin, 'run', '--config', 'test/fixtures/vitest.broken-providers.config.ts', '--reporter=json', `--outputFile=${outputFile}`], { cwd: packageDir, stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', () => resolve());
    });
    const report = JSON.parse(await readFile(outputFile, 'utf8')) as JsonReport;
    const failed = new Map<string, string[]>();
    for (const file of report.testResults) {
      for (const result of file.assertionResults) {
        const defect = result.ancestorTitles[0]?.replace('Anthropic-wire provider conformance: ', '') ?? '';
        if (!failed.has(defect)) failed.set(defect, []);
        if (result.status === 'failed') failed.get(defect)?.push(`${result.ancestorTitles.slice(1).join(' > ')} > ${result.title}`);
      }
    }
    return failed;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let failures: Map<string, string[]>;
beforeAll(async () => {
  failures = await runBrokenSuites();
}, 120_000);

/** Checks each defect must fail (among others it may fail too). */
const EXPECTED: Readonly<Record<string, readonly RegExp[]>> = {
  'swallows stream errors': [/overloaded_error event before any content/, /a cut stream yields what arrived/, /a malformed event/],
  'buffers the whole stream': [/delivers chunks as the events arrive/],
  'forgets cached tokens': [/^chat > maps usage: cache reads and writes/, /^streaming > yields the role first/],
  'makes in-stream errors non-retryable': [/overloaded_error event before any content/, /an api_error event is retryable/],
  'reports every finish as stop': [/^chat > maps stop_reason "max_tokens"/, /^chat > maps stop_reason "refusal"/, /^chat > maps stop_reason "tool_use"/],
};

describe('the Anthropic conformance suite catches broken providers', () => {
  for (const name of Object.keys(DEFECTS)) {
    it(name, () => {
      const failed = failures.get(name);
      expect(failed, `the suite did not run for "${name}"`).toBeDefined();
      for (const expected of EXPECTED[name] ?? []) expect(failed?.some((title) => expected.test(title)), `${expected} among ${JSON.stringify(failed)}`).toBe(true);
    });
  }
});
