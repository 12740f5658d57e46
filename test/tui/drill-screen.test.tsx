import { describe, expect, test, vi } from 'vitest';
import type { BoardRow, FeedItem } from '../../src/tabletop/types.ts';
import { PACINGS } from '../../src/tabletop/types.ts';
import { ColourContext } from '../../src/tui/theme.tsx';
import { afterEscape, frameFits, inkChalk, KEY, LiveDrill, renderAt, tick } from './drill-render.tsx';
import { StubSession, sampleView } from './stub-session.ts';

const T0 = Date.parse('2026-03-02T14:00:00Z');
const MIN = 60_000;
const NOW = T0 + 45 * MIN;

function setup(stub = new StubSession()) {
  const onHotwash = vi.fn();
  const onTyping = vi.fn();
  const app = renderAt(<LiveDrill stub={stub} onHotwash={onHotwash} onTyping={onTyping} />);
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await (key === KEY.escape ? afterEscape() : tick());
    }
  };
  return { ...app, stub, onHotwash, onTyping, press };
}

const manual = (id: string, status: BoardRow['status'] = 'open'): BoardRow => ({
  id,
  type: 'manual',
  inject: 'sync-breaks',
  status,
  closesAt: T0 + 150 * MIN,
  prompt: `${id} happened`,
  detail: 'needs a person',
});

describe('DrillScreen at 80×24', () => {
  test('shows the clock, deadline, board, feed, module and key hints of the view', async () => {
    const { lastFrame, unmount } = setup();
    await tick();
    const frame = lastFrame();
    expect(frame).toContain('⏸ paused  2026-03-02 09:45 EST  T+45m  phase waiting  next inject in 3h 15m');
    expect(frame).toContain('0% of 121d  pacing facilitator-paced');
    expect(frame).toContain('individual notice (164.404(b)) due in 59d 23h (2026-05-01)');
    expect(frame).toMatch(/✓ detect-stranded-phi +detect +met in 8m/);
    expect(frame).toMatch(/… privacy-officer-briefed +manual +1h 45m left · The privacy officer/);
    expect(frame).toMatch(/… notify-individuals:individual +notify +59d 23h left/);
    expect(frame).toMatch(/T\+30m +◆ inject sync-breaks landed/);
    expect(frame).toMatch(/T\+38m +● signal phi-at-rest-scanner/);
    expect(frame).toContain('module 1/3 Detection');
    expect(frame).toContain('? Who reads the dead-letter queue?');
    expect(frame).not.toContain('Does the safe harbour apply?');
    expect(frame).toContain('space play');
    expect(frameFits(frame)).toBe(true);
    // Exactly the terminal's height, so Ink never has to clear the screen as sections fill up.
    expect(frame.split('\n')).toHaveLength(24);
    unmount();
  });

  test('space on a facilitator-paced drill explains instead of playing', async () => {
    const { press, lastFrame, stub, unmount } = setup();
    await press(' ');
    expect(lastFrame()).toContain('facilitator-paced: n advances to the next inject');
    expect(stub.calls).toEqual([]);
    unmount();
  });

  test('space plays a paused drill and pauses a playing one', async () => {
    const stub = new StubSession(sampleView({ pacing: PACINGS[1]! }));
    const { press, lastFrame, unmount } = setup(stub);
    await press(' ');
    expect(stub.calls).toEqual([['play']]);
    stub.update({ playing: true });
    await tick();
    expect(lastFrame()).toContain('▶ playing');
    expect(lastFrame()).toContain('space pause');
    await press(' ');
    expect(stub.calls).toEqual([['play'], ['pause']]);
    stub.update({ phase: 'running' });
    await tick();
    expect(lastFrame()).toContain('⧗ running');
    unmount();
  });

  test('n advances to the next inject and e runs the clock to the end', async () => {
    const { press, stub, unmount } = setup();
    await press('n', 'e');
    const view = stub.view();
    expect(stub.calls).toEqual([['advanceToNextInject'], ['jump', view.end - view.now]]);
    unmount();
  });

  test('j takes a duration, refuses a bad one with the line kept open, and tells the shell it is typing', async () => {
    const { press, lastFrame, stub, onTyping, unmount } = setup();
    await press('j');
    expect(lastFrame()).toContain('jump by');
    expect(onTyping.mock.calls).toEqual([[true]]);
    await press('soon', KEY.enter);
    expect(lastFrame()).toContain('"soon" is not a duration: try 90m, 2h, 60d or 1h30m');
    expect(lastFrame()).toContain('jump by soon');
    expect(stub.calls).toEqual([]);
    await press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, '2h', KEY.enter);
    expect(stub.calls).toEqual([['jump', 2 * 60 * MIN]]);
    expect(lastFrame()).not.toContain('jump by');
    expect(onTyping.mock.calls).toEqual([[true], [false]]);
    unmount();
  });

  test('escape closes an open line without a call, and shortcut letters typed into it do nothing', async () => {
    const { press, lastFrame, stub, onTyping, unmount } = setup();
    await press('j', 'n', 'e', 'h', 'p');
    expect(lastFrame()).toContain('jump by nehp');
    await press(KEY.escape);
    expect(lastFrame()).not.toContain('jump by');
    expect(lastFrame()).toContain('space play');
    expect(stub.calls).toEqual([]);
    expect(onTyping.mock.calls).toEqual([[true], [false]]);
    unmount();
  });

  test('c prefills the first open manual id and the facilitator; tab cycles ids; enter confirms', async () => {
    const board = [...sampleView().board, manual('legal-notified', 'waiting'), manual('ceo-told', 'met')];
    const stub = new StubSession(sampleView({ board }));
    const { press, lastFrame, onTyping, unmount } = setup(stub);
    await press('c');
    expect(lastFrame()).toContain('> confirm privacy-officer-briefed by Ada Facil');
    expect(onTyping).toHaveBeenLastCalledWith(true);
    expect(lastFrame()).toContain('tab: next open id');
    await press(KEY.tab);
    expect(lastFrame()).toContain('> confirm legal-notified by Ada Facil');
    await press(KEY.tab);
    expect(lastFrame()).toContain('> confirm privacy-officer-briefed by Ada Facil');
    await press('note briefed by phone', KEY.enter);
    expect(stub.calls).toEqual([
      ['confirm', 'privacy-officer-briefed', 'Ada Facil', NOW, 'briefed by phone'],
    ]);
    expect(lastFrame()).toContain('confirmed privacy-officer-briefed by Ada Facil');
    expect(onTyping).toHaveBeenLastCalledWith(false);
    unmount();
  });

  test('c keeps the line open on a malformed confirmation or an id that is not a manual expectation', async () => {
    const { press, lastFrame, stub, unmount } = setup();
    await press('c', 'at soon', KEY.enter);
    expect(lastFrame()).toContain('"at soon" is not a time');
    expect(lastFrame()).toContain('> confirm privacy-officer-briefed by Ada Facil at soon');
    const line = 'confirm privacy-officer-briefed by Ada Facil at soon';
    await press(...Array.from({ length: line.length }, () => KEY.backspace));
    await press('confirm detect-stranded-phi at -10m', KEY.enter);
    expect(lastFrame()).toContain('"detect-stranded-phi" is not a manual expectation on the board');
    expect(stub.calls).toEqual([]);
    await press(KEY.escape);
    expect(lastFrame()).not.toContain('> confirm');
    unmount();
  });

  test('c with nothing manual to confirm says so and opens nothing', async () => {
    const stub = new StubSession(sampleView({ board: [manual('privacy-officer-briefed', 'met')] }));
    const { press, lastFrame, onTyping, unmount } = setup(stub);
    await press('c');
    expect(lastFrame()).toContain('nothing to confirm');
    expect(onTyping).not.toHaveBeenCalled();
    unmount();
  });

  test('d picks who with ←/→ then records the decision against the current module', async () => {
    const { press, lastFrame, stub, onTyping, unmount } = setup();
    await press(']', 'd');
    expect(lastFrame()).toContain('decision by ◀ Ada Facil (facilitator) ▶');
    expect(onTyping.mock.calls).toEqual([[true]]);
    await press(KEY.right);
    expect(lastFrame()).toContain('◀ Dana Reyes (privacy officer) ▶');
    await press(KEY.left, KEY.left);
    expect(lastFrame()).toContain('◀ Sam Ortiz (IR lead) ▶');
    await press(KEY.right, KEY.right, KEY.enter);
    expect(lastFrame()).toContain('decision by Dana Reyes:');
    await press(KEY.enter);
    expect(lastFrame()).toContain('type the decision, or esc to drop it');
    expect(stub.calls).toEqual([]);
    await press('engage outside counsel', KEY.enter);
    expect(stub.calls).toEqual([
      [
        'decide',
        { by: 'Dana Reyes', role: 'privacy officer', text: 'engage outside counsel', module: 'Assessment' },
      ],
    ]);
    expect(onTyping.mock.calls).toEqual([[true], [false]]);
    unmount();
  });

  test('a typed line longer than the terminal stays on one row, showing its end', async () => {
    const { press, lastFrame, stub, unmount } = setup();
    await press('d', KEY.enter);
    const text = 'we engage outside counsel today and brief the board before the regulator hears of it';
    await press(text);
    expect(frameFits(lastFrame())).toBe(true);
    expect(lastFrame().split('\n')).toHaveLength(24);
    expect(lastFrame()).toContain('before the regulator hears of it');
    await press(KEY.enter);
    expect(stub.calls).toEqual([
      ['decide', { by: 'Ada Facil', role: 'facilitator', text, module: 'Detection' }],
    ]);
    unmount();
  });

  test('with no modules or participants, d records a facilitator decision without a module', async () => {
    const stub = new StubSession(sampleView({ modules: [], prompts: [], participants: [] }));
    const { press, lastFrame, unmount } = setup(stub);
    await press(']', '[');
    expect(lastFrame()).toContain('no discussion modules');
    await press('d');
    expect(lastFrame()).toContain('decision by facilitator:');
    await press('hold the notice', KEY.enter);
    expect(stub.calls).toEqual([
      ['decide', { by: 'facilitator', role: 'facilitator', text: 'hold the notice' }],
    ]);
    unmount();
  });

  test('escape from the participant picker records nothing', async () => {
    const { press, lastFrame, stub, unmount } = setup();
    await press('d', KEY.escape);
    expect(lastFrame()).not.toContain('decision by');
    await press('n');
    expect(stub.calls).toEqual([['advanceToNextInject']]);
    unmount();
  });

  test('[ and ] switch modules (wrapping) and p shows and hides the expected answers', async () => {
    const { press, lastFrame, unmount } = setup();
    await press('[');
    expect(lastFrame()).toContain('module 3/3 Notification');
    expect(lastFrame()).toContain('? Who drafts the notice?');
    await press(']', ']');
    expect(lastFrame()).toContain('module 2/3 Assessment');
    expect(lastFrame()).toContain('? Does the safe harbour apply?');
    expect(lastFrame()).not.toContain('No: plaintext is unsecured PHI.');
    await press('p');
    expect(lastFrame()).toContain('→ No: plaintext is unsecured PHI.');
    await press('p');
    expect(lastFrame()).not.toContain('No: plaintext is unsecured PHI.');
    unmount();
  });

  test("b opens the board out to every row (taking the other panels' room) and folds it back", async () => {
    const board = Array.from({ length: 12 }, (_, i) => manual(`step-${String(i).padStart(2, '0')}`));
    const { press, lastFrame, unmount } = setup(new StubSession(sampleView({ board })));
    await tick();
    expect(lastFrame()).toContain('+9 more');
    expect(lastFrame()).not.toContain('step-11');
    await press('b');
    expect(lastFrame()).not.toContain('more');
    for (const row of board) expect(lastFrame()).toContain(row.id);
    expect(frameFits(lastFrame())).toBe(true);
    await press('b');
    expect(lastFrame()).toContain('+9 more');
    unmount();
  });

  test('i opens the inject card in place of the feed: who tells whom and the message, p adds the expected action', async () => {
    const { press, lastFrame, stub, unmount } = setup();
    await tick();
    expect(lastFrame()).toContain('↑↓ scroll · i inject card');
    await press('i');
    let frame = lastFrame();
    expect(frame).toContain('inject 1/1 sync-breaks T+30m · ←→ injects · i feed · p show expected');
    expect(frame).toContain('Integration on-call engineer → IR lead');
    expect(frame).toContain('The overnight EHR→CRM sync job has failed 212 times');
    expect(frame).not.toContain('expected: Open an incident');
    expect(frame).not.toContain('signal phi-at-rest-scanner');
    expect(frameFits(frame)).toBe(true);
    expect(frame.split('\n')).toHaveLength(24);
    await press('p');
    frame = lastFrame();
    expect(frame).toContain('expected: Open an incident and check what the dead-letter queue holds');
    await press('i');
    expect(lastFrame()).toContain('signal phi-at-rest-scanner');
    expect(lastFrame()).not.toContain('The overnight EHR→CRM sync job');
    expect(stub.calls).toEqual([]);
    unmount();
  });

  test('the inject card follows the latest inject to land, and ←/→ step through the landed ones', async () => {
    const stub = new StubSession();
    const { press, lastFrame, unmount } = setup(stub);
    await press('i');
    stub.update({
      injects: stub
        .view()
        .injects.map((inject) => (inject.id === 'token-leak' ? { ...inject, status: 'applied' } : inject)),
    });
    await tick();
    expect(lastFrame()).toContain('inject 2/2 token-leak T+4h');
    expect(lastFrame()).toContain('the scenario gives no message for this inject: the oauth-overscope leak');
    await press(KEY.left);
    expect(lastFrame()).toContain('inject 1/2 sync-breaks');
    await press(KEY.left);
    expect(lastFrame()).toContain('inject 1/2 sync-breaks');
    await press(KEY.right);
    expect(lastFrame()).toContain('inject 2/2 token-leak');
    unmount();
  });

  test('before any inject lands the card says how to get one', async () => {
    const stub = new StubSession(
      sampleView({ injects: sampleView().injects.map((inject) => ({ ...inject, status: 'pending' })) }),
    );
    const { press, lastFrame, unmount } = setup(stub);
    await tick();
    expect(lastFrame()).not.toContain('i inject card');
    await press('i');
    expect(lastFrame()).toContain('no inject has landed yet: n advances to the next one');
    unmount();
  });

  test('h before the drill is judged explains; once judged it opens the hot wash', async () => {
    const { press, lastFrame, stub, onHotwash, unmount } = setup();
    await press('h');
    expect(lastFrame()).toContain('the drill is still running: e runs it to the end');
    expect(onHotwash).not.toHaveBeenCalled();
    stub.update({ phase: 'judged' });
    await tick();
    await press('h');
    expect(onHotwash).toHaveBeenCalledTimes(1);
    unmount();
  });

  test('new feed items pushed by the session appear at the bottom, and the problem line shows', async () => {
    const { lastFrame, stub, unmount } = setup();
    await tick();
    const item: FeedItem = {
      seq: 42,
      at: T0 + 200 * MIN,
      tone: 'problem',
      text: 'token-leak failed to apply',
    };
    stub.update({ feed: [...stub.view().feed, item], problem: 'unknown expectation "x"' });
    await tick();
    expect(lastFrame()).toMatch(/T\+3h 20m +✗ token-leak failed to apply/);
    expect(lastFrame()).toContain('feed (3)');
    expect(lastFrame()).toContain('problem: unknown expectation "x"');
    unmount();
  });

  test('↑ scrolls the feed back, new items keep the position and count as newer, ↓ returns', async () => {
    const feed = Array.from({ length: 30 }, (_, i) => feedItem(i));
    const stub = new StubSession(sampleView({ feed }));
    const { press, lastFrame, unmount } = setup(stub);
    await tick();
    expect(lastFrame()).toContain('feed item 29');
    expect(lastFrame()).not.toContain('feed item 21');
    await press(KEY.up, KEY.up);
    expect(lastFrame()).toContain('↓ 2 newer');
    expect(lastFrame()).not.toContain('feed item 28');
    expect(lastFrame()).toContain('feed item 27');
    stub.update({ feed: [...feed, feedItem(30), feedItem(31)] });
    await tick();
    expect(lastFrame()).toContain('↓ 4 newer');
    expect(lastFrame()).toContain('feed item 27');
    expect(lastFrame()).not.toContain('feed item 31');
    await press(KEY.down, KEY.down, KEY.down, KEY.down);
    expect(lastFrame()).not.toContain('newer');
    expect(lastFrame()).toContain('feed item 31');
    unmount();
  });

  test('the decision log shows the newest decisions', async () => {
    const decisions = Array.from({ length: 5 }, (_, i) => ({
      seq: 100 + i,
      at: T0 + (60 + i) * MIN,
      by: 'Sam Ortiz',
      role: 'IR lead',
      text: `decision number ${i}`,
    }));
    const { lastFrame, unmount } = setup(new StubSession(sampleView({ decisions })));
    await tick();
    expect(lastFrame()).toContain('decisions (5)');
    expect(lastFrame()).toMatch(/T\+1h 4m +Sam Ortiz \(IR lead\): decision number 4/);
    expect(lastFrame()).toContain('decision number 3');
    expect(lastFrame()).not.toContain('decision number 2');
    unmount();
  });

  test('grows into a taller, wider terminal', async () => {
    const feed = Array.from({ length: 60 }, (_, i) => feedItem(i));
    const stub = new StubSession(sampleView({ feed }));
    const app = renderAt(<LiveDrill stub={stub} />, { columns: 120, rows: 40 });
    await tick();
    const lines = app.lastFrame().split('\n');
    expect(lines).toHaveLength(40);
    expect(frameFits(app.lastFrame(), 120, 40)).toBe(true);
    // 40 rows: 18 feed rows instead of 8, so items 42–59 of 60 show.
    expect(app.lastFrame()).toContain('feed item 42');
    expect(app.lastFrame()).not.toContain('feed item 41');
    expect(app.lastFrame()).toContain('The privacy officer is briefed');
    app.unmount();
  });

  test('with colour off the frame has no escape codes', async () => {
    const chalk = await inkChalk();
    const level = chalk.level;
    chalk.level = 1;
    try {
      const coloured = setup();
      await tick();
      expect(coloured.lastFrame()).toContain('\u001B[');
      coloured.unmount();
      const stub = new StubSession(sampleView({ problem: 'something broke', pacing: PACINGS[1]! }));
      const plain = renderAt(
        <ColourContext.Provider value={false}>
          <LiveDrill stub={stub} />
        </ColourContext.Provider>,
      );
      await tick();
      plain.stdin.write('p');
      await tick();
      plain.stdin.write('h');
      await tick();
      expect(plain.lastFrame()).toContain('the drill is still running');
      expect(plain.lastFrame()).toContain('→ The integration owner');
      expect(plain.lastFrame()).not.toContain('\u001B[');
      plain.unmount();
    } finally {
      chalk.level = level;
    }
  });
});

function feedItem(i: number): FeedItem {
  return { seq: 1000 + i, at: T0 + i * MIN, tone: 'info', text: `feed item ${i}` };
}
