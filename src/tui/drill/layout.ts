/** Row budget for the drill screen; the numbers add up to `rows` (24 at the smallest supported terminal). */
export interface DrillLayout {
  board: number;
  feed: number;
  prompts: number;
  decisions: number;
}

/** Clock bar (2), deadline (1), four section titles, command line and message line. */
const FIXED_ROWS = 2 + 1 + 4 + 2;

/** Rows past 24 go mostly to the feed, some to the board, prompts and decision log. */
export function drillLayout(rows: number, boardRows: number): DrillLayout {
  const extra = Math.max(0, rows - 24);
  const board = Math.min(boardRows, 4 + Math.floor(extra / 6));
  const prompts = 2 + Math.floor(extra / 6);
  const decisions = 2 + Math.floor(extra / 4);
  const feed = Math.max(1, rows - FIXED_ROWS - board - prompts - decisions);
  return { board, feed, prompts, decisions };
}

/** The board opened out (`b`): it takes the room of the feed, prompts and decision log, leaving each one line. */
export function withBoardOpen(layout: DrillLayout, boardRows: number): DrillLayout {
  const shared = layout.board + layout.feed + layout.prompts + layout.decisions;
  const board = Math.max(layout.board, Math.min(boardRows, shared - 3));
  const spare = shared - board - 3;
  return { board, feed: 1 + spare, prompts: 1, decisions: 1 };
}
