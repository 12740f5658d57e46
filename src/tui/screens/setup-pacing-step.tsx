import { Box, Text } from 'ink';
import { useState } from 'react';
import { PACINGS, type Pacing, type Participant } from '../../tabletop/types.ts';
import { clampCursor } from '../cursor-window.ts';
import { useScreenInput } from '../input-gate.ts';
import { useTone } from '../theme.tsx';
import { facilitatorOf } from './setup-participants-step.tsx';

/** Step 3: how the drill clock moves; enter starts the drill. */
export function PacingStep(props: {
  scenarioTitle: string;
  participants: readonly Participant[];
  onStart(pacing: Pacing): void;
  onBack(): void;
}) {
  const tone = useTone();
  const [cursor, setCursor] = useState(0);
  useScreenInput((_input, key) => {
    if (key.upArrow) setCursor((was) => clampCursor(was - 1, PACINGS.length));
    else if (key.downArrow) setCursor((was) => clampCursor(was + 1, PACINGS.length));
    else if (key.return) props.onStart(PACINGS[cursor]!);
    else if (key.escape) props.onBack();
  });
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={tone('muted')}>scenario </Text>
        {props.scenarioTitle}
      </Text>
      <Text wrap="truncate-end">
        <Text color={tone('muted')}>table </Text>
        {props.participants.length} participant{props.participants.length === 1 ? '' : 's'}, facilitator{' '}
        {facilitatorOf(props.participants)?.name}
      </Text>
      <Box marginTop={1}>
        <Text color={tone('accent')}>Pacing</Text>
      </Box>
      {PACINGS.map((pacing, index) => {
        const selected = index === cursor;
        return (
          <Text key={pacing.id} color={selected ? tone('accent') : undefined} wrap="truncate-end">
            {selected ? '› ' : '  '}
            {pacing.id.padEnd(8)}
            <Text color={tone('muted')}>{pacing.label}</Text>
          </Text>
        );
      })}
      <Box marginTop={1}>
        <Text color={tone('muted')} wrap="truncate-end">
          ↑/↓ choose · enter start the drill · esc back to participants
        </Text>
      </Box>
    </Box>
  );
}
