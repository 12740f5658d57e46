import { describe, expect, it } from 'vitest';
import { checkNoticeContent } from '../../src/breach/notices/content-check.ts';
import { reconcileRecipients } from '../../src/breach/notices/recipients.ts';
import { noticesArrived, sendNotices } from '../../src/breach/notices/send.ts';
import { individualNotice } from '../../src/breach/notices/templates.ts';
import type { IncidentFacts } from '../../src/breach/types.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

function setUp() {
  const clock = new VirtualClock(Date.parse('2026-03-20T14:00:00Z'));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed: 6, patients: 12 });
  return { clock, estate, events };
}

const facts: IncidentFacts = {
  discoveredAt: '2026-03-04T09:15:00-05:00',
  phiTypes: ['name', 'email', 'appointment', 'diagnosis'],
  individualsByState: { NY: 12 },
  recipient: 'known-outside-party',
  acquiredOrViewed: true,
  encrypted: false,
  keyCompromised: false,
  destroyed: false,
  mitigation: ['paused the reminder job'],
  contactInfoMissing: 0,
  urgent: false,
};

const notice = individualNotice({
  facts,
  organisation: {
    name: 'Riverside Clinic',
    tollFree: '1-800-555-0142',
    email: 'privacy@clinic.example.org',
    website: 'https://www.clinic.example.org',
    postalAddress: '100 Harbor Street, Albany, NY 12207',
  },
  breachDate: '2026-03-03T17:00:00-05:00',
  discoveredAt: facts.discoveredAt,
  obligation: {
    id: 'individual',
    kind: 'individual',
    jurisdiction: 'US',
    recipient: 'individuals',
    dueAt: '2026-05-03T23:59:59-04:00',
    individuals: 12,
    basis: '45 CFR 164.404(b)',
    note: '',
  },
});

describe('sendNotices', () => {
  it('sends each notice through the estate outbox as an RFC 5322 message, reported as the gateway does', () => {
    const { clock, estate, events } = setUp();
    const [message] = sendNotices(estate.mail, [
      { patientId: 'p-1', to: 'pat.zztest@example.org', subject: notice.subject, text: notice.text },
    ]);
    expect(estate.mail.state.outbox).toEqual([message]);
    // Mail observers look messages up by id; a notice must be found like any other message.
    expect(estate.mail.state.message(message!.id)).toBe(message);
    expect(message).toMatchObject({
      id: 'mail-000001',
      time: clock.now(),
      from: 'Riverside Clinic Privacy Office <privacy@clinic.example.org>',
      to: 'pat.zztest@example.org',
      patientId: 'p-1',
      text: notice.text,
    });
    expect(message!.headers).toEqual({
      From: 'Riverside Clinic Privacy Office <privacy@clinic.example.org>',
      To: 'pat.zztest@example.org',
      Subject: notice.subject,
      Date: 'Fri, 20 Mar 2026 14:00:00 +0000',
      'Message-ID': '<mail-000001.6@clinic.example.org>',
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=utf-8',
      'Auto-Submitted': 'auto-generated',
    });
    expect(events.filter((event) => event.action === 'mail.send')).toEqual([
      expect.objectContaining({
        system: 'mail',
        actor: { id: 'svc-breach-notices', type: 'service' },
        resource: { type: 'EmailMessage', id: 'mail-000001' },
        patientIds: ['p-1'],
        detail: expect.objectContaining({ messageId: '<mail-000001.6@clinic.example.org>' }),
      }),
    ]);
  });

  it('reconciles, checks and sends, then confirms every notice arrived', () => {
    const { clock, estate } = setUp();
    const accounts = estate.crm.state.records.list('Account');
    const intended = accounts.map((account) => ({
      patientId: String(account.FHIR_Patient_Id__c),
      email: String(account.PersonEmail),
    }));
    const { deliverable } = reconcileRecipients(intended, accounts);
    expect(checkNoticeContent(notice.text, facts, { breachDate: '2026-03-03' }).ok).toBe(true);
    const since = clock.now();
    const byEmail = deliverable.filter((entry) => entry.channel === 'email');
    sendNotices(
      estate.mail,
      byEmail.map((entry) => ({
        patientId: entry.patientId,
        to: entry.email!,
        subject: notice.subject,
        text: notice.text,
      })),
    );
    const expected = byEmail.map((entry) => ({ patientId: entry.patientId, to: entry.email!.toUpperCase() }));
    const arrival = noticesArrived(estate.mail.state.outbox, expected, { subject: notice.subject, since });
    expect(arrival.all).toBe(true);
    expect(arrival.arrived).toHaveLength(12);
  });

  it('reports notices that never arrived: other subject, other sender, before the window, other person', () => {
    const { clock, estate } = setUp();
    sendNotices(estate.mail, [
      { patientId: 'p-1', to: 'a.zztest@example.org', subject: 'Notice', text: 't' },
    ]);
    const outbox = estate.mail.state.outbox;
    const expected = [{ patientId: 'p-1', to: 'a.zztest@example.org' }];
    expect(noticesArrived(outbox, expected, { subject: 'Notice' })).toMatchObject({ all: true, missing: [] });
    expect(noticesArrived(outbox, expected, { subject: 'Other' })).toMatchObject({
      all: false,
      missing: expected,
    });
    expect(
      noticesArrived(outbox, expected, { from: 'Riverside Clinic <no-reply@clinic.example.org>' }).all,
    ).toBe(false);
    expect(noticesArrived(outbox, expected, { since: clock.now() + 1 }).all).toBe(false);
    expect(noticesArrived(outbox, [{ patientId: 'p-2', to: 'a.zztest@example.org' }]).all).toBe(false);
  });
});
