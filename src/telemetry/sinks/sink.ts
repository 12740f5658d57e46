/** Counts every sink keeps, so each event sent is accounted for in the ledger. */
export interface SinkStats {
  /** Records accepted by the destination. */
  sent: number;
  /** Records given up on after retries (destination errors). */
  failed: number;
  /** Records refused because the bounded buffer was full (back-pressure). */
  dropped: number;
  /** Delivery attempts that were retried. */
  retries: number;
  /** Records still buffered (should be 0 after close). */
  pending: number;
}

/**
 * A destination for encoded telemetry. `write` never blocks the run: it enqueues into a bounded
 * buffer (counting a drop when full); delivery happens in batches in the background with retry and
 * backoff. `close` flushes what it can within its deadline and stops.
 */
export interface Sink {
  readonly id: string;
  write(record: string): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): SinkStats;
}
