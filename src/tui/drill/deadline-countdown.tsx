import { Text } from 'ink';
import type { DeadlineRow } from '../../tabletop/types.ts';
import { span } from '../drill-time.ts';
import { useTone } from '../theme.tsx';

const WARN_MS = 10 * 24 * 60 * 60_000;

/** The earliest notification deadline not yet met by a sent notice, counting down on the drill clock. */
export function DeadlineCountdown({ deadlines, now }: { deadlines: readonly DeadlineRow[]; now: number }) {
  const tone = useTone();
  if (deadlines.length === 0) return <Text color={tone('muted')}>no notification clock running</Text>;
  const unsent = deadlines.filter((row) => !row.sent).sort((a, b) => a.dueAt - b.dueAt);
  const first = unsent[0];
  if (!first) return <Text color={tone('good')}>all {deadlines.length} notices sent</Text>;
  const left = first.dueAt - now;
  const colour = left < 0 ? tone('bad') : left < WARN_MS ? tone('warn') : tone('accent');
  const when = left < 0 ? `overdue by ${span(-left)}` : `due in ${span(left)}`;
  return (
    <Text wrap="truncate-end">
      <Text color={colour}>
        {first.label} {when} ({first.dueDate})
      </Text>
      {unsent.length > 1 ? <Text color={tone('muted')}> +{unsent.length - 1} more</Text> : null}
    </Text>
  );
}
