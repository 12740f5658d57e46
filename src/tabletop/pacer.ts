import type { Timers } from '../clock/timers.ts';

/** How often the clock moves while playing (wall milliseconds). */
const TICK_MS = 250;

export interface PacerOptions {
  /** Drill milliseconds per real second. */
  rate: number;
  timers: Timers;
  /** When the injects land, soonest first: playing stops at each so the table can discuss it. */
  injectTimes: readonly number[];
  /** The end of the run: playing stops there too. */
  end: number;
  /** How far the clock may run now. */
  horizon(): number;
  /** Let the clock run to `to`. */
  move(to: number): void;
  /** Playing stopped by itself at `to` (an inject landed, or the end). */
  stopped(to: number): void;
}

/** Plays the drill clock at the pacing rate, a tick at a time, until an inject lands or it is paused. */
export class Pacer {
  #tick: unknown;

  constructor(private readonly options: PacerOptions) {}

  get playing(): boolean {
    return this.#tick !== undefined;
  }

  play(): void {
    if (!this.playing) this.#schedule();
  }

  stop(): void {
    if (this.#tick !== undefined) this.options.timers.clearTimeout(this.#tick);
    this.#tick = undefined;
  }

  #schedule(): void {
    this.#tick = this.options.timers.setTimeout(() => this.#step(), TICK_MS);
  }

  #step(): void {
    if (!this.playing) return;
    const { rate, injectTimes, end } = this.options;
    const from = this.options.horizon();
    const nextInject = injectTimes.find((at) => at > from);
    const to = Math.min(from + (rate * TICK_MS) / 1000, nextInject ?? Number.POSITIVE_INFINITY, end);
    this.options.move(to);
    if (to === nextInject || to >= end) {
      this.stop();
      this.options.stopped(to);
      return;
    }
    this.#schedule();
  }
}
