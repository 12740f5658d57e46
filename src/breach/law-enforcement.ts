import { addDays, type CivilDate, daysBetween, isCivilDate } from '../clock/civil-date.ts';
import type { LawEnforcementDelay } from './types.ts';

/**
 * 45 CFR 164.412 covers every notice, notification and posting of the subpart. A written statement
 * delays them for the period it states; an oral one, documented with the official's identity, for at
 * most 30 days from the statement unless a written statement follows within that time. The delay is
 * applied as a shift of the clock by the length of the period, so each deadline keeps its own
 * counting rule (calendar or business days) after the delay ends.
 */
export interface DelayShift {
  days: number;
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

export function delayShift(delay: LawEnforcementDelay | undefined): DelayShift | undefined {
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
    const oralEnd = addDays(requestedOn, ORAL_DELAY_MAX_DAYS);
    endsOn = written ?? oralEnd;
    description = written
      ? `oral law-enforcement request of ${requestedOn}, followed by a written statement until ${written} (45 CFR 164.412(a)–(b))`
      : `oral law-enforcement request of ${requestedOn}, documented with the official's identity: at most ${ORAL_DELAY_MAX_DAYS} days, to ${oralEnd} (45 CFR 164.412(b))`;
  }
  // A written statement without a period states no delay; counting none keeps deadlines early.
  if (!endsOn) return undefined;
  return { days: Math.max(0, daysBetween(requestedOn, endsOn)), requestedOn, endsOn, description };
}

/**
 * Computes a due date with the delay applied when the request came on or before the undelayed due
 * date (a request after a deadline passed cannot revive it). `due(shift)` counts from the clock start
 * moved by `shift` days.
 */
export function withDelay(
  due: (shiftDays: number) => CivilDate,
  shift: DelayShift | undefined,
): { date: CivilDate; note: string } {
  const undelayed = due(0);
  if (!shift || shift.days === 0)
    return { date: undelayed, note: shift ? `${shift.description}: no days added` : '' };
  if (daysBetween(shift.requestedOn, undelayed) < 0) {
    return {
      date: undelayed,
      note: `${shift.description}: made after this deadline, so it does not move it`,
    };
  }
  return { date: due(shift.days), note: `${shift.description}: moved ${shift.days} days from ${undelayed}` };
}
