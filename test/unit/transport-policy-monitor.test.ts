import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { transportPolicyMonitor } from '../../src/controls/transport-policy-monitor.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { INTAKE_PATH } from '../../src/estate/integration/endpoints.ts';
import { intakeBody, partnerHeaders } from '../../src/estate/integration/traffic.ts';
import { weakTlsIntegration } from '../../src/inject/weak-tls-integration.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import { accessLogEncoder } from '../../src/telemetry/encoders/access-log.ts';
import type { EncoderContext } from '../../src/telemetry/encoders/encoder.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';
import { recordingInjectContext } from '../support/observed-estate.ts';

const CONTEXT: EncoderContext = {
  orgId: '00D000000000001AAA',
  timezone: 'UTC',
  product: { vendor: 'phi-drill', name: 'estate', version: '0' },
};

function rig(options: { monitor?: boolean } = {}) {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 20 });
  const signals: SignalInput[] = [];
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const monitor = transportPolicyMonitor.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  if (options.monitor !== false) bus.subscribe((event) => monitor.onEvent!(event));
  const send = (headers: Record<string, string>, patient = 3) =>
    estate.fetch(INTAKE_PATH, {
      method: 'POST',
      headers: { ...partnerHeaders(), ...headers },
      body: intakeBody(estate.population.patient(patient)),
    });
  return { clock, estate, monitor, signals, events, send };
}

describe('transport-policy-monitor', () => {
  it('stays quiet on referrals over TLS 1.2 and 1.3 and on a refused TLS 1.0 handshake', async () => {
    const { monitor, signals, send } = rig();
    expect((await send({ 'x-ssl-protocol': 'TLSv1.3' })).status).toBe(201);
    expect((await send({ 'x-ssl-protocol': 'TLSv1.2' })).status).toBe(201);
    const refused = await send({ 'x-ssl-protocol': 'TLSv1' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errorCode: 'TLS_HANDSHAKE_FAILED' });
    expect((await send({ 'x-forwarded-proto': 'http' })).status).toBe(400);
    monitor.onScan!();
    expect(signals).toEqual([]);
  });

  it('raises on a patient record sent over TLS 1.0 and holds the edge to TLS 1.2 again', async () => {
    const { estate, signals, send, events } = rig();
    estate.integration.edge.config.sslProtocols = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
    expect((await send({ 'x-ssl-protocol': 'TLSv1' })).status).toBe(201);
    expect(signals).toMatchObject([
      { rule: 'phi-over-weak-tls', severity: 'critical', patientIds: [estate.population.patient(3).id] },
    ]);
    expect(estate.integration.edge.weak()).toBe(false);
    expect((await send({ 'x-ssl-protocol': 'TLSv1' })).status).toBe(400);
    const submit = events.find((event) => event.action === 'intake.submit')!;
    const line = accessLogEncoder.encode(submit, CONTEXT)!;
    expect(line).toMatch(/ TLSv1 ECDHE-RSA-AES128-SHA$/);
  });

  it('raises on plain HTTP through an open listener', async () => {
    const { estate, signals, send } = rig();
    estate.integration.edge.config.plainHttp = true;
    expect((await send({ 'x-forwarded-proto': 'http' })).status).toBe(201);
    expect(signals).toMatchObject([
      { rule: 'phi-over-weak-tls', summary: expect.stringMatching(/plain HTTP/) },
    ]);
  });

  it('does not raise when a weak handshake carries no patient record', async () => {
    const { estate, signals } = rig();
    estate.integration.edge.config.sslProtocols = ['TLSv1', 'TLSv1.2'];
    const response = await estate.fetch(INTAKE_PATH, {
      method: 'POST',
      headers: { ...partnerHeaders(), 'x-ssl-protocol': 'TLSv1' },
      body: '{"mrn":"not-ours"}',
    });
    expect(response.status).toBe(400);
    expect(signals).toEqual([]);
  });

  it('reports an edge policy that allows TLS below 1.2 on its scan, once, and nothing once it is fixed', () => {
    const { estate, monitor, signals } = rig();
    estate.integration.edge.config.sslProtocols = ['TLSv1.1', 'TLSv1.2'];
    monitor.onScan!();
    monitor.onScan!();
    expect(signals).toMatchObject([{ rule: 'weak-protocols-enabled', severity: 'high' }]);
    estate.integration.edge.enforce('TLSv1.2', 'test');
    monitor.onScan!();
    expect(signals).toHaveLength(1);
  });
});

describe('weak-tls-integration', () => {
  async function applied(protocol: 'TLSv1' | 'http') {
    const { clock, estate, signals, events } = rig({ monitor: false });
    const { context, exposed, runLater } = recordingInjectContext(estate, clock, {
      injectId: 'legacy',
      correlationId: 'drill-1',
    });
    const params = weakTlsIntegration.params.parse({ protocol, submissions: 1 });
    const inject = await weakTlsIntegration.apply(context, params);
    // The failover's referrals run at once here; the drill schedules them on its clock.
    await runLater();
    return { estate, inject, exposed, signals, events };
  }

  it('sends a referral over TLS 1.0, exposes its patient, and its revert restores the policy', async () => {
    const { estate, inject, exposed, events } = await applied('TLSv1');
    expect(exposed).toEqual([estate.population.patient(70 % 20).id]);
    expect(events.find((event) => event.action === 'intake.submit')?.detail).toMatchObject({
      sslProtocol: 'TLSv1',
    });
    expect(inject.probes['tls-enforced']!()).toBe(false);
    await inject.revert();
    expect(estate.integration.edge.config).toEqual({
      sslProtocols: ['TLSv1.2', 'TLSv1.3'],
      plainHttp: false,
    });
    expect(inject.probes['tls-enforced']!()).toBe(true);
  });

  it('opens the plain listener for the http variant', async () => {
    const { estate, inject, events } = await applied('http');
    expect(estate.integration.edge.config.plainHttp).toBe(true);
    expect(events.find((event) => event.action === 'intake.submit')?.detail).toMatchObject({
      sslProtocol: '-',
    });
    await inject.revert();
    expect(estate.integration.edge.config.plainHttp).toBe(false);
  });
});
