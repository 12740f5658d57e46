import type { Clock } from '../clock/clock.ts';
import type { ClockGate } from '../run/execute.ts';

/**
 * Holds the drill clock at the facilitator's horizon. The runner asks to reach each agenda item;
 * past the horizon it moves the clock up to the horizon (so drill time shows what was allowed) and
 * waits until the facilitator advances, jumps or plays.
 */
export class FacilitatorGate implements ClockGate {
  #horizon: number;
  #wake: (() => void) | undefined;

  constructor(
    horizon: number,
    /** The runner has caught up with the horizon and is waiting. */
    private readonly onWait: () => void,
  ) {
    this.#horizon = horizon;
  }

  get horizon(): number {
    return this.#horizon;
  }

  get waiting(): boolean {
    return this.#wake !== undefined;
  }

  async release(at: number, clock: Clock): Promise<void> {
    while (at > this.#horizon) {
      await clock.sleepUntil(this.#horizon);
      const woken = new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.onWait();
      await woken;
    }
  }

  /** Lets the clock run to `to` (never backwards). */
  allow(to: number): void {
    if (to <= this.#horizon) return;
    this.#horizon = to;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
