import { defineConfig } from 'vitest/config';

/** The end-to-end tier (`npm run test:e2e`): real terminals, real browsers, whole CLI runs on the real clock. */
export default defineConfig({
  test: {
    globalSetup: ['test/support/private-tmpdir.ts'],
    include: ['test/e2e/**/*.test.{ts,tsx}'],
    passWithNoTests: true,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
