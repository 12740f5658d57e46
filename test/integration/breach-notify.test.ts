import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/run-scenario.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { catalogScenario, registry } from './drill-harness.ts';

async function run(scenario: Scenario, disabledControls: string[] = []) {
  const folder = join(await mkdtemp(join(tmpdir(), 'phi-drill-breach-')), 'run');
  const result = await runScenario({
    scenario,
    scenarioFile: `${scenario.id}.yaml`,
    scenarioText: '',
    registry,
    folder,
    disabledControls,
  });
  return result.report.verdicts.filter((v) => v.type === 'notify');
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

  it('needs no notice for secured PHI, but does once the key is compromised', async () => {
    const { scenario } = await catalogScenario('dead-letters-on-encrypted-volume');
    const secured = await run(scenario, ['breach-notification-workflow']);
    expect(secured).toHaveLength(1);
    expect(secured[0]).toMatchObject({ status: 'met' });
    expect(secured[0]!.reason).toMatch(/no .* notice is due: secured-phi/);
    const exposed = withBreach(scenario, { keyCompromised: true });
    const withheld = await run(exposed, ['breach-notification-workflow']);
    expect(withheld.find((v) => v.expectationId === 'no-notice-due:individual')?.status).toBe('missed');
    const sent = await run(exposed);
    expect(sent.find((v) => v.expectationId === 'no-notice-due:individual')?.status).toBe('met');
  });
});
