import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { COPY_LIMIT } from '../../src/estate/sandbox/state.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const PATIENTS = COPY_LIMIT.PARTIAL + 2;

describe('sandbox copies by licence', () => {
  it('copies a sample of 10,000 accounts into a Partial Copy sandbox and every one into a Full one', () => {
    const clock = new VirtualClock(Date.parse('2026-03-02T14:00:00Z'));
    const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 2, patients: PATIENTS });
    const records = estate.crm.state.records;
    const dev = estate.sandboxes.get('dev')!;
    expect(dev.license).toBe('PARTIAL');
    expect(dev.accounts).toHaveLength(10_000);
    expect(records.loadStats()).toEqual({ loaded: PATIENTS, made: 10_000 });
    const refreshed = estate.sandboxes.refresh('dev', {
      by: { id: 'release-automation', type: 'service' },
      caller: { sourceIp: '192.0.2.13', requestId: 'req-1' },
      mask: false,
    });
    expect(refreshed.accounts.map((account) => account.Id)).toEqual(
      records.liveIds('Account').slice(0, 10_000),
    );
    expect(estate.sandboxes.get('uat')!.accounts).toHaveLength(PATIENTS);
  });
});
