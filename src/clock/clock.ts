/**
 * The only source of time in phi-drill. Everything that needs "now" or needs to wait takes a Clock,
 * so a run can be replayed on the virtual clock and judged in real time on the real one.
 */
export interface Clock {
  readonly kind: 'virtual' | 'real';
  /** Milliseconds since the Unix epoch, in this clock's timeline. */
  now(): number;
  /** Resolves once the clock has reached `time`; immediately if it already has. */
  sleepUntil(time: number): Promise<void>;
}

/**
 * Jumps from event to event: `sleepUntil` moves time forward instantly, so a 60-day notification
 * window costs no wall time and every run with the same inputs sees the same timestamps.
 */
export class VirtualClock implements Clock {
  readonly kind = 'virtual' as const;
  #now: number;

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleepUntil(time: number): Promise<void> {
    if (time > this.#now) this.#now = time;
    return Promise.resolve();
  }
}

/** Wall time, for drills whose signals come from the user's own stack with real latency. */
export class RealClock implements Clock {
  readonly kind = 'real' as const;

  now(): number {
    return Date.now();
  }

  async sleepUntil(time: number): Promise<void> {
    // setTimeout holds at most 2^31-1 ms (24.8 days) and fires at once beyond that, so a long
    // window (a 60-day notice clock) is slept in pieces.
    for (let wait = time - Date.now(); wait > 0; wait = time - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, LONGEST_TIMER_MS)));
    }
  }
}

const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Wall-clock stamp for evidence ("when was this file written"), never for judging a drill. */
export function wallClockIso(): string {
  return new Date().toISOString();
}

/** Monotonic milliseconds for measuring how long phi-drill itself took. */
export function elapsedMs(): number {
  return performance.now();
}
