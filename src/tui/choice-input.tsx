import { Box, Text } from 'ink';
import { useState } from 'react';
import { useScreenInput } from './input-gate.ts';
import { LineInput } from './line-input.tsx';
import { useTone } from './theme.tsx';

export interface ChoiceInputProps {
  label: string;
  options: readonly string[];
  initialIndex?: number;
  /** The typed text, or the option shown when nothing was typed. */
  onSubmit(value: string): void;
  onCancel(): void;
}

/**
 * A typed field with suggestions (roles, participants): ←/→ cycles the options and clears what was
 * typed; typing gives a value of your own. Two lines: the field and a hint naming the current option.
 */
export function ChoiceInput({ label, options, initialIndex = 0, onSubmit, onCancel }: ChoiceInputProps) {
  const tone = useTone();
  const [index, setIndex] = useState(initialIndex);
  // Remounting the LineInput is how a pick clears the typed text (it keeps its line to itself).
  const [picks, setPicks] = useState(0);
  const current = options[index];
  useScreenInput((_input, key) => {
    if (options.length === 0 || !(key.leftArrow || key.rightArrow)) return;
    const step = key.rightArrow ? 1 : -1;
    setIndex((at) => (at + step + options.length) % options.length);
    setPicks((count) => count + 1);
  });
  return (
    <Box flexDirection="column">
      <LineInput
        key={picks}
        label={label}
        placeholder={current}
        onSubmit={(value) => onSubmit(value.trim() || current || '')}
        onCancel={onCancel}
      />
      <Text color={tone('muted')} wrap="truncate-end">
        {current === undefined
          ? 'type it · enter takes it · esc cancels'
          : `‹ ${current} › ←/→ choose (${index + 1}/${options.length}) or type your own · esc cancels`}
      </Text>
    </Box>
  );
}
