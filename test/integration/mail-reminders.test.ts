import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { localParts } from '../../src/clock/local-time.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { findDiagnoses } from '../../src/synth/find-diagnosis.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

const HOUR = 3_600_000;

/** An estate whose clock sits 20 hours before a booked appointment of a patient with a diagnosis. */
function setUp() {
  const clock = new VirtualClock(Date.parse('2026-03-02T13:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 6, patients: 60 });
  const target = (() => {
    for (let index = 0; index < estate.population.count; index++) {
      const patient = estate.population.patient(index);
      const active = patient.conditions.some((condition) => condition.clinicalStatus === 'active');
      const booked = patient.appointments.find((appointment) => appointment.status === 'booked');
      if (active && booked) return { patient, start: Date.parse(booked.start) };
    }
    throw new Error('no patient with a diagnosis and a booked appointment');
  })();
  void clock.sleepUntil(target.start - 20 * HOUR);
  return { estate, clock, events, patient: target.patient };
}

describe('appointment reminders', () => {
  it('sends RFC 5322-shaped reminders with date, time and clinician only, to the reminder list', () => {
    const { estate, events, patient } = setUp();
    const { sent, held } = estate.mail.reminders.run();
    expect(held).toBe(0);
    const mine = sent.find((message) => message.patientId === patient.id)!;
    expect(mine.to).toBe(patient.email);
    expect(mine.headers).toMatchObject({
      From: mine.from,
      To: patient.email,
      Subject: 'Your appointment reminder',
      'MIME-Version': '1.0',
      'Auto-Submitted': 'auto-generated',
    });
    expect(mine.headers.Date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(mine.headers['Message-ID']).toMatch(/^<mail-\d{6}\.6@clinic\.example\.org>$/);
    expect(mine.text).toContain(`Hello ${patient.given},`);
    for (const message of sent) expect(findDiagnoses(message.text)).toEqual([]);
    const send = events.find((event) => event.action === 'mail.send' && event.resource.id === mine.id);
    expect(send).toMatchObject({ system: 'mail', patientIds: [patient.id], detail: { to: patient.email } });
    expect(estate.mail.state.message(mine.id)).toBe(mine);
  });

  it('adds the reason and the diagnosis merge field under the leaky template', () => {
    const { estate, patient } = setUp();
    estate.mail.state.config.reminders.template = 'with-diagnosis';
    const mine = estate.mail.reminders.run().sent.find((message) => message.patientId === patient.id)!;
    expect(mine.text).toContain('Diagnosis on file: ');
    expect(findDiagnoses(mine.text).length).toBeGreaterThan(0);
  });

  it('keeps sending to the listed address after the CRM contact e-mail changes', () => {
    const { estate, patient } = setUp();
    const accountId = estate.crm.state.query(
      `SELECT Id FROM Account WHERE FHIR_Patient_Id__c = '${patient.id}'`,
    ).records[0]!.Id as string;
    estate.crm.state.update('Account', accountId, { PersonEmail: 'moved.zztest@example.com' });
    expect(estate.mail.currentContactEmail(patient.id)).toBe('moved.zztest@example.com');
    const mine = estate.mail.reminders.run().sent.find((message) => message.patientId === patient.id)!;
    expect(mine.to).toBe(patient.email);
  });

  it('holds every due reminder while paused, and says so once', () => {
    const { estate, events } = setUp();
    expect(estate.mail.pauseReminders('tester')).toBe(true);
    expect(estate.mail.pauseReminders('tester')).toBe(false);
    const run = estate.mail.reminders.run();
    expect(run.sent).toEqual([]);
    expect(run.held).toBeGreaterThan(0);
    expect(estate.mail.state.outbox).toEqual([]);
    expect(events.filter((event) => event.action === 'mail.reminders.held')).toEqual([
      expect.objectContaining({ rows: run.held }),
    ]);
  });

  it('runs daily at 17:00 clinic time', () => {
    const { estate, clock } = setUp();
    const first = estate.mail.reminders.nextRunAfter(clock.now());
    expect(localParts(first, estate.timezone)).toMatchObject({ hour: 17, minute: 0 });
    expect(first).toBeGreaterThan(clock.now());
    expect(estate.mail.reminders.nextRunAfter(first)).toBe(first + 24 * HOUR);
  });
});
