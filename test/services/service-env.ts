import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import pg from 'pg';
import { createClient } from 'redis';
import { expect } from 'vitest';
import { infraNames } from '../../src/infra/names.ts';
import type { ServiceUrls } from '../../src/infra/service-urls.ts';

/** The machine's real servers, as `.ci/run` exports them (loopback defaults otherwise). */
export const SERVICE_URLS: ServiceUrls = {
  postgres: process.env.PHI_DRILL_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  amqp: process.env.PHI_DRILL_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
  redis: process.env.PHI_DRILL_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

export const SERVICE_ENV_VARS = {
  PHI_DRILL_POSTGRES_URL: SERVICE_URLS.postgres,
  PHI_DRILL_AMQP_URL: SERVICE_URLS.amqp,
  PHI_DRILL_REDIS_URL: SERVICE_URLS.redis,
};

/** A namespace no other test (or engineer on the same servers) uses. */
export function testNamespace(label: string): string {
  return `phi_drill_test_${label}_${randomBytes(4).toString('hex')}`;
}

/** Asserts the servers hold nothing under the namespace. */
export async function expectNothingLeft(
  namespace: string,
  skip: { skipPostgres?: boolean; skipRedis?: boolean } = {},
): Promise<void> {
  const names = infraNames(namespace);
  if (!skip.skipPostgres) {
    const client = new pg.Client(SERVICE_URLS.postgres);
    await client.connect();
    const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [names.schema]);
    await client.end();
    expect(found.rowCount).toBe(0);
  }
  const connection = await amqp.connect(SERVICE_URLS.amqp);
  connection.on('error', () => {});
  for (const queue of [names.workQueue, names.deadLetterQueue]) {
    const channel = await connection.createChannel();
    channel.on('error', () => {});
    await expect(channel.checkQueue(queue)).rejects.toThrow(/404/);
  }
  await connection.close().catch(() => {});
  if (!skip.skipRedis) {
    const client = createClient({ url: SERVICE_URLS.redis });
    await client.connect();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${names.keyPrefix}*` })) keys.push(...batch);
    client.destroy();
    expect(keys).toEqual([]);
  }
}
