import { Text } from 'ink';
import { useContext, useRef, useState } from 'react';
import { useScreenInput } from './input-gate.ts';
import { ColourContext, useTone } from './theme.tsx';

export interface LineInputProps {
  label: string;
  initial?: string;
  /** Enter: the line as typed. */
  onSubmit(value: string): void;
  /** Escape. */
  onCancel(): void;
  /** Tab, when given: replaces the line (e.g. cycles completions). */
  onTab?(value: string): string;
  placeholder?: string;
}

/** One editable line: printable keys append, backspace deletes, enter submits, escape cancels. */
export function LineInput({ label, initial = '', onSubmit, onCancel, onTab, placeholder }: LineInputProps) {
  const [value, setValue] = useState(initial);
  // Keys that arrive in one chunk are handled before React re-renders: read the latest line from a ref.
  const line = useRef(initial);
  const update = (next: string) => {
    line.current = next;
    setValue(next);
  };
  const tone = useTone();
  // Inverse video is an escape sequence too: without colour the cursor is a plain underscore.
  const cursor = useContext(ColourContext) ? <Text inverse> </Text> : <Text>_</Text>;
  useScreenInput((input, key) => {
    if (key.return) onSubmit(line.current);
    else if (key.escape) onCancel();
    else if (key.tab) {
      if (onTab) update(onTab(line.current));
    } else if (key.backspace || key.delete) update(line.current.slice(0, -1));
    else if (!key.ctrl && !key.meta && input) {
      // Fast typing (or a paste, or tmux send-keys) can deliver text and its Enter in one chunk.
      const newline = input.search(/[\r\n]/);
      if (newline < 0) update(line.current + input);
      else {
        update(line.current + input.slice(0, newline));
        onSubmit(line.current);
      }
    }
  });
  return (
    <Text>
      <Text color={tone('accent')}>{label} </Text>
      {value === '' && placeholder ? <Text color={tone('muted')}>{placeholder}</Text> : value}
      {cursor}
    </Text>
  );
}
