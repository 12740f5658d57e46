import { Agenda } from '../clock/agenda.ts';
import { VirtualClock } from '../clock/clock.ts';
import { type BackgroundLevel, scheduleBackground } from '../estate/background/traffic.ts';
import { createEstate } from '../estate/estate.ts';
import { TelemetryBus } from '../telemetry/bus.ts';
import type { EncoderContext } from '../telemetry/encoders/encoder.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { TOOL_VERSION } from '../version.ts';

export interface TrafficOptions {
  seed: number;
  patients: number;
  level: Exclude<BackgroundLevel, 'off'>;
  /** When the recorded day begins (the soak's start, so clinic hours fall where they really are). */
  start: number;
  durationMs: number;
  /** Recording stops at this many events, however much of the duration is left. */
  maxEvents: number;
  timezone?: string;
}

export interface RecordedTraffic {
  events: TelemetryEvent[];
  /** What encoders need to know about the organisation the events came from. */
  encoding: EncoderContext;
  /** Where recording stopped: the end of the duration, or the last event kept under `maxEvents`. */
  coveredUntil: number;
}

/**
 * A day (or any duration) of the estate's background traffic, recorded on the virtual clock: the
 * same clinicians, front desk, sync job and portal a drill's steady state runs, with no inject and
 * no control. Seeded, so a soak can be repeated event for event; it takes about a second, so the
 * replay afterwards spends its time only on delivery.
 */
export async function recordBackground(options: TrafficOptions): Promise<RecordedTraffic> {
  const clock = new VirtualClock(options.start);
  const bus = new TelemetryBus(clock);
  const estate = createEstate({
    clock,
    bus,
    seed: options.seed,
    patients: options.patients,
    timezone: options.timezone,
  });
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => {
    if (events.length < options.maxEvents) events.push(event);
  });
  const agenda = new Agenda();
  const until = options.start + options.durationMs;
  scheduleBackground(estate, agenda, {
    from: options.start,
    until,
    level: options.level,
    seed: options.seed,
  });
  while (events.length < options.maxEvents && (await agenda.runNext(clock, until)));
  return {
    events,
    encoding: {
      orgId: estate.crm.state.orgId,
      timezone: estate.timezone,
      product: { vendor: 'phi-drill', name: 'simulated-estate', version: TOOL_VERSION },
    },
    coveredUntil: events.length >= options.maxEvents ? events.at(-1)!.time : until,
  };
}
