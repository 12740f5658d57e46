import { Text } from 'ink';
import { useState } from 'react';
import type { Participant } from '../../tabletop/types.ts';
import { useScreenInput } from '../input-gate.ts';
import { useTone } from '../theme.tsx';

/** ←/→ over the table's participants, enter picks, escape cancels. */
export function ParticipantPicker({
  participants,
  onPick,
  onCancel,
}: {
  participants: readonly Participant[];
  onPick(participant: Participant): void;
  onCancel(): void;
}) {
  const tone = useTone();
  const [index, setIndex] = useState(0);
  const count = participants.length;
  useScreenInput((_input, key) => {
    if (key.leftArrow) setIndex((i) => (i + count - 1) % count);
    else if (key.rightArrow) setIndex((i) => (i + 1) % count);
    else if (key.return) onPick(participants[index]!);
    else if (key.escape) onCancel();
  });
  const who = participants[index]!;
  return (
    <Text wrap="truncate-end">
      <Text color={tone('accent')}>decision by </Text>◀{' '}
      <Text>
        {who.name} ({who.role})
      </Text>{' '}
      ▶{' '}
      <Text color={tone('muted')}>
        {index + 1}/{count} ←→ choose · enter · esc
      </Text>
    </Text>
  );
}
