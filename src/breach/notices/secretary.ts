import type { IncidentFacts, Recipient } from '../types.ts';
import { listPhrase, longDate, phiPhrase } from './format.ts';
import type { NoticeInput, RenderedNotice } from './templates.ts';

/** The breach categories of the OCR breach portal. */
export type BreachType =
  | 'Hacking/IT Incident'
  | 'Unauthorized Access/Disclosure'
  | 'Theft'
  | 'Loss'
  | 'Improper Disposal'
  | 'Other';

/** Where the breached information was, as the OCR breach portal asks it. */
export type BreachLocation =
  | 'Desktop Computer'
  | 'Electronic Medical Record'
  | 'E-mail'
  | 'Laptop'
  | 'Network Server'
  | 'Other Portable Electronic Device'
  | 'Paper/Films'
  | 'Other';

export interface SecretaryDetails {
  /** Overrides the category read from the recipient (theft and loss are not in the facts). */
  breachType?: BreachType;
  location?: BreachLocation[];
  /** Safeguards in place before the breach (e.g. 'role-based access', 'audit logging'). */
  safeguards?: string[];
}

/** An outside party getting in is an IT incident; everything else the facts record is a disclosure. */
const TYPE_BY_RECIPIENT: Record<Recipient, BreachType> = {
  'unknown-outside-party': 'Hacking/IT Incident',
  'known-outside-party': 'Unauthorized Access/Disclosure',
  'workforce-improper': 'Unauthorized Access/Disclosure',
  'workforce-good-faith': 'Unauthorized Access/Disclosure',
  'authorized-person-same-entity': 'Unauthorized Access/Disclosure',
  public: 'Unauthorized Access/Disclosure',
};

function total(facts: IncidentFacts): number {
  return Object.values(facts.individualsByState).reduce((sum, count) => sum + count, 0);
}

/**
 * The summary of what the Secretary is told through the OCR portal (164.408): a record of the
 * fields, for the person who files it, not a letter. 500 or more affected → filed with the
 * individual notices; fewer → logged and filed within 60 days of the end of the calendar year.
 */
export function secretarySummary(input: NoticeInput & SecretaryDetails): RenderedNotice {
  const { facts, organisation: org, obligation } = input;
  const affected = total(facts);
  const byState = Object.entries(facts.individualsByState)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  const media = Object.entries(facts.individualsByState)
    .filter(([, count]) => count > 500)
    .map(([state]) => state)
    .sort();
  const filing =
    obligation.kind === 'secretary-annual-log'
      ? 'annual log of breaches affecting fewer than 500 individuals'
      : 'report of a breach affecting 500 or more individuals, filed with the individual notices';
  const fields: Array<[string, string]> = [
    ['Covered entity', org.name],
    ['Contact', `${org.tollFree} (toll-free), ${org.email}, ${org.postalAddress}`],
    ['Filing', `${filing}; due ${longDate(obligation.dueAt)} (${obligation.basis})`],
    ['Individuals affected', `${affected} (${byState})`],
    ['Date of breach', input.breachDate === undefined ? 'unknown' : longDate(input.breachDate)],
    ['Date of discovery', longDate(input.discoveredAt)],
    ['Type of breach', input.breachType ?? TYPE_BY_RECIPIENT[facts.recipient]],
    ['Location of breached information', listPhrase(input.location ?? ['Other'])],
    ['Type of PHI involved', phiPhrase(facts.phiTypes, true)],
    ['Safeguards in place before the breach', listPhrase(input.safeguards ?? ['none recorded'])],
    [
      'Actions taken in response',
      listPhrase(facts.mitigation.length > 0 ? facts.mitigation : ['none recorded']),
    ],
    [
      'Substitute notice',
      `${facts.contactInfoMissing} individuals with insufficient or out-of-date contact information`,
    ],
    [
      'Media notice',
      media.length > 0 ? `required in ${media.join(', ')}` : 'not required (no state over 500)',
    ],
  ];
  const width = Math.max(...fields.map(([label]) => label.length));
  const text = [
    `Breach report to the Secretary of Health and Human Services (45 CFR 164.408)`,
    '',
    ...fields.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`),
  ];
  return {
    kind: 'secretary',
    subject: `Breach report to the HHS Secretary: ${org.name}, ${affected} individuals`,
    text: `${text.join('\n')}\n`,
  };
}
