import type { LedgerEntry } from '../evidence/entries.ts';
import { describeDelivery } from '../telemetry/delivery/delivery-note.ts';
import { isoTime } from './format.ts';

export type TimelineKind =
  | 'inject'
  | 'inject-failed'
  | 'signal'
  | 'containment'
  | 'notification'
  | 'manual'
  | 'control-error'
  | 'revert'
  | 'revert-failed'
  | 'exposure'
  | 'notice'
  | 'intake-rejected'
  | 'decision'
  | 'infra-lost';

export interface TimelineItem {
  /** Run-clock ms the thing happened (a signal's own time, a containment's observedAt …). */
  at: number;
  /** at − T0. */
  offsetMs: number;
  kind: TimelineKind;
  /** Inject, signal, task or expectation id the item is about. */
  subject: string;
  summary: string;
  /** Ledger position, which breaks ties between items at the same time. */
  seq: number;
}

type Draft = Omit<TimelineItem, 'offsetMs' | 'seq'>;

export function timelineOf(entries: readonly LedgerEntry[], t0: number): TimelineItem[] {
  // What an inject exposed is counted when it is reverted, but it leaked when the inject landed:
  // the timeline shows it there, right under the inject.
  const landed = new Map<string, number>();
  for (const entry of entries) if (entry.kind === 'inject.applied') landed.set(entry.injectId, entry.at);
  const items: TimelineItem[] = [];
  for (const entry of entries) {
    const draft = itemOf(entry);
    if (!draft) continue;
    const at = draft.kind === 'exposure' ? (landed.get(draft.subject) ?? draft.at) : draft.at;
    items.push({ ...draft, at, offsetMs: at - t0, seq: entry.seq });
  }
  // An inject is recorded once it has landed, after what it set off at the same instant; it reads
  // first on the timeline because it came first, then what it exposed.
  const rank = (item: TimelineItem) =>
    item.kind === 'inject' || item.kind === 'inject-failed' ? 0 : item.kind === 'exposure' ? 1 : 2;
  return items.sort((a, b) => a.at - b.at || rank(a) - rank(b) || a.seq - b.seq);
}

function itemOf(entry: LedgerEntry): Draft | undefined {
  switch (entry.kind) {
    case 'inject.applied':
      return {
        at: entry.at,
        kind: 'inject',
        subject: entry.injectId,
        summary: `${entry.injector} applied (correlation ${entry.correlationId})`,
      };
    case 'inject.failed':
      return {
        at: entry.at,
        kind: 'inject-failed',
        subject: entry.injectId,
        summary: `failed: ${entry.error}`,
      };
    case 'signal': {
      const { signal } = entry;
      return {
        at: signal.time,
        kind: 'signal',
        subject: signal.id,
        // Delivery apart from detection: which part of the pipeline held the alert back.
        summary:
          `${signal.severity} ${signal.control}/${signal.rule}: ${signal.summary}` +
          (signal.delivery
            ? ` [${describeDelivery(signal.delivery, { what: 'alert', at: signal.time })}]`
            : ''),
      };
    }
    case 'containment':
      return {
        at: entry.observedAt,
        kind: 'containment',
        subject: entry.injectId,
        summary: `contained: ${entry.condition}`,
      };
    case 'notification.task':
      return {
        at: entry.at,
        kind: 'notification',
        subject: entry.taskId,
        summary:
          `${entry.injectId}: opened by ${entry.openedBy} under ${entry.legalBasis}, ` +
          `discovered ${isoTime(entry.discoveredAt)}, due ${isoTime(entry.dueAt)}`,
      };
    case 'manual.confirmed':
      return {
        at: entry.confirmedAt,
        kind: 'manual',
        subject: entry.expectationId,
        summary: `confirmed by ${entry.by}${entry.note ? `: ${entry.note}` : ''}`,
      };
    case 'control.error':
      return {
        at: entry.at,
        kind: 'control-error',
        subject: entry.controlId,
        summary: `error: ${entry.error}`,
      };
    case 'inject.reverted':
      return { at: entry.at, kind: 'revert', subject: entry.injectId, summary: 'reverted' };
    case 'revert.failed':
      return {
        at: entry.at,
        kind: 'revert-failed',
        subject: entry.injectId,
        summary: `revert failed: ${entry.error}`,
      };
    case 'notice.received':
      return {
        at: entry.notice.receivedAt,
        kind: 'notice',
        subject: entry.notice.id,
        summary: `notice "${entry.notice.subject}" from ${entry.notice.from} to ${entry.notice.to.join(', ')} via ${entry.notice.intake}`,
      };
    case 'notice.sent':
      return {
        at: entry.at,
        kind: 'notice',
        subject: entry.obligationId,
        summary: `${entry.obligationId} notice mailed${entry.recipients ? ` to ${entry.recipients} individual(s)` : ''} (${entry.messages} message(s))`,
      };
    case 'intake.rejected':
      return {
        at: entry.at,
        kind: 'intake-rejected',
        subject: entry.intake,
        summary: `refused (${entry.status}): ${entry.reason}`,
      };
    case 'intake.rejections':
      return {
        at: entry.at,
        kind: 'intake-rejected',
        subject: entry.intake,
        summary: `refused ${entry.count} delivery(ies) with ${entry.status}; the first ${entry.recorded} are recorded one by one`,
      };
    case 'tabletop.decision':
      return {
        at: entry.at,
        kind: 'decision',
        subject: entry.by,
        summary: `decided (${entry.role}${entry.module ? `, ${entry.module}` : ''}): ${entry.text}`,
      };
    case 'exposure':
      return {
        at: entry.at,
        kind: 'exposure',
        subject: entry.injectId,
        summary: `PHI of ${entry.individuals} individuals exposed (${Object.entries(entry.byState)
          .map(([state, count]) => `${state} ${count}`)
          .join(', ')})`,
      };
    case 'infra.lost':
      return {
        at: entry.at,
        kind: 'infra-lost',
        subject: entry.operation,
        summary: `server lost: ${entry.error}; later writes to it were skipped`,
      };
    default:
      return undefined;
  }
}
