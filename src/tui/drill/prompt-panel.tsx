import { Box, Text } from 'ink';
import { memo } from 'react';
import type { PromptView } from '../../tabletop/types.ts';
import { useTone } from '../theme.tsx';

/**
 * The current discussion module and its questions (with the expected answers when asked for), always
 * `height` rows under its title. Memoised: clock ticks leave it alone.
 */
export const PromptPanel = memo(function PromptPanel({
  modules,
  index,
  prompts,
  showExpected,
  height,
}: {
  modules: readonly string[];
  index: number;
  prompts: readonly PromptView[];
  showExpected: boolean;
  height: number;
}) {
  const tone = useTone();
  const module = modules[index];
  const lines: { key: string; text: string; expected: boolean }[] = [];
  for (const prompt of prompts) {
    if (prompt.module !== module) continue;
    lines.push({ key: `q:${prompt.question}`, text: `? ${prompt.question}`, expected: false });
    if (showExpected)
      lines.push({ key: `a:${prompt.question}`, text: `  → ${prompt.expected}`, expected: true });
  }
  const shown = lines.length <= height ? lines : lines.slice(0, height - 1);
  return (
    <Box flexDirection="column" height={height + 1}>
      <Text wrap="truncate-end">
        {module === undefined ? (
          <Text color={tone('muted')}>no discussion modules</Text>
        ) : (
          <>
            <Text color={tone('muted')}>
              module {index + 1}/{modules.length}{' '}
            </Text>
            <Text color={tone('accent')}>{module}</Text>
            <Text color={tone('muted')}>
              {'  '}[] switch · p {showExpected ? 'hide' : 'show'} answers
            </Text>
          </>
        )}
      </Text>
      {shown.map((line) => (
        <Text key={line.key} wrap="truncate-end" color={line.expected ? tone('good') : undefined}>
          {line.text}
        </Text>
      ))}
      {shown.length < lines.length ? (
        <Text color={tone('muted')}>+{lines.length - shown.length} more lines</Text>
      ) : null}
    </Box>
  );
});
