import type { IncidentFacts } from '../types.ts';
import {
  BREACH_DATE_UNKNOWN,
  CONTACT,
  DISCOVERY,
  EMAIL,
  ENTITY_ACTIONS,
  EVENT,
  OCCURRENCE,
  PHONE,
  POSTAL,
  SPEAKS_OF_ITSELF,
  STEP,
  TOLL_FREE,
  WEBSITE,
} from './cues.ts';
import { type FoundDate, findDates } from './dates.ts';
import { calendarDay, listPhrase, longDate, PHI_LABELS } from './format.ts';
import { blocks, type Sentence, sentenceAt, sentences } from './passages.ts';
import { phiTypesNamed } from './phi-terms.ts';

export type NoticeElement =
  | 'what-happened'
  | 'breach-date'
  | 'discovery-date'
  | 'phi-types'
  | 'individual-steps'
  | 'entity-actions'
  | 'contact-procedures'
  | 'toll-free';

export interface MissingElement {
  element: NoticeElement;
  reason: string;
}

export interface ContentCheck {
  ok: boolean;
  missing: MissingElement[];
}

export interface NoticeCheckContext {
  /** When the breach happened (ISO); absent when unknown, and then the notice must say so. */
  breachDate?: string;
}

function checkDate(
  element: 'breach-date' | 'discovery-date',
  expected: string,
  dates: readonly FoundDate[],
  all: readonly Sentence[],
  cue: RegExp,
): MissingElement | undefined {
  const day = calendarDay(expected);
  if (dates.some((date) => date.day === day)) return undefined;
  const what = element === 'breach-date' ? 'breach' : 'discovery';
  const wrong = dates.find((date) => cue.test(sentenceAt(all, date.index)));
  return {
    element,
    reason: wrong
      ? `the notice gives ${wrong.text} for the ${what}, but the ${what} date is ${longDate(expected)}`
      : `no date matching the ${what} date (${longDate(expected)}) was found in any format`,
  };
}

function checkBreachUnknown(
  text: string,
  discovery: string,
  dates: readonly FoundDate[],
  all: readonly Sentence[],
): MissingElement | undefined {
  if (BREACH_DATE_UNKNOWN.test(text)) return undefined;
  const dated = dates.some(
    (date) => date.day <= calendarDay(discovery) && OCCURRENCE.test(sentenceAt(all, date.index)),
  );
  if (dated) return undefined;
  return {
    element: 'breach-date',
    reason: 'the breach date is not known, and the notice neither gives one nor says that it is unknown',
  };
}

function checkEntityActions(all: readonly Sentence[]): MissingElement | undefined {
  const own = all.filter((sentence) => SPEAKS_OF_ITSELF.test(sentence.text));
  const absent = (Object.keys(ENTITY_ACTIONS) as Array<keyof typeof ENTITY_ACTIONS>).filter(
    (part) => !own.some((sentence) => ENTITY_ACTIONS[part].test(sentence.text)),
  );
  if (absent.length === 0) return undefined;
  return {
    element: 'entity-actions',
    reason: `no sentence says what the organisation is doing to ${listPhrase(absent.map((part) => (part === 'prevent' ? 'prevent further breaches' : part === 'mitigate' ? 'mitigate harm' : 'investigate')))}`,
  };
}

function checkContact(text: string): MissingElement | undefined {
  const channels = (block: string) => {
    const withoutEmail = block.replace(new RegExp(EMAIL.source, 'g'), ' ');
    return EMAIL.test(block) || WEBSITE.test(withoutEmail) || POSTAL.test(block);
  };
  const contactBlocks = blocks(text).filter((block) => CONTACT.test(block));
  if (contactBlocks.some(channels)) return undefined;
  return {
    element: 'contact-procedures',
    reason:
      contactBlocks.length === 0
        ? 'no passage tells the reader how to ask questions or learn more'
        : 'the contact passage gives no e-mail address, website or postal address',
  };
}

function checkTollFree(text: string): MissingElement | undefined {
  if (TOLL_FREE.test(text)) return undefined;
  const other = PHONE.exec(text);
  return {
    element: 'toll-free',
    reason: other
      ? `the only telephone number (${other[0].trim()}) is not toll-free (800, 833, 844, 855, 866, 877 or 888)`
      : 'no toll-free telephone number was found',
  };
}

/**
 * Reads a notice, written by anyone, for the content 164.404(c) requires, against the facts of the
 * incident. Fails closed: an element the text does not plainly carry is reported missing, with why.
 */
export function checkNoticeContent(
  text: string,
  facts: Pick<IncidentFacts, 'discoveredAt' | 'phiTypes'>,
  context: NoticeCheckContext = {},
): ContentCheck {
  const all = sentences(text);
  const dates = findDates(text);
  const missing: Array<MissingElement | undefined> = [];

  if (!all.some((sentence) => EVENT.every((cue) => cue.test(sentence.text)))) {
    missing.push({
      element: 'what-happened',
      reason: 'no sentence describes what happened (an unauthorized access, disclosure, loss or theft)',
    });
  }
  missing.push(
    context.breachDate === undefined
      ? checkBreachUnknown(text, facts.discoveredAt, dates, all)
      : checkDate('breach-date', context.breachDate, dates, all, OCCURRENCE),
    checkDate('discovery-date', facts.discoveredAt, dates, all, DISCOVERY),
  );

  // Contact lines name e-mail and postal addresses of the organisation, not PHI involved.
  const named = phiTypesNamed(
    all
      .filter((sentence) => !CONTACT.test(sentence.text))
      .map((sentence) => sentence.text)
      .join('\n'),
  );
  const unnamed = facts.phiTypes.filter((type) => !named.has(type));
  if (facts.phiTypes.length === 0) {
    missing.push({
      element: 'phi-types',
      reason: 'the incident records no PHI types to check the notice against',
    });
  } else if (unnamed.length > 0) {
    missing.push({
      element: 'phi-types',
      reason: `the notice does not name ${listPhrase(unnamed.map((type) => `${PHI_LABELS[type][1]} (${type})`))}`,
    });
  }

  if (!all.some((sentence) => STEP.test(sentence.text))) {
    missing.push({
      element: 'individual-steps',
      reason: 'no step the individual can take to protect themselves was found',
    });
  }
  missing.push(checkEntityActions(all), checkContact(text), checkTollFree(text));

  const found = missing.filter((entry) => entry !== undefined);
  return { ok: found.length === 0, missing: found };
}
