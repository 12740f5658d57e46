import { describe, expect, it } from 'vitest';
import { checkNoticeContent, type NoticeCheckContext } from '../../src/breach/notices/content-check.ts';
import { findDates } from '../../src/breach/notices/dates.ts';
import type { PhiType } from '../../src/breach/types.ts';

const facts = {
  discoveredAt: '2026-03-03T10:00:00-05:00',
  phiTypes: ['name', 'birth-date', 'ssn', 'diagnosis'] as PhiType[],
};
const context = { breachDate: '2026-02-27T08:00:00-05:00' };

/** A notice in another organisation's house style: its own headings, date formats and wording. */
const GOOD = `Re: Notice of Data Security Incident

Dear Jordan Sample,

Harbor Health Partners is writing to let you know about an incident that may have affected some of your information.

What Happened? On 02/27/2026, an employee's e-mail account was accessed by an unauthorized person after a phishing message. We learned of this on 3 March 2026.

What Information Was Involved? The mailbox contained your full name, DOB and SSN, as well as information about a health condition you were treated for.

What You Can Do. We encourage you to remain vigilant: review your account statements and the explanation of benefits from your health plan, and consider placing a fraud alert on your credit file.

What We Are Doing. We disabled the account and reset its password the same day, and we launched an investigation with a forensic firm. To prevent similar incidents, we are requiring multi-factor authentication and giving our staff additional training.

Questions?

Please call our dedicated assistance line at (888) 555-0117, Monday to Friday 9 am to 5 pm Pacific, or write to Harbor Health Partners, Attn: Privacy, P.O. Box 4410, Portland, OR 97208.
`;

const elements = (text: string, ctx: NoticeCheckContext = context) =>
  checkNoticeContent(text, facts, ctx).missing.map((m) => m.element);
const reason = (text: string, element: string) =>
  checkNoticeContent(text, facts, context).missing.find((m) => m.element === element)?.reason;

describe('checkNoticeContent', () => {
  it('accepts a complete notice it did not write', () => {
    expect(checkNoticeContent(GOOD, facts, context)).toEqual({ ok: true, missing: [] });
  });

  it('finds nothing in an empty notice: every element is missing', () => {
    expect(elements('')).toEqual([
      'what-happened',
      'breach-date',
      'discovery-date',
      'phi-types',
      'individual-steps',
      'entity-actions',
      'contact-procedures',
      'toll-free',
    ]);
  });

  it('flags a notice whose only number is not toll-free, naming the number', () => {
    const local = GOOD.replace('(888) 555-0117', '(503) 555-0117');
    expect(elements(local)).toEqual(['toll-free']);
    expect(reason(local, 'toll-free')).toBe(
      'the only telephone number ((503) 555-0117) is not toll-free (800, 833, 844, 855, 866, 877 or 888)',
    );
  });

  it('flags missing breach and discovery dates', () => {
    const undated = GOOD.replace('On 02/27/2026, an', 'An').replace(' on 3 March 2026', ' later');
    expect(elements(undated)).toEqual(['breach-date', 'discovery-date']);
    expect(reason(undated, 'discovery-date')).toBe(
      'no date matching the discovery date (March 3, 2026) was found in any format',
    );
  });

  it('says which date is wrong when the notice gives another one', () => {
    const wrong = GOOD.replace('3 March 2026', '13 March 2026');
    expect(elements(wrong)).toEqual(['discovery-date']);
    expect(reason(wrong, 'discovery-date')).toBe(
      'the notice gives 13 March 2026 for the discovery, but the discovery date is March 3, 2026',
    );
  });

  it('flags PHI types the incident involved but the notice does not name', () => {
    const wrongTypes = GOOD.replace(
      'your full name, DOB and SSN, as well as information about a health condition you were treated for',
      'your full name and mailing address',
    );
    expect(elements(wrongTypes)).toEqual(['phi-types']);
    expect(reason(wrongTypes, 'phi-types')).toBe(
      'the notice does not name dates of birth (birth-date), Social Security numbers (ssn) and diagnoses or medical conditions (diagnosis)',
    );
  });

  it('does not count the organisation’s own e-mail address as PHI named', () => {
    const emailFacts = { ...facts, phiTypes: ['email'] as PhiType[] };
    const text = GOOD.replace('or write to', 'e-mail us at privacy@harbor.example.org, or write to');
    expect(checkNoticeContent(text, emailFacts, context).missing.map((m) => m.element)).toEqual([
      'phi-types',
    ]);
  });

  it('flags a notice with no way to get in touch', () => {
    const [before] = GOOD.split('Questions?');
    expect(elements(before!)).toEqual(['contact-procedures', 'toll-free']);
  });

  it('flags a contact passage with a phone number but no e-mail, website or postal address', () => {
    const phoneOnly = GOOD.replace(
      ', or write to Harbor Health Partners, Attn: Privacy, P.O. Box 4410, Portland, OR 97208',
      '',
    );
    expect(elements(phoneOnly)).toEqual(['contact-procedures']);
    expect(reason(phoneOnly, 'contact-procedures')).toBe(
      'the contact passage gives no e-mail address, website or postal address',
    );
  });

  it('accepts a website or an e-mail address in place of a postal address', () => {
    const tail = ', or write to Harbor Health Partners, Attn: Privacy, P.O. Box 4410, Portland, OR 97208';
    expect(elements(GOOD.replace(tail, ', or visit https://harbor.example.org/incident'))).toEqual([]);
    expect(elements(GOOD.replace(tail, ', or e-mail privacy@harbor.example.org'))).toEqual([]);
  });

  it('asks for all three of investigation, mitigation and prevention', () => {
    const partial = GOOD.replace(
      /What We Are Doing\.[^\n]+/,
      'What We Are Doing. We launched an investigation with a forensic firm.',
    );
    expect(elements(partial)).toEqual(['entity-actions']);
    expect(reason(partial, 'entity-actions')).toBe(
      'no sentence says what the organisation is doing to mitigate harm and prevent further breaches',
    );
  });

  it('flags a heading with no steps under it', () => {
    const noSteps = GOOD.replace(/What You Can Do\.[^\n]+/, 'What You Can Do.');
    expect(elements(noSteps)).toEqual(['individual-steps']);
  });

  it('flags a notice that never says what happened', () => {
    const vague = GOOD.replace(
      /What Happened\? On 02\/27\/2026, [^.]+\./,
      'On 02/27/2026, something occurred.',
    );
    expect(elements(vague)).toEqual(['what-happened']);
  });

  it('accepts a vanity toll-free number and the estate’s 1-8XX-555-01XX fiction numbers', () => {
    expect(elements(GOOD.replace('(888) 555-0117', '1-800-555-CARE'))).toEqual([]);
    expect(elements(GOOD.replace('(888) 555-0117', '1-844-555-0199'))).toEqual([]);
    expect(elements(GOOD.replace('(888) 555-0117', '+1 833.555.0100'))).toEqual([]);
  });

  it('needs an unknown breach date to be stated as unknown', () => {
    const unknown = GOOD.replace('On 02/27/2026, an', 'An');
    expect(elements(unknown, {})).toEqual(['breach-date']);
    expect(
      elements(unknown.replace('We learned', 'The date of the breach is not known. We learned'), {}),
    ).toEqual([]);
  });

  it.each([
    '2026-03-03',
    '3/3/2026',
    '03/03/26',
    'March 3, 2026',
    'Tuesday, March 3, 2026',
    'Mar. 3rd, 2026',
    '3 March 2026',
    '3rd of March, 2026',
    'March 1 – 3, 2026',
    'February 27 through March 3, 2026',
  ])('reads the discovery date written as %s', (written) => {
    expect(elements(GOOD.replace('3 March 2026', written))).toEqual([]);
  });
});

describe('findDates', () => {
  it('returns each date once, in order, with both ends of a range', () => {
    const found = findDates('From March 28 through April 2, 2026; reported 2026-04-03 and on 4/5/2026.');
    expect(found.map((date) => date.day)).toEqual(['2026-03-28', '2026-04-02', '2026-04-03', '2026-04-05']);
  });

  it('ignores impossible dates and the verb "may"', () => {
    expect(findDates('Call 13/45/2026 or 2026-02-30; you may 3 times ask.')).toEqual([]);
  });
});
