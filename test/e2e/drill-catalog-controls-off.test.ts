import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogScenario, controlsBehind, drill } from '../integration/drill-harness.ts';

const SCENARIOS = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

/**
 * Every check can fail: each catalog expectation, drilled again with the controls behind it switched
 * off, must turn to missed. One drill per expectation, so this lives in the end-to-end tier.
 */
describe.each(SCENARIOS)('scenario %s', (id) => {
  it('turns each expectation to missed when the control behind it is switched off', async () => {
    const { scenario } = await catalogScenario(id);
    const on = await drill(id);
    // A "no notice is due" verdict (safe harbor) has no control behind it; its failing case is the
    // key-compromised variant in breach-notify.test.ts.
    const nothingDue = (expectationId: string) =>
      on.report.verdicts.some(
        (v) => v.expectationId === expectationId && /^no .* notice is due/.test(v.reason),
      );
    for (const expectation of scenario.expectations.filter((e) => e.type !== 'manual' && !nothingDue(e.id))) {
      const controls = controlsBehind(scenario, expectation);
      const off = await drill(id, { disabledControls: controls });
      const verdicts = off.report.verdicts.filter(
        (v) => v.expectationId === expectation.id || v.expectationId.startsWith(`${expectation.id}:`),
      );
      expect(verdicts.length, expectation.id).toBeGreaterThan(0);
      for (const verdict of verdicts) {
        expect(verdict.status, `${verdict.expectationId} with ${controls.join(', ')} off`).toBe('missed');
      }
      expect(off.exitCode).toBe(1);
    }
  });
});
