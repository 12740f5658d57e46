import type { IncidentFacts, Obligation, Recipient } from '../types.ts';
import { addDays, calendarDay, listPhrase, longDate, phiPhrase, stateName } from './format.ts';

export interface Organisation {
  name: string;
  /** Toll-free number as it should be printed (`1-800-555-0142`). */
  tollFree: string;
  email: string;
  website: string;
  postalAddress: string;
}

export interface NoticeInput {
  facts: IncidentFacts;
  organisation: Organisation;
  /** When the breach happened (ISO, with offset); absent when it could not be determined. */
  breachDate?: string;
  discoveredAt: string;
  obligation: Obligation;
  /** What happened, in the organisation's own words; without it a sentence is written from the facts. */
  summary?: string;
  /** Release day of a media notice, first day of a web posting. */
  issuedOn?: string;
}

export type NoticeKind = 'individual' | 'media' | 'secretary' | 'substitute-posting';

export interface RenderedNotice {
  kind: NoticeKind;
  subject: string;
  text: string;
}

/** Whose information the text speaks of: the reader's own, or that of patients the reader may be one of. */
interface Voice {
  whose: string;
  reader: string;
  many: boolean;
}
const SECOND_PERSON: Voice = { whose: 'your', reader: 'you', many: false };
const THIRD_PERSON: Voice = { whose: "patients'", reader: 'affected individuals', many: true };

const WHAT_HAPPENED: Record<Recipient, string> = {
  'unknown-outside-party':
    'an unauthorized outside party gained access to systems holding {whose} health information',
  'known-outside-party':
    '{whose} health information was disclosed to an outside party who was not authorized to receive it',
  'workforce-improper':
    'a member of our workforce accessed {whose} health information without authorization or a work-related reason',
  'workforce-good-faith': 'a member of our workforce accessed {whose} health information by mistake',
  'authorized-person-same-entity':
    '{whose} health information was disclosed to a person in our organisation who was not authorized to receive it',
  public: '{whose} health information was exposed in a place where members of the public could view it',
};

function whatHappened(input: NoticeInput, voice: Voice): string {
  const { facts } = input;
  const generated = `${WHAT_HAPPENED[facts.recipient].replace('{whose}', voice.whose)}. ${
    facts.acquiredOrViewed
      ? 'We have evidence that the information was viewed or copied.'
      : 'We have no evidence that the information was viewed, but we cannot rule it out.'
  }`;
  const lines = [input.summary ?? `${generated.charAt(0).toUpperCase()}${generated.slice(1)}`];
  lines.push(
    input.breachDate === undefined
      ? 'We have not been able to determine the date of the breach.'
      : `The breach happened on ${longDate(input.breachDate)}.`,
    `We discovered the breach on ${longDate(input.discoveredAt)}.`,
  );
  if (facts.lawEnforcementDelay) {
    lines.push('Law enforcement asked us to delay this notice so that it would not impede an investigation.');
  }
  return `What happened\n${lines.join(' ')}`;
}

function informationInvolved(facts: IncidentFacts, voice: Voice): string {
  return `What information was involved\nThe information involved included ${voice.whose} ${phiPhrase(facts.phiTypes, voice.many)}.`;
}

function stepsToTake(facts: IncidentFacts, voice: Voice): string {
  const has = (...types: IncidentFacts['phiTypes']) => types.some((type) => facts.phiTypes.includes(type));
  const steps = [
    'Review the statements and Explanation of Benefits forms from your health insurer and report any service you did not receive.',
  ];
  if (has('ssn', 'financial', 'birth-date')) {
    steps.push(
      'Place a free fraud alert or security freeze with the three nationwide credit bureaus (Equifax, Experian and TransUnion), and review your free credit reports for accounts you did not open.',
    );
  }
  if (has('diagnosis', 'treatment', 'mrn', 'insurance-id')) {
    steps.push('Ask us for a copy of your medical record and check it for care you did not receive.');
  }
  if (has('email', 'phone')) {
    steps.push(
      'Be wary of e-mails or calls that ask for personal information; we will never ask for your password.',
    );
  }
  const who =
    voice.reader === 'you'
      ? 'We recommend that you take these steps to protect yourself:'
      : `We recommend that ${voice.reader} take these steps to protect themselves:`;
  return `What you can do\n${who}\n${steps.map((step) => `- ${step}`).join('\n')}`;
}

function ourActions(facts: IncidentFacts): string {
  const mitigation = facts.mitigation.length > 0 ? facts.mitigation : ['secured the information involved'];
  const sentences = [
    'We began investigating as soon as we discovered the breach, to determine what happened and whose information was involved.',
    `To limit harm to the people affected, we have taken these steps: ${listPhrase(mitigation)}.`,
    'To prevent this from happening again, we are reviewing our safeguards, strengthening our access controls and retraining our staff.',
  ];
  return `What we are doing\n${sentences.join(' ')}`;
}

function contact(org: Organisation): string {
  return [
    'For more information',
    `If you have questions, call us toll-free at ${org.tollFree}, e-mail us at ${org.email}, visit ${org.website}, or write to us at ${org.postalAddress}.`,
  ].join('\n');
}

function body(input: NoticeInput, voice: Voice): string[] {
  return [
    whatHappened(input, voice),
    informationInvolved(input.facts, voice),
    stepsToTake(input.facts, voice),
    ourActions(input.facts),
    contact(input.organisation),
  ];
}

/** The letter or e-mail to each individual (164.404(c)). */
export function individualNotice(input: NoticeInput): RenderedNotice {
  const { organisation: org, facts } = input;
  const opening = [
    `We are writing to tell you about a breach that involved your health information at ${org.name}.`,
  ];
  if (facts.urgent) opening.push('Because this information could be misused soon, we are also calling you.');
  const text = ['Dear Patient,', opening.join(' '), ...body(input, SECOND_PERSON), `Sincerely,\n${org.name}`];
  return {
    kind: 'individual',
    subject: `Notice of a data breach involving your health information at ${org.name}`,
    text: `${text.join('\n\n')}\n`,
  };
}

/** The release to prominent media outlets in a state with more than 500 affected residents (164.406). */
export function mediaNotice(input: NoticeInput): RenderedNotice {
  const { organisation: org, obligation, facts } = input;
  const state = stateName(obligation.jurisdiction);
  const residents =
    obligation.kind === 'media'
      ? obligation.individuals
      : (facts.individualsByState[obligation.jurisdiction] ?? 0);
  const headline = `${org.name} notifies ${residents} ${state} residents of a breach of health information`;
  const text = [
    'FOR IMMEDIATE RELEASE',
    input.issuedOn === undefined ? undefined : longDate(input.issuedOn),
    `To: prominent media outlets serving ${state}`,
  ].filter((line) => line !== undefined);
  const paragraphs = [
    text.join('\n'),
    headline,
    `${org.name} is notifying ${residents} residents of ${state} whose health information was involved in a breach.`,
    ...body(input, THIRD_PERSON),
  ];
  return { kind: 'media', subject: headline, text: `${paragraphs.join('\n\n')}\n` };
}

/**
 * The home-page posting used as substitute notice for 10 or more people who could not be reached
 * (164.404(d)(2)(ii)): the 164.404(c) content, 90 days on the page, and a toll-free number kept
 * for 90 days so people can learn whether their information was involved.
 */
export function substitutePosting(input: NoticeInput): RenderedNotice {
  const { organisation: org } = input;
  const period =
    input.issuedOn === undefined
      ? 'for 90 days from the day it is first posted'
      : `for 90 days, from ${longDate(input.issuedOn)} through ${longDate(addDays(calendarDay(input.issuedOn), 89))}`;
  const paragraphs = [
    `Notice of a data breach at ${org.name}`,
    `We were unable to reach some patients whose health information was involved in a breach, because the contact information we have for them is out of date. This notice will stay on our home page ${period}.`,
    `Our toll-free number, ${org.tollFree}, will remain active for at least 90 days; call it to find out whether your information was involved.`,
    ...body(input, THIRD_PERSON),
  ];
  return {
    kind: 'substitute-posting',
    subject: `Notice of a data breach at ${org.name}`,
    text: `${paragraphs.join('\n\n')}\n`,
  };
}
