import type { TelemetryEvent } from '../event.ts';
import { type Feed, feedOf } from './feeds.ts';
import { collectedSource, investigationSource, type Monitoring } from './monitoring.ts';
import { type DeliverySourceId, deliverySource } from './sources.data.ts';

/** A value in [0, 1) fixed by the seed and a key: the same run draws the same delays. */
export function seededUnit(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 4_294_967_296;
}

const SECOND = 1000;

/** The delivery time of a record a best-effort source never delivers. */
export const NEVER = Number.POSITIVE_INFINITY;

/** When each source makes an event visible under one organisation's monitoring, drawn from the run's seed. */
export class DeliveryModel {
  /**
   * The last draw per source and flush or file: events arrive in time order, so thousands in a row
   * share one flush (or one file) and are answered without hashing the same key again.
   */
  readonly #lastDraw = {
    phase: new Map<DeliverySourceId, { at: number; value: number }>(),
    flush: new Map<DeliverySourceId, { at: number; value: number }>(),
    file: new Map<DeliverySourceId, { at: number; value: number }>(),
  };

  constructor(
    readonly monitoring: Monitoring,
    readonly seed: number,
  ) {}

  /** The source detection controls read events of this kind through, or undefined when not collected. */
  sourceOf(event: Pick<TelemetryEvent, 'system' | 'action'>): DeliverySourceId | undefined {
    return collectedSource(this.monitoring, feedOf(event));
  }

  /**
   * When an event at `time` becomes visible through `source`, or `NEVER` when a best-effort source
   * drops it; `key` identifies the event for per-event draws. Ordered sources deliver in order, so
   * callers routing them clamp to the previous delivery.
   */
  deliveredAt(source: DeliverySourceId, time: number, key: string): number {
    const { latency } = deliverySource(source);
    if (latency.kind === 'file') return this.publishedAt(source, this.bucketOf(source, time));
    if (latency.kind === 'per-event') {
      if (latency.lostFraction && seededUnit(this.seed, `${source}!lost:${key}`) < latency.lostFraction)
        return NEVER;
      const delay =
        latency.minMs + seededUnit(this.seed, `${source}:${key}`) * (latency.maxMs - latency.minMs);
      return Math.ceil((time + delay) / SECOND) * SECOND;
    }
    if (latency.kind === 'poll') {
      // The collector's schedule has a phase of its own, fixed for the run: the first poll after the event.
      const every = this.monitoring.crmAuditPollMs;
      const phase = Math.floor(this.#drawFor(source, 'phase', 0) * every);
      return Math.floor((time - phase) / every) * every + every + phase;
    }
    const flush = this.monitoring.forwarderFlushMs;
    const flushedAt = Math.floor(time / flush) * flush + flush;
    // One transport delay per flush: a batch travels together and keeps its order.
    return flushedAt + Math.round(this.#drawFor(source, 'flush', flushedAt) * latency.transportMaxMs);
  }

  /** `seededUnit` of `source@at`, remembered for the latest `at` of each source and purpose. */
  #drawFor(source: DeliverySourceId, purpose: 'phase' | 'flush' | 'file', at: number): number {
    const draws = this.#lastDraw[purpose];
    const last = draws.get(source);
    if (last?.at === at) return last.value;
    const value = seededUnit(this.seed, purpose === 'phase' ? `${source}@phase` : `${source}@${at}`);
    draws.set(source, { at, value });
    return value;
  }

  /** Start of the file interval holding `time`, for file sources (UTC-aligned). */
  bucketOf(source: DeliverySourceId, time: number): number {
    const { latency } = deliverySource(source);
    if (latency.kind !== 'file') return time;
    return Math.floor(time / latency.intervalMs) * latency.intervalMs;
  }

  /** When the file covering the interval starting at `bucketStart` is published (once, for good). */
  publishedAt(source: DeliverySourceId, bucketStart: number): number {
    const { latency } = deliverySource(source);
    if (latency.kind !== 'file') return bucketStart;
    const spread = latency.afterCloseMaxMs - latency.afterCloseMinMs;
    const after = latency.afterCloseMinMs + this.#drawFor(source, 'file', bucketStart) * spread;
    return Math.round((bucketStart + latency.intervalMs + after) / SECOND) * SECOND;
  }

  /**
   * When an investigator can retrieve the record a feed keeps of an event at `time`, and until when
   * (`availableAt` is `NEVER` for a record its source dropped). The EHR serves its AuditEvents, the
   * CRM its audit objects and hosts keep their logs as they are written; CRM event logs and server
   * access logs exist only as they are published (stored real-time events, files, log objects).
   */
  recordAvailability(
    feed: Feed,
    time: number,
    key: string,
  ): { source: DeliverySourceId; availableAt: number; retainedUntil: number } {
    const source = investigationSource(this.monitoring, feed);
    if (deliverySource(source).retrievableFrom === 'event')
      return { source, availableAt: time, retainedUntil: this.retainedUntil(source, time) };
    const availableAt = this.deliveredAt(source, time, key);
    return { source, availableAt, retainedUntil: this.retainedUntil(source, availableAt) };
  }

  /** The last moment a record can still be retrieved from `source`, counting from `from` (a file's generation, an event). */
  retainedUntil(source: DeliverySourceId, from: number): number {
    return from + this.retentionOf(source);
  }

  retentionOf(source: DeliverySourceId): number {
    const { retention } = deliverySource(source);
    if (!retention.configurable) return retention.defaultMs;
    if (source.startsWith('crm-elf')) return this.monitoring.crmLogRetentionMs;
    return this.monitoring.logRetentionMs;
  }
}
