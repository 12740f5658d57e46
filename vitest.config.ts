import { defineConfig } from 'vitest/config';

/** The default tier (`npm test`): unit and in-process integration tests, no outside services. */
export default defineConfig({
  test: {
    globalSetup: ['test/support/private-tmpdir.ts'],
    include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'test/services/**', 'node_modules/**'],
    // Files share one module cache per worker: loading the estate, the catalog and their packages
    // once per worker instead of once per file takes the tier from about 340 s to about 200 s. Tests
    // keep no module-level state between files (the one module mock wraps the real functions).
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
