/** Ledger entries a facilitated tabletop writes, beside the run's own (see entries.ts). */
import type { EntryBase } from './entries.ts';

/** A tabletop session opened: who sat at the table, in which role, and how the facilitator paces it. */
export interface TabletopStartedEntry extends EntryBase {
  kind: 'tabletop.started';
  participants: Array<{ name: string; role: string }>;
  pacing: string;
  wallClock: string;
}

/** The facilitator moved or held the drill clock. */
export interface TabletopClockEntry extends EntryBase {
  kind: 'tabletop.clock';
  action: 'advance' | 'jump' | 'play' | 'pause';
  /** Drill time the clock may now run to (advance, jump). */
  to?: number;
}

/** What the table decided, who decided it, at which drill time. */
export interface TabletopDecisionEntry extends EntryBase {
  kind: 'tabletop.decision';
  by: string;
  role: string;
  text: string;
  module?: string;
}

/** A hot-wash observation: a strength, an area for improvement, or one participant's note. */
export interface TabletopHotwashEntry extends EntryBase {
  kind: 'tabletop.hotwash';
  category: 'strength' | 'improvement' | 'note';
  text: string;
  by?: string;
}

/** One row of the improvement plan (HSEEP AAR/IP matrix). */
export interface TabletopActionEntry extends EntryBase {
  kind: 'tabletop.action';
  action: string;
  capability: string;
  owner: string;
  /** Civil date YYYY-MM-DD. */
  due: string;
}

/** An evaluator's HSEEP rating of one capability, replacing the one the verdicts suggest. */
export interface TabletopRatingEntry extends EntryBase {
  kind: 'tabletop.rating';
  /** The expectation type the capability covers (`detect`, `notify` …). */
  capability: string;
  rating: 'P' | 'S' | 'M' | 'U';
}

/** The session was picked up again from this ledger after an interruption. */
export interface TabletopResumedEntry extends EntryBase {
  kind: 'tabletop.resumed';
  /** Entries the ledger held when it was resumed. */
  entries: number;
  wallClock: string;
}

/** The session closed: the after-action report and improvement plan written beside the ledger, pinned by hash. */
export interface TabletopClosedEntry extends EntryBase {
  kind: 'tabletop.closed';
  /** File names relative to the run folder. */
  files: Array<{ file: string; sha256: string }>;
  wallClock: string;
}
