import {
  addDays,
  type CivilDate,
  endOfDayAtOffset,
  endOfDayInZone,
  localDateIn,
  parseZonedIso,
  yearEnd,
} from '../clock/civil-date.ts';
import { type DelayShift, delayShift, withDelay } from './law-enforcement.ts';
import { STATE_LAWS } from './state-laws.data.ts';
import type { StateLaw } from './state-laws.ts';
import { stateObligations } from './state-obligations.ts';
import { substituteObligations } from './substitute-notice.ts';
import type { BreachAssessment, IncidentFacts, Obligation } from './types.ts';

/**
 * The notification obligations of 45 CFR 164.404–164.412 and the state laws, each with the last
 * lawful moment. Federal deadlines end on the covered entity's calendar day: in `entityZone` when
 * given, otherwise at the offset written in `discoveredAt` (which cannot follow a daylight-saving
 * change, so pass the zone where that matters).
 */
export interface DeadlineOptions {
  laws?: readonly StateLaw[];
  entityZone?: string;
}

export const HIPAA_DAYS = 60;
/** Media notice is owed for MORE than 500 residents of one state (164.406). */
export const MEDIA_THRESHOLD = 500;
/** The Secretary is told with the individual notices at 500 OR MORE in total (164.408(b)). */
export const SECRETARY_THRESHOLD = 500;

/** A day count landing on a calendar date, and the instant that ends it on the entity's calendar. */
export interface FederalClock {
  discoveryMs: number;
  discoveredOn: CivilDate;
  endOfDay: (date: CivilDate) => string;
  shift: DelayShift | undefined;
}

function federalClock(facts: IncidentFacts, entityZone: string | undefined): FederalClock {
  const discovery = parseZonedIso(facts.discoveredAt);
  if (!discovery)
    throw new RangeError(`discoveredAt is not an ISO date-time with offset: ${facts.discoveredAt}`);
  const discoveredOn = entityZone ? localDateIn(discovery.ms, entityZone) : discovery.localDate;
  return {
    discoveryMs: discovery.ms,
    discoveredOn,
    endOfDay: (date) =>
      entityZone ? endOfDayInZone(date, entityZone) : endOfDayAtOffset(date, discovery.offsetMinutes),
    shift: delayShift(facts.lawEnforcementDelay, discoveredOn),
  };
}

function joinNote(...parts: string[]): string {
  return parts.filter((part) => part.length > 0).join('; ');
}

function businessAssociate(facts: IncidentFacts, shift: DelayShift | undefined): Obligation[] {
  if (!facts.businessAssociateDiscoveredAt) return [];
  const found = parseZonedIso(facts.businessAssociateDiscoveredAt);
  if (!found) {
    throw new RangeError(
      `businessAssociateDiscoveredAt is not an ISO date-time with offset: ${facts.businessAssociateDiscoveredAt}`,
    );
  }
  const due = withDelay(
    (shiftDays) => addDays(found.localDate, HIPAA_DAYS + shiftDays),
    shift,
    found.localDate,
  );
  return [
    {
      id: 'business-associate-to-covered-entity',
      kind: 'business-associate-to-covered-entity',
      jurisdiction: 'US',
      recipient: 'covered entity',
      dueAt: endOfDayAtOffset(due.date, found.offsetMinutes),
      individuals: total(facts),
      basis: '45 CFR 164.410(b)',
      note: joinNote(
        `${HIPAA_DAYS} calendar days after the business associate's discovery on ${found.localDate}, naming each individual`,
        'a business associate acting as agent has its discovery imputed to the covered entity (164.404(a)(2))',
        due.note,
      ),
    },
  ];
}

function total(facts: IncidentFacts): number {
  return Object.values(facts.individualsByState).reduce((sum, count) => sum + count, 0);
}

function federal(facts: IncidentFacts, clock: FederalClock, unlisted: string[]): Obligation[] {
  const all = total(facts);
  const individual = withDelay(
    (shift) => addDays(clock.discoveredOn, HIPAA_DAYS + shift),
    clock.shift,
    clock.discoveredOn,
  );
  const dueAt = clock.endOfDay(individual.date);
  const base = { jurisdiction: 'US', dueAt };
  const out: Obligation[] = [
    {
      ...base,
      id: 'individual',
      kind: 'individual',
      recipient: 'individuals',
      individuals: all,
      basis: '45 CFR 164.404(b)',
      note: joinNote(
        `${HIPAA_DAYS} calendar days after discovery on ${clock.discoveredOn}: an outer limit, notice is due without unreasonable delay`,
        unlisted.length > 0
          ? `no state-law entry for ${unlisted.join(', ')}: check those laws separately`
          : '',
        individual.note,
      ),
    },
  ];
  for (const [state, count] of Object.entries(facts.individualsByState)) {
    if (count <= MEDIA_THRESHOLD) continue;
    out.push({
      ...base,
      id: `media:${state}`,
      kind: 'media',
      jurisdiction: state,
      recipient: `prominent media outlets serving ${state}`,
      individuals: count,
      basis: '45 CFR 164.406(b)',
      note: joinNote(`more than ${MEDIA_THRESHOLD} residents of ${state} (${count})`, individual.note),
    });
  }
  if (all >= SECRETARY_THRESHOLD) {
    out.push({
      ...base,
      id: 'secretary',
      kind: 'secretary',
      recipient: 'HHS Secretary',
      individuals: all,
      basis: '45 CFR 164.408(b)',
      note: joinNote(
        `${SECRETARY_THRESHOLD} or more individuals in total (${all}): contemporaneously with the individual notices, via the OCR breach portal`,
        individual.note,
      ),
    });
  } else {
    const yearOf = yearEnd(clock.discoveredOn);
    const log = withDelay((shift) => addDays(yearOf, HIPAA_DAYS + shift), clock.shift, yearOf);
    out.push({
      jurisdiction: 'US',
      dueAt: clock.endOfDay(log.date),
      id: 'secretary-annual-log',
      kind: 'secretary-annual-log',
      recipient: 'HHS Secretary',
      individuals: all,
      basis: '45 CFR 164.408(c)',
      note: joinNote(
        `fewer than ${SECRETARY_THRESHOLD} individuals (${all}): logged, submitted within ${HIPAA_DAYS} days after the end of ${yearOf.slice(0, 4)}`,
        log.note,
      ),
    });
  }
  out.push(...substituteObligations(facts, all, base, individual.note));
  return out;
}

export function computeObligations(
  facts: IncidentFacts,
  assessment: BreachAssessment,
  options: DeadlineOptions = {},
): Obligation[] {
  if (!assessment.notifiable) return [];
  const laws = options.laws ?? STATE_LAWS;
  const clock = federalClock(facts, options.entityZone);
  const affected = Object.entries(facts.individualsByState).filter(([, count]) => count > 0);
  const unlisted = affected
    .map(([state]) => state)
    .filter((state) => !laws.some((law) => law.state === state));
  const out = [...federal(facts, clock, unlisted), ...businessAssociate(facts, clock.shift)];
  const anchors = {
    individual: out.find((obligation) => obligation.id === 'individual')!,
    secretary: out.find(
      (obligation) => obligation.kind === 'secretary' || obligation.kind === 'secretary-annual-log',
    )!,
  };
  out.push(...stateObligations(affected, laws, clock, anchors));
  return out
    .map((obligation) => ({ obligation, ms: Date.parse(obligation.dueAt) }))
    .sort(
      (a, b) =>
        a.ms - b.ms || (a.obligation.id < b.obligation.id ? -1 : a.obligation.id > b.obligation.id ? 1 : 0),
    )
    .map(({ obligation }) => obligation);
}
