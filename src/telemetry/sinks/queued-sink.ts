import type { BatchingQueue } from './batching-queue.ts';
import type { Sink } from './sink.ts';

/** A record as queued: the encoded text and the clock time it was written (syslog and HEC stamp it). */
export interface Stamped {
  text: string;
  at: number;
}

/**
 * Joins a queue to the transport behind it. `close` drains the queue first and only then releases
 * the socket or file, so nothing in flight is cut off before the close deadline.
 */
export function queuedSink<T>(
  id: string,
  queue: BatchingQueue<T>,
  toItem: (record: string) => T,
  release: () => Promise<void>,
): Sink {
  let closing: Promise<void> | undefined;
  return {
    id,
    write: (record) => queue.push(toItem(record)),
    flush: () => queue.flush(),
    close: () => {
      closing ??= queue.close().finally(release);
      return closing;
    },
    stats: () => queue.stats(),
  };
}
