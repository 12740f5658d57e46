import { Box, Text } from 'ink';

/**
 * Text wrapped at word (or item) boundaries and clipped to `lines`. Ink's own wrapping keeps the space
 * it breaks at, indenting every continuation line; laying the words out as a wrapping row does not.
 */
export function WrappedWords({
  items,
  lines,
  color,
}: {
  items: readonly string[];
  lines: number;
  color?: string;
}) {
  return (
    <Box flexDirection="row" flexWrap="wrap" columnGap={1} maxHeight={lines} overflow="hidden">
      {items.map((item, index) => (
        // Items repeat (words do), and the list only changes as a whole: the index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={index} color={color} wrap="truncate-end">
          {item}
        </Text>
      ))}
    </Box>
  );
}
