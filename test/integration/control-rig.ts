import { VirtualClock } from '../../src/clock/clock.ts';
import type { ControlDefinition } from '../../src/controls/define.ts';
import type { SignalInput } from '../../src/controls/signal.ts';
import { createEstate } from '../../src/estate/estate.ts';
import { TelemetryBus } from '../../src/telemetry/bus.ts';

/** Monday 23:00 in New York: off-hours, where the EHR leak patterns are rehearsed. */
export const LATE_EVENING = Date.parse('2026-03-03T04:00:00Z');

/** A small estate with one control listening to its telemetry, and the signals it raised. */
export function controlRig(control: ControlDefinition) {
  const clock = new VirtualClock(LATE_EVENING);
  const bus = new TelemetryBus(clock);
  const estate = createEstate({ clock, bus, seed: 3, patients: 30 });
  const signals: SignalInput[] = [];
  const instance = control.start!({ estate, clock, raise: (signal) => signals.push(signal) });
  bus.subscribe((event) => instance.onEvent?.(event));
  const form = (body: Record<string, string>, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body),
  });
  const later = (ms: number) => clock.sleepUntil(clock.now() + ms);
  return { clock, estate, signals, instance, form, later };
}
