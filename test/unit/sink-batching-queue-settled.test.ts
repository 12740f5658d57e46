import { expect, it } from 'vitest';
import { systemTimers } from '../../src/clock/timers.ts';
import { BatchingQueue, type Deliver } from '../../src/telemetry/sinks/batching-queue.ts';
import { DEFAULT_BATCHING } from '../../src/telemetry/sinks/sink-config.ts';

function queueTelling(deliver: Deliver<number>) {
  const told: Array<[number, number]> = [];
  const queue = new BatchingQueue<number>({
    ...DEFAULT_BATCHING,
    batchSize: 2,
    maxAttempts: 1,
    deliver,
    timers: systemTimers,
    onSettled: (sent, failed) => told.push([sent, failed]),
  });
  return { queue, told };
}

it('tells each settlement in write order: sent, then failed, per batch', async () => {
  let batch = 0;
  const { queue, told } = queueTelling(async (records) => {
    batch += 1;
    if (batch === 1) return { failed: 1, retry: [] };
    if (batch === 2) return { failed: 0, retry: records };
    return { failed: 0, retry: [] };
  });
  for (const record of [1, 2, 3, 4, 5]) queue.push(record);
  await queue.flush();
  // Batch 1: one sent, one refused; batch 2: retried once and given up (maxAttempts 1); batch 3: sent.
  expect(told).toEqual([
    [1, 1],
    [0, 2],
    [1, 0],
  ]);
  await queue.close();
});

it('tells what the close deadline abandons as failed, and a throwing observer stops nothing', async () => {
  const told: Array<[number, number]> = [];
  const queue = new BatchingQueue<number>({
    ...DEFAULT_BATCHING,
    closeTimeoutMs: 50,
    deliver: () => new Promise(() => {}),
    timers: systemTimers,
    onSettled: (sent, failed) => {
      told.push([sent, failed]);
      throw new Error('observer failed');
    },
  });
  for (const record of [1, 2, 3]) queue.push(record);
  await queue.close();
  expect(told).toEqual([[0, 3]]);
  expect(queue.stats()).toMatchObject({ sent: 0, failed: 3, pending: 0 });
});
