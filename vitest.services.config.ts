import { defineConfig } from 'vitest/config';

/**
 * The services tier (`npm run test:services`): the estate's data plane and the broker sinks on real
 * PostgreSQL, RabbitMQ, Redis and NATS, reached through the PHI_DRILL_*_URL environment variables.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/support/private-tmpdir.ts'],
    include: ['test/services/**/*.test.{ts,tsx}'],
    passWithNoTests: true,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
