import { Box, Text } from 'ink';
import { formatDuration } from '../../clock/duration.ts';
import type { BoardRow, TabletopView } from '../../tabletop/types.ts';
import { offset } from '../drill-time.ts';
import { useTone } from '../theme.tsx';

export const SCORECARD_ROWS = 4;

/** The expectations the hot wash is about: missed or late. */
export function shortfalls(board: readonly BoardRow[]): BoardRow[] {
  return board.filter((row) => row.status === 'missed' || row.status === 'late');
}

/** Final counts, then the missed and late expectations, `SCORECARD_ROWS` at a time from `first` (clamped). */
export function Scorecard({
  view,
  rows,
  first,
}: {
  view: TabletopView;
  rows: readonly BoardRow[];
  first: number;
}) {
  const tone = useTone();
  const { counts } = view;
  const start = Math.max(0, Math.min(first, rows.length - SCORECARD_ROWS));
  const end = Math.min(rows.length, start + SCORECARD_ROWS);
  return (
    <Box flexDirection="column">
      {counts ? (
        <Text wrap="truncate-end">
          <Text color={tone('muted')}>scorecard </Text>
          <Text color={tone('good')}>met {counts.met}</Text> ·{' '}
          <Text color={tone('warn')}>late {counts.late}</Text> ·{' '}
          <Text color={tone('bad')}>missed {counts.missed}</Text> · n/a {counts.notApplicable}
        </Text>
      ) : (
        <Text color={tone('warn')}>scorecard pending: the drill is not judged yet</Text>
      )}
      <Ratings view={view} />
      <Text color={tone('accent')} wrap="truncate-end">
        Missed or late ({rows.length})
        {rows.length > SCORECARD_ROWS ? ` · ${start + 1}–${end} · ↑/↓ scroll` : ''}
      </Text>
      <Box flexDirection="column" height={SCORECARD_ROWS}>
        {rows.length === 0 ? <Text color={tone('muted')}>nothing missed or late</Text> : null}
        {rows.slice(start, end).map((row) => (
          <ShortfallRow key={row.id} row={row} t0={view.t0} />
        ))}
      </Box>
    </Box>
  );
}

function ShortfallRow({ row, t0 }: { row: BoardRow; t0: number }) {
  const tone = useTone();
  const missed = row.status === 'missed';
  const detail = missed
    ? `window closed ${row.closesAt === undefined ? '—' : offset(row.closesAt, t0)}`
    : `took ${row.latencyMs === undefined ? '—' : formatDuration(row.latencyMs)}`;
  return (
    <Box>
      <Box width={10} flexShrink={0}>
        <Text color={missed ? tone('bad') : tone('warn')}>{missed ? '✗ missed' : '! late'}</Text>
      </Box>
      <Box width={34} flexShrink={0} marginRight={1}>
        <Text wrap="truncate-end">{row.id}</Text>
      </Box>
      <Box width={7} flexShrink={0}>
        <Text color={tone('muted')}>{row.type}</Text>
      </Box>
      <Text color={tone('muted')} wrap="truncate-end">
        {detail}
      </Text>
    </Box>
  );
}

/** One line: each capability's rating, the evaluator's (marked *) where given, else the verdicts'. */
function Ratings({ view }: { view: TabletopView }) {
  const tone = useTone();
  if (view.ratings.length === 0) return null;
  const evaluated = view.ratings.some((row) => row.rating);
  return (
    <Text wrap="truncate-end">
      <Text color={tone('muted')}>ratings </Text>
      {view.ratings
        .map((row) => `${row.type} ${row.rating ?? row.suggested ?? '–'}${row.rating ? '*' : ''}`)
        .join(' · ')}
      {evaluated ? <Text color={tone('muted')}> (* evaluator)</Text> : null}
    </Text>
  );
}
