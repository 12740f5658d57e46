import { Profiler } from 'react';
import { expect, test, vi } from 'vitest';
import type { Decision, FeedItem } from '../../src/tabletop/types.ts';
import { decisionLine, feedLine } from '../../src/tui/drill/format.ts';
import { frameFits, KEY, LiveDrill, renderAt, tick } from './drill-render.tsx';
import { StubSession, sampleView } from './stub-session.ts';

// Each feed row and decision row builds its text through these once per render of that row, so their
// call counts are the row components' render counts (the real functions still run).
vi.mock(import('../../src/tui/drill/format.ts'), async (importOriginal) => {
  const actual = await importOriginal();
  return { ...actual, feedLine: vi.fn(actual.feedLine), decisionLine: vi.fn(actual.decisionLine) };
});

const T0 = Date.parse('2026-03-02T14:00:00Z');
const MIN = 60_000;
const TONES: FeedItem['tone'][] = [
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

const item = (i: number): FeedItem => ({
  seq: 10_000 + i,
  at: T0 + i * MIN,
  tone: TONES[i % TONES.length]!,
  text: `feed entry number ${i} ${'with a long tail of words that must be truncated at eighty columns '.repeat(2)}`,
});
const decision = (i: number): Decision => ({
  seq: 50_000 + i,
  at: T0 + i * MIN,
  by: 'Dana Reyes',
  role: 'privacy officer',
  text: `decision ${i}: ${'reasoning that runs well past the right-hand edge of the terminal '.repeat(2)}`,
});

test('1,000 feed items and 500 decisions: fits 80×24, shows the newest, scrolls, and appends cheaply', async () => {
  let feed = Array.from({ length: 1000 }, (_, i) => item(i));
  const stub = new StubSession(
    sampleView({ feed, decisions: Array.from({ length: 500 }, (_, i) => decision(i)) }),
  );
  const commits: number[] = [];
  const app = renderAt(
    <Profiler id="drill" onRender={(_id, _phase, actualDuration) => commits.push(actualDuration)}>
      <LiveDrill stub={stub} />
    </Profiler>,
  );
  await tick();
  const first = app.lastFrame();
  expect(frameFits(first)).toBe(true);
  expect(first).toContain('feed (1000)');
  expect(first).toContain('feed entry number 999');
  expect(first).not.toContain('feed entry number 991 ');
  expect(first).toContain('decisions (500)');
  expect(first).toContain('decision 499:');
  expect(first).not.toContain('decision 497:');
  // The first render builds only the visible rows, not 1,000 + 500.
  expect(vi.mocked(feedLine).mock.calls.length).toBeLessThanOrEqual(8);
  expect(vi.mocked(decisionLine).mock.calls.length).toBeLessThanOrEqual(2);

  for (let i = 0; i < 3; i++) {
    app.stdin.write(KEY.up);
    await tick();
  }
  expect(app.lastFrame()).toContain('↓ 3 newer');
  expect(app.lastFrame()).toContain('feed entry number 996');
  expect(app.lastFrame()).not.toContain('feed entry number 997');
  for (let i = 0; i < 3; i++) {
    app.stdin.write(KEY.down);
    await tick();
  }
  expect(app.lastFrame()).not.toContain('newer');

  vi.mocked(feedLine).mockClear();
  vi.mocked(decisionLine).mockClear();
  commits.length = 0;
  for (let i = 1000; i < 1200; i++) {
    feed = [...feed, item(i)];
    stub.update({ feed, now: T0 + i * MIN });
    await tick();
    expect(app.lastFrame()).toContain(`feed entry number ${i} `);
  }
  // Wall time is measured by `npm run bench` (long session against short), not asserted here.
  expect(commits.length).toBeGreaterThanOrEqual(200);
  // Following the bottom, each append mounts one new row; the other visible rows are memoised.
  expect(vi.mocked(feedLine).mock.calls.length).toBeLessThanOrEqual(200 + 8);
  expect(vi.mocked(decisionLine).mock.calls.length).toBe(0);
  expect(frameFits(app.lastFrame())).toBe(true);

  // Scrolled back, appends only move the "newer" count: no feed row renders at all.
  app.stdin.write(KEY.up);
  await tick();
  vi.mocked(feedLine).mockClear();
  for (let i = 1200; i < 1220; i++) {
    feed = [...feed, item(i)];
    stub.update({ feed });
    await tick();
  }
  expect(app.lastFrame()).toContain('↓ 21 newer');
  expect(app.lastFrame()).toContain('feed entry number 1198');
  expect(app.lastFrame()).not.toContain('feed entry number 1199');
  expect(vi.mocked(feedLine).mock.calls.length).toBe(0);
  app.unmount();
});
