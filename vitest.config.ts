import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One real build of the example content, shared by the end-to-end tests.
    globalSetup: ['tests/e2e/setup.ts'],
    // Builds and browsers are slow on a 2-core machine; correctness, not speed, is asserted.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
