import { formatDuration } from '../clock/duration.ts';

/**
 * Reports print every instant as ISO-8601 UTC (`2026-03-02T14:10:00.000Z`): one zone across
 * scenarios set in different places, and it matches Salesforce TIMESTAMP_DERIVED and FHIR
 * `recorded`. Reports show the organisation's own zone beside it, where people read times.
 */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** `T+4m12s`, `T-6m`, `T+0`. */
export function offsetLabel(offsetMs: number): string {
  if (offsetMs === 0) return 'T+0';
  return offsetMs > 0 ? `T+${formatDuration(offsetMs)}` : `T-${formatDuration(-offsetMs)}`;
}

/** `4m12s / 15m` — observed latency against the window; `— / 15m` when nothing was observed. */
export function latencyVsWindow(latencyMs: number | undefined, windowMs: number, unicode: boolean): string {
  const latency = latencyMs === undefined ? (unicode ? '—' : '-') : formatDuration(latencyMs);
  return `${latency} / ${formatDuration(windowMs)}`;
}
