import { addDays, type CivilDate, weekday } from '../clock/civil-date.ts';
import { STATE_LAWS } from './state-laws.data.ts';

/**
 * State breach-notification laws that can be stricter than HIPAA (DOMAIN.md §2). The rows live in
 * `state-laws.data.ts` as versioned data; this file holds their shape and the day counting.
 */

/** DOMAIN.md confidence: [V] verified against the text, [S] secondary source, [M] from memory. */
export type Confidence = '[V]' | '[S]' | '[M]';

export type StateDeadline =
  | { kind: 'calendar-days'; days: number }
  | { kind: 'business-days'; days: number }
  /** "Most expedient time possible": no fixed day, so HIPAA's 60 days stays the outer limit. */
  | { kind: 'most-expedient' }
  /** A regulator copy sent together with the individual notices, on their deadline. */
  | { kind: 'with-individual-notice' }
  /** HITECH §13402's timing: HIPAA's individual deadline (45 CFR 164.404(b)), delays included. */
  | { kind: 'hitech-timing' }
  /** Business days after the HHS Secretary is notified (45 CFR 164.408), counted from its latest lawful day. */
  | { kind: 'after-secretary-notice'; businessDays: number };

/**
 * What a statute says about a HIPAA covered entity's breach of protected health information: it may
 * deem HIPAA-compliant notice compliant with the statute, move its regulator clocks onto HITECH's
 * timing, or add a notice tied to the HHS notice. The engine assumes the organisation is a HIPAA
 * covered entity and the data PHI (phi-drill's premise), applies these provisions, and shows the date
 * the statute alone would set beside the one they give.
 */
export interface HipaaEntityProvision {
  citation: string;
  confidence: Confidence;
  /** `deemed`: HIPAA-compliant individual notice satisfies the statute; `statutory`: the state clock still runs. */
  individual: 'deemed' | 'statutory';
  /** Regulator clocks that replace a rule's own for a HIPAA entity, by rule key. */
  regulators: Record<string, StateDeadline>;
  /** Regulator notices only a HIPAA entity owes (New York's AG notice after the Secretary's). */
  added: RegulatorRule[];
  note: string;
}

/** A point on which the law is unsettled, and the reading the engine takes. */
export interface UnsettledPoint {
  question: string;
  reading: string;
}

export interface RegulatorRule {
  /** Suffix of the obligation id when a state has several regulators (`state-regulator:CA:cdph`). */
  key: string;
  who: string;
  citation: string;
  confidence: Confidence;
  /** Affected residents of the state, compared with `comparison` (`>` 500 vs `>=` 500 differ at 500). */
  threshold: number;
  comparison: '>' | '>=';
  deadline: StateDeadline;
}

export interface StateLaw {
  state: string;
  name: string;
  citation: string;
  /** Confidence of the individual deadline; each regulator rule carries its own. */
  confidence: Confidence;
  individual: StateDeadline;
  regulators: RegulatorRule[];
  /** IANA zone whose calendar day the deadline ends in; multi-zone states use the capital's zone. */
  timeZone: string;
  timeZoneNote?: string;
  /** Days public offices close, for business-day counting (empty where no business-day rule applies). */
  holidays: readonly CivilDate[];
  /** Holidays in `holidays` that a stricter reading would count as business days (see `unsettled`). */
  contestedHolidays?: readonly CivilDate[];
  holidaysSource?: string;
  note: string;
  /** Where the row was read: the official text, or the secondary source its confidence names. */
  source: string;
  /** Table version in which this row last changed. */
  version: string;
  /** Absent when the statute has no HIPAA-entity provision (say so in `note`). */
  hipaaEntity?: HipaaEntityProvision;
  unsettled: UnsettledPoint[];
}

export function lawFor(state: string, laws: readonly StateLaw[] = STATE_LAWS): StateLaw | undefined {
  return laws.find((law) => law.state === state);
}

export function meetsThreshold(
  count: number,
  rule: Pick<RegulatorRule, 'threshold' | 'comparison'>,
): boolean {
  return rule.comparison === '>' ? count > rule.threshold : count >= rule.threshold;
}

export function isBusinessDay(date: CivilDate, holidays: readonly CivilDate[]): boolean {
  const day = weekday(date);
  return day !== 'Sat' && day !== 'Sun' && !holidays.includes(date);
}

/**
 * The n-th business day after `start`: day 1 is the first business day after it, so a Friday start
 * with n = 1 lands on Monday (or Tuesday after a Monday holiday).
 */
export function addBusinessDays(start: CivilDate, days: number, holidays: readonly CivilDate[]): CivilDate {
  let date = start;
  for (let counted = 0; counted < days; ) {
    date = addDays(date, 1);
    if (isBusinessDay(date, holidays)) counted += 1;
  }
  return date;
}

/** Whether the holiday list covers a date's year; outside it, business-day counts are unreliable. */
export function holidaysCover(law: StateLaw, date: CivilDate): boolean {
  const year = date.slice(0, 4);
  return law.holidays.some((holiday) => holiday.startsWith(year));
}

/** Due date of a fixed-day deadline counted from `start`, or undefined for the day-less kinds. */
export function stateDueDate(
  deadline: StateDeadline,
  start: CivilDate,
  law: StateLaw,
): CivilDate | undefined {
  switch (deadline.kind) {
    case 'calendar-days':
      return addDays(start, deadline.days);
    case 'business-days':
      return addBusinessDays(start, deadline.days, law.holidays);
    default:
      return undefined;
  }
}

export function describeDeadline(deadline: StateDeadline): string {
  switch (deadline.kind) {
    case 'calendar-days':
      return `${deadline.days} calendar days`;
    case 'business-days':
      return `${deadline.days} business days`;
    case 'most-expedient':
      return 'the most expedient time possible (no fixed day)';
    case 'with-individual-notice':
      return 'with the individual notices';
    case 'hitech-timing':
      return "HITECH §13402's timing (HIPAA's individual deadline)";
    case 'after-secretary-notice':
      return `${deadline.businessDays} business days after notifying the HHS Secretary`;
  }
}
