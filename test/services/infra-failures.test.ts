import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCommand } from '../../src/cli/cleanup-command.ts';
import { ledgerOf, run, tempFolder } from './run-io.ts';
import { expectNothingLeft, SERVICE_ENV_VARS, SERVICE_URLS, testNamespace } from './service-env.ts';

const SCENARIO = ['scenarios/sync-failure.yaml', '--patients', '100'];

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder('infra-failures');
});
afterAll(() => folder.remove());

/** The ledger of the first run folder under `out`, once it exists. */
function ledgerPath(out: string): string | undefined {
  if (!existsSync(out)) return undefined;
  for (const drill of readdirSync(out)) {
    const path = join(out, drill, 'sync-failure', 'ledger.jsonl');
    if (existsSync(path)) return path;
  }
  return undefined;
}

async function waitForEntry(out: string, kind: string): Promise<string> {
  for (let tries = 0; tries < 1200; tries++) {
    const path = ledgerPath(out);
    if (path && readFileSync(path, 'utf8').includes(`"kind":"${kind}"`)) return path;
    await sleep(50);
  }
  throw new Error(`no ${kind} entry under ${out}`);
}

async function cleanup(target: string) {
  let stdout = '';
  let stderr = '';
  const code = await cleanupCommand([target], {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { ...process.env, ...SERVICE_ENV_VARS },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

describe('--infra services refuses to start on a bad connection, with one clear line and exit 2', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['a missing URL', { PHI_DRILL_REDIS_URL: '' }, /^--infra services needs PHI_DRILL_REDIS_URL/],
    [
      'a URL of the wrong scheme',
      { PHI_DRILL_POSTGRES_URL: 'mysql://root@127.0.0.1/x' },
      /must start with postgres:\/\//,
    ],
    ['an unparseable URL', { PHI_DRILL_AMQP_URL: 'not a url' }, /PHI_DRILL_AMQP_URL is not a URL/],
    [
      'a host that is not loopback',
      { PHI_DRILL_POSTGRES_URL: 'postgres://postgres@db.example.com:5432/postgres' },
      /points at db\.example\.com, which is not loopback; list it in PHI_DRILL_INFRA_ALLOW_HOSTS/,
    ],
    [
      'an unreachable server',
      { PHI_DRILL_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/postgres' },
      /^PostgreSQL \(PHI_DRILL_POSTGRES_URL=postgres:\/\/postgres@127\.0\.0\.1:1\/postgres\) is unreachable: connection refused/,
    ],
    [
      'a PostgreSQL role that does not exist',
      { PHI_DRILL_POSTGRES_URL: 'postgres://no_such_phi_drill_role@127.0.0.1:5432/postgres' },
      /^PostgreSQL .* refused the credentials/,
    ],
    [
      'a wrong RabbitMQ password (not echoed)',
      { PHI_DRILL_AMQP_URL: 'amqp://guest:wrong-secret@127.0.0.1:5672' },
      /^RabbitMQ \(PHI_DRILL_AMQP_URL=amqp:\/\/guest:\*\*\*@127\.0\.0\.1:5672\) refused the credentials/,
    ],
    [
      // A default user without a password accepts any AUTH, so a user that does not exist is the refusal.
      'a Redis user that does not exist',
      { PHI_DRILL_REDIS_URL: 'redis://no-such-user:wrong@127.0.0.1:6379' },
      /^Redis \(PHI_DRILL_REDIS_URL=redis:\/\/no-such-user:\*\*\*@127\.0\.0\.1:6379\) refused the credentials/,
    ],
  ];
  for (const [label, env, message] of cases) {
    it(label, async () => {
      const out = join(folder.path, `bad-${label.replaceAll(' ', '-')}`);
      const result = await run([...SCENARIO, '--infra', 'services'], out, env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/nothing was run$/m);
      expect(result.stderr).not.toContain('wrong-secret');
      expect(existsSync(out)).toBe(false);
    });
  }

  it('an unknown provider is a usage error', async () => {
    const result = await run([...SCENARIO, '--infra', 'cloud'], join(folder.path, 'bad-kind'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--infra must be memory, services or containers, got "cloud"/);
  });
});

describe('namespaces', () => {
  it('refuses to write into a schema that holds tables phi-drill did not create, unless told', async () => {
    const namespace = testNamespace('cli_foreign');
    const client = new pg.Client(SERVICE_URLS.postgres);
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${namespace}"`);
      await client.query(`CREATE TABLE "${namespace}".claims (id int)`);
      const out = join(folder.path, 'foreign');
      const refused = await run([...SCENARIO, '--infra', 'services', '--infra-namespace', namespace], out);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/schema .* already holds 1 object\(s\) phi-drill did not create/);
      expect(existsSync(out)).toBe(false);
      const tables = await client.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [namespace],
      );
      expect(tables.rows).toEqual([{ table_name: 'claims' }]);
    } finally {
      await client.query(`DROP SCHEMA "${namespace}" CASCADE`);
      await client.end();
      await expectNothingLeft(namespace, { skipPostgres: true });
    }
  });
});

describe('nothing left behind', () => {
  it('a run killed mid-inject leaves a ledger naming what it created, and cleanup removes all of it', async () => {
    const out = join(folder.path, 'killed');
    const child = spawn(
      process.execPath,
      ['bin/phi-drill.mjs', 'run', ...SCENARIO, '--infra', 'services', '--out', out],
      {
        env: { ...process.env, ...SERVICE_ENV_VARS, NO_COLOR: '1' },
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const ledger = await waitForEntry(out, 'inject.applied');
      child.kill('SIGKILL');
      await exited;
      const entries = await ledgerOf(join(ledger, '..'));
      expect(entries.some((entry) => entry.kind === 'infra.removed')).toBe(false);
      const created = entries.find((entry) => entry.kind === 'infra.created')!;
      const namespace = String(created.namespace);
      const client = new pg.Client(SERVICE_URLS.postgres);
      await client.connect();
      const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [namespace]);
      await client.end();
      expect(schema.rowCount).toBe(1);

      const drill = join(ledger, '..', '..');
      const cleaned = await cleanup(drill);
      expect(cleaned.stderr).toBe('');
      expect(cleaned.code).toBe(0);
      expect(cleaned.stdout).toContain(`removed ${namespace} (6 resources)`);
      await expectNothingLeft(namespace);
      expect((await cleanup(drill)).stdout).toMatch(/^nothing to clean up/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a server lost mid-run is recorded, the run still ends with verdicts, and cleanup removes what is left', async () => {
    const proxy = await tcpProxy(5432);
    const out = join(folder.path, 'lost');
    const url = `postgres://postgres@127.0.0.1:${proxy.port}/postgres`;
    const running = run([...SCENARIO, '--infra', 'services'], out, { PHI_DRILL_POSTGRES_URL: url });
    try {
      await waitForEntry(out, 'inject.applied');
      proxy.cut();
      const result = await running;
      expect([0, 1]).toContain(result.code);
      const ledger = ledgerPath(out)!;
      const entries = await ledgerOf(join(ledger, '..'));
      expect(entries.find((entry) => entry.kind === 'infra.lost')).toMatchObject({
        operation: expect.stringMatching(/^postgres/),
      });
      expect(entries.find((entry) => entry.kind === 'infra.removed')).toMatchObject({
        failures: [expect.stringMatching(/^PostgreSQL/)],
      });
      expect(entries.filter((entry) => entry.kind === 'verdict').length).toBeGreaterThan(0);
      expect(entries.at(-1)).toMatchObject({ kind: 'run.finished' });
      const namespace = String(entries.find((entry) => entry.kind === 'infra.created')!.namespace);
      const cleaned = await cleanup(join(ledger, '..'));
      expect(cleaned.stdout).toContain(`removed ${namespace}`);
      await expectNothingLeft(namespace);
    } finally {
      proxy.cut();
      await running.catch(() => {});
    }
  });
});

/** A loopback TCP relay to a real server that the test can cut, as a network failure would. */
async function tcpProxy(targetPort: number): Promise<{ port: number; cut(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cut() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}
