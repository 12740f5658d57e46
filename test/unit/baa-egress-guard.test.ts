import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { baaEgressGuard } from '../../src/controls/baa-egress-guard.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import type { BusinessAssociate } from '../../src/estate/egress/index.ts';
import { routineCallouts } from '../../src/estate/egress/traffic.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { vendorWithoutBaa } from '../../src/inject/vendor-without-baa.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';
import { recordingInjectContext } from '../support/observed-estate.ts';

const SURVEY = 'ingest.surveyspark.example';

function rig(register?: BusinessAssociate[]) {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({
    clock,
    bus,
    seed: 6,
    patients: 20,
    ...(register ? { businessAssociates: register } : {}),
  });
  const signals: SignalInput[] = [];
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const guard = baaEgressGuard.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => guard.onEvent!(event));
  const caller = { sourceIp: '127.0.0.1', requestId: 'req-x' };
  const patient = estate.population.patient(4);
  const phi = JSON.stringify({ firstName: patient.given, lastName: patient.family, mrn: patient.mrn });
  const install = () =>
    estate.egress.credentials.set('SurveySpark_Feedback', { name: 'SurveySpark_Feedback', host: SURVEY });
  return { clock, estate, signals, events, caller, patient, phi, install };
}

describe('baa-egress-guard', () => {
  it('stays quiet on PHI to the covered engagement vendor and on counts to a host with no BAA', async () => {
    const { estate, signals, events } = rig();
    const callouts = routineCallouts(estate);
    await callouts();
    await callouts();
    const egress = events.filter((event) => event.action === 'egress.request');
    expect(egress.map((event) => [event.detail?.destHost, event.detail?.dlpIdentifiers !== ''])).toEqual([
      ['api.engagepulse.example', true],
      ['hooks.statusboard.example', false],
      ['api.engagepulse.example', true],
      ['hooks.statusboard.example', false],
    ]);
    expect(signals).toEqual([]);
    expect(estate.egress.received).toHaveLength(4);
  });

  it('raises on PHI to a host with no BAA and blocks it, so the next request never leaves', async () => {
    const { estate, signals, caller, patient, phi, install } = rig();
    install();
    expect(await estate.egress.callout('SurveySpark_Feedback', '/v1/invitations', phi, caller)).toBe(202);
    expect(signals).toMatchObject([
      {
        rule: 'phi-to-vendor-without-baa',
        severity: 'critical',
        patientIds: [patient.id],
        summary: expect.stringMatching(/no BAA on file/),
      },
    ]);
    expect(estate.egress.blocked.has(SURVEY)).toBe(true);
    expect(await estate.egress.callout('SurveySpark_Feedback', '/v1/invitations', phi, caller)).toBe(403);
    expect(estate.egress.received.filter((receipt) => receipt.host === SURVEY)).toHaveLength(1);
  });

  it('judges the register on the day of sending: a BAA not yet signed or already expired does not cover', async () => {
    const register = (baaSigned: string, baaExpires?: string): BusinessAssociate[] => [
      { vendor: 'SurveySpark', host: SURVEY, baaSigned, ...(baaExpires ? { baaExpires } : {}) },
    ];
    for (const [entries, raises] of [
      [register('2026-01-01'), false],
      [register('2026-04-01'), true],
      [register('2025-01-01', '2026-03-03'), true],
    ] as const) {
      const { estate, signals, caller, phi, install } = rig([...entries]);
      install();
      await estate.egress.callout('SurveySpark_Feedback', '/v1/invitations', phi, caller);
      expect(signals.length > 0, JSON.stringify(entries)).toBe(raises);
    }
  });

  it('does not raise on a no-PHI request to the uncovered host', async () => {
    const { estate, signals, caller, install } = rig();
    install();
    await estate.egress.callout('SurveySpark_Feedback', '/v1/ping', '{"ok":true}', caller);
    expect(signals).toEqual([]);
  });
});

describe('vendor-without-baa', () => {
  it('installs the package, sends invitations with PHI, and its revert uninstalls it', async () => {
    const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
    const bus = new TelemetryBus(clock);
    const estate = createEstate({ clock, bus, seed: 6, patients: 20 });
    const { context, exposed, runLater } = recordingInjectContext(estate, clock, {
      injectId: 'survey',
      correlationId: 'drill-1',
    });
    const inject = await vendorWithoutBaa.apply(context, vendorWithoutBaa.params.parse({ invitations: 2 }));
    await runLater();
    expect(exposed).toHaveLength(2);
    expect(estate.egress.received.filter((receipt) => receipt.host === SURVEY)).toHaveLength(2);
    expect(inject.probes['egress-blocked']!()).toBe(false);
    estate.egress.block(SURVEY, 'test');
    expect(inject.probes['egress-blocked']!()).toBe(true);
    await inject.revert();
    expect(estate.egress.credentials.has('SurveySpark_Feedback')).toBe(false);
    expect(estate.egress.blocked.size).toBe(0);
  });
});
