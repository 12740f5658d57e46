import type { Clock } from '../clock/clock.ts';
import type { TelemetryEvent, TelemetryInput } from './event.ts';

export type TelemetryListener = (event: TelemetryEvent) => void;

/**
 * Synchronous fan-out of estate events. Listeners are observers: one that throws is reported to
 * `onListenerError` and the event still reaches everyone else, so a broken sink never stops a run.
 */
export class TelemetryBus {
  #listeners = new Set<TelemetryListener>();
  #sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly onListenerError: (error: unknown, event: TelemetryEvent) => void = () => {},
  ) {}

  #aside = 0;

  get count(): number {
    return this.#sequence + this.#aside;
  }

  emit(input: TelemetryInput): TelemetryEvent {
    this.#sequence += 1;
    return this.#deliver(input, `evt-${String(this.#sequence).padStart(6, '0')}`);
  }

  /**
   * An event from the drill's own infrastructure rather than the estate, numbered after the last
   * estate event (`evt-000042.1`): delivery delays are drawn per event id, so these must not shift
   * the estate's ids, or a run on real servers would judge differently from one in memory.
   */
  emitAside(input: TelemetryInput): TelemetryEvent {
    this.#aside += 1;
    return this.#deliver(input, `evt-${String(this.#sequence).padStart(6, '0')}.${this.#aside}`);
  }

  #deliver(input: TelemetryInput, id: string): TelemetryEvent {
    const event: TelemetryEvent = { ...input, id, time: input.time ?? this.clock.now() };
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
    return event;
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: TelemetryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
