import { describe, expect, it } from 'vitest';
import { catalogScenario, drill } from './drill-harness.ts';

/**
 * The safe harbor follows what really left, not what the scenario says: a scenario that declares
 * its PHI encrypted is still assessed notifiable when the inject's copy went out in the clear, and
 * the organisation that believed the declaration owes notices it did not send.
 */
describe('breach assessment on the protection the exposed copy really had', () => {
  it('is notifiable although the scenario declares the data encrypted, when the copy left in the clear', async () => {
    const { scenario } = await catalogScenario('encryption-disabled');
    const claimed = { ...scenario, breach: { ...scenario.breach!, encrypted: true, keyCompromised: false } };
    const { report } = await drill('encryption-disabled', { scenario: claimed });
    const [assessment] = report.breach.assessments;
    expect(assessment?.notifiable).toBe(true);
    const notices = report.verdicts.filter((v) => v.expectationId.startsWith('notices:'));
    expect(notices.length).toBeGreaterThan(0);
    for (const verdict of notices) expect(verdict.status, verdict.reason).toBe('missed');
  });

  it('is not notifiable when the copy really was ciphertext with the key safe, whatever the scenario declares', async () => {
    const { scenario } = await catalogScenario('encryption-intact-copy');
    const claimed = { ...scenario, breach: { ...scenario.breach!, encrypted: false } };
    const { report } = await drill('encryption-intact-copy', { scenario: claimed });
    const [assessment] = report.breach.assessments;
    expect(assessment?.notifiable).toBe(false);
    expect(assessment?.outcome).toBe('secured-phi');
  });
});
