import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { catalogScenario, registry } from './drill-harness.ts';

const DAY = 86_400_000;
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(dirname(folder), { recursive: true, force: true })));
});

async function drillAs(id: string, change: (scenario: Scenario) => Scenario = (s) => s) {
  const { scenario, file, text } = await catalogScenario(id);
  const folder = join(await mkdtemp(join(tmpdir(), `phi-drill-${id}-`)), 'run');
  folders.push(folder);
  const result = await runScenario({
    scenario: change(scenario),
    scenarioFile: file,
    scenarioText: text,
    registry,
    folder,
  });
  return { ...result, markdown: await readFile(join(folder, 'report.md'), 'utf8') };
}

const withMonitoring = (patch: Partial<Scenario['monitoring']>) => (scenario: Scenario) => ({
  ...scenario,
  monitoring: { ...scenario.monitoring, ...patch },
});

describe('a log-retention gap: the investigation looks after the event logs aged out', () => {
  it('with 30-day retention the log is met and the breach report has no scope gap', async () => {
    const { report, markdown } = await drillAs('log-retention-gap');
    expect(report.verdicts.find((v) => v.expectationId === 'audit-api-pull')?.status).toBe('met');
    expect(report.breach.scopeGaps).toEqual([]);
    expect(markdown).not.toContain('could not be established from logs');
  });

  it('with 1-day retention (no Event Monitoring add-on) the log is missed and the report says the scope is unknown', async () => {
    const { report, markdown } = await drillAs(
      'log-retention-gap',
      withMonitoring({ crmLogRetentionMs: DAY }),
    );
    const log = report.verdicts.find((v) => v.expectationId === 'audit-api-pull')!;
    expect(log.status).toBe('missed');
    expect(log.reason).toMatch(
      /3 of 3 records were past their retention when the investigation looked at \+3d/,
    );
    expect(report.breach.scopeGaps).toMatchObject([
      { injectId: 'overscoped-pull', expectationId: 'audit-api-pull' },
    ]);
    expect(markdown).toContain('- Scope: **could not be established from logs** (`audit-api-pull`');
    // The rest of the drill is unaffected: only the investigation came too late.
    expect(report.verdicts.find((v) => v.expectationId === 'detect-broad-grant')?.status).toBe('met');
  });
});

describe('delayed-alert discovery: the breach clock counts from when the reads were knowable', () => {
  it('under daily event logs the report shows both dates citing 164.404(a)(2)', async () => {
    const { report, markdown } = await drillAs('delayed-alert-discovery');
    const [found] = report.breach.discovery;
    expect(found!.firstSignalAt - found!.knowableAt).toBeGreaterThan(DAY);
    expect(markdown).toMatch(
      /- Discovery \(45 CFR 164\.404\(a\)\(2\)\): should have known \S+, when the telemetry was generated \(reasonable diligence\); first signal landed \S+\. Deadlines count from the earlier date\./,
    );
    const task = report.verdicts.find((v) => v.expectationId === 'open-notification-task')!;
    expect(task.status).toBe('met');
    expect(task.reason).toContain('should have known');
    // Every legal deadline counts from the knowable date, not the alert.
    const individual = report.verdicts.find((v) => v.expectationId === 'notices:individual')!;
    expect(Date.parse(individual.deadline!) - found!.knowableAt).toBeLessThan(61 * DAY);
    expect(Date.parse(individual.deadline!) - found!.firstSignalAt).toBeLessThan(60 * DAY);
  });

  it('under real-time monitoring the two dates fall within a minute and the report gives one', async () => {
    const { report, markdown } = await drillAs('delayed-alert-discovery', withMonitoring({ crm: 'rtem' }));
    const [found] = report.breach.discovery;
    expect(found!.firstSignalAt - found!.knowableAt).toBeLessThan(60_000);
    expect(markdown).not.toContain('should have known');
    expect(markdown).toContain('- Discovery (45 CFR 164.404(a)(2)):');
  });
});
