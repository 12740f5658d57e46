import type { FeedItem, TabletopView } from '../../src/tabletop/types.ts';
import { LiveDrill, renderAt, tick } from '../tui/drill-render.tsx';
import { StubSession, sampleView } from '../tui/stub-session.ts';

const MIN = 60_000;

function feedItem(seq: number, t0: number): FeedItem {
  return {
    seq,
    at: t0 + seq * MIN,
    tone: seq % 3 ? 'signal' : 'inject',
    text: `ALERT control-${seq}: something happened`,
  };
}

/** Wall ms per appended feed item for the drill screen at 80×24, holding `entries` feed items and half as many decisions. */
async function msPerAppend(entries: number, appends: number): Promise<number> {
  const base = sampleView();
  const view: TabletopView = {
    ...base,
    feed: Array.from({ length: entries }, (_, i) => feedItem(i, base.t0)),
    decisions: Array.from({ length: Math.floor(entries / 2) }, (_, i) => ({
      seq: 100_000 + i,
      at: base.t0 + i * MIN,
      by: 'Dana Reyes',
      role: 'privacy officer',
      text: `decision ${i}`,
    })),
  };
  const stub = new StubSession(view);
  const app = renderAt(<LiveDrill stub={stub} />);
  await tick();
  const began = performance.now();
  for (let i = 0; i < appends; i += 1) {
    const current = stub.view();
    stub.update({ feed: [...current.feed, feedItem(entries + i, base.t0)], now: current.now + MIN });
    await tick();
  }
  const ms = (performance.now() - began) / appends;
  app.unmount();
  return ms;
}

/** The drill screen's cost per update with a long session against a short one (ideally a ratio near 1). */
export async function benchTabletop(appends: number) {
  await msPerAppend(10, 50); // warm-up
  const short = await msPerAppend(10, appends);
  const long = await msPerAppend(1_000, appends);
  return { shortMs: short, longMs: long, ratio: long / short };
}
