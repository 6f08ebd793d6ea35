import { defineConfig } from 'vitest/config';

/** Config of the child vitest run that feeds the Gemini conformance suite deliberately broken providers. */
export default defineConfig({
  test: {
    include: ['test/__fixtures__/broken-providers.conformance.ts'],
    reporters: [],
  },
});
