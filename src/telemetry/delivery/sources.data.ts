/**
 * When telemetry becomes visible to a reader, how long it stays, and whether a published file can
 * change: the facts every delivery-aware verdict rests on, in one place so a reviewer can check
 * each against its source. Tags follow DOMAIN.md: [V] verified in the cited text, [S] secondary
 * source, [M] modelled here (a reasonable default the organisation can override in `monitoring`).
 */

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How an event reaches a reader. */
export type Latency =
  /** Each event on its own, after a delay drawn uniformly from [minMs, maxMs]. */
  | { kind: 'per-event'; minMs: number; maxMs: number }
  /**
   * Events are gathered into files covering `intervalMs` (aligned to UTC); a file is published once,
   * `afterCloseMinMs`..`afterCloseMaxMs` after its interval closes, and never changes afterwards.
   */
  | { kind: 'file'; intervalMs: number; afterCloseMinMs: number; afterCloseMaxMs: number }
  /** A log forwarder ships what it has every flush interval (the organisation's setting), plus transport. */
  | { kind: 'flush'; transportMaxMs: number };

export interface DeliverySource {
  id: DeliverySourceId;
  title: string;
  latency: Latency;
  /** How long a reader can still retrieve a record, from the event; `configurable` when `monitoring` sets it. */
  retention: { defaultMs: number; configurable: boolean };
  /** A published file or stored record never changes once a reader can see it. */
  immutable: boolean;
  citation: string;
}

export const DELIVERY_SOURCE_IDS = [
  'crm-elf-hourly',
  'crm-elf-daily',
  'crm-rtem',
  'ehr-audit-stream',
  'ehr-audit-nightly',
  'log-forwarder',
  'log-daily-batch',
] as const;
export type DeliverySourceId = (typeof DELIVERY_SOURCE_IDS)[number];

export const DELIVERY_SOURCES: readonly DeliverySource[] = [
  {
    id: 'crm-elf-hourly',
    title: 'Salesforce EventLogFile, Interval=Hourly',
    latency: { kind: 'file', intervalMs: HOUR, afterCloseMinMs: 3 * HOUR, afterCloseMaxMs: 6 * HOUR },
    retention: { defaultMs: 30 * DAY, configurable: true },
    immutable: true,
    citation:
      '[V] developer.salesforce.com "Using Event Monitoring" (DOMAIN.md §4 Delivery and retention): an event ' +
      'takes 3–6 hours (sometimes longer) to appear in an hourly file; a file once created does not change. ' +
      'Retention 30 days with the Event Monitoring add-on, 1 day for the free types without it [S]. ' +
      '[M] the 3–6 h is counted from the close of the hour, so an event waits 3–7 h.',
  },
  {
    id: 'crm-elf-daily',
    title: 'Salesforce EventLogFile, Interval=Daily',
    latency: { kind: 'file', intervalMs: DAY, afterCloseMinMs: DAY, afterCloseMaxMs: DAY + 6 * HOUR },
    retention: { defaultMs: 30 * DAY, configurable: true },
    immutable: true,
    citation:
      '[V] developer.salesforce.com "Using Event Monitoring" (DOMAIN.md §4): daily files are generated during ' +
      'non-peak hours the day after the event and log data is unavailable for at least a day. [M] generation ' +
      'between 00:00 and 06:00 UTC the day after the following day closes, so every event waits at least 24 h.',
  },
  {
    id: 'crm-rtem',
    title: 'Salesforce Real-Time Event Monitoring (ApiEventStream …, stored ApiEvent …)',
    latency: { kind: 'per-event', minMs: 1 * SECOND, maxMs: 10 * SECOND },
    retention: { defaultMs: 183 * DAY, configurable: false },
    immutable: true,
    citation:
      '[V] DOMAIN.md §4: RTEM streams deliver within seconds; stored events (big objects) are kept up to ' +
      '6 months [S]. [M] 1–10 s from event to subscriber and to a query of the stored object.',
  },
  {
    id: 'ehr-audit-stream',
    title: 'FHIR AuditEvent, streamed to the SIEM by the forwarder',
    latency: { kind: 'flush', transportMaxMs: 2 * SECOND },
    retention: { defaultMs: 6 * 365 * DAY, configurable: false },
    immutable: true,
    citation:
      '[M] DOMAIN.md §5 AuditEvent.recorded is written with the access; a reader outside the EHR sees it once the ' +
      'forwarder flushes (Fluent Bit `service.flush`, default 1 s, docs.fluentbit.io "Service"). Retention 6 ' +
      'years as for HIPAA documentation (164.316(b)(2), 164.530(j)).',
  },
  {
    id: 'ehr-audit-nightly',
    title: 'FHIR AuditEvent, nightly bulk export',
    latency: { kind: 'file', intervalMs: DAY, afterCloseMinMs: 1 * HOUR, afterCloseMaxMs: 4 * HOUR },
    retention: { defaultMs: 6 * 365 * DAY, configurable: false },
    immutable: true,
    citation:
      '[M] a nightly export job (FHIR Bulk Data `$export` of AuditEvent) for the UTC day, finishing 01:00–04:00 ' +
      'UTC; retention as for the streamed trail.',
  },
  {
    id: 'log-forwarder',
    title:
      'Portal and integration access/app logs, mail logs, storage access logs, broker logs via a forwarder',
    latency: { kind: 'flush', transportMaxMs: 2 * SECOND },
    retention: { defaultMs: 90 * DAY, configurable: true },
    immutable: false,
    citation:
      '[V] docs.fluentbit.io "Service" section: `flush` default 1 s (5 s before 1.9). [M] up to 2 s transport; ' +
      '90 days searchable retention in the log platform.',
  },
  {
    id: 'log-daily-batch',
    title: 'The same logs collected once a day (rotated file picked up after midnight)',
    latency: { kind: 'file', intervalMs: DAY, afterCloseMinMs: 30 * 60 * SECOND, afterCloseMaxMs: 2 * HOUR },
    retention: { defaultMs: 90 * DAY, configurable: true },
    immutable: true,
    citation:
      '[M] logrotate daily rotation (logrotate(8) `daily`) with the rotated file shipped 30 min–2 h after midnight UTC.',
  },
];

export function deliverySource(id: DeliverySourceId): DeliverySource {
  return DELIVERY_SOURCES.find((source) => source.id === id)!;
}
