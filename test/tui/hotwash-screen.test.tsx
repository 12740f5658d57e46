import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { useSyncExternalStore } from 'react';
import { describe, expect, test, vi } from 'vitest';
import type { BoardRow, HotwashItem } from '../../src/tabletop/types.ts';
import { HotwashScreen } from '../../src/tui/screens/hotwash-screen.tsx';
import { ColourContext } from '../../src/tui/theme.tsx';
import { StubSession, sampleView } from './stub-session.ts';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};
const escapeWait = () => new Promise((resolve) => setTimeout(resolve, 60));
const KEY = { enter: '\r', esc: '\u001B', up: '\u001B[A', down: '\u001B[B', right: '\u001B[C' };
const MIN = 60_000;

function judgedView() {
  const base = sampleView();
  const shortfall = (index: number): BoardRow => ({
    id: `expectation-${index}`,
    type: index % 2 ? 'manual' : 'notify',
    inject: 'sync-breaks',
    status: index % 2 ? 'late' : 'missed',
    closesAt: base.t0 + (index + 1) * 60 * MIN,
    latencyMs: index % 2 ? 95 * MIN : undefined,
    detail: '',
  });
  return sampleView({
    phase: 'judged',
    counts: { met: 4, late: 3, missed: 3, notApplicable: 1 },
    ratings: [
      {
        type: 'detect',
        capability: 'Detection and monitoring',
        coreCapability: 'Cybersecurity',
        suggested: 'P',
      },
      {
        type: 'notify',
        capability: 'Breach notification',
        coreCapability: 'Public Information and Warning',
        suggested: 'U',
      },
      {
        type: 'manual',
        capability: 'Incident response procedures',
        coreCapability: 'Operational Coordination',
        suggested: 'S',
        rating: 'M',
      },
    ],
    board: [base.board[0]!, ...Array.from({ length: 6 }, (_, index) => shortfall(index))],
  });
}

const onTyping = vi.fn();

/** Mounts the screen the way the app shell does: re-rendered with the session's view on every change. */
function Live({ stub, onContinue }: { stub: StubSession; onContinue(): void }) {
  const view = useSyncExternalStore(
    (listener) => stub.subscribe(listener),
    () => stub.view(),
  );
  return <HotwashScreen session={stub} view={view} onContinue={onContinue} onTyping={onTyping} />;
}

function mount(stub = new StubSession(judgedView()), width?: number) {
  const onContinue = vi.fn();
  const tree = <Live stub={stub} onContinue={onContinue} />;
  const app = render(width ? <Box width={width}>{tree}</Box> : tree);
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await (key === KEY.esc ? escapeWait() : tick());
    }
  };
  return { ...app, stub, onContinue, press, frame: () => app.lastFrame() ?? '' };
}

function items(count: number): HotwashItem[] {
  const categories = ['strength', 'improvement', 'note'] as const;
  return Array.from({ length: count }, (_, index) => ({
    seq: 100 + index,
    category: categories[index % 3]!,
    text: `entry ${index} ${'with plenty of words to run past the edge '.repeat(3)}`,
    by: index % 3 === 2 ? 'Dana Reyes' : undefined,
  }));
}

describe('HotwashScreen', () => {
  test('shows the final counts and the missed and late expectations, scrolling', async () => {
    const { frame, press, unmount } = mount();
    await tick();
    expect(frame()).toContain('met 4 · late 3 · missed 3 · n/a 1');
    expect(frame()).toContain('Missed or late (6) · 1–4');
    expect(frame()).toMatch(/✗ missed +expectation-0 +notify +window closed T\+1h/);
    expect(frame()).toMatch(/! late +expectation-1 +manual +took 1h35m/);
    expect(frame()).not.toContain('detect-stranded-phi');
    expect(frame()).not.toContain('expectation-5');
    await press(KEY.down, KEY.down, KEY.down);
    expect(frame()).toContain('Missed or late (6) · 3–6');
    expect(frame()).toContain('expectation-5');
    expect(frame()).not.toContain('expectation-1 ');
    unmount();
  });

  test('s, i and o record a strength, an improvement and a note on a participant', async () => {
    const { stub, frame, press, unmount } = mount();
    onTyping.mockClear();
    await press('s');
    expect(onTyping).toHaveBeenLastCalledWith(true);
    await press('Scanner paged the right owner', KEY.enter);
    expect(onTyping).toHaveBeenLastCalledWith(false);
    expect(frame()).toContain('strength recorded');
    await press('i', 'Nobody owned the dead-letter queue', KEY.enter);
    // The participant starts on the first name; → moves to the second.
    await press('o', KEY.right, KEY.enter, 'Drafted the notice early', KEY.enter);
    expect(stub.calls).toEqual([
      ['hotwash', { category: 'strength', text: 'Scanner paged the right owner' }],
      ['hotwash', { category: 'improvement', text: 'Nobody owned the dead-letter queue' }],
      ['hotwash', { category: 'note', text: 'Drafted the notice early', by: 'Dana Reyes' }],
    ]);
    // Rendered from the view, not from what was typed.
    expect(frame()).not.toContain('Scanner paged the right owner');
    unmount();
  });

  test('r rates a capability: pick it, then P/S/M/U starting from the suggested rating', async () => {
    const { stub, frame, press, unmount } = mount();
    await tick();
    expect(frame()).toContain('ratings detect P · notify U · manual M* (* evaluator)');
    await press('r');
    expect(frame()).toContain('‹ detect ›');
    await press(KEY.right, KEY.enter);
    expect(frame()).toContain('rating for notify');
    expect(frame()).toContain('‹ U — Unable to be performed ›');
    await press(KEY.right, KEY.right, KEY.enter);
    expect(stub.calls).toEqual([['rate', 'notify', 'S']]);
    expect(frame()).toContain('notify rated S');
    await press('r', 'contain', KEY.enter);
    expect(frame()).toContain('no capability "contain" in this drill');
    await press('r', KEY.enter, 'x', KEY.enter);
    expect(frame()).toContain('"x" is not a rating: P, S, M or U');
    expect(stub.calls).toHaveLength(1);
    unmount();
  });

  test('r before the drill is judged has nothing to rate', async () => {
    const { stub, frame, press, unmount } = mount(new StubSession(sampleView()));
    await press('r');
    expect(frame()).toContain('nothing to rate until the drill is judged');
    expect(stub.calls).toEqual([]);
    unmount();
  });

  test('keys typed into a field are text, not commands; empty or cancelled entries record nothing', async () => {
    const { stub, frame, onContinue, press, unmount } = mount();
    await press('s', 'iso', KEY.esc);
    await press('i', '   ', KEY.enter);
    expect(frame()).toContain('nothing recorded: it was empty');
    expect(stub.calls).toEqual([]);
    expect(onContinue).not.toHaveBeenCalled();
    unmount();
  });

  test('lists come from view.hotwash, and 300 entries stay within 24 lines and 80 columns', async () => {
    const { stub, frame, unmount } = mount(undefined, 80);
    await tick();
    expect(frame()).toContain('Strengths (0)');
    stub.update({
      hotwash: [
        { seq: 90, category: 'strength', text: 'Scanner paged the right owner' },
        { seq: 91, category: 'improvement', text: 'Nobody owned the dead-letter queue' },
        { seq: 92, category: 'note', text: 'Drafted the notice early', by: 'Dana Reyes' },
      ],
    });
    await tick();
    expect(frame()).toContain('Strengths (1)');
    expect(frame()).toContain('Scanner paged the right owner');
    expect(frame()).toContain('Areas for improvement (1)');
    expect(frame()).toContain('Nobody owned the dead-letter queue');
    expect(frame()).toContain('Dana Reyes: Drafted the notice early');

    stub.update({ hotwash: items(300) });
    await tick();
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    expect(frame()).toContain('Strengths (100), latest 3');
    expect(frame()).toContain('entry 297');
    expect(frame()).toContain('Dana Reyes: entry 299');
    expect(frame()).not.toContain('entry 290 ');
    unmount();
  });

  test('while a note is being typed the screen still fits 80×24', async () => {
    const stub = new StubSession(judgedView());
    stub.update({ hotwash: items(300) });
    const { frame, press, unmount } = mount(stub, 80);
    await press('o');
    expect(frame()).toContain('note on');
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    unmount();
  });

  test('enter continues; before judging the scorecard says it is pending', async () => {
    const { frame, onContinue, press, unmount } = mount(new StubSession(sampleView()));
    await tick();
    expect(frame()).toContain('scorecard pending');
    await press(KEY.enter);
    expect(onContinue).toHaveBeenCalledOnce();
    unmount();
  });

  test('with colour off the frame has no escape codes', async () => {
    const chalk = await inkChalk();
    const level = chalk.level;
    chalk.level = 1;
    const view = { ...judgedView(), hotwash: items(9) };
    try {
      const coloured = render(
        <HotwashScreen session={new StubSession(view)} view={view} onContinue={vi.fn()} />,
      );
      await tick();
      expect(coloured.lastFrame()).toContain('\u001B[');
      coloured.unmount();
      const plain = render(
        <ColourContext.Provider value={false}>
          <HotwashScreen session={new StubSession(view)} view={view} onContinue={vi.fn()} />
        </ColourContext.Provider>,
      );
      await tick();
      expect(plain.lastFrame()).toContain('Strengths (3)');
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
