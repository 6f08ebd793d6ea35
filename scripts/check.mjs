#!/usr/bin/env node
// Runs the whole suite (build, typecheck, test, lint, docs) through turbo, then
// totals every package's vitest JSON report into one plain closing line that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['packages', 'apps']
  .flatMap((group) => {
    const dir = join(root, group);
    return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
  })
  .concat(join(root, 'benchmarks'));

// The suite starts a real redis-server and headless Chromium itself. On a machine without them,
// install Debian's packages first (as CI does), so this one command still does everything.
const missingTools = ['redis-server', 'chromium'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missingTools.length > 0) {
  console.log(`installing ${missingTools.join(' and ')} (Debian packages) for the tests that start them`);
  const installed = spawnSync('bash', [join(root, '.ci', 'apt-packages')], { cwd: root, stdio: 'inherit' });
  if (installed.status !== 0) console.log(`could not install ${missingTools.join(', ')}: the Redis and browser tests will fail`);
}

const reportOf = (dir) => join(dir, '.vitest-report.json');
// Stale reports from an earlier run must not be counted: turbo restores them on a cache hit.
for (const dir of workspaces) rmSync(reportOf(dir), { force: true });

const extra = process.argv.slice(2);
const turbo = join(root, 'node_modules', '.bin', 'turbo');
const run = spawnSync(turbo, ['run', 'build', 'typecheck', 'test', 'lint', 'docs', '--output-logs=new-only', '--continue', '--concurrency=3', ...extra], {
  cwd: root,
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of workspaces) {
  const file = reportOf(dir);
  if (!existsSync(join(dir, 'vitest.config.ts'))) continue;
  if (!existsSync(file)) {
    missing.push(dir.slice(root.length));
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`);
const status = run.status ?? 1;
if (status !== 0) console.log(`turbo exited with ${status}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 || missing.length > 0 ? 1 : 0);
