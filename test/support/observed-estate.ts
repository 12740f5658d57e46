import type { ExposedProtection } from '../../src/breach/types.ts';
import { type Clock, VirtualClock } from '../../src/clock/clock.ts';
import { createEstate, type Estate } from '../../src/estate/estate.ts';
import type { InjectContext } from '../../src/inject/define.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';
import type { TelemetryEvent } from '../../src/telemetry/event.ts';

/** Monday 15:00 UTC, the instant most in-process estate tests start from. */
const MONDAY_AFTERNOON = '2026-03-02T15:00:00Z';

/**
 * A fresh estate on a virtual clock with every telemetry event it emits kept, in order, so a test
 * can drive the estate through its own HTTP interfaces and then read what it recorded.
 */
export function observedEstate({
  seed,
  patients,
  at = MONDAY_AFTERNOON,
}: {
  seed: number;
  patients: number;
  at?: string;
}) {
  const clock = new VirtualClock(Date.parse(at));
  const bus = new TelemetryBus(clock);
  const events: TelemetryEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const estate = createEstate({ clock, bus, seed, patients });
  return { clock, bus, events, estate };
}

/**
 * What an inject's `apply` gets in a drill, minus the drill: scheduled steps, kept artifacts and
 * exposures go nowhere, so a test sees only what the inject does to the estate at once.
 */
export function injectContext(
  estate: Estate,
  clock: Clock,
  ids: { injectId: string; correlationId: string },
): InjectContext {
  return {
    estate,
    clock,
    ...ids,
    fetch: estate.fetch,
    later: () => {},
    keep: () => {},
    exposed: () => {},
  };
}

/**
 * An inject context that keeps what a drill would act on: the steps the inject schedules, run at
 * once and in order by `runLater` (the drill would run them on its clock), and the patients it
 * reports exposed with the protection it declared for each report.
 */
export function recordingInjectContext(
  estate: Estate,
  clock: Clock,
  ids: { injectId: string; correlationId: string },
) {
  const steps: Array<() => void | Promise<void>> = [];
  const exposed: string[] = [];
  const protections: Array<ExposedProtection | undefined> = [];
  const context: InjectContext = {
    ...injectContext(estate, clock, ids),
    later: (_delay, _label, step) => void steps.push(step),
    exposed: (patientIds, protection) => {
      exposed.push(...patientIds);
      protections.push(protection);
    },
  };
  const runLater = async () => {
    for (const step of steps) await step();
  };
  return { context, exposed, protections, runLater };
}
