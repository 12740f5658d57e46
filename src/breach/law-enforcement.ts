import { addDays, type CivilDate, daysBetween, isCivilDate } from '../clock/civil-date.ts';
import type { LawEnforcementDelay } from './types.ts';

/**
 * 45 CFR 164.412 covers every notice, notification and posting of the subpart. A written statement
 * delays them for the period it states; an oral one, documented with the official's identity, for at
 * most 30 days from the statement unless a written statement follows within that time.
 *
 * The rule says "delay", not "add days", so the engine reads it as tolling: a deadline's clock stops
 * while the delay runs and resumes, with the days it had left, when the delay ends. Hence a delay
 * moves a deadline only when it overlaps that deadline's running clock: one that ended before the
 * clock started (the annual Secretary log, whose clock starts at the end of the calendar year) or
 * began after the deadline passed moves nothing, and one requested before discovery tolls only
 * from discovery, since no clock ran before it. Each deadline keeps its own counting rule (calendar
 * or business days) after the delay ends.
 */
export interface DelayShift {
  /** The first day the delay holds notice back: the request, or discovery when the request came earlier. */
  startsOn: CivilDate;
  requestedOn: CivilDate;
  endsOn: CivilDate;
  description: string;
}

export const ORAL_DELAY_MAX_DAYS = 30;

/** The date as written at the front of an ISO date or date-time (its own local calendar). */
function datePart(text: string | undefined): CivilDate | undefined {
  const date = text?.slice(0, 10);
  return date !== undefined && isCivilDate(date) ? date : undefined;
}

export function delayShift(
  delay: LawEnforcementDelay | undefined,
  discoveredOn: CivilDate,
): DelayShift | undefined {
  if (!delay) return undefined;
  const requestedOn = datePart(delay.requestedAt);
  if (!requestedOn) return undefined;
  let endsOn: CivilDate | undefined;
  let description: string;
  if (delay.kind === 'written') {
    endsOn = datePart(delay.until);
    description = `written law-enforcement statement of ${requestedOn} delays notice until ${endsOn} (45 CFR 164.412(a))`;
  } else {
    const written = datePart(delay.writtenUntil);
    // The 30 days run from the oral statement itself, even when it preceded discovery.
    const oralEnd = addDays(requestedOn, ORAL_DELAY_MAX_DAYS);
    endsOn = written ?? oralEnd;
    description = written
      ? `oral law-enforcement request of ${requestedOn}, followed by a written statement until ${written} (45 CFR 164.412(a)–(b))`
      : `oral law-enforcement request of ${requestedOn}, documented with the official's identity: at most ${ORAL_DELAY_MAX_DAYS} days, to ${oralEnd} (45 CFR 164.412(b))`;
  }
  // A written statement without a period states no delay; counting none keeps deadlines early.
  if (!endsOn) return undefined;
  const startsOn = daysBetween(requestedOn, discoveredOn) > 0 ? discoveredOn : requestedOn;
  if (startsOn !== requestedOn) description += `, tolling only from discovery on ${discoveredOn}`;
  return { startsOn, requestedOn, endsOn, description };
}

/**
 * Computes a due date with the delay applied as tolling. `due(shift)` counts the deadline from its
 * clock start moved by `shift` days; `clockStartsOn` is the day that clock starts (discovery, or the
 * end of the calendar year for the annual log).
 */
export function withDelay(
  due: (shiftDays: number) => CivilDate,
  shift: DelayShift | undefined,
  clockStartsOn: CivilDate,
): { date: CivilDate; note: string } {
  const undelayed = due(0);
  if (!shift) return { date: undelayed, note: '' };
  if (daysBetween(shift.startsOn, undelayed) < 0) {
    return {
      date: undelayed,
      note: `${shift.description}: made after this deadline, so it does not move it`,
    };
  }
  if (daysBetween(clockStartsOn, shift.endsOn) <= 0) {
    return {
      date: undelayed,
      note: `${shift.description}: ended before this deadline's clock started on ${clockStartsOn}, so it does not move it`,
    };
  }
  const tolledFrom = daysBetween(clockStartsOn, shift.startsOn) > 0 ? shift.startsOn : clockStartsOn;
  const days = daysBetween(tolledFrom, shift.endsOn);
  if (days === 0) return { date: undelayed, note: `${shift.description}: no days added` };
  return {
    date: due(days),
    note: `${shift.description}: clock stopped ${days} days from ${tolledFrom}, moved from ${undelayed}`,
  };
}
