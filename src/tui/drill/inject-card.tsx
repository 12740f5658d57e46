import { Box, Text } from 'ink';
import type { InjectView } from '../../tabletop/types.ts';
import { offset } from '../drill-time.ts';
import { useTone } from '../theme.tsx';

/** The injects the table has heard so far, in the order they landed. */
export function landedInjects(injects: readonly InjectView[]): InjectView[] {
  return injects.filter((inject) => inject.status === 'applied').toSorted((a, b) => a.at - b.at);
}

/**
 * One landed inject as the master scenario events list puts it: who tells whom, the message the
 * facilitator reads out and, when answers are shown, the player action the plan expects. It takes
 * the feed's rows, `height` under its title; what does not fit is clipped, never wrapped into the
 * panels below.
 */
export function InjectCard({
  landed,
  index,
  t0,
  showExpected,
  height,
}: {
  landed: readonly InjectView[];
  index: number;
  t0: number;
  showExpected: boolean;
  height: number;
}) {
  const tone = useTone();
  const inject = landed[index];
  return (
    <Box flexDirection="column" height={height + 1}>
      <Text wrap="truncate-end" color={tone('muted')}>
        {inject ? (
          <>
            inject {index + 1}/{landed.length} <Text color={tone('inject')}>{inject.id}</Text>{' '}
            {offset(inject.at, t0)} · ←→ injects · i feed · p {showExpected ? 'hide' : 'show'} expected
          </>
        ) : (
          'inject card · i back to the feed'
        )}
      </Text>
      <Box flexDirection="column" height={height} overflow="hidden">
        {inject === undefined ? (
          <Text color={tone('muted')}>no inject has landed yet: n advances to the next one</Text>
        ) : inject.msel === undefined ? (
          <Text color={tone('muted')}>
            the scenario gives no message for this inject: the {inject.injector} leak lands silently
          </Text>
        ) : (
          <>
            <Text color={tone('accent')}>
              {inject.msel.from} → {inject.msel.to}
            </Text>
            <Text>{inject.msel.message}</Text>
            {showExpected ? <Text color={tone('good')}>expected: {inject.msel.expectedAction}</Text> : null}
          </>
        )}
      </Box>
    </Box>
  );
}
