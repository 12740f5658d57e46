import { describe, expect, it } from 'vitest';
import { addToFeed } from '../../src/tabletop/feed.ts';
import type { FeedItem } from '../../src/tabletop/types.ts';

const item = (seq: number, at: number, tone: FeedItem['tone'], text: string): FeedItem => ({
  seq,
  at,
  tone,
  text,
});

describe('the inject feed', () => {
  it('puts an inject above the alerts it set off in the same instant, though the ledger holds it after them', () => {
    const feed: FeedItem[] = [];
    addToFeed(feed, item(1, 0, 'info', 'steady state over'));
    addToFeed(feed, item(2, 100, 'signal', 'ALERT oauth-scope-anomaly'));
    addToFeed(feed, item(3, 100, 'inject', 'INJECT pull lands'));
    addToFeed(feed, item(4, 200, 'signal', 'ALERT later'));
    expect(feed.map((f) => f.text)).toEqual([
      'steady state over',
      'INJECT pull lands',
      'ALERT oauth-scope-anomaly',
      'ALERT later',
    ]);
  });

  it('never moves an inject above what happened before it', () => {
    const feed: FeedItem[] = [];
    addToFeed(feed, item(1, 50, 'signal', 'ALERT earlier'));
    addToFeed(feed, item(2, 100, 'decision', 'DECISION before'));
    addToFeed(feed, item(3, 100, 'inject', 'INJECT lands'));
    expect(feed.map((f) => f.text)).toEqual(['ALERT earlier', 'DECISION before', 'INJECT lands']);
  });
});
