import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { appLogPhiScanner } from '../../src/controls/app-log-phi-scanner.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { INTAKE_LOGGER, INTAKE_PATH } from '../../src/estate/integration/endpoints.ts';
import { REDACTED } from '../../src/estate/integration/index.ts';
import {
  intakeBody,
  logSearchUrl,
  partnerHeaders,
  readerHeaders,
} from '../../src/estate/integration/traffic.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

function setUp() {
  const clock = new VirtualClock(Date.parse('2026-03-03T15:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 30 });
  const signals: SignalInput[] = [];
  const scanner = appLogPhiScanner.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => scanner.onEvent!(event));
  const patient = estate.population.patient(12);
  const submit = (usDate: boolean) =>
    estate.fetch(INTAKE_PATH, {
      method: 'POST',
      headers: partnerHeaders(),
      body: intakeBody(patient, usDate),
    });
  const search = (username: string, seat: number) =>
    estate.fetch(logSearchUrl(INTAKE_LOGGER, 'warn'), { headers: readerHeaders(username, seat) });
  return { estate, signals, scanner, patient, submit, search };
}

describe('app-log-phi-scanner', () => {
  it('finds nothing in terse errors and ordinary log lines', async () => {
    const { signals, scanner, submit } = setUp();
    await submit(false);
    await submit(true);
    scanner.onScan!();
    expect(signals).toEqual([]);
  });

  it('flags PHI in log lines and echoed error bodies, then redacts and turns the switches off', async () => {
    const { estate, signals, scanner, patient, submit } = setUp();
    const { intake, appLog } = estate.integration;
    intake.config = { verboseErrors: true, logPayloads: true };
    await submit(true);
    scanner.onScan!();
    expect(signals.map((s) => [s.rule, s.severity])).toEqual([
      ['phi-in-app-log', 'high'],
      ['phi-in-error-response', 'high'],
    ]);
    expect(signals[0]!.patientIds).toEqual([patient.id]);
    expect(intake.config).toEqual({ verboseErrors: false, logPayloads: false });
    expect(appLog.records.at(-1)).toMatchObject({ message: REDACTED, payload: REDACTED });
  });

  it('raises at once when a group outside the approved readers searches a PHI-bearing log', async () => {
    const { estate, signals, patient, submit, search } = setUp();
    const { intake, appLog } = estate.integration;
    intake.config.logPayloads = true;
    appLog.config.readers.push('engineering');
    await submit(true);
    await search('oncall.priya@clinic.example.org', 40);
    expect(signals).toEqual([]);
    expect((await search('dev.kim@clinic.example.org', 43)).status).toBe(200);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ rule: 'phi-log-read-by-unapproved-group', patientIds: [patient.id] });
    expect(appLog.config.readers).toEqual(['integration-oncall', 'security']);
    expect((await search('dev.kim@clinic.example.org', 43)).status).toBe(403);
  });
});
