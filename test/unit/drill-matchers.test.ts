import { afterAll, describe, expect, it } from 'vitest';
import { createDrillHandle } from '../../src/testing/drill-handle.ts';
import { drillMatchers } from '../../src/testing/matchers.ts';

expect.extend(drillMatchers);
const drill = createDrillHandle();
afterAll(() => drill.cleanup());

describe('drill matchers', () => {
  it('pass on a drill whose control detects and contains in time, and fail closed otherwise', async () => {
    const outcome = await drill.run('portal-session-reuse', { patients: 100 });
    expect(outcome).toDetectWithin('kiosk-reuse', '30m');
    expect(outcome).toMeetExpectation('kill-session');
    expect(drillMatchers.toDetectWithin(outcome, 'kiosk-reuse', '1m').pass).toBe(false);
    expect(drillMatchers.toDetectWithin(outcome, 'no-such-inject', '30m').message()).toBe(
      'the drill has no detect expectation for inject no-such-inject',
    );
    expect(drillMatchers.toMeetExpectation(outcome, 'no-such-expectation').pass).toBe(false);
    expect(drillMatchers.toDetectWithin(outcome, 'kiosk-reuse', 'soon').message()).toBe(
      'soon is not a duration like 15m',
    );
    // The manual expectation is not applicable without a confirmation; nothing is missed.
    expect(outcome).toHaveNoMissedExpectations();
  });

  it('fail when the detecting control is switched off', async () => {
    const outcome = await drill.run('portal-session-reuse', {
      patients: 100,
      disabledControls: ['portal-session-guard'],
    });
    expect(outcome).not.toDetectWithin('kiosk-reuse', '30m');
    expect(outcome).not.toMeetExpectation('detect-reuse');
    const missed = drillMatchers.toHaveNoMissedExpectations(outcome);
    expect(missed.pass).toBe(false);
    expect(missed.message()).toMatch(/^missed or late: detect-reuse missed: /);
  });
});
