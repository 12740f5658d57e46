import type { Clock } from '../../clock/clock.ts';
import type { Timers } from '../../clock/timers.ts';
import { BatchingQueue, type Deliver } from './batching-queue.ts';
import { type BatchSettings, DEFAULT_BATCHING } from './sink-config.ts';

/** What a sink needs from the run: time, timers, the target file's allow-list and the environment. */
export interface SinkDeps {
  clock: Clock;
  timers: Timers;
  /** The target file's allow-list; loopback is always allowed on top of it. */
  allowHost(host: string): boolean;
  /** Where secrets named by `tokenEnv` / `headersFromEnv` are read from (usually process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Told about delivery errors, drops and abandoned closes, e.g. to record them in the ledger. */
  onError?(sinkId: string, message: string): void;
  /** Told as records settle, oldest first: `sent` acknowledged by the destination, then `failed` given up on. */
  onSettled?(sinkId: string, sent: number, failed: number): void;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

/** 127.0.0.0/8, ::1 and `localhost`; IPv6 literals may come bracketed, as in URLs. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[(.*)\]$/, '$1'));
}

/** A check that throws for any host neither loopback nor allow-listed; sinks call it before connecting. */
export function hostGuard(sinkId: string, allowHost: (host: string) => boolean): (host: string) => void {
  return (host) => {
    if (isLoopback(host) || allowHost(host.replace(/^\[(.*)\]$/, '$1'))) return;
    throw new Error(`sink ${sinkId}: host ${host} is not allow-listed`);
  };
}

export function queueFor<T>(
  sinkId: string,
  settings: BatchSettings,
  deps: SinkDeps,
  deliver: Deliver<T>,
): BatchingQueue<T> {
  const options = { ...DEFAULT_BATCHING };
  for (const key of Object.keys(options) as Array<keyof BatchSettings>) {
    const value = settings[key];
    if (value === undefined) continue;
    if (
      !Number.isFinite(value) ||
      value < (key === 'batchSize' || key === 'maxAttempts' || key === 'maxBuffer' ? 1 : 0)
    ) {
      throw new Error(`sink ${sinkId}: ${key} must be a positive number, got ${value}`);
    }
    options[key] = value;
  }
  return new BatchingQueue({
    ...options,
    deliver,
    timers: deps.timers,
    onError: (message) => deps.onError?.(sinkId, message),
    onSettled: (sent, failed) => deps.onSettled?.(sinkId, sent, failed),
  });
}
