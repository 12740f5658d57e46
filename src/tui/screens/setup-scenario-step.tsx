import { Box, Text } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { clampCursor, windowAround } from '../cursor-window.ts';
import { useScreenInput } from '../input-gate.ts';
import { useTone } from '../theme.tsx';
import { useTypingReport } from '../use-typing-report.ts';
import { WrappedWords } from './briefing-words.tsx';
import type { ScenarioChoice } from './setup-screen.tsx';

const ROWS = 8;
const SUMMARY_LINES = 3;

/** Scenarios whose id or title holds the query, ignoring case; matching nothing when none does. */
export function filterScenarios(scenarios: readonly ScenarioChoice[], query: string): ScenarioChoice[] {
  const needle = query.trim().toLowerCase();
  return scenarios.filter(
    (scenario) => scenario.id.toLowerCase().includes(needle) || scenario.title.toLowerCase().includes(needle),
  );
}

/**
 * Step 1: every printable key goes to the filter (so this step counts as typing), ↑/↓ move, enter
 * picks. The filter is live, so it reads keys itself rather than through LineInput (submit-only).
 */
export function ScenarioStep(props: {
  scenarios: readonly ScenarioChoice[];
  notice?: string;
  onPick(id: string): void;
  onTyping?(typing: boolean): void;
}) {
  const tone = useTone();
  useTypingReport(true, props.onTyping);
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  // Keys that arrive in one chunk are handled before React re-renders: keep the latest query in a ref.
  const latest = useRef('');
  const matches = useMemo(() => filterScenarios(props.scenarios, query), [props.scenarios, query]);
  const at = clampCursor(cursor, matches.length);
  const retype = (next: string) => {
    latest.current = next;
    setQuery(next);
    setCursor(0);
  };
  useScreenInput((input, key) => {
    if (key.upArrow) setCursor((was) => clampCursor(was - 1, matches.length));
    else if (key.downArrow) setCursor((was) => clampCursor(was + 1, matches.length));
    else if (key.return) {
      const picked = matches[at];
      if (picked) props.onPick(picked.id);
    } else if (key.escape) retype('');
    else if (key.backspace || key.delete) retype(latest.current.slice(0, -1));
    else if (!key.ctrl && !key.meta && !key.tab && input) {
      // Text and its Enter can arrive in one chunk (a paste, a fast typist): filter, then pick.
      const newline = input.search(/[\r\n]/);
      retype(latest.current + (newline < 0 ? input : input.slice(0, newline)).replace(/\t/g, ''));
      const first = filterScenarios(props.scenarios, latest.current)[0];
      if (newline >= 0 && first) props.onPick(first.id);
    }
  });
  const { start, end } = windowAround(matches.length, at, ROWS);
  const highlighted = matches[at];
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={tone('accent')}>filter </Text>
        {query}
        <Text color={tone('accent')}>▌</Text>
        <Text color={tone('muted')}>
          {'  '}
          {matches.length} of {props.scenarios.length}
        </Text>
      </Text>
      <Box flexDirection="column" height={ROWS}>
        {matches.length === 0 ? (
          <Text color={tone('warn')} wrap="truncate-end">
            no scenario id or title contains “{query}” (backspace or esc)
          </Text>
        ) : (
          matches
            .slice(start, end)
            .map((scenario, offset) => (
              <ScenarioRow key={scenario.id} scenario={scenario} selected={start + offset === at} />
            ))
        )}
      </Box>
      <Box height={SUMMARY_LINES} marginTop={1}>
        <WrappedWords
          items={highlighted?.summary.split(/\s+/).filter(Boolean) ?? []}
          lines={SUMMARY_LINES}
          color={tone('muted')}
        />
      </Box>
      <Text color={tone('warn')} wrap="truncate-end">
        {props.notice ?? ' '}
      </Text>
      <Text color={tone('muted')} wrap="truncate-end">
        type to filter · ↑/↓ move · enter pick · esc clear
      </Text>
    </Box>
  );
}

function ScenarioRow({ scenario, selected }: { scenario: ScenarioChoice; selected: boolean }) {
  const tone = useTone();
  const colour = selected ? tone('accent') : undefined;
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        <Text color={colour}>{selected ? '›' : ' '}</Text>
      </Box>
      <Box width={30} flexShrink={0} marginRight={1}>
        <Text color={colour} wrap="truncate-end">
          {scenario.id}
        </Text>
      </Box>
      <Box width={9} flexShrink={0}>
        <Text color={tone('muted')} wrap="truncate-end">
          {scenario.severity}
        </Text>
      </Box>
      <Text color={colour} wrap="truncate-end">
        {scenario.title}
      </Text>
    </Box>
  );
}
