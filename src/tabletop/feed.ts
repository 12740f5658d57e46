import { formatDuration } from '../clock/duration.ts';
import type { LedgerEntry } from '../evidence/entries.ts';
import type { MselEntry } from '../scenario/types.ts';
import type { FeedItem } from './types.ts';

/**
 * The line an entry adds to the inject feed, or undefined for entries the table need not see. An
 * inject with an MSEL entry reads as who tells whom; the message itself is on the inject card.
 */
export function feedItem(
  entry: LedgerEntry,
  msel: ReadonlyMap<string, MselEntry> = new Map(),
): FeedItem | undefined {
  const item = (tone: FeedItem['tone'], text: string): FeedItem => ({
    seq: entry.seq,
    at: entry.at,
    tone,
    text,
  });
  switch (entry.kind) {
    case 'steady-state':
      return item(
        'info',
        `steady state over: ${entry.events} events, ${entry.falsePositives.length} false positive(s)`,
      );
    case 'inject.applied': {
      const told = msel.get(entry.injectId);
      return item(
        'inject',
        `INJECT ${entry.injectId} lands (${entry.injector})${told ? `: ${told.from} → ${told.to}` : ''}`,
      );
    }
    case 'inject.failed':
      return item('problem', `inject ${entry.injectId} failed: ${entry.error}`);
    case 'inject.reverted':
      return item('info', `inject ${entry.injectId} reverted`);
    case 'revert.failed':
      return item('problem', `revert of ${entry.injectId} failed: ${entry.error}`);
    case 'signal':
      return item('signal', `ALERT ${entry.signal.control}: ${entry.signal.summary}`);
    case 'containment':
      return item('containment', `contained: ${entry.condition} (${entry.injectId})`);
    case 'notice.sent':
      return item(
        'notice',
        `NOTICE ${entry.obligationId} mailed${entry.recipients ? ` to ${entry.recipients} individual(s)` : ''}`,
      );
    case 'notice.received':
      return item('notice', `notice received: ${entry.notice.subject}`);
    case 'notification.task':
      return item(
        'notice',
        `notification task ${entry.taskId} due ${new Date(entry.dueAt).toISOString().slice(0, 10)}`,
      );
    case 'control.error':
      return item('problem', `control ${entry.controlId} failed: ${entry.error}`);
    case 'manual.confirmed':
      return item(
        'confirmation',
        `confirmed ${entry.expectationId} by ${entry.by}${entry.note ? ` — ${entry.note}` : ''}`,
      );
    case 'tabletop.decision':
      return item('decision', `DECISION ${entry.by} (${entry.role}): ${entry.text}`);
    case 'tabletop.clock':
      return clockItem(entry, item);
    case 'tabletop.resumed':
      return item('info', `session resumed from ${entry.entries} ledger entries`);
    case 'run.finished':
      return item(
        'info',
        `drill judged: ${entry.counts.met} met, ${entry.counts.late} late, ${entry.counts.missed} missed`,
      );
    default:
      return undefined;
  }
}

function clockItem(
  entry: Extract<LedgerEntry, { kind: 'tabletop.clock' }>,
  item: (tone: FeedItem['tone'], text: string) => FeedItem,
): FeedItem {
  const by = entry.to === undefined ? '' : ` by ${formatDuration(Math.max(0, entry.to - entry.at))}`;
  const words = {
    play: 'clock playing',
    pause: 'clock paused',
    advance: 'clock advanced',
    jump: 'clock jumped',
  };
  return item('clock', `${words[entry.action]}${entry.action === 'pause' ? '' : by}`);
}

/** What an inject can set off in the instant it lands. */
const CAUSED: ReadonlySet<FeedItem['tone']> = new Set(['signal', 'containment', 'notice']);

/**
 * Adds an item keeping the feed causal: an inject is written to the ledger once it has landed, after
 * the alerts it set off in the same instant, so it goes above them rather than below.
 */
export function addToFeed(feed: FeedItem[], item: FeedItem): void {
  let at = feed.length;
  if (item.tone === 'inject') {
    while (at > 0 && feed[at - 1]!.at >= item.at && CAUSED.has(feed[at - 1]!.tone)) at -= 1;
  }
  feed.splice(at, 0, item);
}
