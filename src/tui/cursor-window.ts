/**
 * Which rows of a long list to render: `size` of them with `cursor` inside, kept near the middle.
 * Screens render only this slice so a list of hundreds still fits 24 rows and renders in O(size).
 * Shared by the setup, hot wash and close screens (the drill's feed anchors instead: drill/window.ts).
 */
export function windowAround(length: number, cursor: number, size: number): { start: number; end: number } {
  if (length <= size) return { start: 0, end: length };
  const start = Math.min(Math.max(0, cursor - Math.floor(size / 2)), length - size);
  return { start, end: start + size };
}

/** Keeps a cursor on a list of `length` rows (0 when it is empty), e.g. after a move or a removal. */
export function clampCursor(cursor: number, length: number): number {
  return Math.max(0, Math.min(cursor, length - 1));
}
