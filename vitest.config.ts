import { defineConfig } from 'vitest/config';

/** The default tier (`npm test`): unit and in-process integration tests, no outside services. */
export default defineConfig({
  test: {
    globalSetup: ['test/support/private-tmpdir.ts'],
    include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'test/services/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
