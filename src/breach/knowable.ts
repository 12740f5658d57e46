import type { Signal } from '../controls/signal.ts';
import { SHOWN_DELAY_MS } from '../telemetry/delivery/delivery-note.ts';

/**
 * When a breach "would have been known by exercising reasonable diligence" (45 CFR 164.404(a)(2)):
 * the moment the telemetry behind the first signal was generated, not the moment a slow pipeline
 * (a daily event-log file, a nightly export) published it and the alert fired. A signal from a
 * state scan or an intake carries no delivery note, so it is knowable when it was raised.
 *
 * The engine takes the stricter reading: the 60-day clock counts from the earlier of the two dates,
 * because the organisation chose the pipeline and diligence is judged against what its logs held.
 */
export function knowableAt(signal: Pick<Signal, 'time' | 'delivery'>): number {
  return signal.delivery ? Math.min(signal.delivery.occurredAt, signal.time) : signal.time;
}

const isoMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16)}Z`;

/**
 * Both discovery dates when a slow pipeline pulled them apart, for a verdict's reason: the day the
 * breach should have been known and the day the first signal landed. Empty when they coincide.
 */
export function discoveryDates(signal: Pick<Signal, 'time' | 'delivery'> | undefined): string {
  if (!signal || signal.time - knowableAt(signal) < SHOWN_DELAY_MS) return '';
  return (
    `; should have known ${isoMinute(knowableAt(signal))} (45 CFR 164.404(a)(2), reasonable diligence), ` +
    `first signal landed ${isoMinute(signal.time)}: deadlines count from the earlier date`
  );
}
