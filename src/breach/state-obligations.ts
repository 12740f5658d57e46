import { addDays, type CivilDate, endOfDayInZone, formatInZone, localDateIn } from '../clock/civil-date.ts';
import type { FederalClock } from './deadlines.ts';
import { withDelay } from './law-enforcement.ts';
import {
  describeDeadline,
  holidaysCover,
  meetsThreshold,
  type StateDeadline,
  type StateLaw,
  stateDueDate,
} from './state-laws.ts';
import type { Obligation } from './types.ts';

/**
 * Per affected state with a table entry: the individual deadline where state law is stricter than
 * HIPAA (the EARLIER of the two governs for that state's residents, DOMAIN.md §2) and each regulator
 * notice whose threshold the state's count meets. State days are counted on the state's own calendar
 * from the local date of discovery there.
 */

interface StateDue {
  date: CivilDate;
  dueAt: string;
  note: string;
}

function dueIn(
  law: StateLaw,
  deadline: StateDeadline,
  start: CivilDate,
  clock: FederalClock,
): StateDue | undefined {
  if (stateDueDate(deadline, start, law) === undefined) return undefined;
  const due = withDelay((shift) => stateDueDate(deadline, addDays(start, shift), law)!, clock.shift, start);
  const uncovered =
    deadline.kind === 'business-days' && !holidaysCover(law, due.date)
      ? `holiday list does not cover ${due.date.slice(0, 4)}: only weekends skipped`
      : '';
  return {
    date: due.date,
    dueAt: endOfDayInZone(due.date, law.timeZone),
    note: [
      `${describeDeadline(deadline)} after discovery on ${start} (${law.timeZone}) → ${due.date}`,
      uncovered,
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
  hipaa: Obligation,
): Obligation {
  const own = dueIn(law, law.individual, start, clock);
  const hipaaMs = Date.parse(hipaa.dueAt);
  const stateWins = own !== undefined && Date.parse(own.dueAt) <= hipaaMs;
  const hipaaDay = hipaa.dueAt.slice(0, 10);
  const verdict =
    own === undefined
      ? `${law.citation}: ${describeDeadline(law.individual)}, so HIPAA's ${hipaaDay} is the outer limit`
      : stateWins
        ? `${law.citation} ${law.confidence}: ${own.note}; ${
            Date.parse(own.dueAt) === hipaaMs
              ? `the same moment as HIPAA's ${hipaaDay}`
              : `earlier than HIPAA's ${hipaaDay}`
          }, so the state deadline governs`
        : `${law.citation} ${law.confidence}: ${own.note}; HIPAA's ${hipaaDay} is earlier and governs`;
  return {
    id: `state-individual:${law.state}`,
    kind: 'state-individual',
    jurisdiction: law.state,
    recipient: `individuals resident in ${law.name}`,
    dueAt: stateWins ? own.dueAt : formatInZone(hipaaMs, law.timeZone),
    individuals: count,
    basis: stateWins ? law.citation : hipaa.basis,
    note: [verdict, law.timeZoneNote ?? '', law.note].filter(Boolean).join('; '),
  };
}

function regulators(
  law: StateLaw,
  count: number,
  start: CivilDate,
  clock: FederalClock,
  resident: Obligation,
): Obligation[] {
  return law.regulators
    .filter((rule) => meetsThreshold(count, rule))
    .map((rule) => {
      const own = dueIn(law, rule.deadline, start, clock);
      const threshold = `${count} residents ${rule.comparison} ${rule.threshold}`;
      return {
        id:
          law.regulators.length > 1
            ? `state-regulator:${law.state}:${rule.key}`
            : `state-regulator:${law.state}`,
        kind: 'state-regulator' as const,
        jurisdiction: law.state,
        recipient: rule.who,
        dueAt: own?.dueAt ?? resident.dueAt,
        individuals: count,
        basis: rule.citation,
        note: [
          `${rule.confidence} ${threshold}`,
          own ? own.note : `due with the ${law.state} individual notices`,
        ].join('; '),
      };
    });
}

export function stateObligations(
  affected: Array<[string, number]>,
  laws: readonly StateLaw[],
  clock: FederalClock,
  hipaa: Obligation,
): Obligation[] {
  const out: Obligation[] = [];
  for (const [state, count] of affected) {
    const law = laws.find((entry) => entry.state === state);
    if (!law) continue;
    const start = localDateIn(clock.discoveryMs, law.timeZone);
    const resident = individual(law, count, start, clock, hipaa);
    out.push(resident, ...regulators(law, count, start, clock, resident));
  }
  return out;
}
