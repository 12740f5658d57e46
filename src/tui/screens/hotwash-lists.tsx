import { Box, Text } from 'ink';
import { memo } from 'react';
import type { HotwashItem } from '../../tabletop/types.ts';
import { useTone } from '../theme.tsx';

export const LIST_ROWS = 3;

const HEADINGS: Record<HotwashItem['category'], string> = {
  strength: 'Strengths',
  improvement: 'Areas for improvement',
  note: 'Participant notes',
};

/** The three hot-wash lists, each its count and latest `LIST_ROWS` entries, so any number stays in place. */
export function HotwashLists({ items }: { items: readonly HotwashItem[] }) {
  const byCategory: Record<HotwashItem['category'], HotwashItem[]> = {
    strength: [],
    improvement: [],
    note: [],
  };
  for (const item of items) byCategory[item.category].push(item);
  return (
    <Box flexDirection="column">
      {(['strength', 'improvement', 'note'] as const).map((category) => (
        <List key={category} category={category} items={byCategory[category]} />
      ))}
    </Box>
  );
}

function List({ category, items }: { category: HotwashItem['category']; items: readonly HotwashItem[] }) {
  const tone = useTone();
  const latest = items.slice(-LIST_ROWS);
  return (
    <Box flexDirection="column">
      <Text color={tone('accent')}>
        {HEADINGS[category]} ({items.length}){items.length > LIST_ROWS ? `, latest ${LIST_ROWS}` : ''}
      </Text>
      <Box flexDirection="column" height={LIST_ROWS}>
        {items.length === 0 ? (
          <Box paddingLeft={2}>
            <Text color={tone('muted')}>none yet</Text>
          </Box>
        ) : null}
        {latest.map((item) => (
          <Entry key={item.seq} item={item} />
        ))}
      </Box>
    </Box>
  );
}

/** One entry; the lists only grow, so an entry once drawn never needs drawing again. */
const Entry = memo(function Entry({ item }: { item: HotwashItem }) {
  const tone = useTone();
  return (
    <Text wrap="truncate-end">
      {'  '}
      {item.by ? <Text color={tone('muted')}>{item.by}: </Text> : null}
      {item.text}
    </Text>
  );
});
