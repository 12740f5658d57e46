import amqp from 'amqplib';
import pg from 'pg';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataPlane, type RealDataPlane } from '../../src/infra/data-plane.ts';
import { infraNames } from '../../src/infra/names.ts';
import { expectNothingLeft, SERVICE_URLS, testNamespace } from './service-env.ts';

const change = {
  patientId: 'pat-000001',
  mrn: 'SYN-0000001',
  account: { FirstName: 'Zed', LastName: 'Synthetic', SSN__c: '666-10-0001' },
};
const message = { id: 'sync-msg-000001', change, enqueuedAt: 0, attempts: 3, offset: 0 };

let plane: RealDataPlane | undefined;
afterEach(async () => {
  await plane?.remove();
  plane = undefined;
});

async function open(namespace = testNamespace('plane')): Promise<RealDataPlane> {
  plane = await openDataPlane({ kind: 'services', urls: SERVICE_URLS, namespace, onLost: () => {} });
  return plane;
}

describe('the data plane on the machine’s PostgreSQL, RabbitMQ and Redis', () => {
  it('stages plaintext rows a SQL query can read, and deletes them after delivery', async () => {
    const dp = await open();
    const row = {
      id: 'sync-stage-000001',
      messageId: message.id,
      patientId: change.patientId,
      writtenAt: 1_700_000_000_000,
      encrypted: false,
      payload: JSON.stringify(change),
    };
    dp.estateHooks.syncResidue.staged(row);
    await dp.settle();
    const client = new pg.Client(SERVICE_URLS.postgres);
    await client.connect();
    try {
      const found = await client.query(`SELECT payload, written_at FROM "${dp.names.schema}".sync_staging`);
      expect(found.rows[0].payload).toContain('666-10-0001');
      expect(new Date(found.rows[0].written_at).getTime()).toBe(1_700_000_000_000);
      dp.estateHooks.syncResidue.unstaged(message.id);
      await dp.settle();
      expect((await client.query(`SELECT 1 FROM "${dp.names.schema}".sync_staging`)).rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('lets the broker dead-letter a refused message, which an outside AMQP client can read without losing it', async () => {
    const dp = await open();
    dp.estateHooks.syncResidue.deadLettered({
      message,
      payload: change,
      deadLetteredAt: 1_700_000_000_000,
      lastError: 'CRM 503',
    });
    await dp.settle();
    expect(await dp.deadLetters.inspect()).toEqual([
      expect.objectContaining({
        messageId: message.id,
        reason: 'rejected',
        body: expect.stringContaining('666-10-0001'),
      }),
    ]);
    const connection = await amqp.connect(SERVICE_URLS.amqp);
    try {
      const channel = await connection.createChannel();
      const checked = await channel.checkQueue(dp.names.deadLetterQueue);
      expect(checked.messageCount).toBe(1);
      await channel.close();
    } finally {
      await connection.close();
    }
  });

  it('keeps portal sessions as Redis hashes with no TTL, expiry recorded as a field', async () => {
    const dp = await open();
    const session = {
      id: 'a'.repeat(64),
      patientId: 'pat-000001',
      createdAt: 1,
      lastSeenAt: 2,
      sourceIp: '203.0.113.7',
    };
    dp.estateHooks.sessionStore.save(session);
    dp.estateHooks.sessionStore.save({ ...session, expiredAt: 3, endedAt: 3 });
    await dp.settle();
    const client = createClient({ url: SERVICE_URLS.redis });
    await client.connect();
    try {
      const key = `${dp.names.keyPrefix}portal:session:${session.id}`;
      expect(await client.hGetAll(key)).toMatchObject({ patientId: 'pat-000001', expiredAt: '3' });
      expect(await client.ttl(key)).toBe(-1);
    } finally {
      client.destroy();
    }
  });

  it('removes every schema, queue, exchange and key it created', async () => {
    const dp = await open();
    dp.estateHooks.sessionStore.save({
      id: 'b'.repeat(64),
      patientId: 'p',
      createdAt: 1,
      lastSeenAt: 1,
      sourceIp: '203.0.113.7',
    });
    await dp.settle();
    expect(await dp.remove()).toEqual([]);
    plane = undefined;
    await expectNothingLeft(dp.names.namespace);
  });

  it('refuses a schema that already holds tables phi-drill did not create', async () => {
    const namespace = testNamespace('foreign');
    const client = new pg.Client(SERVICE_URLS.postgres);
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${namespace}"`);
      await client.query(`CREATE TABLE "${namespace}".patients (id int)`);
      await expect(open(namespace)).rejects.toThrow(/already holds 1 object\(s\) phi-drill did not create/);
      plane = undefined;
      // Nothing of the drill's was left in the other systems either.
      await expectNothingLeft(namespace, { skipPostgres: true });
    } finally {
      await client.query(`DROP SCHEMA "${namespace}" CASCADE`);
      await client.end();
    }
  });

  it('refuses Redis keys under its prefix that phi-drill did not write', async () => {
    const namespace = testNamespace('keys');
    const client = createClient({ url: SERVICE_URLS.redis });
    await client.connect();
    const key = `${infraNames(namespace).keyPrefix}customer:1`;
    try {
      await client.set(key, 'not ours');
      await expect(open(namespace)).rejects.toThrow(/Redis keys under .* phi-drill did not write/);
      plane = undefined;
      await expectNothingLeft(namespace, { skipRedis: true });
      expect(await client.get(key)).toBe('not ours');
    } finally {
      await client.del(key);
      client.destroy();
    }
  });
});
