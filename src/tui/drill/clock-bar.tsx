import { Text } from 'ink';
import { localClockTime } from '../../clock/local-time.ts';
import type { TabletopView } from '../../tabletop/types.ts';
import { offset, span } from '../drill-time.ts';
import { useTone } from '../theme.tsx';

const BAR_WIDTH = 16;

/** Two lines: where the drill clock is and whether it moves; how far through the run and at what pace. */
export function ClockBar({ view }: { view: TabletopView }) {
  const tone = useTone();
  const state =
    view.phase === 'running'
      ? { label: '⧗ running', tone: tone('warn') }
      : view.playing
        ? { label: '▶ playing', tone: tone('good') }
        : { label: '⏸ paused', tone: tone('muted') };
  const progress = Math.min(1, Math.max(0, (view.now - view.t0) / Math.max(1, view.end - view.t0)));
  const filled = Math.round(progress * BAR_WIDTH);
  return (
    <>
      <Text wrap="truncate-end">
        <Text color={state.tone}>{state.label}</Text>
        {'  '}
        {localClockTime(view.now, view.scenario.timezone)}
        {'  '}
        <Text color={tone('accent')}>{offset(view.now, view.t0)}</Text>
        {'  '}phase {view.phase}
        {'  '}
        <Text color={tone('muted')}>{nextInject(view)}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text color={tone('accent')}>{'█'.repeat(filled)}</Text>
        <Text color={tone('muted')}>{'░'.repeat(BAR_WIDTH - filled)}</Text> {Math.floor(progress * 100)}% of{' '}
        {span(view.end - view.t0)}
        {'  '}
        <Text color={tone('muted')}>pacing {view.pacing.label}</Text>
      </Text>
    </>
  );
}

/** Time until the earliest pending inject (injects are few, so a scan per render is cheap). */
function nextInject(view: TabletopView): string {
  let next: number | undefined;
  for (const inject of view.injects) {
    if (inject.status === 'pending' && (next === undefined || inject.at < next)) next = inject.at;
  }
  if (next === undefined) return 'no injects pending';
  return next <= view.now ? 'next inject due now' : `next inject in ${span(next - view.now)}`;
}
