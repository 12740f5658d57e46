import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';
import { run, tempFolder } from './run-io.ts';

const SCENARIOS = ['scenarios/sync-failure.yaml', 'scenarios/portal-session-reuse.yaml'];
const SMALL = ['--patients', '100', '--json'];

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder('infra-telemetry');
});
afterAll(() => folder.remove());

async function telemetryOf(drill: string, id: string): Promise<TelemetryEvent[]> {
  const text = await readFile(join(drill, id, 'telemetry.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TelemetryEvent);
}

const SYSTEM_LOGGERS = new Set(['postgresql', 'rabbitmq', 'redis']);
const fromSystems = (events: TelemetryEvent[]) =>
  events.filter((event) => SYSTEM_LOGGERS.has(String(event.detail?.logger)));

const linesOf = (events: TelemetryEvent[], logger: string) =>
  events.filter((event) => event.detail?.logger === logger).map((event) => String(event.detail?.line));

describe('the real systems’ own logs of a run', () => {
  it('are in the run’s telemetry on services, in each system’s shape, and absent on memory', async () => {
    const services = await run([...SCENARIOS, ...SMALL, '--infra', 'services'], folder.path);
    expect(services.stderr).toBe('');
    const drill = (JSON.parse(services.stdout) as { folder: string }).folder;

    const sync = await telemetryOf(drill, 'sync-failure');
    const postgres = linesOf(sync, 'postgresql');
    expect(postgres).toContainEqual(
      expect.stringMatching(
        /^AUDIT: SESSION,\d+,1,WRITE,INSERT,TABLE,phi_drill_\w+\.sync_staging,"INSERT INTO/,
      ),
    );
    expect(postgres).toContainEqual(
      expect.stringMatching(
        /^AUDIT: SESSION,\d+,1,READ,SELECT,TABLE,phi_drill_\w+\.sync_staging,"SELECT .*",<not logged>$/,
      ),
    );
    // pgAudit numbers statements in order within the session.
    const numbers = postgres.map((line) => Number(line.split(',')[1]));
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    const rabbit = sync.filter((event) => event.detail?.logger === 'rabbitmq');
    expect(rabbit.map((event) => event.action)).toEqual(
      expect.arrayContaining([
        'rabbitmq.queue.created',
        'rabbitmq.message.dead-lettered',
        'rabbitmq.queue.deleted',
      ]),
    );
    expect(rabbit.find((event) => event.action === 'rabbitmq.message.dead-lettered')?.detail).toMatchObject({
      'x-death.reason': 'rejected',
    });
    // Every one of them goes through the delivery model's logs group, and none carries PHI.
    for (const event of fromSystems(sync)) {
      expect(event.system).toBe('logs');
      expect(event.patientIds).toEqual([]);
      expect(event.id).toMatch(/^evt-\d{6}\.\d+$/);
    }

    const portal = await telemetryOf(drill, 'portal-session-reuse');
    const redis = linesOf(portal, 'redis');
    expect(redis).toContainEqual(
      expect.stringMatching(/^__keyspace@0__:phi-drill-\S+:portal:session:\S+ hset$/),
    );
    expect(redis).toContainEqual(expect.stringMatching(/ del$/));

    const memory = await run([...SCENARIOS, ...SMALL], folder.path);
    const memoryDrill = (JSON.parse(memory.stdout) as { folder: string }).folder;
    for (const id of ['sync-failure', 'portal-session-reuse']) {
      const events = await telemetryOf(memoryDrill, id);
      expect(
        events.filter(
          (event) => event.detail?.logger && /postgresql|rabbitmq|redis/.test(String(event.detail.logger)),
        ),
      ).toEqual([]);
    }
  });
});
