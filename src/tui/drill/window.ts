/**
 * Windowing for long append-only lists. A scrolled-back feed is pinned by `anchor`, the absolute
 * index of its last visible item, so appends below it leave the view where it is; `undefined`
 * follows the newest item. Everything here is O(1): callers slice only what is visible.
 */
export interface ListWindow {
  start: number;
  end: number;
  /** Items below the window (newer than what is shown). */
  newer: number;
}

export function listWindow(length: number, height: number, anchor: number | undefined): ListWindow {
  const end = anchor === undefined ? length : Math.min(length, anchor + 1);
  return { start: Math.max(0, end - height), end, newer: length - end };
}

/** One row back; stops when the window already starts at the oldest item. */
export function scrollBack(length: number, height: number, anchor: number | undefined): number | undefined {
  if (length <= height) return undefined;
  return Math.max(height - 1, (anchor ?? length - 1) - 1);
}

/** One row forward; back to following once the newest item is in view. */
export function scrollForward(length: number, anchor: number | undefined): number | undefined {
  if (anchor === undefined || anchor + 1 >= length - 1) return undefined;
  return anchor + 1;
}

/** The newest `count` items, without touching the rest. */
export function tail<T>(list: readonly T[], count: number): readonly T[] {
  return count <= 0 ? [] : list.slice(Math.max(0, list.length - count));
}
