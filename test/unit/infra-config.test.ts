import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHold } from '../../src/cli/infra-options.ts';
import { findLeftovers } from '../../src/infra/cleanup.ts';
import { describeConnectError } from '../../src/infra/connect-error.ts';
import {
  CONTAINER_IMAGES,
  containerDefinitions,
  containerEngine,
  NO_CONTAINER_ENGINE,
} from '../../src/infra/containers.ts';
import { checkNamespace, infraNames, namespaceForRun } from '../../src/infra/names.ts';
import { readServiceUrls } from '../../src/infra/service-urls.ts';
import { createWriteBehind } from '../../src/infra/write-behind.ts';

const GOOD = {
  PHI_DRILL_POSTGRES_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  PHI_DRILL_AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  PHI_DRILL_REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('service URLs', () => {
  it('reads the three variables', () => {
    expect(readServiceUrls(GOOD)).toEqual({
      ok: true,
      urls: {
        postgres: GOOD.PHI_DRILL_POSTGRES_URL,
        amqp: GOOD.PHI_DRILL_AMQP_URL,
        redis: GOOD.PHI_DRILL_REDIS_URL,
      },
    });
  });
  it('refuses a host beyond loopback unless it is allow-listed', () => {
    const remote = { ...GOOD, PHI_DRILL_REDIS_URL: 'redis://cache.staging.example:6379' };
    expect(readServiceUrls(remote)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not loopback/),
    });
    expect(readServiceUrls({ ...remote, PHI_DRILL_INFRA_ALLOW_HOSTS: 'cache.staging.example' }).ok).toBe(
      true,
    );
  });
  it('names the variable of a missing, unparseable or wrong-scheme URL', () => {
    expect(readServiceUrls({ ...GOOD, PHI_DRILL_AMQP_URL: undefined })).toMatchObject({
      error: expect.stringMatching(/needs PHI_DRILL_AMQP_URL/),
    });
    expect(readServiceUrls({ ...GOOD, PHI_DRILL_AMQP_URL: '::' })).toMatchObject({
      error: expect.stringMatching(/PHI_DRILL_AMQP_URL is not a URL/),
    });
    expect(readServiceUrls({ ...GOOD, PHI_DRILL_REDIS_URL: 'http://127.0.0.1' })).toMatchObject({
      error: expect.stringMatching(/must start with redis:\/\//),
    });
  });
});

describe('connection errors', () => {
  const error = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
  it('says unreachable, refused credentials or the driver’s first line, never the password', () => {
    const url = 'amqp://guest:s3cret@127.0.0.1:5672';
    expect(
      describeConnectError('amqp', url, error('connect ECONNREFUSED 127.0.0.1:5672', 'ECONNREFUSED')),
    ).toBe(
      'RabbitMQ (PHI_DRILL_AMQP_URL=amqp://guest:***@127.0.0.1:5672) is unreachable: connection refused',
    );
    expect(
      describeConnectError(
        'postgres',
        GOOD.PHI_DRILL_POSTGRES_URL,
        error('password authentication failed for user "x"', '28P01'),
      ),
    ).toMatch(/refused the credentials/);
    expect(
      describeConnectError(
        'redis',
        GOOD.PHI_DRILL_REDIS_URL,
        error('WRONGPASS invalid username-password pair'),
      ),
    ).toMatch(/refused the credentials/);
    expect(
      describeConnectError(
        'postgres',
        GOOD.PHI_DRILL_POSTGRES_URL,
        new AggregateError([error('x', 'ECONNREFUSED')]),
      ),
    ).toMatch(/connection refused/);
    expect(
      describeConnectError('redis', GOOD.PHI_DRILL_REDIS_URL, error('something odd\n  at stack')),
    ).toMatch(/failed: something odd$/);
  });
});

describe('namespaces', () => {
  it('derives every name from the run id', () => {
    const namespace = namespaceForRun('20261207T024000Z-a1b2c3');
    expect(namespace).toBe('phi_drill_20261207t024000z_a1b2c3');
    expect(checkNamespace(namespace)).toBeUndefined();
    expect(infraNames(namespace)).toMatchObject({
      schema: namespace,
      deadLetterQueue: 'phi-drill-20261207t024000z-a1b2c3.sync.dlq',
      keyPrefix: 'phi-drill-20261207t024000z-a1b2c3:',
    });
  });
  it('rejects names that are not plain identifiers', () => {
    expect(checkNamespace('Robert"; DROP SCHEMA public')).toMatch(/lowercase letters, digits and _/);
  });
});

describe('--hold', () => {
  const flags = { infra: 'services', target: 'own.yaml' };
  it('takes a duration or until-confirmed, and which leak starts it', () => {
    expect(parseHold('10m', flags)).toEqual({
      ok: true,
      hold: { forMs: 600_000, untilAlert: true, on: 'any' },
    });
    expect(parseHold('until-confirmed', { ...flags, 'hold-on': 'dead-letters' })).toMatchObject({
      hold: { on: 'dead-letters' },
    });
  });
  it('refuses nonsense, and a hold with nothing real to hold or nobody to alert', () => {
    expect(parseHold('soon', flags)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/duration like 10m/),
    });
    expect(parseHold('10m', { target: 'own.yaml' })).toMatchObject({
      error: expect.stringMatching(/needs --infra/),
    });
    expect(parseHold('10m', { infra: 'memory', target: 'own.yaml' })).toMatchObject({
      error: expect.stringMatching(/needs --infra/),
    });
    expect(parseHold('10m', { infra: 'services' })).toMatchObject({
      error: expect.stringMatching(/needs --target/),
    });
    expect(parseHold('10m', { ...flags, 'hold-on': 'disk' })).toMatchObject({
      error: expect.stringMatching(/--hold-on must be/),
    });
    expect(parseHold(undefined, { ...flags, 'hold-on': 'staging' })).toMatchObject({
      error: '--hold-on needs --hold',
    });
  });
});

describe('containers', () => {
  it('defines PostgreSQL, RabbitMQ and Redis from pinned images without starting them', async () => {
    const definitions = await containerDefinitions();
    expect(Object.keys(definitions)).toEqual(['postgres', 'rabbitmq', 'redis']);
    expect(CONTAINER_IMAGES).toEqual({
      postgres: 'postgres:17-alpine',
      rabbitmq: 'rabbitmq:4-alpine',
      redis: 'redis:7-alpine',
    });
  });
  it('says in one line what is missing when no container engine answers', async () => {
    const engine = await containerEngine();
    // These machines have no Docker engine; where one answers, the check passes instead.
    if (!engine.ok) expect(engine.error).toBe(NO_CONTAINER_ENGINE);
    expect(NO_CONTAINER_ENGINE).not.toContain('\n');
    expect(NO_CONTAINER_ENGINE).toMatch(/--infra services/);
  });
});

describe('the write-behind queue', () => {
  it('keeps order, reports the first failure once and skips every later write', async () => {
    const lost: string[] = [];
    const done: number[] = [];
    const writes = createWriteBehind((label, error) => lost.push(`${label}: ${error}`));
    writes.push('one', async () => done.push(1));
    writes.push('two', async () => {
      throw new Error('server went away');
    });
    writes.push('three', async () => done.push(3));
    await writes.settle();
    expect(done).toEqual([1]);
    expect(lost).toEqual(['two: server went away']);
    expect(writes.lost).toEqual({ label: 'two', error: 'server went away' });
  });
});

describe('cleanup', () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });
  const created = (namespace: string) =>
    JSON.stringify({
      kind: 'infra.created',
      seq: 2,
      at: 0,
      provider: 'services',
      namespace,
      urls: { postgres: 'p', amqp: 'a', redis: 'r' },
      resources: [{ system: 'postgres', kind: 'schema', name: namespace }],
    });
  it('finds namespaces created and never removed, in a drill folder, past a line cut short by a kill', async () => {
    folder = await mkdtemp(join(tmpdir(), 'phi-drill-cleanup-'));
    await mkdir(join(folder, 'killed'));
    await mkdir(join(folder, 'finished'));
    await writeFile(join(folder, 'killed', 'ledger.jsonl'), `${created('phi_drill_a')}\n{"kind":"inject.app`);
    await writeFile(
      join(folder, 'finished', 'ledger.jsonl'),
      `${created('phi_drill_b')}\n${JSON.stringify({ kind: 'infra.removed', namespace: 'phi_drill_b', failures: [] })}\n`,
    );
    expect(findLeftovers(folder).map((leftover) => leftover.created.namespace)).toEqual(['phi_drill_a']);
  });
  it('keeps a namespace whose removal failed', async () => {
    folder = await mkdtemp(join(tmpdir(), 'phi-drill-cleanup-'));
    await writeFile(
      join(folder, 'ledger.jsonl'),
      `${created('phi_drill_c')}\n${JSON.stringify({ kind: 'infra.removed', namespace: 'phi_drill_c', failures: ['PostgreSQL: gone'] })}\n`,
    );
    expect(findLeftovers(folder)).toHaveLength(1);
  });
});
