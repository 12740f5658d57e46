import { formatDuration } from '../clock/duration.ts';

// How drill time reads on every screen: UTC wall times and `T+` offsets from the start of the exercise.

const MINUTE = 60_000;

/** `3h 20m`, `59d 23h`: the two largest units, in whole minutes — finer steps only flicker at drill pace. */
export function span(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE);
  if (minutes === 0) return ms === 0 ? '0m' : '<1m';
  const units = formatDuration(minutes * MINUTE).match(/\d+[dhm]/g) ?? [];
  return `${ms < 0 ? '-' : ''}${units.slice(0, 2).join(' ')}`;
}

/** `T+3h 20m` (or `T-15m` during steady state) from the start of the exercise. */
export function offset(at: number, t0: number): string {
  const minutes = Math.floor(Math.abs(at - t0) / MINUTE);
  return `T${at < t0 ? '-' : '+'}${span(minutes * MINUTE)}`;
}

/** `2026-03-02 14:45` in UTC: the drill clock is epoch ms, so no local zone leaks in. */
export function clockTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
