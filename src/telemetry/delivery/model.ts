import {
  collectedSource,
  groupOf,
  investigationSource,
  type Monitoring,
  type TelemetryGroup,
} from './monitoring.ts';
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

/** When each source makes an event visible under one organisation's monitoring, drawn from the run's seed. */
export class DeliveryModel {
  constructor(
    readonly monitoring: Monitoring,
    readonly seed: number,
  ) {}

  /** The source detection controls read events of this kind through, or undefined when not collected. */
  sourceOf(event: { system: Parameters<typeof groupOf>[0]['system'] }): DeliverySourceId | undefined {
    return collectedSource(this.monitoring, groupOf(event));
  }

  /** Where an investigation retrieves records of this kind. */
  investigationSourceOf(event: { system: Parameters<typeof groupOf>[0]['system'] }): DeliverySourceId {
    return investigationSource(this.monitoring, groupOf(event));
  }

  /**
   * When an event at `time` becomes visible through `source`; `key` identifies the event for per-event
   * draws. Sources deliver in order, so callers routing a stream clamp to the previous delivery.
   */
  deliveredAt(source: DeliverySourceId, time: number, key: string): number {
    const { latency } = deliverySource(source);
    if (latency.kind === 'file') return this.publishedAt(source, this.bucketOf(source, time));
    if (latency.kind === 'per-event') {
      const delay =
        latency.minMs + seededUnit(this.seed, `${source}:${key}`) * (latency.maxMs - latency.minMs);
      return Math.ceil((time + delay) / SECOND) * SECOND;
    }
    const flush = this.monitoring.forwarderFlushMs;
    const flushedAt = Math.floor(time / flush) * flush + flush;
    // One transport delay per flush: a batch travels together and keeps its order.
    return flushedAt + Math.round(seededUnit(this.seed, `${source}@${flushedAt}`) * latency.transportMaxMs);
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
    const after = latency.afterCloseMinMs + seededUnit(this.seed, `${source}@${bucketStart}`) * spread;
    return Math.round((bucketStart + latency.intervalMs + after) / SECOND) * SECOND;
  }

  /**
   * When an investigator can retrieve the audit record of an event at `time`, and until when. The EHR
   * serves its AuditEvents and hosts keep their logs as they are written (synchronous); CRM event
   * logs exist only as the org publishes them (stored real-time events, hourly or daily files).
   */
  recordAvailability(
    group: TelemetryGroup,
    time: number,
    key: string,
  ): { source: DeliverySourceId; availableAt: number; retainedUntil: number } {
    const source = investigationSource(this.monitoring, group);
    if (group !== 'crm')
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
