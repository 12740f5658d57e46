import type { BreachDesk } from '../breach/desk.ts';
import type { Clock } from '../clock/clock.ts';
import type { ControlContext, ControlDefinition, ControlInstance, InfraReaders } from '../controls/define.ts';
import type { Signal, SignalInput } from '../controls/signal.ts';
import type { Estate } from '../estate/estate.ts';
import type { DeliveryNote } from '../telemetry/delivery/delivery-note.ts';
import { groupOf } from '../telemetry/delivery/monitoring.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';

export interface ControlsRuntime {
  readonly signals: readonly Signal[];
  /** An event as it happens: reaches the inline controls that read its group. */
  onEvent(event: TelemetryEvent): void;
  /** An event as its source delivers it: reaches the other controls that read its group. */
  deliver(event: TelemetryEvent, note: DeliveryNote): void;
  /** Runs the scans due at `now`, one after another (some read real servers). */
  scan(now: number): Promise<void>;
  /** Signals that arrive from outside (intakes) go through the same path as built-in ones. */
  receive(control: string, input: SignalInput): Signal;
}

/**
 * Starts the enabled controls and routes telemetry and signals to them. Controls are observers:
 * one that throws becomes a `control.error` (via onError) and the run goes on.
 */
export function startControls(
  definitions: readonly ControlDefinition[],
  enabled: ReadonlySet<string>,
  estate: Estate,
  clock: Clock,
  hooks: {
    onSignal(signal: Signal): void;
    onError(controlId: string, error: unknown): void;
    /** Puts a control's later step on the run's agenda. */
    schedule(at: number, label: string, step: () => void): void;
    breach?: BreachDesk;
    infra?: InfraReaders;
  },
): ControlsRuntime {
  const signals: Signal[] = [];
  const running: Array<{ definition: ControlDefinition; instance: ControlInstance; nextScan: number }> = [];
  const responders: Array<{ definition: ControlDefinition; instance: ControlInstance }> = [];
  let dispatching = false;
  // The delivery a control is reacting to, so the signal it raises says how its evidence arrived.
  let delivering: DeliveryNote | undefined;
  const pending: Signal[] = [];

  const guard = (controlId: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      hooks.onError(controlId, error);
    }
  };

  const receive = (control: string, input: SignalInput): Signal => {
    const signal: Signal = {
      ...input,
      id: `sig-${String(signals.length + 1).padStart(6, '0')}`,
      control,
      time: clock.now(),
      ...(delivering ? { delivery: delivering } : {}),
    };
    signals.push(signal);
    hooks.onSignal(signal);
    pending.push(signal);
    // Responders may raise nothing themselves, but they may act on the estate, which emits
    // telemetry, which reaches detectors: queue instead of recursing.
    if (!dispatching) {
      dispatching = true;
      while (pending.length > 0) {
        const next = pending.shift()!;
        for (const { definition, instance } of responders)
          guard(definition.id, () => instance.onSignal!(next));
      }
      dispatching = false;
    }
    return signal;
  };

  const contextFor = (definition: ControlDefinition): ControlContext => ({
    estate,
    clock,
    raise: (input) => receive(definition.id, input),
    breach: hooks.breach,
    infra: hooks.infra,
    later: (delayMs, step) =>
      hooks.schedule(clock.now() + delayMs, `${definition.id}: later step`, () => guard(definition.id, step)),
  });

  for (const definition of definitions) {
    definition.configure?.(estate, enabled.has(definition.id));
    if (!enabled.has(definition.id)) continue;
    if (definition.start) {
      const instance = definition.start(contextFor(definition));
      // Telemetry reaches a control only for the groups it reads: without them it would listen in
      // silence and miss everything, so say so in the ledger instead.
      if (instance.onEvent && !definition.reads?.length) {
        hooks.onError(
          definition.id,
          new Error(
            'has onEvent but declares no reads, so it receives no telemetry: add reads: [crm|ehr|logs]',
          ),
        );
      }
      running.push({ definition, instance, nextScan: clock.now() + (definition.scanEveryMs ?? 0) });
      if (instance.onSignal) responders.push({ definition, instance });
    }
  }

  return {
    signals,
    receive,
    onEvent(event) {
      const group = groupOf(event);
      for (const { definition, instance } of running) {
        if (!instance.onEvent || !definition.inline || !definition.reads?.includes(group)) continue;
        guard(definition.id, () => instance.onEvent!(event));
      }
    },
    deliver(event, note) {
      const group = groupOf(event);
      delivering = note;
      try {
        for (const { definition, instance } of running) {
          if (!instance.onEvent || definition.inline || !definition.reads?.includes(group)) continue;
          guard(definition.id, () => instance.onEvent!(event));
        }
      } finally {
        delivering = undefined;
      }
    },
    async scan(now) {
      for (const entry of running) {
        const every = entry.definition.scanEveryMs;
        if (!entry.instance.onScan || !every || now < entry.nextScan) continue;
        entry.nextScan = now + every;
        let pending: Promise<void> | undefined;
        guard(entry.definition.id, () => {
          pending = entry.instance.onScan!() ?? undefined;
        });
        await pending?.catch((error: unknown) => hooks.onError(entry.definition.id, error));
      }
    },
  };
}
