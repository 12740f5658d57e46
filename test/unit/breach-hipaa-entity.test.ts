import { describe, expect, it } from 'vitest';
import { assessBreach } from '../../src/breach/assess.ts';
import { computeObligations } from '../../src/breach/deadlines.ts';
import { STATE_LAWS, STATE_LAWS_VERSION } from '../../src/breach/state-laws.data.ts';
import type { IncidentFacts, Obligation } from '../../src/breach/types.ts';

// State statutes' provisions for HIPAA covered entities, applied to PHI (the organisation is a covered
// entity): RCW 19.255.010(7), N.Y. Gen. Bus. Law §899-aa(2)(b) and (9), Fla. Stat. §501.171(4)(g).

function obligations(individualsByState: Record<string, number>, discoveredAt = '2026-03-04T07:00-05:00') {
  const facts: IncidentFacts = {
    discoveredAt,
    phiTypes: ['name', 'diagnosis'],
    individualsByState,
    recipient: 'unknown-outside-party',
    acquiredOrViewed: true,
    encrypted: false,
    keyCompromised: false,
    destroyed: false,
    mitigation: [],
    contactInfoMissing: 0,
    urgent: false,
  };
  return computeObligations(facts, assessBreach(facts));
}

function find(list: Obligation[], id: string): Obligation {
  const found = list.find((obligation) => obligation.id === id);
  if (!found) throw new Error(`no ${id} in ${list.map((o) => o.id).join(', ')}`);
  return found;
}

describe('HIPAA-entity provisions of state statutes', () => {
  it('RCW 19.255.010(7): a HIPAA entity complying with HITECH 13402 is deemed compliant, AG on HITECH timing', () => {
    // HIPAA: Mar 4 + 60 = May 3 (23:59:59 -05:00 = 21:59:59 PDT). The statute alone: Mar 4 + 30 = Apr 3.
    const list = obligations({ WA: 600 });
    const individual = find(list, 'state-individual:WA');
    expect(individual).toMatchObject({
      dueAt: '2026-05-03T21:59:59-07:00',
      basis: 'RCW 19.255.010(7)',
      statutory: { dueAt: '2026-04-03T23:59:59-07:00', basis: 'RCW 19.255.010' },
    });
    expect(find(list, 'state-regulator:WA')).toMatchObject({
      dueAt: '2026-05-03T21:59:59-07:00',
      statutory: { dueAt: '2026-04-03T23:59:59-07:00' },
    });
  });

  it('GBL §899-aa(9): the AG hears within 5 business days of the Secretary, also for the annual log', () => {
    // Fewer than 500: the 2026 log is due Mon Mar 1 2027; 5 business days → Mon Mar 8 2027.
    const small = obligations({ NY: 12 });
    expect(find(small, 'secretary-annual-log').dueAt).toBe('2027-03-01T23:59:59-05:00');
    expect(find(small, 'state-regulator:NY:ag-after-hhs')).toMatchObject({
      dueAt: '2027-03-08T23:59:59-05:00',
      basis: 'N.Y. Gen. Bus. Law §899-aa(9)',
    });
    // §899-aa(2)(b): HIPAA notice to individuals suffices; the 30-day date is kept beside it.
    expect(find(small, 'state-individual:NY')).toMatchObject({
      dueAt: '2026-05-04T00:59:59-04:00',
      statutory: { dueAt: '2026-04-03T23:59:59-04:00' },
    });
  });

  it('Fla. Stat. §501.171(4)(g): deemed individual notice with a copy to the department; (3)’s 30 days stay', () => {
    const list = obligations({ FL: 700 });
    expect(find(list, 'state-individual:FL')).toMatchObject({
      basis: 'Fla. Stat. §501.171(4)(g)',
      statutory: { dueAt: '2026-04-03T23:59:59-04:00' },
    });
    expect(find(list, 'state-regulator:FL:copy').dueAt).toBe(find(list, 'state-individual:FL').dueAt);
    expect(find(list, 'state-regulator:FL')).toMatchObject({ dueAt: '2026-04-03T23:59:59-04:00' });
    expect(find(list, 'state-regulator:FL').statutory).toBeUndefined();
  });

  it('keeps a state clock that has no HIPAA carve-out (Colorado’s shortest-period reading, California §1280.15)', () => {
    const list = obligations({ CO: 10, CA: 10 });
    expect(find(list, 'state-individual:CO')).toMatchObject({ dueAt: '2026-04-03T23:59:59-06:00' });
    expect(find(list, 'state-individual:CA')).toMatchObject({ dueAt: '2026-03-25T23:59:59-07:00' });
  });
});

describe('the state-law table', () => {
  it('carries a version, a source and the unsettled readings per row', () => {
    expect(STATE_LAWS_VERSION).toMatch(/^\d{4}\.\d{2}\.\d+$/);
    for (const law of STATE_LAWS) {
      expect(law.source, law.state).toMatch(/^https?:\/\//);
      expect(law.version, law.state).toMatch(/^\d{4}\.\d{2}\.\d+$/);
      for (const point of law.unsettled) expect(point.reading, law.state).toMatch(/^the engine /);
      if (law.hipaaEntity) expect(['[V]', '[S]', '[M]'], law.state).toContain(law.hipaaEntity.confidence);
    }
    const ca = STATE_LAWS.find((law) => law.state === 'CA')!;
    expect(ca.unsettled.map((point) => point.question).join(' ')).toContain('day after Thanksgiving');
  });
});
