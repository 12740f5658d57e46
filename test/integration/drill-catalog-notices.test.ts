import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogScenario, drill } from './drill-harness.ts';

/**
 * The notice side of every catalog scenario, in a file of its own so the catalog's two sweeps run
 * side by side: notices sent 75 days after discovery make every owed obligation late.
 */
const SCENARIOS = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

describe.each(SCENARIOS)('notification in scenario %s', (id) => {
  it('turns every notice obligation late when the notices go out 75 days after discovery', async () => {
    const { scenario } = await catalogScenario(id);
    const owed = scenario.expectations.filter((e) => e.type === 'notify' && e.obligations);
    if (!scenario.breach || owed.length === 0) return;
    const delayed = await drill(id, {
      scenario: { ...scenario, breach: { ...scenario.breach, noticesAfter: '75d' } },
    });
    const verdicts = delayed.report.verdicts.filter((v) =>
      owed.some((e) => v.expectationId.startsWith(`${e.id}:`)),
    );
    if (verdicts.length === 0) return; // nothing owed at all: the safe harbor, tested in breach-notify.test.ts
    for (const verdict of verdicts)
      expect(verdict.status, `${verdict.expectationId}: ${verdict.reason}`).toBe('late');
  });
});
