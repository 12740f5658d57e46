import { Box, Text } from 'ink';
import { memo } from 'react';
import type { FeedItem } from '../../tabletop/types.ts';
import { useTone } from '../theme.tsx';
import { feedLine } from './format.ts';
import { listWindow } from './window.ts';

/**
 * The feed under its title, newest at the bottom, always `height` rows tall. Only the visible slice is touched, and rows are
 * memoised by seq, so an append renders one new row however long the feed has grown.
 */
export function InjectFeed({
  feed,
  t0,
  height,
  anchor,
  cardHint,
}: {
  feed: readonly FeedItem[];
  t0: number;
  height: number;
  anchor: number | undefined;
  /** An inject has landed, so there is a card to read out. */
  cardHint: boolean;
}) {
  const tone = useTone();
  const { start, end, newer } = listWindow(feed.length, height, anchor);
  return (
    <Box flexDirection="column" height={height + 1}>
      <Text wrap="truncate-end" color={tone('muted')}>
        feed ({feed.length}) ↑↓ scroll{cardHint ? ' · i inject card' : ''}
        {newer > 0 ? (
          <Text color={tone('warn')}>
            {'  '}↓ {newer} newer
          </Text>
        ) : null}
      </Text>
      {feed.slice(start, end).map((item) => (
        <FeedRow key={item.seq} item={item} t0={t0} />
      ))}
    </Box>
  );
}

export const FeedRow = memo(function FeedRow({ item, t0 }: { item: FeedItem; t0: number }) {
  const tone = useTone();
  const line = feedLine(item, t0);
  return (
    <Text wrap="truncate-end">
      <Text color={tone('muted')}>{line.when.padEnd(10)}</Text>
      <Text color={line.tone && tone(line.tone)}>{line.glyph}</Text> {line.text}
    </Text>
  );
});
