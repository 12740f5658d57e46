import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { auditGapMonitor } from '../../src/controls/audit-gap-monitor.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { clinicianToken } from '../support/smart-token.ts';

const START = Date.parse('2026-03-03T14:00:00Z');
const TEN_MINUTES = 10 * 60_000;

/** An estate with the monitor listening; `slot(n)` makes n chart searches, then ten minutes pass. */
function rig(options: { auditFromStart?: boolean; lateDelivery?: boolean } = {}) {
  const clock = new VirtualClock(START);
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 4, patients: 20 });
  estate.ehr.state.config.audit.enabled = options.auditFromStart ?? true;
  const signals: SignalInput[] = [];
  const monitor = auditGapMonitor.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  // A late pipeline hands the slot's interactions over only after the monitor's scan has closed it.
  const inFlight: Parameters<NonNullable<typeof monitor.onEvent>>[0][] = [];
  bus.subscribe((event) => (options.lateDelivery ? inFlight.push(event) : monitor.onEvent!(event)));
  const slot = async (reads: number) => {
    const token = await clinicianToken(estate);
    for (let n = 0; n < reads; n++) {
      const patient = estate.population.patient(n % 20);
      await estate.fetch(`/fhir/R4/Patient?identifier=${patient.mrn}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    }
    await clock.sleepUntil(clock.now() + TEN_MINUTES);
    monitor.onScan!();
    for (const event of inFlight.splice(0)) monitor.onEvent!(event);
  };
  return { estate, signals, slot };
}

describe('audit-gap-monitor', () => {
  it('raises and re-enables recording when chart reads continue but the trail stops growing', async () => {
    const { estate, signals, slot } = rig();
    for (let n = 0; n < 8; n++) await slot(6);
    expect(signals).toEqual([]);
    estate.ehr.state.config.audit.enabled = false;
    await slot(5);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ rule: 'audit-silent-during-access', severity: 'high' });
    expect(signals[0]!.summary).toContain('wrote 0 AuditEvents in 10 min while telemetry shows 5');
    expect(signals[0]!.patientIds.length).toBeGreaterThan(0);
    expect(estate.ehr.state.config.audit.enabled).toBe(true);
  });

  it('counts interactions in the slot they happened, not the one they arrive in, so a late pipeline raises nothing', async () => {
    const { estate, signals, slot } = rig({ lateDelivery: true });
    for (let n = 0; n < 12; n++) await slot(n % 2 === 0 ? 8 : 0);
    expect(signals).toEqual([]);
    estate.ehr.state.config.audit.enabled = false;
    await slot(6);
    await slot(0);
    expect(signals.map((signal) => signal.rule)).toEqual(['audit-silent-during-access']);
  });

  it('stays quiet while the trail keeps up, and when access stops along with it', async () => {
    const { estate, signals, slot } = rig();
    for (let n = 0; n < 8; n++) await slot(6);
    await slot(1);
    estate.ehr.state.config.audit.enabled = false;
    for (let n = 0; n < 4; n++) await slot(0);
    expect(signals).toEqual([]);
    expect(estate.ehr.state.config.audit.enabled).toBe(false);
  });

  it('waits for enough interactions on a quiet night instead of judging one lonely read', async () => {
    const { estate, signals, slot } = rig();
    for (let n = 0; n < 8; n++) await slot(6);
    estate.ehr.state.config.audit.enabled = false;
    await slot(1);
    await slot(1);
    expect(signals).toEqual([]);
    await slot(2);
    expect(signals.map((signal) => signal.rule)).toEqual(['audit-silent-during-access']);
  });

  it('never judges an estate whose trail was off from the start: there is no rate to learn', async () => {
    const { estate, signals, slot } = rig({ auditFromStart: false });
    for (let n = 0; n < 10; n++) await slot(6);
    expect(signals).toEqual([]);
    expect(estate.ehr.state.config.audit.enabled).toBe(false);
  });
});
