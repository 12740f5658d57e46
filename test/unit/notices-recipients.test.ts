import { describe, expect, it } from 'vitest';
import {
  type IntendedRecipient,
  reconcileRecipients,
  substituteNoticeRule,
} from '../../src/breach/notices/recipients.ts';
import { VirtualClock } from '../../src/clock/clock.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

/** A notice list copied from the CRM, then the CRM moves on: patients change e-mail, move, lose details. */
function setUp() {
  const clock = new VirtualClock(Date.parse('2026-03-02T13:00:00Z'));
  const estate = createEstate({ clock, bus: new TelemetryBus(clock), seed: 6, patients: 20 });
  const accounts = () => estate.crm.state.records.list('Account');
  const intended: IntendedRecipient[] = accounts().map((account) => ({
    patientId: String(account.FHIR_Patient_Id__c),
    email: String(account.PersonEmail),
    address: {
      street: String(account.PersonMailingStreet),
      city: String(account.PersonMailingCity),
      state: String(account.PersonMailingState),
      postalCode: String(account.PersonMailingPostalCode),
    },
  }));
  const update = (index: number, fields: Record<string, string | null>) =>
    estate.crm.state.update('Account', String(accounts()[index]!.Id), fields);
  return { estate, accounts, intended, update };
}

describe('reconcileRecipients', () => {
  it('delivers by e-mail to everyone whose list entry still matches the CRM', () => {
    const { accounts, intended } = setUp();
    const result = reconcileRecipients(intended, accounts());
    expect(result.deliverable).toHaveLength(20);
    expect(result.deliverable.every((entry) => entry.channel === 'email')).toBe(true);
    expect(result.stale).toEqual([]);
    expect(result.missing).toEqual([]);
    expect(result.substitute.method).toBe('none');
  });

  it('routes a changed e-mail to first-class mail at the current address', () => {
    const { accounts, intended, update } = setUp();
    update(0, { PersonEmail: 'moved.zztest@example.com' });
    const onlyEmail = intended.map(({ address: _address, ...rest }) => rest);
    const result = reconcileRecipients(onlyEmail, accounts());
    expect(result.stale).toEqual([
      {
        patientId: intended[0]!.patientId,
        changed: ['email', 'address'],
        current: expect.objectContaining({ email: 'moved.zztest@example.com' }),
        route: 'first-class-mail',
      },
    ]);
    expect(result.stale[0]!.current.address?.street).toBe(intended[0]!.address!.street);
    expect(result.deliverable).toHaveLength(19);
  });

  it('sends a letter when only the postal address still matches, ignoring case, punctuation and ZIP+4', () => {
    const { accounts, intended, update } = setUp();
    update(1, { PersonEmail: 'new.zztest@example.com' });
    const entry = intended[1]!;
    const sloppy = {
      ...entry,
      address: {
        ...entry.address!,
        street: `${entry.address!.street.toUpperCase()}.`,
        postalCode: `${entry.address!.postalCode}-0001`,
      },
    };
    const result = reconcileRecipients([sloppy], accounts());
    expect(result.deliverable).toEqual([
      { patientId: entry.patientId, channel: 'first-class-mail', address: entry.address },
    ]);
  });

  it('sends a moved patient to substitute notice when the CRM has no complete address either', () => {
    const { accounts, intended, update } = setUp();
    update(2, { PersonEmail: 'new.zztest@example.com', PersonMailingStreet: null });
    const result = reconcileRecipients([{ ...intended[2]!, email: 'old.zztest@example.com' }], accounts());
    expect(result.stale).toEqual([
      expect.objectContaining({ route: 'substitute-notice', current: { email: 'new.zztest@example.com' } }),
    ]);
    expect(result.substitute).toMatchObject({ count: 1, method: 'alternative-written-or-telephone' });
  });

  it('counts patients with no contact details or no CRM account as missing, once each', () => {
    const { accounts, intended, update } = setUp();
    update(3, { PersonEmail: null, PersonMailingStreet: null });
    const ghost = { patientId: 'not-a-patient', email: 'ghost.zztest@example.com' };
    const result = reconcileRecipients([intended[3]!, ghost, ghost], accounts());
    expect(result.missing).toEqual([
      { patientId: intended[3]!.patientId, reason: 'the CRM holds no e-mail or complete mailing address' },
      { patientId: 'not-a-patient', reason: 'no CRM account for this patient' },
    ]);
    expect(result.substitute.count).toBe(2);
  });

  it('switches to web posting or media once ten people cannot be reached', () => {
    const { accounts, intended, update } = setUp();
    for (let index = 0; index < 10; index++) update(index, { PersonEmail: null, PersonMailingStreet: null });
    const result = reconcileRecipients(intended, accounts());
    expect(result.missing).toHaveLength(10);
    expect(result.substitute).toMatchObject({
      count: 10,
      method: 'web-posting-or-major-media',
      tollFreeDays: 90,
    });
  });
});

describe('substituteNoticeRule', () => {
  it('allows alternative written notice or telephone below ten people', () => {
    expect(substituteNoticeRule(9)).toEqual({
      count: 9,
      method: 'alternative-written-or-telephone',
      options: ['an alternative form of written notice', 'telephone', 'other means'],
      postingDays: 0,
      tollFreeDays: 0,
      basis: '45 CFR 164.404(d)(2)(i)',
    });
  });

  it('requires a 90-day home-page posting or major media, and a toll-free number for 90 days, from ten', () => {
    expect(substituteNoticeRule(10)).toEqual({
      count: 10,
      method: 'web-posting-or-major-media',
      options: [
        'a conspicuous posting on the home page of the website for 90 days',
        'a conspicuous notice in major print or broadcast media where the individuals likely reside',
      ],
      postingDays: 90,
      tollFreeDays: 90,
      basis: '45 CFR 164.404(d)(2)(ii)',
    });
  });

  it('needs nothing for nobody and refuses a count that is not a whole number', () => {
    expect(substituteNoticeRule(0).method).toBe('none');
    expect(() => substituteNoticeRule(-1)).toThrow(RangeError);
    expect(() => substituteNoticeRule(2.5)).toThrow(RangeError);
  });
});
