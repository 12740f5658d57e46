import type { Decision, FeedItem } from '../../tabletop/types.ts';
import { offset } from '../drill-time.ts';
import type { Tone } from '../theme.tsx';

const FEED_STYLE: Record<FeedItem['tone'], { glyph: string; tone?: Tone }> = {
  inject: { glyph: '◆', tone: 'inject' },
  signal: { glyph: '●', tone: 'signal' },
  containment: { glyph: '■', tone: 'good' },
  notice: { glyph: '»', tone: 'accent' },
  decision: { glyph: '✎', tone: 'accent' },
  confirmation: { glyph: '✓', tone: 'good' },
  clock: { glyph: '◷', tone: 'muted' },
  problem: { glyph: '✗', tone: 'bad' },
  info: { glyph: '·', tone: 'muted' },
};

export interface FeedLine {
  when: string;
  glyph: string;
  tone?: Tone;
  text: string;
}

/** What one feed row shows; the row component only lays it out (and is memoised around it). */
export function feedLine(item: FeedItem, t0: number): FeedLine {
  return { when: offset(item.at, t0), ...FEED_STYLE[item.tone], text: item.text };
}

/** What one decision-log row shows. */
export function decisionLine(decision: Decision, t0: number): { when: string; who: string; text: string } {
  return { when: offset(decision.at, t0), who: `${decision.by} (${decision.role})`, text: decision.text };
}
