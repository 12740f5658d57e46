import { render } from 'ink-testing-library';
import { describe, expect, test, vi } from 'vitest';
import type { Timers } from '../../src/clock/timers.ts';
import { PACINGS } from '../../src/tabletop/types.ts';
import { TabletopApp } from '../../src/tui/app.tsx';
import { StubSession, sampleView } from './stub-session.ts';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Timers that fire at once, so the shell's frame coalescing does not slow the tests. */
const immediate: Timers = {
  setTimeout: (callback) => setImmediate(callback),
  clearTimeout: (handle) => clearImmediate(handle as NodeJS.Immediate),
};

function app(props: Partial<Parameters<typeof TabletopApp>[0]> = {}) {
  const onExit = vi.fn();
  const startSession = vi.fn();
  const rendered = render(
    <TabletopApp scenarios={[]} startSession={startSession} timers={immediate} onExit={onExit} {...props} />,
  );
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      rendered.stdin.write(key);
      await tick();
    }
  };
  return { ...rendered, onExit, startSession, press, frame: () => rendered.lastFrame() ?? '' };
}

describe('TabletopApp (the shell)', () => {
  test('a resumed drill opens on the drill screen; ? shows its keys and the key that closes help does nothing else', async () => {
    const session = new StubSession();
    const { press, frame, unmount } = app({ resumed: session });
    await tick();
    expect(frame()).toContain('module 1/3 Detection');
    await press(']');
    expect(frame()).toContain('module 2/3 Assessment');
    await press('?');
    expect(frame()).toContain('Keys · drill');
    expect(frame()).toContain('advance to next inject');
    await press('n');
    expect(frame()).not.toContain('Keys · drill');
    expect(session.calls).toEqual([]);
    // The screen stayed mounted under the overlay: the module it was on survives.
    expect(frame()).toContain('module 2/3 Assessment');
    unmount();
  });

  test('q asks first, names the resume command, and y quits without closing the drill', async () => {
    const session = new StubSession();
    const { press, frame, onExit, unmount } = app({ resumed: session });
    await press('q');
    expect(frame()).toContain('Quit the drill? Everything so far is in the ledger.');
    expect(frame()).toContain('phi-drill tabletop --resume /tmp/phi-drill-tabletop');
    await press('x');
    expect(frame()).not.toContain('Quit the drill?');
    expect(onExit).not.toHaveBeenCalled();
    await press('q', 'y');
    expect(onExit).toHaveBeenCalledWith(undefined);
    expect(session.calls).toEqual([]);
    unmount();
  });

  test('? and q are letters while a line is being typed', async () => {
    const session = new StubSession();
    const { press, frame, unmount } = app({ resumed: session });
    await press('d', '\r', 'why? quick\r');
    expect(frame()).not.toContain('Keys · drill');
    expect(session.calls).toEqual([
      ['decide', { by: 'Ada Facil', role: 'facilitator', text: 'why? quick', module: 'Detection' }],
    ]);
    unmount();
  });

  test('a judged drill resumes on the hot wash', async () => {
    const session = new StubSession(
      sampleView({ phase: 'judged', counts: { met: 2, late: 0, missed: 1, notApplicable: 0 } }),
    );
    const { frame, unmount } = app({ resumed: session });
    await tick();
    expect(frame()).toContain('Hot wash');
    unmount();
  });

  test('setup starts a session and moves to the briefing; a failure to start is shown', async () => {
    const session = new StubSession();
    const startSession = vi
      .fn()
      .mockRejectedValueOnce(new Error('reports/ is not writable'))
      .mockResolvedValueOnce(session);
    const { press, frame, unmount } = app({
      scenarios: [
        { id: 'sync-failure-strands-phi', title: 'Sync failure', severity: 'high', summary: 'PHI stranded.' },
      ],
      initialScenarioId: 'sync-failure-strands-phi',
      startSession,
    });
    await press('a', 'Ada Facil\r', '\r', '\r', '\r');
    expect(frame()).toContain('reports/ is not writable');
    await press('\r');
    await tick();
    expect(startSession).toHaveBeenLastCalledWith({
      scenarioId: 'sync-failure-strands-phi',
      participants: [{ name: 'Ada Facil', role: 'facilitator' }],
      pacing: PACINGS[0],
    });
    expect(frame()).toContain('Ground rules');
    unmount();
  });
});
