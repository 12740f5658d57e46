import { Box, Text, useInput } from 'ink';
import { type KeyBinding, keysFor, type ScreenName } from '../keymap.ts';
import { useTone } from '../theme.tsx';

const TITLES: Record<ScreenName, string> = {
  setup: 'setup',
  briefing: 'briefing',
  drill: 'drill',
  hotwash: 'hot wash',
  close: 'improvement plan and close',
};

const KEY_COLUMN = 7;

/** The keys of the screen underneath, then the global ones; any key closes it. */
export function HelpOverlay({ screen, onClose }: { screen: ScreenName; onClose(): void }) {
  const tone = useTone();
  useInput(() => onClose());
  const bindings = keysFor(screen);
  const local = bindings.filter((binding) => binding.screen !== 'global');
  const global = bindings.filter((binding) => binding.screen === 'global');
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={tone('accent')} paddingX={1}>
      <Text color={tone('accent')}>Keys · {TITLES[screen]}</Text>
      {local.map((binding) => (
        <Row key={binding.keys} binding={binding} />
      ))}
      <Text color={tone('accent')}>Everywhere (not while typing)</Text>
      {global.map((binding) => (
        <Row key={binding.keys} binding={binding} />
      ))}
      <Text color={tone('muted')}>any key closes this help</Text>
    </Box>
  );
}

function Row({ binding }: { binding: KeyBinding }) {
  const tone = useTone();
  return (
    <Box>
      <Box width={KEY_COLUMN} flexShrink={0}>
        <Text color={tone('good')}>{binding.keys}</Text>
      </Box>
      {/* Backticks mark code for the README guide generated from the same list; here they are noise. */}
      <Text>{binding.does.replaceAll('`', '')}</Text>
    </Box>
  );
}
