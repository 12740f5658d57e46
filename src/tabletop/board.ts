import { localDateIn } from '../clock/civil-date.ts';
import type { PlannedExpectation } from '../run/plan.ts';
import type { Verdict } from '../run/verdict.ts';
import type { BoardRow, BoardStatus, DeadlineRow } from './types.ts';

/** Where each inject stands mid-drill, as the board needs to know it. */
export interface InjectProgress {
  landed(injectId: string): boolean;
  /**
   * The inject has landed but has not yet exposed anyone's records, and more of it is to come
   * (a kiosk session reused twenty minutes later, the next page of a slow pull).
   */
  awaitingReads(injectId: string): boolean;
}

/**
 * The expectations board. A final verdict stands as it is; a provisional one (judged as things stand,
 * mid-drill) is `open` while its window is still open, `overdue` once it closed with nothing seen,
 * and `waiting` until its inject lands. Within its window a `log` expectation also waits until the
 * inject's reads of the records it exposes begin: judged earlier, the trail of whatever the inject
 * touched first (a patient's own sign-in) would look complete, and the board would show the audit
 * met before the leak was ever read.
 */
export function boardRows(
  expectations: readonly PlannedExpectation[],
  verdicts: readonly Verdict[],
  now: number,
  injects: InjectProgress,
  final: boolean,
): BoardRow[] {
  const byId = new Map(expectations.map((expectation) => [expectation.id, expectation]));
  return verdicts.map((verdict) => {
    const expectation = byId.get(verdict.expectationId.split(':')[0]!);
    const hasLanded = injects.landed(verdict.injectId);
    const closesAt = verdict.injectedAt + verdict.windowMs;
    // Never past the window: an inject that reads nothing personal (an API flood) must not keep a
    // closed window from showing what it came to.
    const readsToCome =
      !final &&
      hasLanded &&
      verdict.type === 'log' &&
      now <= closesAt &&
      injects.awaitingReads(verdict.injectId);
    return {
      id: verdict.expectationId,
      type: verdict.type,
      inject: verdict.injectId,
      status: final ? verdict.status : readsToCome ? 'waiting' : provisional(verdict, now, hasLanded),
      closesAt: hasLanded ? closesAt : undefined,
      latencyMs: readsToCome ? undefined : verdict.latencyMs,
      ...(verdict.deadline ? { deadline: verdict.deadline } : {}),
      prompt: expectation?.type === 'manual' ? expectation.prompt : undefined,
      ...(verdict.delivery && !readsToCome ? { delivery: verdict.delivery } : {}),
      detail: readsToCome
        ? `${verdict.injectId} is under way and has not yet read anyone's records: nothing to audit so far`
        : verdict.reason,
    };
  });
}

function provisional(verdict: Verdict, now: number, landed: boolean): BoardStatus {
  if (!landed) return 'waiting';
  if (verdict.status === 'met' || verdict.status === 'not-applicable') return verdict.status;
  if (verdict.observedAt !== undefined) return verdict.status;
  return now <= verdict.injectedAt + verdict.windowMs ? 'open' : 'overdue';
}

const OBLIGATION_LABELS: Record<string, string> = {
  individual: 'individual notice (164.404)',
  secretary: 'notice to the Secretary (164.408)',
  'secretary-annual-log': 'Secretary annual log (164.408(c))',
  'business-associate-to-covered-entity': 'BA notice to the covered entity (164.410)',
};

/**
 * The notification clock: one row per notify obligation (or task), soonest first. Each due date is
 * the one the law counts: an obligation's in its jurisdiction (it is due at the end of that day
 * there), a task's in the organisation's zone.
 */
export function deadlineRows(board: readonly BoardRow[], timeZone: string): DeadlineRow[] {
  return board
    .filter((row) => row.type === 'notify' && row.closesAt !== undefined && row.status !== 'not-applicable')
    .map((row) => ({
      id: row.id,
      label: obligationLabel(row.id),
      dueAt: row.closesAt!,
      dueDate: row.deadline?.slice(0, 10) ?? localDateIn(row.closesAt!, timeZone),
      sent: row.status === 'met' || row.status === 'late',
      status: row.status,
    }))
    .sort((a, b) => a.dueAt - b.dueAt);
}

function obligationLabel(expectationId: string): string {
  const colon = expectationId.indexOf(':');
  if (colon < 0) return `${expectationId} (notification task)`;
  const obligation = expectationId.slice(colon + 1);
  const [kind, place] = obligation.split(':');
  return OBLIGATION_LABELS[obligation] ?? (place ? `${kind} notice, ${place}` : `${obligation} notice`);
}
