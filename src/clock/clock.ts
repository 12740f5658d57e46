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

  sleepUntil(time: number): Promise<void> {
    const wait = time - Date.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Wall-clock stamp for evidence ("when was this file written"), never for judging a drill. */
export function wallClockIso(): string {
  return new Date().toISOString();
}

/** Monotonic milliseconds for measuring how long phi-drill itself took. */
export function elapsedMs(): number {
  return performance.now();
}
