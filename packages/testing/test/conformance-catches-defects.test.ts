import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFECTS } from './fixtures/broken-providers.js';

interface JsonReport {
  testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string }> }>;
}

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Runs the suite against every broken provider in a child vitest and returns the failed checks per defect. */
async function runBrokenSuites(): Promise<Map<string, string[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'modelmesh-conformance-'));
  const outputFile = join(dir, 'report.json');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [vitestBin, 'run', '--config', 'test/fixtures/vitest.broken-providers.config.ts', '--reporter=json', `--outputFile=${outputFile}`],
        { cwd: packageDir, stdio: 'ignore' },
      );
      child.on('error', reject);
      child.on('exit', () => resolve());
    });
    const report = JSON.parse(await readFile(outputFile, 'utf8')) as JsonReport;
    const failed = new Map<string, string[]>();
    for (const file of report.testResults) {
      for (const result of file.assertionResults) {
        const defect = result.ancestorTitles[0]?.replace('provider conformance: ', '') ?? '';
        if (result.status === 'failed') failed.set(defect, [...(failed.get(defect) ?? []), `${result.ancestorTitles.slice(1).join(' > ')} > ${result.title}`]);
        else if (!failed.has(defect)) failed.set(defect, []);
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

/** The checks each defect must fail: every one of them, and nothing else. */
const EXPECTED: Readonly<Record<keyof typeof DEFECTS & string, readonly RegExp[]>> = {
  'ignores retry-after': [
    /^HTTP failures on chat > 429 with retry-after: 7/,
    /^HTTP failures on chat > 429 with an HTTP-date/,
    /^HTTP failures on chat > 429 with retry-after-ms/,
    /^HTTP failures on chatStream .* > 429 with retry-after: 7/,
    /^HTTP failures on chatStream .* > 429 with an HTTP-date/,
    /^HTTP failures on chatStream .* > 429 with retry-after-ms/,
  ],
  '5xx not retryable': [/chat > 500/, /chat > 502/, /chat > 503/, /chatStream .* > 500/, /chatStream .* > 502/, /chatStream .* > 503/],
  'ignores abort': [/^abort > rejects chat /, /^abort > rejects chatStream /, /^abort > ends a stalled stream/],
  buffers: [
    /^streaming > delivers chunks as they arrive/,
    /^stream failures > a cut stream yields what arrived/,
    /^stream failures > a malformed chunk/,
    /^stream failures > an in-stream error event/,
    /^timeouts > a stalled stream/,
    /^abort > ends a stalled stream/,
  ],
  'truncates silently': [/^stream failures > a cut stream yields/, /^stream failures > a stream cut before any content/, /^stream failures > a malformed chunk/],
};

describe('the conformance suite catches broken providers', () => {
  it.each(Object.keys(DEFECTS))('%s', (defect) => {
    const failed = failures.get(defect);
    expect(failed, `no results for "${defect}"`).toBeDefined();
    const expected = EXPECTED[defect] ?? [];
    for (const pattern of expected) expect(failed?.some((title) => pattern.test(title)), `a failing check matching ${String(pattern)}`).toBe(true);
    expect(failed).toHaveLength(expected.length);
  });
});
