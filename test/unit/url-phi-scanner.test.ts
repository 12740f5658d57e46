import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { urlPhiScanner } from '../../src/controls/url-phi-scanner.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { findAppointment } from '../../src/estate/portal/browser.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

const DEVICE = { 'x-forwarded-for': '203.0.113.41', 'user-agent': 'ScannerTest/1.0' };

function setUp() {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 8, patients: 30 });
  const signals: SignalInput[] = [];
  const scanner = urlPhiScanner.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => scanner.onEvent!(event));
  const find = (index: number) => {
    const patient = estate.population.patient(index);
    const identity = { name: `${patient.given} ${patient.family}`, dob: patient.birthDate, mrn: patient.mrn };
    return findAppointment(estate.fetch, DEVICE, identity);
  };
  return { estate, signals, scanner, find };
}

describe('url-phi-scanner', () => {
  it('stays quiet while the finder posts, logins and page views included', async () => {
    const { estate, signals, scanner, find } = setUp();
    await find(3);
    await estate.fetch('/portal/login');
    scanner.onScan!();
    expect(signals).toEqual([]);
    expect(estate.portal.state.config.finder).toEqual({ method: 'post', analyticsTag: true });
  });

  it('flags identifiers in the URL and the analytics Referer, then switches the finder back to POST', async () => {
    const { estate, signals, find } = setUp();
    estate.portal.state.config.finder.method = 'get';
    await find(3);
    expect(signals.map((signal) => [signal.rule, signal.severity])).toEqual([
      ['phi-in-url', 'medium'],
      ['phi-in-referer', 'high'],
    ]);
    const patientId = estate.population.patient(3).id;
    expect(signals.every((signal) => signal.patientIds.includes(patientId))).toBe(true);
    expect(signals[1]!.summary).toContain('analytics.example.net');
    expect(signals[1]!.summary).not.toContain(estate.population.patient(3).mrn);
    expect(estate.portal.state.config.finder).toEqual({ method: 'post', analyticsTag: false });
    expect(await find(4)).toEqual({ method: 'post', status: 200 });
    expect(signals).toHaveLength(2);
  });

  it('finds identifiers at rest in the access log on its scan, once', async () => {
    const { estate, signals, scanner } = setUp();
    estate.portal.state.accessLog.push({
      time: 0,
      requestId: 'req-x',
      method: 'GET',
      path: '/portal/appointments/find',
      query: '?name=Ann+Zztest&dob=1980-02-03&mrn=ZZTEST-00000001',
      status: 200,
    });
    scanner.onScan!();
    scanner.onScan!();
    expect(signals.map((signal) => signal.rule)).toEqual(['phi-in-access-log']);
  });
});
