import type { Clock } from '../clock/clock.ts';
import type { EncoderContext } from '../telemetry/encoders/encoder.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import type { SoakRoute } from './soak-route.ts';

export interface ReplayOptions {
  clock: Clock;
  /** ×N: a recorded hour is replayed in 60/N minutes. */
  speed: number;
  /** Told after each event with how many are done; cheap, called often. */
  onProgress?(done: number, total: number): void;
  /** Stops the replay between events (Ctrl-C): what was sent is still drained and reported. */
  signal?: AbortSignal;
}

/** Longest single wait, so a stop request is noticed within it even between sparse night-time events. */
const WAKE_EVERY_MS = 250;

/**
 * Plays recorded traffic into every route at its recorded pace (divided by `speed`): each event is
 * stamped with the moment it is sent, which is the moment it happens as far as the pipeline can
 * tell, so lag (acknowledgement minus event time) means the same at ×1 and ×3600.
 */
export async function replay(
  events: readonly TelemetryEvent[],
  encoding: EncoderContext,
  routes: readonly SoakRoute[],
  options: ReplayOptions,
): Promise<{ wallMs: number; replayed: number }> {
  const { clock, signal } = options;
  const began = clock.now();
  const recordedStart = events[0]?.time ?? 0;
  let replayed = 0;
  for (let index = 0; index < events.length; index++) {
    const recorded = events[index]!;
    const due = began + (recorded.time - recordedStart) / options.speed;
    while (clock.now() < due && !signal?.aborted) {
      await clock.sleepUntil(Math.min(due, clock.now() + WAKE_EVERY_MS));
    }
    if (signal?.aborted) break;
    const event = { ...recorded, time: Math.round(due) };
    for (const route of routes) send(route, event, encoding);
    replayed = index + 1;
    options.onProgress?.(replayed, events.length);
  }
  return { wallMs: clock.now() - began, replayed };
}

function send(route: SoakRoute, event: TelemetryEvent, encoding: EncoderContext): void {
  if (route.systems && !route.systems.includes(event.system)) return;
  const record = route.encoder.encode(event, encoding);
  if (record !== undefined) route.write(event, record);
}
