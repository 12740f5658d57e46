import { describe, expect, it } from 'vitest';
import { assessBreach, MITIGATION } from '../../src/breach/assess.ts';
import { computeObligations } from '../../src/breach/deadlines.ts';
import type { AssessmentOutcome, IncidentFacts } from '../../src/breach/types.ts';

function incident(overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    discoveredAt: '2026-03-04T07:00-05:00',
    phiTypes: ['name', 'ssn', 'diagnosis'],
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

/** Facts where every factor of 164.402(2) points to a low probability of compromise. */
const benign: Partial<IncidentFacts> = {
  phiTypes: ['name', 'appointment'],
  recipient: 'known-outside-party',
  acquiredOrViewed: false,
  mitigation: [`${MITIGATION.attestedDeletion} on 2026-03-05 (signed)`],
};

describe('assessBreach', () => {
  it.each<[string, Partial<IncidentFacts>, AssessmentOutcome, boolean, string]>([
    ['unknown outsider, sensitive PHI', {}, 'presumed-breach', true, '45 CFR 164.402(2)'],
    [
      'good-faith workforce access',
      { recipient: 'workforce-good-faith' },
      'exception-good-faith-workforce',
      false,
      '45 CFR 164.402(1)(i)',
    ],
    [
      'inadvertent disclosure between authorized persons',
      { recipient: 'authorized-person-same-entity' },
      'exception-inadvertent-authorized',
      false,
      '45 CFR 164.402(1)(ii)',
    ],
    [
      'recipient could not retain it',
      { recipient: 'known-outside-party', acquiredOrViewed: false, mitigation: [MITIGATION.couldNotRetain] },
      'exception-could-not-retain',
      false,
      '45 CFR 164.402(1)(iii)',
    ],
    [
      'encrypted, key safe',
      { encrypted: true },
      'secured-phi',
      false,
      'HHS guidance 74 FR 19006 (encrypted per 164.304, key not compromised)',
    ],
    [
      'destroyed',
      { destroyed: true },
      'secured-phi',
      false,
      '45 CFR 164.402 (unsecured protected health information)',
    ],
    [
      'encrypted, key compromised',
      { encrypted: true, keyCompromised: true },
      'presumed-breach',
      true,
      'HHS guidance 74 FR 19006 (encryption key compromised: PHI unsecured)',
    ],
    ['every factor low', benign, 'low-probability-of-compromise', false, '45 CFR 164.402(2)(i)–(iv)'],
  ])('%s → %s', (_, overrides, outcome, notifiable, basis) => {
    const assessment = assessBreach(incident(overrides));
    expect(assessment.outcome).toBe(outcome);
    expect(assessment.notifiable).toBe(notifiable);
    expect(assessment.basis).toContain(basis);
    expect(assessment.factors.map((factor) => factor.factor)).toEqual([
      'nature-and-extent',
      'recipient',
      'acquired-or-viewed',
      'mitigation',
    ]);
  });

  it.each<[string, Partial<IncidentFacts>]>([
    ['sensitive identifiers', { phiTypes: ['name', 'ssn'] }],
    ['name with birth date', { phiTypes: ['name', 'birth-date'] }],
    ['no PHI types recorded', { phiTypes: [] }],
    ['an unknown recipient', { recipient: 'unknown-outside-party' }],
    ['a public posting', { recipient: 'public' }],
    ['PHI viewed', { acquiredOrViewed: true }],
    ['mitigation without assurance', { mitigation: ['asked the recipient to delete it'] }],
  ])('one factor against (%s) keeps the presumption of breach', (_, change) => {
    const assessment = assessBreach(incident({ ...benign, ...change }));
    expect(assessment.outcome).toBe('presumed-breach');
    expect(assessment.factors.filter((factor) => factor.raisesRisk)).toHaveLength(1);
  });

  it('does not treat redaction as destruction', () => {
    const assessment = assessBreach(incident({ mitigation: ['paper copies redacted'], destroyed: false }));
    expect(assessment.outcome).toBe('presumed-breach');
    expect(assessment.factors.find((factor) => factor.factor === 'mitigation')?.finding).toContain(
      'redaction is not destruction',
    );
  });

  it('does not grant the could-not-retain exception when the PHI was acquired', () => {
    const assessment = assessBreach(
      incident({ acquiredOrViewed: true, mitigation: [MITIGATION.couldNotRetain] }),
    );
    expect(assessment.outcome).toBe('presumed-breach');
  });

  it('gives no obligations when the PHI was secured, and all of them once the key is compromised', () => {
    const secured = incident({ encrypted: true, individualsByState: { CA: 320, NY: 501 } });
    expect(computeObligations(secured, assessBreach(secured))).toEqual([]);
    const exposed = { ...secured, keyCompromised: true };
    const ids = computeObligations(exposed, assessBreach(exposed)).map((obligation) => obligation.id);
    expect(ids).toEqual(
      expect.arrayContaining(['individual', 'secretary', 'media:NY', 'state-individual:CA']),
    );
  });

  it('gives no obligations under an exception', () => {
    const facts = incident({ recipient: 'workforce-good-faith' });
    expect(computeObligations(facts, assessBreach(facts))).toEqual([]);
  });
});
