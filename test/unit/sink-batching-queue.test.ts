import { describe, expect, it } from 'vitest';
import type { Timers } from '../../src/clock/timers.ts';
import {
  BatchingQueue,
  type Deliver,
  type DeliveryResult,
} from '../../src/telemetry/sinks/batching-queue.ts';
import { DEFAULT_BATCHING } from '../../src/telemetry/sinks/sink-config.ts';

/** Timers driven by the test: `advance` fires what is due, letting promises settle between firings. */
class ManualTimers implements Timers {
  now = 0;
  #next = 0;
  #due = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    this.#next += 1;
    this.#due.set(this.#next, { at: this.now + ms, callback });
    return this.#next;
  }

  clearTimeout(handle: unknown): void {
    this.#due.delete(handle as number);
  }

  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    await settle();
    for (;;) {
      const [id, next] = [...this.#due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || next!.at > until) break;
      this.#due.delete(id);
      this.now = next!.at;
      next!.callback();
      await settle();
    }
    this.now = until;
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const ok: DeliveryResult<number> = { failed: 0, retry: [] };

function rig(deliver: Deliver<number>, settings: Partial<typeof DEFAULT_BATCHING> = {}) {
  const timers = new ManualTimers();
  const errors: string[] = [];
  const queue = new BatchingQueue<number>({
    ...DEFAULT_BATCHING,
    batchSize: 3,
    flushIntervalMs: 1000,
    backoffMs: 100,
    ...settings,
    deliver,
    timers,
    onError: (message) => errors.push(message),
  });
  return { queue, timers, errors };
}

describe('BatchingQueue', () => {
  it('sends full batches at once and a partial one when the flush interval passes', async () => {
    const batches: number[][] = [];
    const { queue, timers } = rig(async (batch) => {
      batches.push([...batch]);
      return ok;
    });
    for (let i = 1; i <= 7; i++) queue.push(i);
    await timers.advance(0);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await timers.advance(999);
    expect(batches).toHaveLength(2);
    await timers.advance(1);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(queue.stats()).toEqual({ sent: 7, failed: 0, dropped: 0, retries: 0, pending: 0 });
  });

  it('retries a failed batch with doubling backoff, ahead of newer records', async () => {
    const calls: Array<{ at: number; batch: number[] }> = [];
    let failures = 2;
    const { queue, timers, errors } = rig(async (batch) => {
      calls.push({ at: timers.now, batch: [...batch] });
      if (failures-- > 0) throw new Error('connection refused');
      return ok;
    });
    for (const n of [1, 2, 3, 4]) queue.push(n);
    await timers.advance(300);
    expect(calls.map((call) => call.at)).toEqual([0, 100, 300]);
    expect(calls.map((call) => call.batch)).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    await timers.advance(1000);
    expect(calls.at(-1)!.batch).toEqual([4]);
    expect(queue.stats()).toMatchObject({ sent: 4, failed: 0, retries: 2, pending: 0 });
    expect(errors).toEqual(['connection refused', 'connection refused']);
  });

  it('counts records as failed after maxAttempts and resends only what the destination asks for', async () => {
    const { queue, timers, errors } = rig(
      async (batch) =>
        batch.length === 3
          ? { failed: 1, retry: batch.slice(1, 2), error: 'one bad, one busy' }
          : { failed: 0, retry: batch, error: 'still busy' },
      { maxAttempts: 2 },
    );
    for (const n of [1, 2, 3]) queue.push(n);
    await timers.advance(1000);
    // Attempt 1: 1 sent, 1 failed, 1 retried; attempt 2 (just the retried one) is busy again: given up.
    expect(queue.stats()).toEqual({ sent: 1, failed: 2, dropped: 0, retries: 1, pending: 0 });
    expect(errors.at(-1)).toBe('gave up on 1 records after 2 attempts');
  });

  it('drops and counts writes beyond maxBuffer while the destination stalls, reporting the burst once', async () => {
    const { queue, errors } = rig(() => new Promise<DeliveryResult<number>>(() => {}), { maxBuffer: 5 });
    for (let i = 0; i < 9; i++) queue.push(i);
    expect(queue.stats()).toMatchObject({ dropped: 4, pending: 5, sent: 0 });
    expect(errors).toEqual(['buffer full, dropping records']);
  });

  it('flush resolves once the records written before it are delivered, not later ones', async () => {
    const releases: Array<() => void> = [];
    const { queue, timers } = rig(
      () => new Promise<DeliveryResult<number>>((resolve) => releases.push(() => resolve(ok))),
      { batchSize: 2 },
    );
    queue.push(1);
    let flushed = false;
    const flushing = queue.flush().then(() => {
      flushed = true;
    });
    queue.push(2);
    queue.push(3);
    await timers.advance(0);
    expect(releases).toHaveLength(1);
    releases[0]!();
    await flushing;
    expect(flushed).toBe(true);
    expect(queue.stats()).toMatchObject({ sent: 1, pending: 2 });
  });

  it('close drains, then refuses writes', async () => {
    const { queue, timers } = rig(async () => ok);
    for (const n of [1, 2]) queue.push(n);
    const closing = queue.close();
    await timers.advance(0);
    await closing;
    queue.push(3);
    expect(queue.stats()).toEqual({ sent: 2, failed: 0, dropped: 1, retries: 0, pending: 0 });
  });

  it('close gives up at its deadline and counts what is left as failed', async () => {
    const { queue, timers, errors } = rig(() => new Promise<DeliveryResult<number>>(() => {}), {
      closeTimeoutMs: 500,
    });
    for (const n of [1, 2, 3, 4]) queue.push(n);
    let closed = false;
    const closing = queue.close().then(() => {
      closed = true;
    });
    await timers.advance(499);
    expect(closed).toBe(false);
    await timers.advance(1);
    await closing;
    expect(queue.stats()).toEqual({ sent: 0, failed: 4, dropped: 0, retries: 0, pending: 0 });
    expect(errors).toContain('close deadline passed with 4 records undelivered');
  });
});
