import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no build and runs in seconds (`npm run test:unit`); `e2e` builds real
// bundles, the example content once for all its files (globalSetup), and browses them.
const E2E = ['tests/e2e/**/*.test.ts', 'tests/samples.test.ts'];

export default defineConfig({
  test: {
    // Builds and browsers are slow on a 2-core machine; correctness, not speed, is asserted.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: E2E } },
      { extends: true, test: { name: 'e2e', include: E2E, globalSetup: ['tests/e2e/setup.ts'] } },
    ],
  },
});
