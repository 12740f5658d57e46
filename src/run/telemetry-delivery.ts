import type { Agenda } from '../clock/agenda.ts';
import type { Clock } from '../clock/clock.ts';
import type { DeliveryNote } from '../telemetry/delivery/delivery-note.ts';
import { type DeliveryModel, NEVER } from '../telemetry/delivery/model.ts';
import { deliverySource } from '../telemetry/delivery/sources.data.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import type { ControlsRuntime } from './controls-runtime.ts';

/**
 * Routes each event to the controls as the organisation's monitoring would: inline controls at once,
 * the others when the event's source delivers it (on the run's agenda, batched per delivery
 * instant so an hourly file's thousand rows are one agenda step), and never from a source the
 * organisation does not collect or a record a best-effort source dropped.
 */
export function routeTelemetry(
  model: DeliveryModel,
  runtime: ControlsRuntime,
  agenda: Agenda,
  clock: Clock,
): (event: TelemetryEvent) => void {
  const due = new Map<number, Array<{ event: TelemetryEvent; note: DeliveryNote }>>();
  // Streams and forwarders keep their order (a logout never overtakes the request before it).
  const latest = new Map<string, number>();
  return (event) => {
    runtime.onEvent(event);
    const source = model.sourceOf(event);
    if (!source) return;
    const drawn = model.deliveredAt(source, event.time, event.id);
    if (drawn === NEVER) return;
    // Best-effort sources (server access logs) may deliver a later record first.
    const ordered = deliverySource(source).ordered;
    const previous = ordered ? (latest.get(source) ?? clock.now()) : clock.now();
    const deliveredAt = Math.max(drawn, previous, clock.now());
    if (ordered) latest.set(source, deliveredAt);
    const note = { source, occurredAt: event.time, deliveredAt };
    const batch = due.get(deliveredAt);
    if (batch) return void batch.push({ event, note });
    due.set(deliveredAt, [{ event, note }]);
    agenda.at(deliveredAt, `telemetry delivered (${source})`, () => {
      const delivered = due.get(deliveredAt) ?? [];
      due.delete(deliveredAt);
      for (const item of delivered) runtime.deliver(item.event, item.note);
    });
  };
}
