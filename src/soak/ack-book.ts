/**
 * Pairs each record a sink was handed with the moment the destination acknowledged it. Sinks settle
 * records in the order they were written (one batch in flight, retries first), so the n-th settled
 * record is the n-th written one; within a batch that partly failed, the failures are counted
 * against its last records (the destinations do not say which).
 */
export class AckBook {
  /** Event time of every record written and not yet settled, oldest first. */
  #waiting: number[] = [];
  #head = 0;
  readonly lagsMs: number[] = [];

  written(eventTime: number): void {
    this.#waiting.push(eventTime);
  }

  settled(sent: number, failed: number, now: number): void {
    for (let i = 0; i < sent && this.#head < this.#waiting.length; i++) {
      this.lagsMs.push(Math.max(0, now - this.#waiting[this.#head++]!));
    }
    this.#head = Math.min(this.#waiting.length, this.#head + failed);
    // Keep the array from growing without bound over a long soak.
    if (this.#head > 65_536) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
  }
}

/** The q-quantile (0..1) by nearest rank; undefined for no samples. */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
