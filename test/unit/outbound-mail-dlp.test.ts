import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { outboundMailDlp } from '../../src/controls/outbound-mail-dlp.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

/** Seed 6, 60 patients, the clock moved to the first hour when a run would send two reminders or more. */
function setUp() {
  const clock = new VirtualClock(Date.parse('2026-03-02T13:00:00Z'));
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 6, patients: 60 });
  const signals: SignalInput[] = [];
  const dlp = outboundMailDlp.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => dlp.onEvent!(event));
  const start = clock.now();
  const hour = Array.from({ length: 24 * 120 }, (_, n) => start + n * 3_600_000).find(
    (time) => estate.mail.reminders.dueAt(time).length >= 2,
  );
  if (hour === undefined) throw new Error('no run with two reminders due in 120 days');
  void clock.sleepUntil(hour);
  const due = estate.mail.reminders.dueAt(clock.now());
  const moveEmail = (patientId: string) => {
    const { records } = estate.crm.state.query(
      `SELECT Id FROM Account WHERE FHIR_Patient_Id__c = '${patientId}'`,
    );
    estate.crm.state.update('Account', records[0]!.Id as string, { PersonEmail: 'moved.zztest@example.com' });
  };
  return { estate, signals, due, moveEmail };
}

describe('outbound-mail-dlp', () => {
  it('passes standard reminders to the current contact', () => {
    const { estate, signals } = setUp();
    expect(estate.mail.reminders.run().sent.length).toBeGreaterThanOrEqual(2);
    expect(signals).toEqual([]);
    expect(estate.mail.state.config.reminders.paused).toBe(false);
  });

  it('flags a diagnosis in a reminder and pauses the job before the rest of the batch', () => {
    const { estate, signals, due } = setUp();
    estate.mail.state.config.reminders.template = 'with-diagnosis';
    const run = estate.mail.reminders.run();
    expect(signals.map((signal) => [signal.rule, signal.severity])).toEqual([['phi-in-mail', 'medium']]);
    expect(run.sent).toHaveLength(1);
    expect(run.held).toBe(due.length - 1);
    expect(estate.mail.state.config.reminders.paused).toBe(true);
  });

  it('flags a reminder to an address that is no longer the patient’s, as high', () => {
    const { estate, signals, due, moveEmail } = setUp();
    moveEmail(due[0]!.patientId);
    estate.mail.reminders.run();
    expect(signals).toEqual([expect.objectContaining({ rule: 'stale-recipient', severity: 'high' })]);
    expect(signals[0]!.patientIds).toEqual([due[0]!.patientId]);
  });

  it('raises PHI to a stale recipient as high, or critical for a sensitive diagnosis, without quoting it', () => {
    const { estate, signals, due, moveEmail } = setUp();
    estate.mail.state.config.reminders.template = 'with-diagnosis';
    moveEmail(due[0]!.patientId);
    const [message] = estate.mail.reminders.run().sent;
    const [signal] = signals;
    expect(signal?.rule).toBe('phi-to-stale-recipient');
    expect(['high', 'critical']).toContain(signal?.severity);
    expect(signal?.summary).not.toContain(due[0]!.diagnosis ?? due[0]!.reason);
    expect(message?.text).toContain(due[0]!.reason);
  });
});
