import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { useSyncExternalStore } from 'react';
import { describe, expect, test, vi } from 'vitest';
import type { ImprovementAction } from '../../src/tabletop/types.ts';
import { CloseScreen } from '../../src/tui/screens/close-screen.tsx';
import { ColourContext } from '../../src/tui/theme.tsx';
import { StubSession, sampleView } from './stub-session.ts';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};
const escapeWait = () => new Promise((resolve) => setTimeout(resolve, 60));
const KEY = {
  enter: '\r',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  back: '\u007F',
};

const SUGGESTED: ImprovementAction[] = [
  {
    action: 'Route dead-letter alerts to the integration owner',
    capability: 'Operational coordination',
    owner: 'integration owner',
    due: '2026-04-15',
  },
  { action: 'Encrypt sync staging rows', capability: 'Cybersecurity', owner: 'CRM admin', due: '2026-05-01' },
];

function judgedView() {
  return sampleView({ phase: 'judged', suggestedActions: SUGGESTED });
}

/** A session whose close() waits for the test, so "writing…" can be seen. */
class SlowClose extends StubSession {
  finish?: (path: string) => void;
  fail?: (error: Error) => void;
  override close(): ReturnType<StubSession['close']> {
    this.calls.push(['close']);
    return new Promise((resolve, reject) => {
      this.finish = (path) => resolve({ afterActionReport: path, printed: { problem: 'printing is off' } });
      this.fail = reject;
    });
  }
}

const onTyping = vi.fn();

/** Mounts the screen the way the app shell does: re-rendered with the session's view on every change. */
function Live({ stub, onDone }: { stub: StubSession; onDone(path: string): void }) {
  const view = useSyncExternalStore(
    (listener) => stub.subscribe(listener),
    () => stub.view(),
  );
  return <CloseScreen session={stub} view={view} onDone={onDone} onTyping={onTyping} />;
}

function mount(stub: StubSession = new StubSession(judgedView()), width?: number) {
  const onDone = vi.fn();
  const tree = <Live stub={stub} onDone={onDone} />;
  const app = render(width ? <Box width={width}>{tree}</Box> : tree);
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await (key === KEY.esc ? escapeWait() : tick());
    }
  };
  return { ...app, stub, onDone, press, frame: () => app.lastFrame() ?? '' };
}

describe('CloseScreen', () => {
  test('y accepts the selected suggestion as is, once', async () => {
    const { stub, frame, press, unmount } = mount();
    await tick();
    expect(frame()).toContain('Improvement plan · 0 rows');
    expect(frame()).toContain('Suggested (2) from the verdicts and hot wash · due 30 days after today');
    expect(frame()).toMatch(/› Route dead-letter alerts to t… Operational coo… integration own… 2026-04-15/);
    await press(KEY.down, 'y');
    expect(stub.calls).toEqual([['addAction', SUGGESTED[1]]]);
    stub.update({ actions: [SUGGESTED[1]!] });
    await tick();
    expect(frame()).toContain('Improvement plan · 1 row');
    expect(frame()).toMatch(/ {2}Encrypt sync staging rows +Cybersecurity +CRM admin +2026-05-01/);
    await press('y');
    expect(frame()).toContain('that suggestion is already in the plan');
    await press(KEY.up);
    expect(frame()).toMatch(/✓ Encrypt sync staging rows/);
    expect(stub.calls).toHaveLength(1);
    unmount();
  });

  test('a types a row field by field; a bad due date is refused and the field stays open', async () => {
    const { stub, frame, press, unmount } = mount();
    onTyping.mockClear();
    await press('a');
    expect(onTyping).toHaveBeenLastCalledWith(true);
    await press(KEY.enter);
    expect(frame()).toContain('the action is needed');
    await press('Page the integration owner', KEY.enter);
    await press('Operational coordination', KEY.enter);
    expect(frame()).toContain('new row 3/4');
    expect(frame()).toContain('‹ Ada Facil ›');
    await press(KEY.right, KEY.enter);
    expect(frame()).toContain('owner: Dana Reyes');
    await press('soon', KEY.enter);
    expect(frame()).toContain('due must be a date as YYYY-MM-DD');
    await press(KEY.back, KEY.back, KEY.back, KEY.back, '2026-02-30', KEY.enter);
    expect(frame()).toContain('2026-02-30 is not a calendar date');
    expect(frame()).toContain('new row 4/4');
    expect(stub.calls).toEqual([]);
    await press(...Array.from({ length: 10 }, () => KEY.back), '2026-04-30', KEY.enter);
    expect(stub.calls).toEqual([
      [
        'addAction',
        {
          action: 'Page the integration owner',
          capability: 'Operational coordination',
          owner: 'Dana Reyes',
          due: '2026-04-30',
        },
      ],
    ]);
    expect(onTyping).toHaveBeenLastCalledWith(false);
    unmount();
  });

  test('the owner can be a role or typed; esc drops the row', async () => {
    const { stub, frame, press, unmount } = mount();
    await press('a', 'Act', KEY.enter, 'Cap', KEY.enter);
    // Names first (3), then the roles at the table: the fourth option is the first role.
    await press(KEY.right, KEY.right, KEY.right);
    expect(frame()).toContain('‹ facilitator ›');
    await press('outside counsel', KEY.enter, '2026-06-01', KEY.enter);
    expect(stub.calls).toEqual([
      ['addAction', { action: 'Act', capability: 'Cap', owner: 'outside counsel', due: '2026-06-01' }],
    ]);
    await press('a', 'wy', KEY.esc);
    expect(frame()).toContain('↑/↓ select');
    expect(stub.calls).toHaveLength(1);
    unmount();
  });

  test('w closes the session, shows writing… then the path, and hands the path on', async () => {
    const stub = new SlowClose(judgedView());
    const { frame, onDone, press, unmount } = mount(stub);
    await press('w');
    expect(stub.calls).toEqual([['close']]);
    expect(frame()).toContain('writing the after-action report…');
    await press('w', 'a');
    expect(stub.calls).toEqual([['close']]);
    expect(onDone).not.toHaveBeenCalled();
    stub.finish?.('/tmp/phi-drill-tabletop/after-action-report.md');
    await tick();
    expect(onDone).toHaveBeenCalledExactlyOnceWith('/tmp/phi-drill-tabletop/after-action-report.md');
    expect(frame()).toContain('written: /tmp/phi-drill-tabletop/after-action-report.md');
    unmount();
  });

  test('an error from close() is shown, not thrown, and w can try again', async () => {
    const stub = new SlowClose(judgedView());
    const { frame, onDone, press, unmount } = mount(stub);
    await press('w');
    stub.fail?.(new Error('the drill is not judged yet'));
    await tick();
    expect(frame()).toContain('could not close: the drill is not judged yet');
    expect(onDone).not.toHaveBeenCalled();
    await press('w');
    expect(stub.calls).toEqual([['close'], ['close']]);
    unmount();
  });

  test('a long plan, many suggestions and an open row fit 80×24', async () => {
    const many = (count: number, word: string): ImprovementAction[] =>
      Array.from({ length: count }, (_, index) => ({
        action: `${word} ${index} ${'and then some more words '.repeat(4)}`,
        capability: 'Operational coordination and communications',
        owner: 'executive sponsor of the programme',
        due: '2026-04-30',
      }));
    const stub = new StubSession(
      sampleView({ actions: many(40, 'action'), suggestedActions: many(30, 'suggestion') }),
    );
    const { frame, press, unmount } = mount(stub, 80);
    const frames: string[] = [];
    await tick();
    frames.push(frame());
    await press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down);
    frames.push(frame());
    await press('a', 'x', KEY.enter, 'y', KEY.enter);
    frames.push(frame());
    await press(KEY.enter, 'not a date', KEY.enter);
    frames.push(frame());
    expect(frames[0]).toContain('40 rows, latest 6');
    expect(frames[0]).toContain('action 39');
    expect(frames[1]).toContain('› suggestion 7');
    expect(frames[3]).toContain('due must be a date');
    for (const shown of frames) {
      const lines = shown.split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    }
    unmount();
  });

  test('with colour off the frame has no escape codes', async () => {
    const chalk = await inkChalk();
    const level = chalk.level;
    chalk.level = 1;
    const view = { ...judgedView(), actions: [SUGGESTED[0]!] };
    try {
      const coloured = render(<CloseScreen session={new StubSession(view)} view={view} onDone={vi.fn()} />);
      await tick();
      expect(coloured.lastFrame()).toContain('\u001B[');
      coloured.unmount();
      const plain = render(
        <ColourContext.Provider value={false}>
          <CloseScreen session={new StubSession(view)} view={view} onDone={vi.fn()} />
        </ColourContext.Provider>,
      );
      await tick();
      expect(plain.lastFrame()).toContain('Corrective action');
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
