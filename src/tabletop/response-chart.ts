import { formatDuration } from '../clock/duration.ts';
import type { Verdict } from '../run/verdict.ts';
import { SHOWN_DELAY_MS } from '../telemetry/delivery/delivery-note.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Where the axis may put a label, smallest first. */
const TICKS: ReadonlyArray<[number, string]> = [
  [MINUTE, '1m'],
  [10 * MINUTE, '10m'],
  [HOUR, '1h'],
  [6 * HOUR, '6h'],
  [DAY, '1d'],
  [7 * DAY, '7d'],
  [30 * DAY, '30d'],
  [60 * DAY, '60d'],
  [180 * DAY, '180d'],
  [365 * DAY, '1y'],
];
const TRACK = 40;
/** Expectation ids longer than this are cut (with an ellipsis) to keep the chart readable. */
const LONGEST_NAME = 44;

/**
 * Each judged expectation against its clock, as a text picture for the AAR: the window from the
 * inject (`────┤`), when the response came (`●` in time, `▲` late) or `✗` where nothing came, and
 * `◇` where the telemetry behind it was published, so the gap before `◇` is the pipeline's. The
 * axis is logarithmic because windows run from minutes (detection) to sixty days (notice), and a
 * linear one would crush every short window into the first column.
 */
export function responseChart(verdicts: readonly Verdict[]): string[] {
  const judged = verdicts.filter((v) => v.status !== 'not-applicable');
  if (judged.length === 0) return [];
  const longest = Math.max(...judged.map((v) => Math.max(v.windowMs, v.latencyMs ?? 0)));
  const end = Math.max(longest, 2 * MINUTE);
  const column = (ms: number) =>
    Math.round((TRACK * Math.log(Math.max(ms, MINUTE) / MINUTE)) / Math.log(end / MINUTE));
  const width = Math.min(LONGEST_NAME, Math.max(...judged.map((v) => v.expectationId.length))) + 2;
  return [
    `${' '.repeat(width)}${axis(end, column)}`,
    ...judged.map((verdict) => row(verdict, column, width)),
  ];
}

function axis(end: number, column: (ms: number) => number): string {
  const line = Array.from({ length: TRACK + 5 }, () => ' ');
  let free = 0;
  for (const [ms, label] of TICKS) {
    if (ms > end) break;
    const at = column(ms);
    if (at < free) continue;
    line.splice(at, label.length, ...label);
    free = at + label.length + 1;
  }
  return line.join('').trimEnd();
}

function row(verdict: Verdict, column: (ms: number) => number, width: number): string {
  const track = Array.from({ length: TRACK + 1 }, () => ' ');
  const close = column(verdict.windowMs);
  for (let at = 0; at < close; at += 1) track[at] = '─';
  track[close] = '┤';
  const latency = verdict.latencyMs;
  if (verdict.status === 'missed' || latency === undefined) track[close] = '✗';
  else {
    const published = deliveryLag(verdict);
    // Drawn first: when the alert follows publication in the same column, the response mark wins.
    if (published !== undefined) track[column(published)] = '◇';
    track[column(latency)] = verdict.status === 'late' ? '▲' : '●';
  }
  const id = verdict.expectationId;
  const name = id.length > width - 2 ? `${id.slice(0, width - 3)}…` : id;
  return `${name.padEnd(width)}${track.join('')}  ${label(verdict)}`;
}

function label(verdict: Verdict): string {
  const window = minutes(verdict.windowMs);
  if (verdict.status === 'missed' || verdict.latencyMs === undefined) return `missed (window ${window})`;
  const published = deliveryLag(verdict);
  const { delivery } = verdict;
  const pipeline =
    published === undefined || !delivery
      ? ''
      : `, of which delivery ${minutes(delivery.deliveredAt - delivery.occurredAt)} (${delivery.source})`;
  return `${verdict.status} in ${minutes(verdict.latencyMs)}${pipeline} (window ${window})`;
}

/**
 * How long after the inject the deciding record was published, when its pipeline held it back a
 * minute or more (below that, a real-time stream or a 1 s flush, delivery is not the story).
 */
function deliveryLag(verdict: Verdict): number | undefined {
  const { delivery } = verdict;
  if (!delivery || delivery.deliveredAt - delivery.occurredAt < SHOWN_DELAY_MS) return undefined;
  return Math.max(0, delivery.deliveredAt - verdict.injectedAt);
}

/** Whole minutes, rounded up: a notice window ending at 23:59:59 reads as the day it is. */
function minutes(ms: number): string {
  return formatDuration(Math.ceil(ms / MINUTE) * MINUTE);
}
