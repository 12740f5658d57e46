import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerOf, run, scenarioVariant, tempFolder, verdictsOf } from './run-io.ts';
import { expectNothingLeft } from './service-env.ts';

/** Every catalog scenario whose injects touch the staging table, the queues or portal sessions. */
const AFFECTED = [
  'scenarios/sync-failure.yaml',
  'scenarios/queue-remnants.yaml',
  'scenarios/dead-letters-on-encrypted-volume.yaml',
  'scenarios/portal-session-reuse.yaml',
];

/** A smaller population keeps the tier quick; both providers drill the same one. */
const SMALL = ['--patients', '100'];

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder('infra-verdicts');
});
afterAll(() => folder.remove());

describe('--infra services on the machine’s PostgreSQL, RabbitMQ and Redis', () => {
  it('judges the affected catalog scenarios exactly as the in-memory default does, and leaves nothing behind', async () => {
    const memory = await run([...AFFECTED, ...SMALL, '--json'], folder.path);
    const services = await run([...AFFECTED, ...SMALL, '--json', '--infra', 'services'], folder.path);
    expect(services.stderr).toBe('');
    expect(services.code).toBe(memory.code);
    expect(verdictsOf(services.stdout)).toEqual(verdictsOf(memory.stdout));
    const drill = (JSON.parse(services.stdout) as { folder: string }).folder;
    for (const id of ['sync-failure', 'portal-session-reuse']) {
      const entries = await ledgerOf(`${drill}/${id}`);
      const created = entries.find((entry) => entry.kind === 'infra.created')!;
      expect(created).toMatchObject({ provider: 'services' });
      expect(entries.find((entry) => entry.kind === 'infra.removed')).toMatchObject({ failures: [] });
      await expectNothingLeft(String(created.namespace));
    }
  });

  // Each reference control that reads a real server, once on (met) and once off (missed), with the
  // built-in control that would otherwise contain the leak first switched off.
  const REFERENCE: Array<{ control: string; scenario: string; from: string; builtIn: string }> = [
    {
      control: 'staging-table-scanner',
      scenario: 'sync-failure',
      from: 'match: { control: sync-residue-scanner }',
      builtIn: 'sync-residue-scanner',
    },
    {
      control: 'dead-letter-inspector',
      scenario: 'sync-failure',
      from: 'match: { control: sync-residue-scanner }',
      builtIn: 'sync-residue-scanner',
    },
    {
      control: 'session-store-auditor',
      scenario: 'portal-session-reuse',
      from: 'match: { control: portal-session-guard, rule: reuse-after-logout }',
      builtIn: 'portal-session-guard',
    },
  ];
  for (const { control, scenario, from, builtIn } of REFERENCE) {
    it(`${control} finds the leak on the real server, and the detect expectation is missed with it off`, async () => {
      const path = await scenarioVariant(folder.path, `${scenario}`, [
        [from, `match: { control: ${control} }`],
      ]);
      const detect = scenario === 'sync-failure' ? `${scenario}/detect-residue` : `${scenario}/detect-reuse`;
      const on = await run(
        [path, ...SMALL, '--json', '--infra', 'services', '--disable-control', builtIn],
        folder.path,
      );
      expect(verdictsOf(on.stdout)[detect]).toMatch(/^met/);
      const off = await run(
        [
          path,
          ...SMALL,
          '--json',
          '--infra',
          'services',
          '--disable-control',
          builtIn,
          '--disable-control',
          control,
        ],
        folder.path,
      );
      expect(verdictsOf(off.stdout)[detect]).toMatch(/^missed/);
      expect(off.code).toBe(1);
    });
  }

  it('on the in-memory default the readers of real servers stay idle', async () => {
    const path = await scenarioVariant(folder.path, 'sync-failure', [
      ['match: { control: sync-residue-scanner }', 'match: { control: dead-letter-inspector }'],
    ]);
    const memory = await run(
      [path, ...SMALL, '--json', '--disable-control', 'sync-residue-scanner'],
      folder.path,
    );
    expect(verdictsOf(memory.stdout)['sync-failure/detect-residue']).toMatch(/^missed/);
  });
});
