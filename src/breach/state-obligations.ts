import { addDays, type CivilDate, endOfDayInZone, formatInZone, localDateIn } from '../clock/civil-date.ts';
import type { FederalClock } from './deadlines.ts';
import { withDelay } from './law-enforcement.ts';
import {
  addBusinessDays,
  describeDeadline,
  holidaysCover,
  meetsThreshold,
  type RegulatorRule,
  type StateDeadline,
  type StateLaw,
  stateDueDate,
} from './state-laws.ts';
import type { Obligation } from './types.ts';

/**
 * Per affected state with a table entry: the individual deadline where state law is stricter than
 * HIPAA (the EARLIER of the two governs for that state's residents, DOMAIN.md §2) and each regulator
 * notice whose threshold the state's count meets. State days are counted on the state's own calendar
 * from the local date of discovery there. A statute's HIPAA-entity provision (deemed compliance,
 * HITECH timing, a notice after the Secretary's) replaces the statute's own clock, and the date that
 * clock would give is kept beside it as `statutory`.
 */

/** The federal obligations state clocks can be tied to. */
export interface FederalAnchors {
  individual: Obligation;
  /** `secretary` (500 or more) or `secretary-annual-log`. */
  secretary: Obligation;
}

interface StateDue {
  dueAt: string;
  note: string;
}

function holidayNote(law: StateLaw, date: CivilDate): string {
  return holidaysCover(law, date)
    ? ''
    : `holiday list does not cover ${date.slice(0, 4)}: only weekends skipped`;
}

/** Where the count skipped a contested holiday, the date the stricter reading (counting it) gives. */
function contestedNote(
  law: StateLaw,
  deadline: StateDeadline,
  start: CivilDate,
  clock: FederalClock,
  date: CivilDate,
): string {
  const contested = law.contestedHolidays ?? [];
  const skipped = contested.filter((day) => day > start && day <= date);
  if (skipped.length === 0) return '';
  const strict = { ...law, holidays: law.holidays.filter((day) => !contested.includes(day)) };
  const stricter = withDelay(
    (shift) => stateDueDate(deadline, addDays(start, shift), strict)!,
    clock.shift,
    start,
  );
  return `unsettled: counting ${skipped.join(', ')} as a business day would end it on ${stricter.date}`;
}

function dueIn(
  law: StateLaw,
  deadline: StateDeadline,
  start: CivilDate,
  clock: FederalClock,
  federal: FederalAnchors,
): StateDue | undefined {
  if (deadline.kind === 'hitech-timing') {
    const day = federal.individual.dueAt.slice(0, 10);
    return {
      dueAt: formatInZone(Date.parse(federal.individual.dueAt), law.timeZone),
      note: `${describeDeadline(deadline)}: ${day}`,
    };
  }
  if (deadline.kind === 'after-secretary-notice') {
    const told = federal.secretary.dueAt.slice(0, 10);
    const date = addBusinessDays(told, deadline.businessDays, law.holidays);
    return {
      dueAt: endOfDayInZone(date, law.timeZone),
      note: [
        `${describeDeadline(deadline)}, whose latest lawful day is ${told} → ${date}; sooner when the Secretary is told sooner`,
        holidayNote(law, date),
      ]
        .filter(Boolean)
        .join('; '),
    };
  }
  if (stateDueDate(deadline, start, law) === undefined) return undefined;
  const due = withDelay((shift) => stateDueDate(deadline, addDays(start, shift), law)!, clock.shift, start);
  return {
    dueAt: endOfDayInZone(due.date, law.timeZone),
    note: [
      `${describeDeadline(deadline)} after discovery on ${start} (${law.timeZone}) → ${due.date}`,
      deadline.kind === 'business-days' ? holidayNote(law, due.date) : '',
      deadline.kind === 'business-days' ? contestedNote(law, deadline, start, clock, due.date) : '',
      due.note,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

function individual(
  law: StateLaw,
  count: number,
  start: CivilDate,
  clock: FederalClock,
  federal: FederalAnchors,
): Obligation {
  const hipaa = federal.individual;
  const own = dueIn(law, law.individual, start, clock, federal);
  const hipaaMs = Date.parse(hipaa.dueAt);
  const hipaaDay = hipaa.dueAt.slice(0, 10);
  const base = {
    id: `state-individual:${law.state}`,
    kind: 'state-individual' as const,
    jurisdiction: law.state,
    recipient: `individuals resident in ${law.name}`,
    individuals: count,
  };
  const provision = law.hipaaEntity;
  if (provision?.individual === 'deemed') {
    const differs = own !== undefined && Date.parse(own.dueAt) !== hipaaMs;
    return {
      ...base,
      dueAt: formatInZone(hipaaMs, law.timeZone),
      basis: provision.citation,
      note: [
        `${provision.citation} ${provision.confidence}: ${provision.note}; HIPAA's ${hipaaDay} governs`,
        own ? `the statute alone (${law.citation} ${law.confidence}): ${own.note}` : '',
        law.timeZoneNote ?? '',
      ]
        .filter(Boolean)
        .join('; '),
      ...(differs ? { statutory: { dueAt: own.dueAt, basis: law.citation } } : {}),
    };
  }
  const stateWins = own !== undefined && Date.parse(own.dueAt) <= hipaaMs;
  const verdict =
    own === undefined
      ? `${law.citation}: ${describeDeadline(law.individual)}, so HIPAA's ${hipaaDay} is the outer limit`
      : stateWins
        ? `${law.citation} ${law.confidence}: ${own.note}; ${
            Date.parse(own.dueAt) === hipaaMs
              ? `the same moment as HIPAA's ${hipaaDay}`
              : `earlier than HIPAA's ${hipaaDay}`
          }, so the state deadline governs`
        : `${law.citation} ${law.confidence}: ${own.note}; HIPAA's ${hipaaDay} (${hipaa.basis}) is earlier and governs`;
  return {
    ...base,
    dueAt: stateWins ? own.dueAt : formatInZone(hipaaMs, law.timeZone),
    // The state statute sets this obligation even when HIPAA's earlier day bounds it.
    basis: law.citation,
    note: [verdict, law.timeZoneNote ?? '', law.note].filter(Boolean).join('; '),
  };
}

function regulator(
  law: StateLaw,
  rule: RegulatorRule,
  id: string,
  count: number,
  start: CivilDate,
  context: { clock: FederalClock; federal: FederalAnchors; resident: Obligation },
): Obligation {
  const { clock, federal, resident } = context;
  const override = law.hipaaEntity?.regulators[rule.key];
  const own = dueIn(law, override ?? rule.deadline, start, clock, federal);
  const dueAt = own?.dueAt ?? resident.dueAt;
  const statutory = override ? dueIn(law, rule.deadline, start, clock, federal) : undefined;
  const provision = law.hipaaEntity;
  return {
    id,
    kind: 'state-regulator',
    jurisdiction: law.state,
    recipient: rule.who,
    dueAt,
    individuals: count,
    basis: override && provision ? provision.citation : rule.citation,
    note: [
      `${rule.confidence} ${count} residents ${rule.comparison} ${rule.threshold}`,
      override && provision ? `${provision.citation} ${provision.confidence}: ${provision.note}` : '',
      own ? own.note : `due with the ${law.state} individual notices`,
      statutory ? `the statute alone (${rule.citation}): ${statutory.note}` : '',
    ]
      .filter(Boolean)
      .join('; '),
    ...(statutory && Date.parse(statutory.dueAt) !== Date.parse(dueAt)
      ? { statutory: { dueAt: statutory.dueAt, basis: rule.citation } }
      : {}),
  };
}

export function stateObligations(
  affected: Array<[string, number]>,
  laws: readonly StateLaw[],
  clock: FederalClock,
  federal: FederalAnchors,
): Obligation[] {
  const out: Obligation[] = [];
  for (const [state, count] of affected) {
    const law = laws.find((entry) => entry.state === state);
    if (!law) continue;
    const start = localDateIn(clock.discoveryMs, law.timeZone);
    const resident = individual(law, count, start, clock, federal);
    const context = { clock, federal, resident };
    const several = law.regulators.length > 1;
    const own = law.regulators
      .filter((rule) => meetsThreshold(count, rule))
      .map((rule) =>
        regulator(
          law,
          rule,
          several ? `state-regulator:${state}:${rule.key}` : `state-regulator:${state}`,
          count,
          start,
          context,
        ),
      );
    // Notices only a HIPAA entity owes always carry their key, so the statute's own ids stay stable.
    const added = (law.hipaaEntity?.added ?? [])
      .filter((rule) => meetsThreshold(count, rule))
      .map((rule) => regulator(law, rule, `state-regulator:${state}:${rule.key}`, count, start, context));
    out.push(resident, ...own, ...added);
  }
  return out;
}
