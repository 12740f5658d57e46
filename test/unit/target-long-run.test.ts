import { describe, expect, it } from 'vitest';
import { longRunNote } from '../../src/cli/run-target.ts';
import { planScenario } from '../../src/run/plan.ts';
import { catalogScenario, registry } from '../integration/drill-harness.ts';

async function plan(within: Record<string, string>) {
  const { scenario } = await catalogScenario('oauth-overscope');
  const shortened = {
    ...scenario,
    estate: { ...scenario.estate, steadyState: '2s', steadyStateMs: 2000 },
    injects: scenario.injects.map((inject) => ({ ...inject, at: '1s', atMs: 1000 })),
    expectations: scenario.expectations.map((e) =>
      within[e.id] ? { ...e, within: within[e.id]!, withinMs: Number.parseInt(within[e.id]!, 10) * 1000 } : e,
    ),
  };
  return planScenario(shortened, { controlIds: [...registry.controls.keys()] });
}

describe('a real-clock drill that would run for months', () => {
  it('is named before it starts, with the window to shorten and how', async () => {
    const long = await plan({ 'detect-broad-grant': '5s' });
    expect(longRunNote(long, 'target.yaml')).toBe(
      'note: oauth-overscope runs for 120d3s of real time; its longest window is notices (60d). ' +
        'To drill sooner, shorten it in target.yaml: expectations: { notices: { within: 10m } }\n',
    );
  });

  it('says nothing when every window is short', async () => {
    const short = await plan({
      'detect-broad-grant': '5s',
      'audit-api-pull': '5s',
      'revoke-app-tokens': '5s',
      'open-notification-task': '5s',
      notices: '5s',
      'privacy-officer-briefed': '5s',
    });
    expect(longRunNote(short, 'target.yaml')).toBeUndefined();
  });
});
