import { isCivilDate } from '../clock/civil-date.ts';
import type { LedgerEntryInput } from '../evidence/entries.ts';
import type { Verdict } from '../run/verdict.ts';
import { RATINGS, type Rating } from './capabilities.ts';
import type { ImprovementAction } from './types.ts';

/** What the table typed, as the ledger entry to append, or why it is not recorded. */
export type TableEntry = { entry: LedgerEntryInput; problem?: never } | { problem: string; entry?: never };

const refuse = (problem: string): TableEntry => ({ problem });

/**
 * The table's own entries, checked before they reach the ledger: pure, so each refusal is one
 * line of a test and the session only decides when to append.
 */
export function decisionEntry(
  at: number,
  decision: { by: string; role: string; text: string; module?: string },
): TableEntry {
  if (decision.text.trim() === '') return refuse('a decision needs words');
  return { entry: { kind: 'tabletop.decision', at, ...decision, text: decision.text.trim() } };
}

export function hotwashEntry(
  at: number,
  item: { category: 'strength' | 'improvement' | 'note'; text: string; by?: string },
): TableEntry {
  if (item.text.trim() === '') return refuse('an empty observation is not recorded');
  return { entry: { kind: 'tabletop.hotwash', at, ...item, text: item.text.trim() } };
}

export function actionEntry(at: number, action: ImprovementAction): TableEntry {
  if (!isCivilDate(action.due)) return refuse(`due date "${action.due}" is not YYYY-MM-DD`);
  if (action.action.trim() === '' || action.owner.trim() === '')
    return refuse('an improvement needs a corrective action and an owner');
  return { entry: { kind: 'tabletop.action', at, ...action } };
}

export function ratingEntry(
  at: number,
  type: Verdict['type'],
  rating: Rating,
  drill: { judged: boolean; exercised: (type: Verdict['type']) => boolean },
): TableEntry {
  if (!drill.judged) return refuse('capabilities are rated once the drill is judged');
  if (!drill.exercised(type)) return refuse(`the drill exercised no "${type}" capability`);
  if (!RATINGS.includes(rating)) return refuse(`"${rating}" is not a rating: P, S, M or U`);
  return { entry: { kind: 'tabletop.rating', at, capability: type, rating } };
}
