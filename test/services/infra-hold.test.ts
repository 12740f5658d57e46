import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import amqp from 'amqplib';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/controls/intakes/signature.ts';
import { findPhi } from '../../src/synth/find-phi.ts';
import { run, tempFolder, verdictsOf } from './run-io.ts';
import { expectNothingLeft, SERVICE_URLS } from './service-env.ts';

const SECRET = 'hold-test-secret-0123456789abcdef';

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder('infra-hold');
});
afterAll(() => folder.remove());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The run's ledger lines once one of them has this kind. */
async function ledgerWith(
  out: string,
  kind: string,
  scenario = 'sync-failure',
): Promise<Array<Record<string, unknown>>> {
  for (let tries = 0; tries < 2400; tries++) {
    const drills = existsSync(out) ? readdirSync(out, { withFileTypes: true }) : [];
    for (const drill of drills.filter((entry) => entry.isDirectory())) {
      const path = join(out, drill.name, scenario, 'ledger.jsonl');
      const text = (() => {
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return '';
        }
      })();
      if (text.includes(`"kind":"${kind}"`))
        return text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>);
    }
    await sleep(50);
  }
  throw new Error(`no ${kind} under ${out}`);
}

/** What the user's own queue monitor does: a plain AMQP client reading the DLQ, leaving it as it was. */
async function readDeadLetters(queue: string): Promise<string[]> {
  const connection = await amqp.connect(SERVICE_URLS.amqp);
  try {
    const channel = await connection.createChannel();
    const bodies: string[] = [];
    for (let message = await channel.get(queue); message; message = await channel.get(queue))
      bodies.push(message.content.toString('utf8'));
    channel.nackAll(true);
    await channel.close();
    return bodies;
  } finally {
    await connection.close();
  }
}

/** What the user's own session-store scanner does: a plain Redis client reading every session hash. */
async function readSessions(keyPrefix: string): Promise<Array<Record<string, string>>> {
  const client = createClient({ url: SERVICE_URLS.redis });
  await client.connect();
  try {
    const keys = await client.keys(`${keyPrefix}portal:session:*`);
    return await Promise.all(keys.map((key) => client.hGetAll(key)));
  } finally {
    client.destroy();
  }
}

describe('--hold: a leak left on the real servers for the user’s own scanner', () => {
  it('holds PHI in the dead-letter queue until the user’s DLP alerts through the webhook, and detect is met', async () => {
    const port = await freePort();
    const target = join(folder.path, 'target.yaml');
    await writeFile(
      target,
      `id: own-dlp
disableControls: [sync-residue-scanner, staging-table-scanner, dead-letter-inspector]
expectations:
  detect-residue: { match: { control: dlp-alerts } }
intakes:
  - id: dlp-alerts
    type: webhook
    port: ${port}
    secretEnv: HOLD_TEST_SECRET
    mapping: { rule: /policy, severity: /severity, summary: /message }
`,
    );
    const out = join(folder.path, 'out');
    const running = run(
      [
        'scenarios/sync-failure.yaml',
        '--patients',
        '100',
        '--json',
        '--infra',
        'services',
        '--target',
        target,
        '--hold',
        '2m',
        '--hold-on',
        'dead-letters',
      ],
      out,
      { HOLD_TEST_SECRET: SECRET },
    );
    try {
      const entries = await ledgerWith(out, 'infra.hold');
      expect(entries.find((entry) => entry.kind === 'infra.hold')).toMatchObject({ phase: 'started' });
      const created = entries.find((entry) => entry.kind === 'infra.created') as {
        namespace: string;
        resources: Array<{ kind: string; name: string }>;
      };
      const dlq = created.resources.find(
        (resource) => resource.kind === 'queue' && resource.name.endsWith('.dlq'),
      )!.name;

      const letters = await readDeadLetters(dlq);
      expect(letters.length).toBeGreaterThan(0);
      expect(findPhi(letters[0]!).length).toBeGreaterThan(0);
      // Read, not consumed: the leak is still there for the next reader.
      expect(await readDeadLetters(dlq)).toHaveLength(letters.length);

      const alert = JSON.stringify({
        policy: 'dlq-phi',
        severity: 'high',
        message: `${letters.length} messages with SSNs in ${dlq}`,
      });
      const response = await fetch(`http://127.0.0.1:${port}/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-PhiDrill-Signature': signBody(SECRET, alert) },
        body: alert,
      });
      expect(response.status).toBeLessThan(300);

      const result = await running;
      expect(verdictsOf(result.stdout)['sync-failure/detect-residue']).toMatch(/^met/);
      const final = await ledgerWith(out, 'run.finished');
      expect(final.filter((entry) => entry.kind === 'infra.hold').at(-1)).toMatchObject({
        phase: 'ended',
        reason: 'alert',
      });
      expect(
        final.find(
          (entry) =>
            entry.kind === 'signal' && (entry.signal as { control: string }).control === 'dlp-alerts',
        ),
      ).toBeDefined();
      await expectNothingLeft(created.namespace);
    } finally {
      await running.catch(() => {});
    }
  });

  it('without an alert the hold ends when its time runs out and detect is missed', async () => {
    const port = await freePort();
    const target = join(folder.path, 'quiet.yaml');
    await writeFile(
      target,
      `id: quiet-dlp
disableControls: [sync-residue-scanner, staging-table-scanner, dead-letter-inspector]
expectations:
  detect-residue: { match: { control: dlp-alerts } }
intakes:
  - { id: dlp-alerts, type: webhook, port: ${port}, secretEnv: HOLD_TEST_SECRET }
`,
    );
    const out = join(folder.path, 'quiet');
    const result = await run(
      [
        'scenarios/sync-failure.yaml',
        '--patients',
        '100',
        '--json',
        '--infra',
        'services',
        '--target',
        target,
        '--hold',
        '3s',
      ],
      out,
      { HOLD_TEST_SECRET: SECRET },
    );
    expect(result.code).toBe(1);
    expect(verdictsOf(result.stdout)['sync-failure/detect-residue']).toMatch(/^missed/);
    const final = await ledgerWith(out, 'run.finished');
    expect(final.filter((entry) => entry.kind === 'infra.hold').at(-1)).toMatchObject({
      phase: 'ended',
      reason: 'time',
    });
  });

  it('--hold-on sessions holds a portal session left live in Redis after logout until the user’s scanner alerts', async () => {
    const port = await freePort();
    const target = join(folder.path, 'sessions.yaml');
    await writeFile(
      target,
      `id: own-session-scanner
disableControls: [portal-session-guard, session-store-auditor]
expectations:
  detect-reuse: { match: { control: session-alerts } }
intakes:
  - id: session-alerts
    type: webhook
    port: ${port}
    secretEnv: HOLD_TEST_SECRET
    mapping: { rule: /policy, severity: /severity, summary: /message }
`,
    );
    const out = join(folder.path, 'sessions');
    const running = run(
      [
        'scenarios/portal-session-reuse.yaml',
        '--patients',
        '100',
        '--json',
        '--infra',
        'services',
        '--target',
        target,
        '--hold',
        '2m',
        '--hold-on',
        'sessions',
      ],
      out,
      { HOLD_TEST_SECRET: SECRET },
    );
    try {
      const entries = await ledgerWith(out, 'infra.hold', 'portal-session-reuse');
      expect(entries.find((entry) => entry.kind === 'infra.hold')).toMatchObject({
        phase: 'started',
        liveSessions: 1,
      });
      const created = entries.find((entry) => entry.kind === 'infra.created') as {
        namespace: string;
        resources: Array<{ kind: string; name: string }>;
      };
      const prefix = created.resources.find((resource) => resource.kind === 'key-prefix')!.name;
      const live = (await readSessions(prefix)).filter(
        (session) => session.loggedOutAt !== undefined && session.endedAt === undefined,
      );
      expect(live).toHaveLength(1);

      const alert = JSON.stringify({
        policy: 'session-live-after-logout',
        severity: 'high',
        message: `session ${live[0]!.id} still live after logout`,
      });
      const response = await fetch(`http://127.0.0.1:${port}/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-PhiDrill-Signature': signBody(SECRET, alert) },
        body: alert,
      });
      expect(response.status).toBeLessThan(300);

      const result = await running;
      expect(verdictsOf(result.stdout)['portal-session-reuse/detect-reuse']).toMatch(/^met/);
      const final = await ledgerWith(out, 'run.finished', 'portal-session-reuse');
      expect(final.filter((entry) => entry.kind === 'infra.hold').at(-1)).toMatchObject({
        phase: 'ended',
        reason: 'alert',
      });
      await expectNothingLeft(created.namespace);
    } finally {
      await running.catch(() => {});
    }
  });

  it('--hold without --infra or --target is a usage error', async () => {
    const noInfra = await run(['scenarios/sync-failure.yaml', '--hold', '5m'], join(folder.path, 'x'));
    expect(noInfra.code).toBe(2);
    expect(noInfra.stderr).toMatch(/--hold needs --infra services or containers/);
    const noTarget = await run(
      ['scenarios/sync-failure.yaml', '--infra', 'services', '--hold', '5m'],
      join(folder.path, 'y'),
    );
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/--hold needs --target/);
  });
});
