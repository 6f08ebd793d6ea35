import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFECTS } from './__fixtures__/broken-providers.js';

/*
 * The Gemini conformance suite must catch broken providers: it runs, in a child vitest, against
 * this package's provider with one defect at a time (and once without any), and each defect must
 * fail the checks about what it breaks, while the unbroken control passes everything.
 */

interface JsonReport {
  testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }>;
}

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

async function runBrokenSuites(): Promise<Map<string, string[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'modelmesh-gemini-conformance-'));
  const outputFile = join(dir, 'report.json');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [vitestBin, 'run', '--config', 'test/__fixtures__/vitest.broken-providers.config.ts', '--reporter=json', `--outputFile=${outputFile}`], {
        cwd: packageDir,
        stdio: 'ignore',
      });
      child.on('error', reject);
      child.on('exit', () => resolve());
    });
    const report = JSON.parse(await readFile(outputFile, 'utf8')) as JsonReport;
    const failed = new Map<string, string[]>();
    for (const file of report.testResults) {
      for (const result of file.assertionResults) {
        const defect = result.ancestorTitles[0]?.replace('Gemini provider conformance: ', '') ?? '';
        const list = failed.get(defect) ?? [];
        if (result.status === 'failed') list.push(`${result.ancestorTitles.slice(1).join(' > ')} > ${result.title}`);
        failed.set(defect, list);
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
}, 180_000);

/** The checks each defect must fail: every one of them, and nothing else. */
const EXPECTED: Readonly<Record<string, readonly RegExp[]>> = {
  control: [],
  'key in the URL': [/^requests > sends the API key in x-goog-api-key and never in a URL/],
  'ignores RetryInfo': [
    /^HTTP failures on chat > 429 RESOURCE_EXHAUSTED with RetryInfo 20s/,
    /^HTTP failures on chat > 429 with RetryInfo 1\.5s/,
    /^HTTP failures on chat > 429 with a Retry-After header and RetryInfo/,
    /^HTTP failures on chatStream .* > 429 RESOURCE_EXHAUSTED with RetryInfo 20s/,
    /^HTTP failures on chatStream .* > 429 with RetryInfo 1\.5s/,
    /^HTTP failures on chatStream .* > 429 with a Retry-After header and RetryInfo/,
    /^embeddings > maps a 429 on embeddings/,
  ],
  'swallows safety blocks': [
    /^safety > a prompt blocked for SAFETY/,
    /^safety > a prompt blocked for PROHIBITED_CONTENT/,
    /^safety > an answer withheld/,
    /^safety > stream: a blocked prompt/,
    /^safety > stream: an answer withheld before any text/,
  ],
  buffers: [
    /^streaming > delivers chunks as events arrive/,
    /^stream failures > a cut stream yields what arrived/,
    /^stream failures > a malformed event/,
    /^stream failures > a stream that ends cleanly without its final event/,
    /^stream failures > an in-stream UNAVAILABLE error event/,
    /^timeouts > a stalled stream/,
    /^abort > ends a stalled stream/,
  ],
  'truncates silently': [
    /^safety > stream: a blocked prompt/,
    /^safety > stream: an answer withheld before any text/,
    /^stream failures > a cut stream yields what arrived/,
    /^stream failures > a stream cut before any event/,
    /^stream failures > a malformed event/,
    /^stream failures > a stream that ends cleanly without its final event/,
    /^stream failures > an in-stream UNAVAILABLE error event/,
    /^stream failures > an in-stream RESOURCE_EXHAUSTED error event/,
    /^timeouts > a stalled stream/,
    /^abort > ends a stalled stream/,
  ],
};

describe('the Gemini conformance suite catches broken providers', () => {
  it.each(Object.keys(DEFECTS))('%s', (defect) => {
    const failed = failures.get(defect);
    expect(failed, `no results for "${defect}"`).toBeDefined();
    const expected = EXPECTED[defect] ?? [];
    for (const pattern of expected) expect(failed?.some((title) => pattern.test(title)), `a failing check matching ${String(pattern)}; failed: ${failed?.join(' | ')}`).toBe(true);
    expect(failed, 'failed checks').toHaveLength(expected.length);
  });
});
