import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, test, vi } from 'vitest';
import { PACINGS } from '../../src/tabletop/types.ts';
import { type ScenarioChoice, SetupScreen } from '../../src/tui/screens/setup-screen.tsx';
import { ColourContext } from '../../src/tui/theme.tsx';

const SCENARIOS: ScenarioChoice[] = Array.from({ length: 12 }, (_, index) => ({
  id: `scenario-${String(index).padStart(2, '0')}-with-a-rather-long-identifier`,
  title: `Scenario number ${index} whose title goes on long enough to need truncating at eighty columns`,
  severity: index % 2 ? 'high' : 'critical',
  summary: `Summary ${index}. `.repeat(40),
}));
SCENARIOS.push({
  id: 'oauth-token-leak',
  title: 'OAuth token over-scoped',
  severity: 'high',
  summary: 'A CRM connector token can read every patient.',
});

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};
// Ink waits ~20 ms before taking a lone ESC as the escape key rather than the start of a sequence.
const escapeWait = () => new Promise((resolve) => setTimeout(resolve, 60));
const KEY = {
  enter: '\r',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
};

function setup(props: Partial<Parameters<typeof SetupScreen>[0]> = {}) {
  const onStart = vi.fn();
  const onTyping = vi.fn();
  const app = render(<SetupScreen scenarios={SCENARIOS} onStart={onStart} onTyping={onTyping} {...props} />);
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await (key === KEY.esc ? escapeWait() : tick());
    }
  };
  return { ...app, onStart, onTyping, press, frame: () => app.lastFrame() ?? '' };
}

async function addParticipant(
  press: (...keys: string[]) => Promise<void>,
  name: string,
  ...roleKeys: string[]
) {
  await press('a', name, KEY.enter, ...roleKeys, KEY.enter);
}

describe('SetupScreen', () => {
  test('typing filters the scenarios by id or title, and enter picks the highlighted one', async () => {
    const { press, frame, unmount } = setup();
    await tick();
    expect(frame()).toContain('● 1 scenario');
    expect(frame()).toContain('13 of 13');
    await press('TOKEN');
    expect(frame()).toContain('1 of 13');
    expect(frame()).toContain('oauth-token-leak');
    expect(frame()).not.toContain('scenario-00');
    expect(frame()).toContain('A CRM connector token can read every patient.');
    await press('\u007F', '\u007F', '\u007F', '\u007F', '\u007F', 'number 1');
    expect(frame()).toContain('3 of 13'); // 1, 10 and 11
    await press(KEY.down, KEY.enter);
    expect(frame()).toContain('● 2 participants');
    expect(frame()).toContain('Scenario number 10 whose');
    unmount();
  });

  test('a filter and its Enter in one chunk (a paste) pick the first match', async () => {
    const { press, frame, unmount } = setup();
    await press('token\r');
    expect(frame()).toContain('● 2 participants');
    expect(frame()).toContain('OAuth token over-scoped');
    unmount();
  });

  test('a filter that matches nothing says so and enter does nothing', async () => {
    const { press, frame, unmount } = setup();
    await press('zzz', KEY.enter);
    expect(frame()).toContain('no scenario id or title contains “zzz”');
    expect(frame()).toContain('● 1 scenario');
    await press(KEY.esc);
    expect(frame()).toContain('13 of 13');
    unmount();
  });

  test('adds participants with roles, refuses without a facilitator, then starts with the chosen pacing', async () => {
    const { press, frame, onStart, unmount } = setup({ initialScenarioId: 'oauth-token-leak' });
    await tick();
    expect(frame()).toContain('● 2 participants');
    expect(frame()).toContain('OAuth token over-scoped');
    await press(KEY.enter);
    expect(frame()).toContain('add at least one participant first');

    // With no facilitator yet the role starts on facilitator; → → moves to the third role.
    await addParticipant(press, 'Dana Reyes', KEY.right, KEY.right);
    expect(frame()).toContain('Dana Reyes — privacy officer');
    await press(KEY.enter);
    expect(frame()).toContain('no facilitator yet');
    expect(frame()).toContain('● 2 participants');

    await addParticipant(press, 'Ada Facil');
    expect(frame()).toContain('Ada Facil — facilitator');
    expect(frame()).toContain('facilitator: Ada Facil');

    await press('a', 'Kim Lee', KEY.enter, 'outside counsel', KEY.enter);
    expect(frame()).toContain('Kim Lee — outside counsel');
    await press('x');
    expect(frame()).not.toContain('Kim Lee');
    expect(frame()).toContain('Participants (2)');

    await press(KEY.enter);
    expect(frame()).toContain('● 3 pacing');
    expect(frame()).toContain('2 participants, facilitator Ada Facil');
    expect(onStart).not.toHaveBeenCalled();
    await press(KEY.down, KEY.enter);
    expect(onStart).toHaveBeenCalledExactlyOnceWith({
      scenarioId: 'oauth-token-leak',
      participants: [
        { name: 'Dana Reyes', role: 'privacy officer' },
        { name: 'Ada Facil', role: 'facilitator' },
      ],
      pacing: PACINGS[1],
    });
    unmount();
  });

  test('while a name is typed the screen keys type letters; an empty or repeated name is refused', async () => {
    const { press, frame, onTyping, unmount } = setup({ initialScenarioId: 'oauth-token-leak' });
    await tick();
    expect(onTyping).not.toHaveBeenCalled();
    await press('a');
    expect(onTyping).toHaveBeenLastCalledWith(true);
    await press('xa', KEY.enter);
    expect(frame()).toContain('role for xa');
    await press(KEY.esc);
    expect(onTyping).toHaveBeenLastCalledWith(false);
    expect(frame()).toContain('Participants (0)');
    await press('a', KEY.enter);
    expect(frame()).toContain('a name is needed');
    await press('Ada', KEY.enter, KEY.enter, 'a', 'ada', KEY.enter);
    expect(frame()).toContain('ada is already at the table');
    unmount();
  });

  test('the scenario step counts as typing; esc on participants goes back to it', async () => {
    const { press, frame, onTyping, unmount } = setup();
    await tick();
    expect(onTyping).toHaveBeenLastCalledWith(true);
    await press(KEY.enter);
    expect(onTyping).toHaveBeenLastCalledWith(false);
    expect(frame()).toContain('● 2 participants');
    await press(KEY.esc);
    expect(frame()).toContain('● 1 scenario');
    expect(onTyping).toHaveBeenLastCalledWith(true);
    unmount();
  });

  test('an unknown pre-selected scenario is reported and the list stays open', async () => {
    const { frame, unmount } = setup({ initialScenarioId: 'no-such-drill' });
    await tick();
    expect(frame()).toContain('there is no scenario no-such-drill: pick one');
    expect(frame()).toContain('● 1 scenario');
    unmount();
  });

  test('every step fits 80×24, even with a long list and a full table', async () => {
    const onStart = vi.fn();
    const app = render(
      <Box width={80}>
        <SetupScreen scenarios={SCENARIOS} onStart={onStart} />
      </Box>,
    );
    const frames: string[] = [];
    const press = async (...keys: string[]) => {
      for (const key of keys) {
        app.stdin.write(key);
        await tick();
      }
      frames.push(app.lastFrame() ?? '');
    };
    await press(KEY.down, KEY.down);
    await press(KEY.enter);
    for (let i = 0; i < 12; i++)
      await addParticipant(press, `Participant ${i} ${'with a long name '.repeat(4)}`);
    await press('a', 'Someone', KEY.enter);
    await press(KEY.enter);
    await press(KEY.enter);
    expect(frames.at(-1)).toContain('Pacing');
    for (const frame of frames) {
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    }
    app.unmount();
  });

  test('with colour off the frame has no escape codes', async () => {
    const chalk = await inkChalk();
    const level = chalk.level;
    chalk.level = 1;
    try {
      const coloured = render(<SetupScreen scenarios={SCENARIOS} onStart={vi.fn()} />);
      await tick();
      expect(coloured.lastFrame()).toContain('\u001B[');
      coloured.unmount();
      const plain = render(
        <ColourContext.Provider value={false}>
          <SetupScreen scenarios={SCENARIOS} onStart={vi.fn()} />
        </ColourContext.Provider>,
      );
      await tick();
      expect(plain.lastFrame()).toContain('1 scenario');
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
