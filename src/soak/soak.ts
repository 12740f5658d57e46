import type { Clock } from '../clock/clock.ts';
import type { Timers } from '../clock/timers.ts';
import type { Target } from '../target/schema.ts';
import { targetAllowsHost } from '../target/witness.ts';
import { quantile } from './ack-book.ts';
import { recordBackground, type TrafficOptions } from './record-traffic.ts';
import { replay } from './replay.ts';
import { openRoute, type SoakRoute } from './soak-route.ts';

export interface SoakOptions extends Omit<TrafficOptions, 'start'> {
  target: Target;
  clock: Clock;
  timers: Timers;
  env: Readonly<Record<string, string | undefined>>;
  speed: number;
  /** Loss above this share of a sink's records (0..1) fails the soak. */
  maxLoss: number;
  onProgress?(done: number, total: number): void;
  /** Ends the replay early; the sinks still drain and the report says how far it got. */
  signal?: AbortSignal;
}

export interface SinkResult {
  id: string;
  type: string;
  encoder: string;
  /** Records handed to the sink (events its encoder and `systems` filter let through). */
  written: number;
  /** Acknowledged by the destination. */
  delivered: number;
  /** Given up on after retries, refused by a full buffer, or still buffered at the close deadline. */
  lost: number;
  failed: number;
  dropped: number;
  retries: number;
  /** Acknowledgement minus event time, over delivered records; null when none was delivered. */
  lagMs: { p50: number; p99: number; max: number } | null;
  /** The last delivery error the sink reported, if any. */
  lastError?: string;
}

export interface SoakReport {
  target: string;
  seed: number;
  level: string;
  speed: number;
  /** Recorded traffic replayed, in milliseconds of the estate's day. */
  coveredMs: number;
  /** Events recorded for the duration (at most --max-events). */
  events: number;
  /** Events replayed: fewer than `events` only when the soak was stopped. */
  replayed: number;
  wallMs: number;
  maxLoss: number;
  sinks: SinkResult[];
  /** Sinks whose loss exceeds `maxLoss`. */
  failing: string[];
}

/**
 * A soak: records the estate's background traffic for the duration, replays it at ×speed into every
 * telemetry route of the target, closes the sinks (each drains within its close deadline) and
 * reports what each delivered, lost and how late. Sinks are made before recording, so a host that is
 * not allow-listed or a bad setting stops the soak before any traffic.
 */
export async function soak(options: SoakOptions): Promise<SoakReport> {
  const { target, clock } = options;
  const lastError = new Map<string, string>();
  const routes: SoakRoute[] = [];
  const deps = {
    clock,
    timers: options.timers,
    allowHost: targetAllowsHost(target),
    env: options.env,
    onError: (sinkId: string, message: string) => lastError.set(sinkId, message),
  };
  const closeAll = () =>
    Promise.all(routes.flatMap((route) => route.outlets().map((outlet) => outlet.sink.close())));
  try {
    for (const route of target.telemetry) routes.push(openRoute(route, deps, clock));
  } catch (error) {
    await closeAll();
    throw error;
  }
  const start = clock.now();
  const traffic = await recordBackground({ ...options, start });
  const { wallMs, replayed } = await replay(traffic.events, traffic.encoding, routes, {
    clock,
    speed: options.speed,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  await closeAll();
  const sinks = routes.map((route) => result(route, lastError.get(route.id)));
  return {
    target: target.id,
    seed: options.seed,
    level: options.level,
    speed: options.speed,
    coveredMs: traffic.coveredUntil - start,
    events: traffic.events.length,
    replayed,
    wallMs,
    maxLoss: options.maxLoss,
    sinks,
    failing: sinks.filter((sink) => sink.lost > options.maxLoss * sink.written).map((sink) => sink.id),
  };
}

function result(route: SoakRoute, lastError: string | undefined): SinkResult {
  const stats = { sent: 0, failed: 0, dropped: 0, retries: 0, pending: 0 };
  const lags: number[] = [];
  for (const { sink, book } of route.outlets()) {
    for (const key of Object.keys(stats) as Array<keyof typeof stats>) stats[key] += sink.stats()[key];
    for (const lag of book.lagsMs) lags.push(lag);
  }
  lags.sort((a, b) => a - b);
  const lost = stats.failed + stats.dropped + stats.pending;
  return {
    id: route.id,
    type: route.type,
    encoder: route.encoder.id,
    written: stats.sent + lost,
    delivered: stats.sent,
    lost,
    failed: stats.failed + stats.pending,
    dropped: stats.dropped,
    retries: stats.retries,
    lagMs:
      lags.length > 0 ? { p50: quantile(lags, 0.5)!, p99: quantile(lags, 0.99)!, max: lags.at(-1)! } : null,
    ...(lastError ? { lastError } : {}),
  };
}
