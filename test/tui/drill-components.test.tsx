import { render } from 'ink-testing-library';
import { describe, expect, test } from 'vitest';
import { localClockTime } from '../../src/clock/local-time.ts';
import type { BoardRow, DeadlineRow, FeedItem } from '../../src/tabletop/types.ts';
import { ClockBar } from '../../src/tui/drill/clock-bar.tsx';
import {
  checkConfirmation,
  confirmableIds,
  cycleConfirmId,
  defaultConfirmer,
} from '../../src/tui/drill/confirm-line.ts';
import { DeadlineCountdown } from '../../src/tui/drill/deadline-countdown.tsx';
import { boardInfo, ExpectationsBoard } from '../../src/tui/drill/expectations-board.tsx';
import { InjectFeed } from '../../src/tui/drill/inject-feed.tsx';
import { drillLayout } from '../../src/tui/drill/layout.ts';
import { PromptPanel } from '../../src/tui/drill/prompt-panel.tsx';
import { listWindow, scrollBack, scrollForward, tail } from '../../src/tui/drill/window.ts';
import { clockTime, offset, span } from '../../src/tui/drill-time.ts';
import { inkChalk, tick } from './drill-render.tsx';
import { sampleView } from './stub-session.ts';

const T0 = Date.parse('2026-03-02T14:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('format', () => {
  test('span keeps the two largest units in whole minutes', () => {
    expect(span(0)).toBe('0m');
    expect(span(30_000)).toBe('<1m');
    expect(span(200 * MIN)).toBe('3h 20m');
    expect(span(180 * MIN)).toBe('3h');
    expect(span(60 * DAY - 45 * MIN)).toBe('59d 23h');
    expect(span(-90 * MIN)).toBe('-1h 30m');
  });

  test('offset counts from t0, negative during steady state', () => {
    expect(offset(T0 + 200 * MIN + 59_000, T0)).toBe('T+3h 20m');
    expect(offset(T0 + 20_000, T0)).toBe('T+0m');
    expect(offset(T0 - 15 * MIN, T0)).toBe('T-15m');
  });

  test('clock time and calendar date are UTC', () => {
    expect(clockTime(T0 + 45 * MIN)).toBe('2026-03-02 14:45');
    // The organisation's own zone, standard and daylight time (US DST began 2026-03-08).
    expect(localClockTime(T0 + 45 * MIN, 'America/New_York')).toBe('2026-03-02 09:45 EST');
    expect(localClockTime(T0 + 7 * 24 * 60 * MIN, 'America/New_York')).toBe('2026-03-09 10:00 EDT');
    expect(localClockTime(T0, 'America/Los_Angeles')).toBe('2026-03-02 06:00 PST');
  });
});

describe('windowing', () => {
  test('a following window ends at the newest item; an anchored one stays put', () => {
    expect(listWindow(1000, 8, undefined)).toEqual({ start: 992, end: 1000, newer: 0 });
    expect(listWindow(1200, 8, 994)).toEqual({ start: 987, end: 995, newer: 205 });
    expect(listWindow(3, 8, undefined)).toEqual({ start: 0, end: 3, newer: 0 });
  });

  test('scrolling stops at the oldest full window and resumes following at the newest', () => {
    expect(scrollBack(3, 8, undefined)).toBeUndefined();
    expect(scrollBack(20, 8, undefined)).toBe(18);
    expect(scrollBack(20, 8, 7)).toBe(7);
    expect(scrollForward(20, 17)).toBe(18);
    expect(scrollForward(20, 18)).toBeUndefined();
    expect(scrollForward(20, undefined)).toBeUndefined();
  });

  test('tail takes the newest items', () => {
    expect(tail([1, 2, 3, 4], 2)).toEqual([3, 4]);
    expect(tail([1], 3)).toEqual([1]);
    expect(tail([1, 2], 0)).toEqual([]);
  });

  test('the layout fills the terminal exactly, giving spare rows mostly to the feed', () => {
    const total = (rows: number, board: number) => {
      const layout = drillLayout(rows, board);
      return 9 + layout.board + layout.feed + layout.prompts + layout.decisions;
    };
    expect(total(24, 3)).toBe(24);
    expect(total(24, 12)).toBe(24);
    expect(total(50, 12)).toBe(50);
    expect(drillLayout(24, 3)).toEqual({ board: 3, feed: 8, prompts: 2, decisions: 2 });
    expect(drillLayout(24, 12)).toEqual({ board: 4, feed: 7, prompts: 2, decisions: 2 });
    expect(drillLayout(48, 0).feed).toBeGreaterThan(drillLayout(24, 0).feed + 10);
  });
});

const manual = (id: string, status: BoardRow['status']): BoardRow => ({
  id,
  type: 'manual',
  inject: 'sync-breaks',
  status,
  detail: '',
});

describe('confirm line', () => {
  const board = [...sampleView().board, manual('legal-notified', 'overdue'), manual('ceo-told', 'met')];

  test('offers open, waiting and overdue manual ids, and the facilitator as confirmer', () => {
    expect(confirmableIds(board)).toEqual(['privacy-officer-briefed', 'legal-notified']);
    expect(defaultConfirmer(sampleView().participants)).toBe('Ada Facil');
    expect(defaultConfirmer([{ name: 'Sam', role: 'IR lead' }])).toBe('Sam');
    expect(defaultConfirmer([])).toBe('facilitator');
  });

  test('tab swaps only the id, cycling, and inserts one where a clause came first', () => {
    const ids = confirmableIds(board);
    expect(cycleConfirmId('confirm privacy-officer-briefed by Ada note x', ids)).toBe(
      'confirm legal-notified by Ada note x',
    );
    expect(cycleConfirmId('confirm legal-notified by Ada', ids)).toBe(
      'confirm privacy-officer-briefed by Ada',
    );
    expect(cycleConfirmId('confirm typo by Ada', ids)).toBe('confirm privacy-officer-briefed by Ada');
    expect(cycleConfirmId('confirm by Ada', ids)).toBe('confirm privacy-officer-briefed by Ada');
    expect(cycleConfirmId('hello', ids)).toBe('hello');
  });

  test('checks the parsed id against the manual rows of the board', () => {
    const now = T0 + 45 * MIN;
    expect(checkConfirmation('confirm ceo-told by Sam Ortiz at -5m', board, now)).toEqual({
      ok: true,
      confirmation: { kind: 'manual', expectationId: 'ceo-told', by: 'Sam Ortiz', at: now - 5 * MIN },
    });
    expect(checkConfirmation('confirm detect-stranded-phi', board, now)).toEqual({
      ok: false,
      error: '"detect-stranded-phi" is not a manual expectation on the board',
    });
    expect(checkConfirmation('confirm', board, now)).toEqual({
      ok: false,
      error: 'which expectation? give its id after "confirm"',
    });
  });
});

describe('DeadlineCountdown', () => {
  const deadline = (days: number, sent = false, label = 'individual notice'): DeadlineRow => ({
    id: `notify:${label}`,
    label,
    dueAt: T0 + days * DAY,
    dueDate: new Date(T0 + days * DAY).toISOString().slice(0, 10),
    sent,
    status: sent ? 'met' : 'open',
  });

  test('shows the earliest unsent deadline, its date and how many more', async () => {
    const app = render(
      <DeadlineCountdown
        deadlines={[deadline(60, false, 'secretary notice'), deadline(59), deadline(1, true, 'sent one')]}
        now={T0}
      />,
    );
    await tick();
    expect(app.lastFrame()).toBe('individual notice due in 59d (2026-04-30) +1 more');
    app.unmount();
  });

  test('says when no clock runs or everything went out', async () => {
    const none = render(<DeadlineCountdown deadlines={[]} now={T0} />);
    const sent = render(<DeadlineCountdown deadlines={[deadline(3, true)]} now={T0} />);
    await tick();
    expect(none.lastFrame()).toBe('no notification clock running');
    expect(sent.lastFrame()).toBe('all 1 notices sent');
    none.unmount();
    sent.unmount();
  });

  test('turns warn under ten days and bad once passed', async () => {
    const chalk = await inkChalk();
    const level = chalk.level;
    chalk.level = 1;
    try {
      const frame = async (now: number) => {
        const app = render(<DeadlineCountdown deadlines={[deadline(60)]} now={now} />);
        await tick();
        const out = app.lastFrame() ?? '';
        app.unmount();
        return out;
      };
      const calm = await frame(T0 + 45 * MIN);
      expect(calm).toContain('\u001B[36m'); // cyan: accent
      const close = await frame(T0 + 51 * DAY);
      expect(close).toContain('\u001B[33m'); // yellow: warn
      expect(close).toContain('due in 9d');
      const passed = await frame(T0 + 61 * DAY + 2 * 60 * MIN);
      expect(passed).toContain('\u001B[31m'); // red: bad
      expect(passed).toContain('overdue by 1d 2h');
    } finally {
      chalk.level = level;
    }
  });
});

describe('ExpectationsBoard', () => {
  const row = (id: string, status: BoardRow['status'], extra: Partial<BoardRow> = {}): BoardRow => ({
    id,
    type: 'detect',
    inject: 'sync-breaks',
    status,
    detail: '',
    ...extra,
  });
  const now = T0 + 60 * MIN;
  const rows = [
    row('a-met', 'met', { latencyMs: 8 * MIN }),
    row('b-late', 'late', { latencyMs: 95 * MIN }),
    row('c-missed', 'missed'),
    row('d-open', 'open', { closesAt: now + 30 * MIN }),
    row('e-overdue', 'overdue', { closesAt: now - 10 * MIN }),
    row('f-waiting', 'waiting', { inject: 'token-leak' }),
    row('g-na', 'not-applicable'),
  ];

  test('one badge per status, with time left or latency', async () => {
    const app = render(<ExpectationsBoard board={rows} now={now} height={7} />);
    await tick();
    const lines = (app.lastFrame() ?? '').split('\n');
    expect(lines[0]).toBe('expectations 1 overdue · 1 open · 1 waiting · 1 late · 1 missed · 1 met · 1 n/a');
    expect(lines.slice(1).map((line) => line.replace(/ +/g, ' '))).toEqual([
      '✓ a-met detect met in 8m',
      '! b-late detect late 1h 35m',
      '✗ c-missed detect missed',
      '… d-open detect 30m left',
      '⚠ e-overdue detect overdue 10m',
      '· f-waiting detect waiting for token-leak',
      '– g-na detect n/a',
    ]);
    app.unmount();
  });

  test('when rows do not fit, the urgent ones show and the rest are counted', async () => {
    const app = render(<ExpectationsBoard board={rows} now={now} height={3} />);
    await tick();
    const lines = (app.lastFrame() ?? '').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('e-overdue');
    expect(lines[2]).toContain('d-open');
    expect(lines[3]).toBe('+5 more');
    app.unmount();
  });

  test('a row judged on delivered telemetry shows the pipeline apart from the latency', () => {
    const delivery = { source: 'crm-elf-hourly' as const, occurredAt: T0, deliveredAt: T0 + 280 * MIN };
    expect(boardInfo(row('x', 'late', { latencyMs: 283 * MIN, delivery }), now)).toBe(
      'late 4h 43m (published 4h 40m after the event by crm-elf-hourly)',
    );
    expect(boardInfo(row('x', 'met', { latencyMs: 8 * MIN }), now)).toBe('met in 8m');
    const flushed = { source: 'log-forwarder' as const, occurredAt: T0, deliveredAt: T0 + 1000 };
    expect(boardInfo(row('x', 'met', { latencyMs: 8 * MIN, delivery: flushed }), now)).toBe('met in 8m');
  });

  test('a manual row shows what a person must confirm', () => {
    expect(boardInfo(row('x', 'open', { prompt: 'Legal is told', closesAt: now + DAY }), now)).toBe(
      '1d left · Legal is told',
    );
  });
});

describe('InjectFeed', () => {
  const tones: FeedItem['tone'][] = [
    'inject',
    'signal',
    'containment',
    'notice',
    'decision',
    'confirmation',
    'clock',
    'problem',
    'info',
  ];
  const feed = tones.map((tone, i) => ({ seq: i, at: T0 + i * MIN, tone, text: tone }));

  test('prefixes each row with its offset and a glyph per tone', async () => {
    const app = render(<InjectFeed feed={feed} t0={T0} height={9} anchor={undefined} cardHint={false} />);
    await tick();
    const lines = (app.lastFrame() ?? '').split('\n');
    expect(lines[0]).toBe('feed (9) ↑↓ scroll');
    expect(lines.slice(1).map((line) => line.replace(/ +/g, ' '))).toEqual([
      'T+0m ◆ inject',
      'T+1m ● signal',
      'T+2m ■ containment',
      'T+3m » notice',
      'T+4m ✎ decision',
      'T+5m ✓ confirmation',
      'T+6m ◷ clock',
      'T+7m ✗ problem',
      'T+8m · info',
    ]);
    app.unmount();
  });

  test('an anchored window counts the newer items below it', async () => {
    const app = render(<InjectFeed feed={feed} t0={T0} height={3} anchor={4} cardHint={false} />);
    await tick();
    const lines = (app.lastFrame() ?? '').split('\n');
    expect(lines[0]).toBe('feed (9) ↑↓ scroll  ↓ 4 newer');
    expect(lines.slice(1).map((line) => line.split(' ').at(-1))).toEqual([
      'containment',
      'notice',
      'decision',
    ]);
    app.unmount();
  });
});

describe('ClockBar and PromptPanel', () => {
  test('next inject reads "due now" once its time has come, and "none" when all landed', async () => {
    const view = sampleView();
    const due = render(<ClockBar view={{ ...view, now: T0 + 300 * MIN }} />);
    const none = render(<ClockBar view={{ ...view, injects: view.injects.slice(0, 1) }} />);
    await tick();
    expect(due.lastFrame()).toContain('next inject due now');
    expect(none.lastFrame()).toContain('no injects pending');
    due.unmount();
    none.unmount();
  });

  test('progress runs from t0 to the end of the run', async () => {
    const view = sampleView();
    const app = render(<ClockBar view={{ ...view, now: view.t0 + (view.end - view.t0) / 2 }} />);
    await tick();
    expect(app.lastFrame()).toContain(`${'█'.repeat(8)}${'░'.repeat(8)} 50% of 121d`);
    app.unmount();
  });

  test('a module with more prompts than rows says how many lines are hidden', async () => {
    const prompts = ['one', 'two', 'three'].map((question) => ({
      module: 'M',
      question,
      expected: `${question}!`,
    }));
    const app = render(<PromptPanel modules={['M']} index={0} prompts={prompts} showExpected height={3} />);
    const empty = render(
      <PromptPanel modules={[]} index={-1} prompts={[]} showExpected={false} height={2} />,
    );
    await tick();
    expect((app.lastFrame() ?? '').split('\n').slice(1)).toEqual(['? one', '  → one!', '+4 more lines']);
    // Always its full height (title + rows), so the sections below stay put.
    expect(empty.lastFrame()?.split('\n')).toEqual(['no discussion modules', '', '']);
    app.unmount();
    empty.unmount();
  });
});
