import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { catalogScenario, registry } from './drill-harness.ts';

async function drillInto(scenario: Scenario, disabledControls: string[] = []) {
  const folder = join(await mkdtemp(join(tmpdir(), 'phi-drill-breach-')), 'run');
  return runScenario({
    scenario,
    scenarioFile: `${scenario.id}.yaml`,
    scenarioText: '',
    registry,
    folder,
    disabledControls,
  });
}

function notifyVerdicts(result: Awaited<ReturnType<typeof drillInto>>) {
  return result.report.verdicts.filter((v) => v.type === 'notify');
}

async function run(scenario: Scenario, disabledControls: string[] = []) {
  return notifyVerdicts(await drillInto(scenario, disabledControls));
}

const withBreach = (scenario: Scenario, change: Partial<NonNullable<Scenario['breach']>>): Scenario => ({
  ...scenario,
  breach: { ...scenario.breach!, ...change },
});

describe('notification obligations on the virtual clock', () => {
  it('turns notices sent 75 days after discovery into late verdicts, with the days late', async () => {
    const { scenario } = await catalogScenario('export-crosses-500-in-one-state');
    const verdicts = await run(withBreach(scenario, { noticesAfter: '75d' }));
    const individual = verdicts.find((v) => v.expectationId === 'notices:individual')!;
    expect(individual.status).toBe('late');
    expect(individual.reason).toMatch(/individual notice sent 15 day\(s\) after its deadline/);
    expect(verdicts.find((v) => v.expectationId === 'notices:state-individual:CA')?.status).toBe('late');
    expect(verdicts.every((v) => v.status === 'late')).toBe(true);
  });

  it('owes media notice only in the state with more than 500 residents affected', async () => {
    const { scenario } = await catalogScenario('export-crosses-500-in-one-state');
    const ids = (await run(scenario)).map((v) => v.expectationId);
    expect(ids.filter((id) => id.startsWith('notices:media:'))).toEqual(['notices:media:CA']);
    expect(ids).toContain('notices:secretary');
  });

  it('needs no notice for secured PHI, but does once the key is compromised, and says why in the ledger and report.md', async () => {
    const { scenario } = await catalogScenario('dead-letters-on-encrypted-volume');
    const secured = await drillInto(scenario, ['breach-notification-workflow']);
    const securedNotify = notifyVerdicts(secured);
    expect(securedNotify).toHaveLength(1);
    expect(securedNotify[0]).toMatchObject({ status: 'met' });
    expect(securedNotify[0]!.reason).toMatch(/no .* notice is due: secured-phi/);
    const [assessment] = secured.report.breach.assessments;
    const exposed = secured.report.breach.exposures.find((e) => e.injectId === assessment?.injectId);
    expect(assessment).toMatchObject({ outcome: 'secured-phi', notifiable: false });
    expect(assessment!.phiTypes).toEqual(scenario.breach!.phiTypes);
    expect(assessment!.individuals).toBe(exposed!.individuals);
    expect(assessment!.factors.map((factor) => factor.factor)).toEqual([
      'nature-and-extent',
      'recipient',
      'acquired-or-viewed',
      'mitigation',
    ]);
    expect(await readFile(join(secured.folder, 'ledger.jsonl'), 'utf8')).toContain(
      '"kind":"breach.assessed"',
    );
    expect(await readFile(join(secured.folder, 'report.md'), 'utf8')).toMatch(
      /## Breach assessment[\s\S]*- Conclusion: not notifiable, safe harbor/,
    );

    const exposedScenario = withBreach(scenario, { keyCompromised: true });
    const withheld = await drillInto(exposedScenario, ['breach-notification-workflow']);
    expect(notifyVerdicts(withheld).find((v) => v.expectationId === 'no-notice-due:individual')?.status).toBe(
      'missed',
    );
    expect(withheld.report.breach.assessments[0]).toMatchObject({
      outcome: 'presumed-breach',
      notifiable: true,
    });
    expect(await readFile(join(withheld.folder, 'report.md'), 'utf8')).toMatch(
      /- Conclusion: \*\*notifiable\*\*/,
    );
    const sent = await run(exposedScenario);
    expect(sent.find((v) => v.expectationId === 'no-notice-due:individual')?.status).toBe('met');
  });

  it('assesses nothing, and says so, when the scenario gives no breach facts', async () => {
    const { scenario } = await catalogScenario('dead-letters-on-encrypted-volume');
    const { report, folder } = await drillInto({ ...scenario, breach: undefined });
    expect(report.breach.assessments).toEqual([]);
    expect(report.breach.exposures.length).toBeGreaterThan(0);
    expect(await readFile(join(folder, 'report.md'), 'utf8')).toContain(
      'not assessed: the scenario gives no breach facts',
    );
  });
});
