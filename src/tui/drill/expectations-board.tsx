import { Text } from 'ink';
import type { BoardRow, BoardStatus } from '../../tabletop/types.ts';
import { SHOWN_DELAY_MS } from '../../telemetry/delivery/delivery-note.ts';
import { span } from '../drill-time.ts';
import { type Tone, useTone } from '../theme.tsx';

const BADGE: Record<BoardStatus, { glyph: string; tone: Tone }> = {
  met: { glyph: '✓', tone: 'good' },
  late: { glyph: '!', tone: 'warn' },
  missed: { glyph: '✗', tone: 'bad' },
  open: { glyph: '…', tone: 'accent' },
  overdue: { glyph: '⚠', tone: 'bad' },
  waiting: { glyph: '·', tone: 'muted' },
  'not-applicable': { glyph: '–', tone: 'muted' },
};

/** Rows needing attention first, so a short board still shows what the table must act on. */
const URGENCY: BoardStatus[] = ['overdue', 'open', 'waiting', 'late', 'missed', 'met', 'not-applicable'];

const ID_WIDTH = 30;

/** One line per expectation, at most `height` lines (the last becomes "+N more" when they don't fit). */
export function ExpectationsBoard({
  board,
  now,
  height,
}: {
  board: readonly BoardRow[];
  now: number;
  height: number;
}) {
  const tone = useTone();
  const counts = new Map<BoardStatus, number>();
  for (const row of board) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const summary = URGENCY.filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status === 'not-applicable' ? 'n/a' : status}`)
    .join(' · ');
  const fits = board.length <= height;
  const shown = fits
    ? board
    : [...board].sort((a, b) => URGENCY.indexOf(a.status) - URGENCY.indexOf(b.status)).slice(0, height - 1);
  return (
    <>
      <Text wrap="truncate-end" color={tone('muted')}>
        expectations {board.length === 0 ? 'none yet' : summary}
      </Text>
      {shown.map((row) => (
        <Text key={row.id} wrap="truncate-end">
          <Text color={tone(BADGE[row.status].tone)}>{BADGE[row.status].glyph}</Text>{' '}
          {padId(row.id, ID_WIDTH)} <Text color={tone('muted')}>{row.type.padEnd(7)}</Text>{' '}
          {boardInfo(row, now)}
        </Text>
      ))}
      {fits ? null : <Text color={tone('muted')}>+{board.length - shown.length} more</Text>}
    </>
  );
}

/**
 * Time left in the window while it is open, the latency once seen (with the part the telemetry
 * pipeline took, so the table sees a slow log apart from a slow analyst), and what a person must confirm.
 */
export function boardInfo(row: BoardRow, now: number): string {
  const held = row.delivery ? row.delivery.deliveredAt - row.delivery.occurredAt : 0;
  const pipeline =
    row.delivery && held >= SHOWN_DELAY_MS
      ? ` (published ${span(held)} after the event by ${row.delivery.source})`
      : '';
  const latency = row.latencyMs === undefined ? '' : ` ${span(row.latencyMs)}${pipeline}`;
  const status: Record<BoardStatus, string> = {
    met: `met${latency ? ` in${latency}` : ''}`,
    late: `late${latency}`,
    missed: 'missed',
    'not-applicable': 'n/a',
    open: row.closesAt === undefined ? 'open' : `${span(row.closesAt - now)} left`,
    overdue: row.closesAt === undefined ? 'overdue' : `overdue ${span(now - row.closesAt)}`,
    waiting: `waiting for ${row.inject}`,
  };
  return row.prompt ? `${status[row.status]} · ${row.prompt}` : status[row.status];
}

function padId(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}
