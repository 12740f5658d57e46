import { formatDuration } from '../../clock/duration.ts';

/** `2026-03-02 14:00` from drill epoch ms: the drill clock is UTC, so no local time zone leaks in. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** `2026-03-02` from drill epoch ms. */
export function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `T+2h30m` from the start of the exercise (`T-…` before it), the way injects are talked about. */
export function formatOffset(ms: number, t0: number): string {
  return ms < t0 ? `T-${formatDuration(t0 - ms)}` : `T+${formatDuration(ms - t0)}`;
}
