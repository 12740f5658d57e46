import type { Timers } from '../../clock/timers.ts';
import type { SinkStats } from './sink.ts';
import type { BatchSettings } from './sink-config.ts';

/** What a destination did with one batch. Records neither failed nor retried count as sent. */
export interface DeliveryResult<T> {
  /** Refused for good (a 4xx, an item the destination rejected): counted as failed, never resent. */
  failed: number;
  /** To send again after a backoff (a 5xx, a 429, an item the destination was too busy for). */
  retry: readonly T[];
  /** Why anything failed or is retried. */
  error?: string;
}

/** Sends one batch. A rejection means nothing got through (connection refused, timeout): all retried. */
export type Deliver<T> = (batch: readonly T[]) => Promise<DeliveryResult<T>>;

export interface BatchingQueueOptions<T> extends Required<BatchSettings> {
  deliver: Deliver<T>;
  timers: Timers;
  /** Told about every delivery error, drop burst and abandoned close; must not throw into delivery. */
  onError?: (message: string) => void;
  /**
   * Told each time records settle, oldest first (the queue keeps write order): `sent` reached the
   * destination, then `failed` were given up on. A soak measures each record's acknowledgement from it.
   */
  onSettled?: (sent: number, failed: number) => void;
}

interface Waiter {
  target: number;
  resolve: () => void;
}

/**
 * The bounded buffer behind every sink. One batch is in flight at a time, so records reach the
 * destination in order and a retried batch goes before anything newer. Counts are kept in sequence
 * numbers: `#settled` records have been sent, failed or abandoned, which lets `flush` wait for
 * exactly the records written before it was called even while writes continue.
 */
export class BatchingQueue<T> {
  readonly #options: BatchingQueueOptions<T>;
  #buffer: T[] = [];
  #batch: T[] = [];
  #attempt = 0;
  #enqueued = 0;
  #taken = 0;
  #settled = 0;
  /** Partial batches go out until `#taken` reaches this (set by the flush timer, flush and close). */
  #drainTarget = 0;
  #running = false;
  #closed = false;
  #dropping = false;
  #flushTimer: unknown;
  #wake: (() => void) | undefined;
  #waiters: Waiter[] = [];
  #stats = { sent: 0, failed: 0, dropped: 0, retries: 0 };

  constructor(options: BatchingQueueOptions<T>) {
    this.#options = options;
  }

  /** Never blocks: a full buffer, or a closed queue, drops the record and counts it. */
  push(record: T): void {
    if (this.#closed || this.#buffer.length + this.#batch.length >= this.#options.maxBuffer) {
      this.#stats.dropped += 1;
      if (!this.#dropping) this.#report(this.#closed ? 'write after close' : 'buffer full, dropping records');
      this.#dropping = true;
      return;
    }
    this.#dropping = false;
    this.#buffer.push(record);
    this.#enqueued += 1;
    if (this.#buffer.length >= this.#options.batchSize) this.#kick();
    else this.#armFlushTimer();
  }

  /** Resolves once every record pushed so far is sent, failed or abandoned. */
  flush(): Promise<void> {
    const target = this.#enqueued;
    this.#drainTarget = Math.max(this.#drainTarget, target);
    const done = this.#settledBy(target);
    this.#kick();
    return done;
  }

  /** Stops taking records and drains; at the deadline whatever is left counts as failed. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clearFlushTimer();
    let deadline: unknown;
    const expired = new Promise<'expired'>((resolve) => {
      deadline = this.#options.timers.setTimeout(() => resolve('expired'), this.#options.closeTimeoutMs);
    });
    const outcome = await Promise.race([this.flush(), expired]);
    this.#options.timers.clearTimeout(deadline);
    if (outcome === 'expired') this.#abandon();
  }

  stats(): SinkStats {
    return { ...this.#stats, pending: this.#buffer.length + this.#batch.length };
  }

  #kick(): void {
    if (!this.#running) void this.#run();
  }

  async #run(): Promise<void> {
    this.#running = true;
    this.#clearFlushTimer();
    while (this.#batch.length > 0 || this.#shouldTake()) {
      if (this.#batch.length === 0) {
        this.#batch = this.#buffer.splice(0, this.#options.batchSize);
        this.#taken += this.#batch.length;
        this.#attempt = 0;
      }
      const batch = this.#batch;
      this.#attempt += 1;
      const result = await this.#options
        .deliver(batch)
        .catch((error: unknown): DeliveryResult<T> => ({ failed: 0, retry: batch, error: message(error) }));
      // close() gave up on this batch while it was in flight; its records are already counted.
      if (this.#batch !== batch) break;
      if (result.error) this.#report(result.error);
      this.#stats.sent += batch.length - result.failed - result.retry.length;
      this.#stats.failed += result.failed;
      this.#settle(batch.length - result.retry.length);
      this.#tell(batch.length - result.failed - result.retry.length, result.failed);
      if (result.retry.length === 0) {
        this.#batch = [];
      } else if (this.#attempt >= this.#options.maxAttempts) {
        this.#stats.failed += result.retry.length;
        this.#settle(result.retry.length);
        this.#tell(0, result.retry.length);
        this.#report(`gave up on ${result.retry.length} records after ${this.#attempt} attempts`);
        this.#batch = [];
      } else {
        this.#stats.retries += 1;
        this.#batch = [...result.retry];
        await this.#sleep(this.#backoff());
      }
    }
    this.#running = false;
    if (this.#buffer.length > 0) this.#armFlushTimer();
  }

  #shouldTake(): boolean {
    if (this.#buffer.length === 0) return false;
    return this.#buffer.length >= this.#options.batchSize || this.#taken < this.#drainTarget;
  }

  #backoff(): number {
    const { backoffMs, maxBackoffMs } = this.#options;
    return Math.min(maxBackoffMs, backoffMs * 2 ** (this.#attempt - 1));
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.#options.timers.setTimeout(() => {
        this.#wake = undefined;
        resolve();
      }, ms);
      this.#wake = () => {
        this.#options.timers.clearTimeout(handle);
        this.#wake = undefined;
        resolve();
      };
    });
  }

  #abandon(): void {
    const left = this.#buffer.length + this.#batch.length;
    if (left === 0) return;
    this.#stats.failed += left;
    this.#buffer = [];
    this.#batch = [];
    this.#settle(left);
    this.#tell(0, left);
    this.#wake?.();
    this.#report(`close deadline passed with ${left} records undelivered`);
  }

  #armFlushTimer(): void {
    if (this.#flushTimer !== undefined || this.#running || this.#closed) return;
    this.#flushTimer = this.#options.timers.setTimeout(() => {
      this.#flushTimer = undefined;
      this.#drainTarget = Math.max(this.#drainTarget, this.#enqueued);
      this.#kick();
    }, this.#options.flushIntervalMs);
  }

  #clearFlushTimer(): void {
    if (this.#flushTimer === undefined) return;
    this.#options.timers.clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
  }

  #settle(count: number): void {
    this.#settled += count;
    const ready = this.#waiters.filter((waiter) => waiter.target <= this.#settled);
    this.#waiters = this.#waiters.filter((waiter) => waiter.target > this.#settled);
    for (const waiter of ready) waiter.resolve();
  }

  #settledBy(target: number): Promise<void> {
    if (this.#settled >= target) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ target, resolve }));
  }

  #tell(sent: number, failed: number): void {
    if (sent + failed === 0) return;
    try {
      this.#options.onSettled?.(sent, failed);
    } catch {
      // An observer must not stop delivery.
    }
  }

  #report(text: string): void {
    try {
      this.#options.onError?.(text);
    } catch {
      // A failing error reporter must not stop delivery; the counts still tell the story.
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
