import { describe, expect, it } from 'vitest';
import { assessBreach } from '../../src/breach/assess.ts';
import { computeObligations, type DeadlineOptions } from '../../src/breach/deadlines.ts';
import type { StateLaw } from '../../src/breach/state-laws.ts';
import type { IncidentFacts, Obligation } from '../../src/breach/types.ts';

/** A presumed breach (unknown outsider, SSNs viewed) in a state with no table entry (OR). */
function incident(overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    discoveredAt: '2026-03-04T07:00-05:00',
    phiTypes: ['name', 'ssn'],
    individualsByState: { OR: 40 },
    recipient: 'unknown-outside-party',
    acquiredOrViewed: true,
    encrypted: false,
    keyCompromised: false,
    destroyed: false,
    mitigation: [],
    contactInfoMissing: 0,
    urgent: false,
    ...overrides,
  };
}

function obligations(overrides: Partial<IncidentFacts> = {}, options?: DeadlineOptions): Obligation[] {
  const facts = incident(overrides);
  return computeObligations(facts, assessBreach(facts), options);
}

function due(list: Obligation[], id: string): string | undefined {
  return list.find((obligation) => obligation.id === id)?.dueAt;
}

describe('federal deadlines', () => {
  it.each([
    // 2028 leap year: Jan 1 + 30 = Jan 31, + 29 = Feb 29 (59), + 1 = Mar 1. Log: Dec 31 2028 + 31 = Jan 31,
    // + 28 = Feb 28 2029 (59), + 1 = Mar 1 2029.
    ['2028-01-01T09:00-05:00', '2028-03-01T23:59:59-05:00', '2029-03-01T23:59:59-05:00'],
    // 2027: Jan 1 + 30 = Jan 31, + 28 = Feb 28 (58), + 2 = Mar 2. Log: Dec 31 2027 + 31 = Jan 31, + 29 = Feb 29 2028.
    ['2027-01-01T09:00-05:00', '2027-03-02T23:59:59-05:00', '2028-02-29T23:59:59-05:00'],
    // New Year's Day just after midnight: still the 2027 calendar, same as above.
    ['2027-01-01T00:30-05:00', '2027-03-02T23:59:59-05:00', '2028-02-29T23:59:59-05:00'],
    // Dec 31 2026 + 31 = Jan 31, + 28 = Feb 28 (59), + 1 = Mar 1 2027, for the notice and the 2026 log alike.
    ['2026-12-31T23:30-05:00', '2027-03-01T23:59:59-05:00', '2027-03-01T23:59:59-05:00'],
    // Dec 31 2027 + 31 = Jan 31, + 29 = Feb 29 2028 (leap), for both.
    ['2027-12-31T12:00-05:00', '2028-02-29T23:59:59-05:00', '2028-02-29T23:59:59-05:00'],
  ])('discovered %s: individuals by %s, annual log by %s', (discoveredAt, individual, log) => {
    const list = obligations({ discoveredAt });
    expect(due(list, 'individual')).toBe(individual);
    expect(due(list, 'secretary-annual-log')).toBe(log);
    expect(due(list, 'secretary')).toBeUndefined();
  });

  it('counts on the covered entity’s calendar when its zone is given', () => {
    // 2027-01-01T05:30Z is 21:30 on Dec 31 2026 in Los Angeles: notice Dec 31 + 60 = Mar 1 2027, and the
    // annual log is for 2026 (also Mar 1 2027). Without the zone, the written date (Jan 1 2027) counts.
    const zoned = obligations({ discoveredAt: '2027-01-01T05:30Z' }, { entityZone: 'America/Los_Angeles' });
    expect(due(zoned, 'individual')).toBe('2027-03-01T23:59:59-08:00');
    expect(due(zoned, 'secretary-annual-log')).toBe('2027-03-01T23:59:59-08:00');
    expect(due(obligations({ discoveredAt: '2027-01-01T05:30Z' }), 'individual')).toBe(
      '2027-03-02T23:59:59+00:00',
    );
    // Mar 4 + 60 = May 3, when New York is on daylight time.
    const ny = obligations({}, { entityZone: 'America/New_York' });
    expect(due(ny, 'individual')).toBe('2026-05-03T23:59:59-04:00');
  });

  it.each<[Record<string, number>, string[]]>([
    // Media needs MORE than 500 in one state; the Secretary is told with the notices at 500 OR MORE in total.
    [{ OR: 499 }, ['individual', 'secretary-annual-log']],
    [{ OR: 500 }, ['individual', 'secretary']],
    [{ OR: 501 }, ['individual', 'media:OR', 'secretary']],
    [{ OR: 300, NV: 300 }, ['individual', 'secretary']],
    [{ OR: 501, NV: 501 }, ['individual', 'media:NV', 'media:OR', 'secretary']],
  ])('%o → %o', (individualsByState, ids) => {
    const list = obligations({ individualsByState });
    expect(list.map((obligation) => obligation.id).sort()).toEqual(ids);
    // Mar 4 + 27 = Mar 31, + 30 = Apr 30 (57), + 3 = May 3; media and the Secretary share the notices' date.
    for (const obligation of list.filter((item) => item.kind !== 'secretary-annual-log')) {
      expect(obligation.dueAt).toBe('2026-05-03T23:59:59-05:00');
    }
  });

  it('gives a business associate 60 days from its own discovery', () => {
    // Feb 20 + 8 = Feb 28, + 31 = Mar 31 (39), + 21 = Apr 21 (60).
    const list = obligations({ businessAssociateDiscoveredAt: '2026-02-20T09:00-06:00' });
    const ba = list.find((obligation) => obligation.kind === 'business-associate-to-covered-entity')!;
    expect(ba).toMatchObject({
      dueAt: '2026-04-21T23:59:59-06:00',
      recipient: 'covered entity',
      basis: '45 CFR 164.410(b)',
    });
    expect(list.indexOf(ba)).toBe(0);
  });

  it.each([
    [9, ['substitute-notice'], '45 CFR 164.404(d)(2)(i)'],
    [10, ['substitute-notice', 'toll-free-number'], '45 CFR 164.404(d)(2)(ii)'],
  ])('substitute notice for %i unreachable individuals', (contactInfoMissing, ids, basis) => {
    const list = obligations({ contactInfoMissing });
    const found = list.filter((obligation) =>
      ['substitute-notice', 'toll-free-number'].includes(obligation.kind),
    );
    expect(found.map((obligation) => obligation.id)).toEqual(ids);
    expect(found[0]).toMatchObject({
      basis,
      individuals: contactInfoMissing,
      dueAt: '2026-05-03T23:59:59-05:00',
    });
    if (contactInfoMissing >= 10) expect(found[1]!.note).toContain('90 days [M]');
  });

  it('adds telephone notice when misuse is imminent', () => {
    const phone = obligations({ urgent: true }).find((obligation) => obligation.kind === 'telephone-urgent');
    expect(phone).toMatchObject({ basis: '45 CFR 164.404(d)(3)', dueAt: '2026-05-03T23:59:59-05:00' });
  });
});

describe('law-enforcement delay', () => {
  it.each<[string, IncidentFacts['lawEnforcementDelay'], string]>([
    // Written, Mar 6 until Apr 30: 25 + 30 = 55 days; May 3 + 28 = May 31, + 27 = Jun 27.
    [
      'written',
      { kind: 'written', requestedAt: '2026-03-06T09:00-05:00', until: '2026-04-30T00:00-05:00' },
      '2026-06-27T23:59:59-05:00',
    ],
    // Oral on Mar 10, nothing in writing: at most 30 days; May 3 + 28 = May 31, + 2 = Jun 2.
    ['oral', { kind: 'oral', requestedAt: '2026-03-10T09:00-05:00' }, '2026-06-02T23:59:59-05:00'],
    // Oral on Mar 10, written until May 1: 21 + 30 + 1 = 52 days; May 3 + 28 = May 31, + 24 = Jun 24.
    [
      'oral then written',
      { kind: 'oral', requestedAt: '2026-03-10T09:00-05:00', writtenUntil: '2026-05-01T00:00-05:00' },
      '2026-06-24T23:59:59-05:00',
    ],
  ])('%s moves the individual deadline to %s', (_, lawEnforcementDelay, expected) => {
    const list = obligations({ lawEnforcementDelay, individualsByState: { OR: 600 } });
    expect(due(list, 'individual')).toBe(expected);
    expect(due(list, 'secretary')).toBe(expected);
    expect(due(list, 'media:OR')).toBe(expected);
    expect(list.find((obligation) => obligation.id === 'individual')!.note).toContain('164.412');
  });

  // 45 CFR 164.412: notice is delayed for the stated period (written) or at most 30 days (oral); the
  // engine reads "delay" as tolling a running clock, so a delay outside a deadline's clock moves nothing.
  it('does not revive a deadline that passed before the request, nor move a log whose clock starts later', () => {
    // Requested May 10, after the May 3 notice deadline: no change. The 2026 log's clock starts Dec 31 2026,
    // after the delay ended on Jun 1: no change either (Mar 1 2027).
    const lawEnforcementDelay = {
      kind: 'written' as const,
      requestedAt: '2026-05-10T09:00-05:00',
      until: '2026-06-01T00:00-05:00',
    };
    const list = obligations({ lawEnforcementDelay });
    expect(due(list, 'individual')).toBe('2026-05-03T23:59:59-05:00');
    expect(list[0]!.note).toContain('does not move it');
    expect(due(list, 'secretary-annual-log')).toBe('2027-03-01T23:59:59-05:00');
    expect(list.find((o) => o.id === 'secretary-annual-log')!.note).toContain('ended before');
  });

  it('moves a September notice by an oral 30-day delay but not the following March’s annual log', () => {
    // Discovered Thu Sep 10 2026: Sep 10 + 60 = Nov 9. Oral on Sep 15 → Oct 15: 30 days → Dec 9.
    const list = obligations({
      discoveredAt: '2026-09-10T09:00-05:00',
      lawEnforcementDelay: { kind: 'oral', requestedAt: '2026-09-15T09:00-05:00' },
    });
    expect(due(list, 'individual')).toBe('2026-12-09T23:59:59-05:00');
    expect(due(list, 'secretary-annual-log')).toBe('2027-03-01T23:59:59-05:00');
  });

  it('tolls a long written delay only for the days each clock was running', () => {
    // Sep 10 2026 + 60 = Nov 9; stopped Sep 15 with 55 days left (15 + 31 + 9), until Jun 30 2030 → Aug 24 2030.
    // The 2026 log's clock starts Dec 31 2026 and is stopped at once: 60 days after Jun 30 2030 → Aug 29 2030.
    const list = obligations({
      discoveredAt: '2026-09-10T09:00-05:00',
      lawEnforcementDelay: {
        kind: 'written',
        requestedAt: '2026-09-15T09:00-05:00',
        until: '2030-06-30T00:00-05:00',
      },
    });
    expect(due(list, 'individual')).toBe('2030-08-24T23:59:59-05:00');
    expect(due(list, 'secretary-annual-log')).toBe('2030-08-29T23:59:59-05:00');
  });

  it('tolls an oral request dated before discovery only from discovery', () => {
    // Oral on Mar 1, discovery Mar 4: the 30 days run to Mar 31, tolling Mar 4 → Mar 31 = 27 days; May 3 + 27 = May 30.
    const list = obligations({
      lawEnforcementDelay: { kind: 'oral', requestedAt: '2026-03-01T09:00-05:00' },
    });
    expect(due(list, 'individual')).toBe('2026-05-30T23:59:59-05:00');
    expect(list.find((o) => o.id === 'individual')!.note).toContain('tolling only from discovery');
  });

  it('restarts a business-day count after the delay', () => {
    // Mar 4 + 55 = Apr 28 (Tue); 15 CA business days: Apr 29, 30, May 1 | 4–8 | 11–15 | 18, 19 → May 19.
    const lawEnforcementDelay = {
      kind: 'written' as const,
      requestedAt: '2026-03-06T09:00-05:00',
      until: '2026-04-30T00:00-05:00',
    };
    const list = obligations({ lawEnforcementDelay, individualsByState: { CA: 10 } });
    expect(due(list, 'state-individual:CA')).toBe('2026-05-19T23:59:59-07:00');
  });
});

describe('state laws', () => {
  it('computes every affected state and sorts by the moment each falls due', () => {
    // Discovery Wed Mar 4 2026 07:00 EST. CA: 15 business days (Mar 5,6 | 9–13 | 16–20 | 23–25) → Mar 25 PDT.
    // CO and the TX/CO AGs: Mar 4 + 30 = Apr 3, each ending in its own zone (MDT, CDT).
    // HIPAA and TX's 60 days: May 3 — HIPAA at -05:00 and TX in Chicago (CDT, -05:00) end at the same instant.
    // FL, NY and WA deem a HIPAA entity's HIPAA notice compliant: HIPAA's instant, in their zones.
    const list = obligations({
      individualsByState: { CA: 320, NY: 501, CO: 500, WA: 500, TX: 250, FL: 499 },
    });
    expect(list.map((obligation) => [obligation.id, obligation.dueAt])).toEqual([
      ['state-individual:CA', '2026-03-25T23:59:59-07:00'],
      ['state-regulator:CA:cdph', '2026-03-25T23:59:59-07:00'],
      ['state-regulator:TX', '2026-04-03T23:59:59-05:00'],
      ['state-individual:CO', '2026-04-03T23:59:59-06:00'],
      ['state-regulator:CO', '2026-04-03T23:59:59-06:00'],
      ['individual', '2026-05-03T23:59:59-05:00'],
      ['media:NY', '2026-05-03T23:59:59-05:00'],
      ['secretary', '2026-05-03T23:59:59-05:00'],
      ['state-individual:FL', '2026-05-04T00:59:59-04:00'],
      ['state-individual:NY', '2026-05-04T00:59:59-04:00'],
      ['state-individual:TX', '2026-05-03T23:59:59-05:00'],
      ['state-individual:WA', '2026-05-03T21:59:59-07:00'],
      ['state-regulator:FL:copy', '2026-05-04T00:59:59-04:00'],
      ['state-regulator:NY', '2026-05-04T00:59:59-04:00'],
      ['state-regulator:NY:ag-after-hhs', '2026-05-08T23:59:59-04:00'],
    ]);
    // Thresholds: CO's AG at ≥ 500 is owed at exactly 500; WA's (> 500) and FL's (≥ 500 with 499) are not.
    expect(list.find((obligation) => obligation.id === 'state-individual:TX')!.note).toContain('same moment');
    const times = list.map((obligation) => Date.parse(obligation.dueAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('lets California’s 15 business days win across a weekend and Cesar Chavez Day', () => {
    // Thu Mar 19: Mar 20 | 23–27 | 30, (31 holiday), Apr 1–3 | 6–10 → Fri Apr 10. HIPAA: Mar 19 + 60 = May 18.
    const list = obligations({ discoveredAt: '2026-03-19T10:00-07:00', individualsByState: { CA: 320 } });
    const ca = list.find((obligation) => obligation.id === 'state-individual:CA')!;
    expect(ca).toMatchObject({
      dueAt: '2026-04-10T23:59:59-07:00',
      basis: 'Cal. Health & Safety Code §1280.15',
    });
    expect(ca.note).toContain("earlier than HIPAA's 2026-05-18, so the state deadline governs");
    expect(due(list, 'state-regulator:CA:ag')).toBeUndefined();
  });

  it('names the stricter date where it skipped the contested day after Thanksgiving (Gov. Code §6700 vs §19853)', () => {
    // Fri Nov 20 2026: Nov 23–25 | (26 Thanksgiving, 27 skipped) | Nov 30–Dec 4 | Dec 7–11 | Dec 14, 15 → Dec 15.
    // Counting Nov 27: Nov 23–25, 27 | Nov 30–Dec 4 | Dec 7–11 | Dec 14 → Dec 14.
    const list = obligations({ discoveredAt: '2026-11-20T10:00-08:00', individualsByState: { CA: 12 } });
    const ca = list.find((obligation) => obligation.id === 'state-individual:CA')!;
    expect(ca.dueAt).toBe('2026-12-15T23:59:59-08:00');
    expect(ca.note).toContain('unsettled: counting 2026-11-27 as a business day would end it on 2026-12-14');
  });

  it('starts a state clock on the state’s own calendar across a year end', () => {
    // 01:00 EST Jan 1 2027 is 22:00 PST Dec 31 2026. 15 CA business days from Dec 31: (Jan 1 holiday) 4–8 | 11–15 |
    // (18 MLK) 19–22 | 25 → Mon Jan 25.
    const list = obligations({ discoveredAt: '2027-01-01T01:00-05:00', individualsByState: { CA: 501 } });
    expect(due(list, 'state-individual:CA')).toBe('2027-01-25T23:59:59-08:00');
    // More than 500 Californians: the AG's sample copy goes with the notices.
    expect(due(list, 'state-regulator:CA:ag')).toBe('2027-01-25T23:59:59-08:00');
  });

  it('keeps HIPAA when it is earlier, shown in the state’s zone', () => {
    // Entity in New York: HIPAA ends May 3 23:59:59 EDT = 22:59:59 CDT, an hour before TX's own May 3 ends.
    const list = obligations({ individualsByState: { TX: 10 } }, { entityZone: 'America/New_York' });
    const tx = list.find((obligation) => obligation.id === 'state-individual:TX')!;
    // The state statute still sets the obligation, so the report cites it (Tex. Bus. & Com. Code §521.053).
    expect(tx).toMatchObject({ dueAt: '2026-05-03T22:59:59-05:00', basis: 'Tex. Bus. & Com. Code §521.053' });
    expect(tx.note).toContain('is earlier and governs');
  });

  it('takes the table from options, and a law without a fixed day leaves HIPAA as the limit', () => {
    const oregon: StateLaw = {
      state: 'OR',
      name: 'Oregon',
      citation: 'test citation',
      confidence: '[M]',
      individual: { kind: 'most-expedient' },
      regulators: [],
      timeZone: 'America/Los_Angeles',
      holidays: [],
      note: 'test row',
      source: 'test source',
      version: 'test',
      unsettled: [],
    };
    const list = obligations({}, { laws: [oregon] });
    const row = list.find((obligation) => obligation.id === 'state-individual:OR')!;
    expect(row.dueAt).toBe('2026-05-03T21:59:59-07:00');
    expect(row.note).toContain('outer limit');
    expect(list.find((obligation) => obligation.id === 'individual')!.note).not.toContain(
      'no state-law entry',
    );
    expect(obligations().find((obligation) => obligation.id === 'individual')!.note).toContain(
      'no state-law entry for OR',
    );
  });
});
