import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyRunFolder } from '../../src/evidence/verify.ts';
import { drill, registry, statusOf } from './drill-harness.ts';

const SCENARIOS = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

describe.each(SCENARIOS)('scenario %s', (id) => {
  it('meets every automatic expectation with zero steady-state false positives, and its evidence verifies', async () => {
    const { report, folder, exitCode } = await drill(id);
    for (const verdict of report.verdicts) {
      if (verdict.type === 'manual') expect(verdict.status, verdict.reason).toBe('not-applicable');
      else expect(verdict.status, `${verdict.expectationId}: ${verdict.reason}`).toBe('met');
    }
    expect(report.steadyState?.falsePositives).toEqual([]);
    // Only a control inside the emitting system (an authorization server's policy, a mail gateway)
    // sees a leak the instant it happens; every other detection waits for its telemetry's delivery.
    for (const verdict of report.verdicts.filter((v) => v.type === 'detect' && v.latencyMs === 0)) {
      const control = registry.controls.get(verdict.reason.split('/')[0]!);
      expect(control?.inline, `${verdict.expectationId} detected at 0 ms: ${verdict.reason}`).toBe(true);
    }
    expect(report.steadyState?.events).toBeGreaterThan(100);
    expect(exitCode).toBe(0);
    const verified = await verifyRunFolder(folder);
    expect(verified.ok, verified.problems.join('\n')).toBe(true);
    expect(verified.signed).toBe(true);
  });
});

describe('determinism', () => {
  it('gives the same verdicts and the same report for the same seed, apart from run ids and wall-clock stamps', async () => {
    const first = await drill('oauth-overscope');
    const second = await drill('oauth-overscope');
    const scrub = (report: typeof first.report) =>
      JSON.parse(
        JSON.stringify(report, (key, value) =>
          ['runId', 'wallClock', 'wallMs', 'finalHash', 'signature', 'scenarioFile'].includes(key)
            ? undefined
            : value,
        ),
      );
    expect(scrub(second.report)).toEqual(scrub(first.report));
  });

  it('manual expectations are judged when a confirmation is supplied', async () => {
    const confirmed = await drill('oauth-overscope', {
      confirmations: new Map([['privacy-officer-briefed', { offsetMs: 30 * 60_000, by: 'privacy officer' }]]),
    });
    expect(statusOf(confirmed.report)['privacy-officer-briefed']).toBe('met');
    const late = await drill('oauth-overscope', {
      confirmations: new Map([
        ['privacy-officer-briefed', { offsetMs: 5 * 3_600_000, by: 'privacy officer' }],
      ]),
    });
    expect(statusOf(late.report)['privacy-officer-briefed']).toBe('late');
  });
});
