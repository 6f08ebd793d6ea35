import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Liveness limits only (no test asserts on time): generous, so a loaded 2-core machine does not flake.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One test file at a time: the conformance suite's tight client-side timeouts are sensitive to CPU
    // starvation on a loaded machine, and these packages' other files add little time.
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
