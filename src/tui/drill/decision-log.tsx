import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Decision } from '../../tabletop/types.ts';
import { useTone } from '../theme.tsx';
import { decisionLine } from './format.ts';
import { tail } from './window.ts';

/** The newest decisions under a title, always `height` rows so the screen keeps its shape; rows memoised by seq. */
export function DecisionLog({
  decisions,
  t0,
  height,
}: {
  decisions: readonly Decision[];
  t0: number;
  height: number;
}) {
  const tone = useTone();
  return (
    <Box flexDirection="column" height={height + 1}>
      <Text wrap="truncate-end" color={tone('muted')}>
        decisions ({decisions.length}){decisions.length === 0 ? ' · d records one' : ''}
      </Text>
      {tail(decisions, height).map((decision) => (
        <DecisionRow key={decision.seq} decision={decision} t0={t0} />
      ))}
    </Box>
  );
}

const DecisionRow = memo(function DecisionRow({ decision, t0 }: { decision: Decision; t0: number }) {
  const tone = useTone();
  const line = decisionLine(decision, t0);
  return (
    <Text wrap="truncate-end">
      <Text color={tone('muted')}>{line.when.padEnd(10)}</Text>
      <Text color={tone('accent')}>{line.who}</Text>: {line.text}
    </Text>
  );
});
