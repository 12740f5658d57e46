import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, test, vi } from 'vitest';
import { KEYMAP, keysFor, type ScreenName } from '../../src/tui/keymap.ts';
import { HelpOverlay } from '../../src/tui/screens/help-overlay.tsx';
import { ColourContext } from '../../src/tui/theme.tsx';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};
const SCREENS: ScreenName[] = ['setup', 'briefing', 'drill', 'hotwash', 'close'];

describe('keymap', () => {
  test('the drill keys are the ones the drill screen binds, in order', () => {
    expect(KEYMAP.filter((binding) => binding.screen === 'drill').map((binding) => binding.keys)).toEqual([
      'space',
      'n',
      'j',
      'e',
      'c',
      'd',
      '[ ]',
      'p',
      '↑ ↓',
      'i',
      '← →',
      'b',
      'h',
    ]);
  });

  test('? and q belong to the app shell alone, and no screen lists a key twice', () => {
    for (const screen of SCREENS) {
      const local = keysFor(screen)
        .filter((binding) => binding.screen === screen)
        .map((binding) => binding.keys);
      expect(local).not.toContain('?');
      expect(local).not.toContain('q');
      expect(new Set(local).size).toBe(local.length);
      expect(
        keysFor(screen)
          .slice(-2)
          .map((binding) => binding.keys),
      ).toEqual(['?', 'q']);
    }
  });
});

describe('HelpOverlay', () => {
  test('lists the drill keys, then the global ones', async () => {
    const { lastFrame, unmount } = render(<HelpOverlay screen="drill" onClose={vi.fn()} />);
    await tick();
    const frame = lastFrame() ?? '';
    expect(frame).toContain('Keys · drill');
    expect(frame).toMatch(/space +play\/pause/);
    expect(frame).toMatch(/n +advance to next inject/);
    expect(frame).toMatch(/j +jump by a duration \(typed: 30m, 2h, 60d\)/);
    expect(frame).toMatch(/e +run to the end of the drill/);
    expect(frame).toMatch(/c +confirm a manual expectation \(typed: confirm <id> \[at -15m\|ISO\]/);
    expect(frame).toContain('cycles open manual ids');
    expect(frame).toMatch(/d +record a decision \(pick who with ←\/→ then type it\)/);
    expect(frame).toMatch(/\[ \] +previous\/next discussion module/);
    expect(frame).toMatch(/p +show\/hide the expected answer/);
    expect(frame).toMatch(/↑ ↓ +scroll the feed/);
    expect(frame).toMatch(/h +go to the hot wash \(once the drill is judged\)/);
    expect(frame.indexOf('go to the hot wash')).toBeLessThan(frame.indexOf('Everywhere'));
    expect(frame).toMatch(/\? +help/);
    expect(frame).toMatch(/q +quit \(the ledger already holds everything; resume with/);
    expect(frame).toContain('phi-drill tabletop --resume <run');
    expect(frame).not.toContain('`');
    expect(frame).not.toContain('accept the selected suggestion');
    unmount();
  });

  test('each screen gets its own keys', async () => {
    const { lastFrame, unmount } = render(<HelpOverlay screen="hotwash" onClose={vi.fn()} />);
    await tick();
    expect(lastFrame()).toMatch(/s +add a strength/);
    expect(lastFrame()).not.toContain('play/pause');
    unmount();
  });

  test.each([
    ['a letter', 'x'],
    ['enter', '\r'],
    ['an arrow', '\u001B[B'],
    ['escape', '\u001B'],
  ])('%s closes it', async (_name, key) => {
    const onClose = vi.fn();
    const { stdin, unmount } = render(<HelpOverlay screen="drill" onClose={onClose} />);
    await tick();
    expect(onClose).not.toHaveBeenCalled();
    stdin.write(key);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(onClose).toHaveBeenCalledOnce();
    unmount();
  });

  test.each(SCREENS)('for %s it fits 80×24', async (screen) => {
    const { lastFrame, unmount } = render(
      <Box width={80}>
        <HelpOverlay screen={screen} onClose={vi.fn()} />
      </Box>,
    );
    await tick();
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    unmount();
  });

  test('with colour off the frame has no escape codes', async () => {
    const chalk = await inkChalk();
    const level = chalk.level;
    chalk.level = 1;
    try {
      const coloured = render(<HelpOverlay screen="drill" onClose={vi.fn()} />);
      await tick();
      expect(coloured.lastFrame()).toContain('\u001B[');
      coloured.unmount();
      const plain = render(
        <ColourContext.Provider value={false}>
          <HelpOverlay screen="drill" onClose={vi.fn()} />
        </ColourContext.Provider>,
      );
      await tick();
      expect(plain.lastFrame()).toContain('play/pause');
      expect(plain.lastFrame()).not.toContain('\u001B[');
      plain.unmount();
    } finally {
      chalk.level = level;
    }
  });
});

/** Ink's own chalk: tests run without a TTY, so colour must be forced on to prove the screen can turn it off. */
async function inkChalk(): Promise<{ level: number }> {
  const path = createRequire(fileURLToPath(import.meta.resolve('ink'))).resolve('chalk');
  return (await import(pathToFileURL(path).href)).default;
}
