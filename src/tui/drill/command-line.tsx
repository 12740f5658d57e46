import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { type Tone, useTone } from '../theme.tsx';

export interface Message {
  text: string;
  tone: Tone;
}

/** The bottom two lines: the open editor or the key hints; then the last message and the session's problem. */
export function CommandLine({
  editor,
  playing,
  message,
  problem,
}: {
  editor?: ReactNode;
  playing: boolean;
  message?: Message;
  problem?: string;
}) {
  const tone = useTone();
  return (
    <>
      {editor ? <OneRow>{editor}</OneRow> : <KeyHints playing={playing} />}
      <Box height={1}>
        <Text wrap="truncate-end">
          {message ? <Text color={tone(message.tone)}>{message.text}</Text> : null}
          {message && problem ? '  ' : null}
          {problem ? <Text color={tone('bad')}>problem: {problem}</Text> : null}
        </Text>
      </Box>
    </>
  );
}

/**
 * A typed line longer than the terminal wraps; held to one row and aligned to its bottom, the row shows
 * the end of the line, where the cursor is, and the screen keeps its height.
 */
function OneRow({ children }: { children: ReactNode }) {
  return (
    <Box height={1} overflow="hidden" flexDirection="column" justifyContent="flex-end">
      <Box flexShrink={0}>{children}</Box>
    </Box>
  );
}

/** `?` (the app's help overlay) explains each key at length; this line only reminds (the prompt panel names its own keys). */
const KeyHints = memo(function KeyHints({ playing }: { playing: boolean }) {
  const tone = useTone();
  const hints: [string, string][] = [
    ['space', playing ? 'pause' : 'play'],
    ['n', 'next'],
    ['j', 'jump'],
    ['e', 'end'],
    ['c', 'confirm'],
    ['d', 'decide'],
    ['b', 'board'],
    ['h', 'hotwash'],
    ['?', 'help'],
  ];
  return (
    <Text wrap="truncate-end">
      {hints.map(([key, word]) => (
        <Text key={key}>
          <Text color={tone('accent')}>{key}</Text> <Text color={tone('muted')}>{word} </Text>
        </Text>
      ))}
    </Text>
  );
});
