import { describe, expect, it } from 'vitest';
import { PHI_TYPES, RECIPIENTS } from '../../src/breach/kinds.ts';
import { checkNoticeContent } from '../../src/breach/notices/content-check.ts';
import { secretarySummary } from '../../src/breach/notices/secretary.ts';
import {
  individualNotice,
  mediaNotice,
  type NoticeInput,
  substitutePosting,
} from '../../src/breach/notices/templates.ts';
import type { IncidentFacts, Obligation, PhiType } from '../../src/breach/types.ts';

const facts: IncidentFacts = {
  discoveredAt: '2026-03-04T09:15:00-05:00',
  phiTypes: ['name', 'birth-date', 'ssn', 'diagnosis'],
  individualsByState: { NY: 620, CA: 40 },
  recipient: 'unknown-outside-party',
  acquiredOrViewed: true,
  encrypted: false,
  keyCompromised: false,
  destroyed: false,
  mitigation: ["revoked the connected app's tokens", 'reset the integration credentials'],
  contactInfoMissing: 12,
  urgent: false,
};

const obligation = (kind: Obligation['kind'], jurisdiction = 'US', individuals = 660): Obligation => ({
  id: jurisdiction === 'US' ? kind : `${kind}:${jurisdiction}`,
  kind,
  jurisdiction,
  recipient: kind,
  dueAt: '2026-05-03T23:59:59-04:00',
  individuals,
  basis: kind === 'media' ? '45 CFR 164.406' : '45 CFR 164.404(b)',
  note: '',
});

const input: NoticeInput = {
  facts,
  organisation: {
    name: 'Riverside Clinic',
    tollFree: '1-800-555-0142',
    email: 'privacy@clinic.example.org',
    website: 'https://www.clinic.example.org/notice',
    postalAddress: 'Privacy Office, 100 Harbor Street, Albany, NY 12207',
  },
  breachDate: '2026-03-03T02:10:00-05:00',
  discoveredAt: facts.discoveredAt,
  obligation: obligation('individual'),
  issuedOn: '2026-03-20',
};

const ALL_TYPES: PhiType[] = [...PHI_TYPES];

describe('notice templates', () => {
  const notices = {
    individual: individualNotice(input),
    media: mediaNotice({ ...input, obligation: obligation('media', 'NY', 620) }),
    'substitute posting': substitutePosting(input),
  };

  it.each(Object.entries(notices))('the %s notice carries every 164.404(c) element', (_kind, notice) => {
    expect(checkNoticeContent(notice.text, facts, { breachDate: input.breachDate })).toEqual({
      ok: true,
      missing: [],
    });
  });

  it.each(ALL_TYPES)('names %s in words the checker recognises, singly and in the plural', (type) => {
    const one = { ...facts, phiTypes: [type] };
    for (const notice of [
      individualNotice({ ...input, facts: one }),
      substitutePosting({ ...input, facts: one }),
    ]) {
      expect(checkNoticeContent(notice.text, one, { breachDate: input.breachDate }).missing).toEqual([]);
    }
  });

  it.each(RECIPIENTS)(
    'describes what happened in words the checker recognises when the recipient is %s',
    (recipient) => {
      const told = { ...facts, recipient };
      const notice = individualNotice({ ...input, facts: told });
      expect(checkNoticeContent(notice.text, told, { breachDate: input.breachDate }).missing).toEqual([]);
    },
  );

  it('says so when the breach date is unknown, and the checker accepts that', () => {
    const { breachDate: _unknown, ...rest } = input;
    const notice = individualNotice(rest);
    expect(notice.text).toContain('We have not been able to determine the date of the breach.');
    expect(checkNoticeContent(notice.text, facts).ok).toBe(true);
  });

  it('formats dates from the inputs alone, so the same input renders the same text', () => {
    expect(individualNotice(input)).toEqual(individualNotice(structuredClone(input)));
    expect(notices.individual.text).toContain('The breach happened on March 3, 2026.');
    expect(notices.individual.text).toContain('We discovered the breach on March 4, 2026.');
    expect(notices['substitute posting'].text).toContain('from March 20, 2026 through June 17, 2026');
    expect(notices['substitute posting'].text).toContain('will remain active for at least 90 days');
  });

  it('addresses the media notice to outlets in the state, with that state’s count', () => {
    expect(notices.media.subject).toBe(
      'Riverside Clinic notifies 620 New York residents of a breach of health information',
    );
    expect(notices.media.text).toContain('To: prominent media outlets serving New York');
  });

  it('uses the organisation’s own account of what happened, and adds telephone notice when urgent', () => {
    const summary =
      'On March 3, 2026, a reporting app exported patient records to a storage bucket that was open to the public.';
    const notice = individualNotice({ ...input, summary, facts: { ...facts, urgent: true } });
    expect(notice.text).toContain(summary);
    expect(notice.text).toContain('we are also calling you');
    expect(checkNoticeContent(notice.text, facts, { breachDate: input.breachDate }).ok).toBe(true);
  });

  it('summarises the 164.408 fields for the Secretary', () => {
    const summary = secretarySummary({
      ...input,
      obligation: obligation('secretary'),
      location: ['Network Server'],
      safeguards: ['role-based access', 'audit logging'],
    });
    expect(summary.subject).toBe('Breach report to the HHS Secretary: Riverside Clinic, 660 individuals');
    expect(summary.text).toContain('Individuals affected:                  660 (CA 40, NY 620)');
    expect(summary.text).toMatch(/Date of breach: +March 3, 2026/);
    expect(summary.text).toMatch(/Date of discovery: +March 4, 2026/);
    expect(summary.text).toMatch(/Type of breach: +Hacking\/IT Incident/);
    expect(summary.text).toMatch(/Location of breached information: +Network Server/);
    expect(summary.text).toMatch(
      /Safeguards in place before the breach: role-based access and audit logging/,
    );
    expect(summary.text).toMatch(/Media notice: +required in NY/);
    expect(summary.text).toContain('filed with the individual notices');
  });

  it('marks a small breach for the annual log', () => {
    const small = { ...facts, individualsByState: { NY: 12 } };
    const summary = secretarySummary({
      ...input,
      facts: small,
      obligation: obligation('secretary-annual-log'),
    });
    expect(summary.text).toContain('annual log of breaches affecting fewer than 500 individuals');
    expect(summary.text).toMatch(/Media notice: +not required/);
  });
});
