import { type Confirmation, parseConfirmation } from '../../controls/intakes/confirmation.ts';
import type { BoardRow, Participant } from '../../tabletop/types.ts';

const PENDING = new Set<BoardRow['status']>(['open', 'waiting', 'overdue']);
const CLAUSES = new Set(['at', 'by', 'note']);

/** Manual expectations still waiting for a person, in board order: what `c` offers and tab cycles. */
export function confirmableIds(board: readonly BoardRow[]): string[] {
  return board.filter((row) => row.type === 'manual' && PENDING.has(row.status)).map((row) => row.id);
}

/** Who confirms by default: the facilitator is the one at the keyboard. */
export function defaultConfirmer(participants: readonly Participant[]): string {
  return participants.find((p) => p.role === 'facilitator')?.name ?? participants[0]?.name ?? 'facilitator';
}

export function confirmPrefill(id: string, by: string): string {
  return `confirm ${id} by ${by} `;
}

/** Swaps the id after `confirm` for the next confirmable one, leaving the rest of the line as typed. */
export function cycleConfirmId(line: string, ids: readonly string[]): string {
  const match = /^(\s*confirm\s+)(\S*)(.*)$/i.exec(line);
  if (!match || ids.length === 0) return line;
  const [, head, word, rest] = match as unknown as [string, string, string, string];
  if (CLAUSES.has(word.toLowerCase())) return `${head}${ids[0]} ${word}${rest}`;
  return `${head}${ids[(ids.indexOf(word) + 1) % ids.length]}${rest}`;
}

/** The typed line as a confirmation of a manual expectation on this board, or why it isn't one. */
export function checkConfirmation(
  line: string,
  board: readonly BoardRow[],
  now: number,
): { ok: true; confirmation: Confirmation } | { ok: false; error: string } {
  const parsed = parseConfirmation(line, now);
  if (!parsed.ok) return parsed;
  const id = parsed.confirmation.expectationId;
  if (!board.some((row) => row.id === id && row.type === 'manual')) {
    return { ok: false, error: `"${id}" is not a manual expectation on the board` };
  }
  return parsed;
}
