/**
 * Wall-clock timers for the parts that talk to the outside world in real time (sink batching and
 * retry backoff, intake polling). Injected, so tests can drive them and so nothing outside src/clock
 * calls setTimeout directly.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Pending batch flushes or retries must never keep a finished process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
