/**
 * When telemetry becomes visible to a reader, how long it stays, and whether a published file can
 * change: the facts every delivery-aware verdict rests on, in one place so a reviewer can check
 * each against its source. Tags follow DOMAIN.md: [V] verified in the cited text, [S] secondary
 * source, [M] modelled here (a reasonable default the organisation can override in `monitoring`).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How an event reaches a reader. */
export type Latency =
  /**
   * Each event on its own, after a delay drawn uniformly from [minMs, maxMs]; with `lostFraction`,
   * that share of events is never delivered at all (best-effort delivery).
   */
  | { kind: 'per-event'; minMs: number; maxMs: number; lostFraction?: number }
  /**
   * Events are gathered into files covering `intervalMs` (aligned to UTC); a file is published once,
   * `afterCloseMinMs`..`afterCloseMaxMs` after its interval closes, and never changes afterwards.
   */
  | { kind: 'file'; intervalMs: number; afterCloseMinMs: number; afterCloseMaxMs: number }
  /** A log forwarder ships what it has every flush interval (the organisation's setting), plus transport. */
  | { kind: 'flush'; transportMaxMs: number }
  /**
   * The record is written in the system at once and a collector queries for new records every poll
   * interval (the organisation's `crmAuditPoll`): an event waits for the next poll.
   */
  | { kind: 'poll' };

export interface DeliverySource {
  id: DeliverySourceId;
  title: string;
  latency: Latency;
  /** How long a reader can still retrieve a record, from the event; `configurable` when `monitoring` sets it. */
  retention: { defaultMs: number; configurable: boolean };
  /** A published file or stored record never changes once a reader can see it. */
  immutable: boolean;
  /**
   * When an investigator can retrieve a record: `event` when the system keeps it as it is written
   * (the EHR's AuditEvents, a host's log, Salesforce's audit objects), `delivery` when it exists only
   * once the source publishes it (EventLogFiles, stored real-time events, S3 log objects).
   */
  retrievableFrom: 'event' | 'delivery';
  /** Events keep their order on the way (streams, forwarders, files); best-effort delivery does not. */
  ordered: boolean;
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
  'crm-setup-audit-trail',
  'crm-field-history',
  'crm-login-history',
  'storage-server-access-log',
  'storage-data-events',
  'mail-log',
  'broker-log',
] as const;
export type DeliverySourceId = (typeof DELIVERY_SOURCE_IDS)[number];

/*
 * What every source of one kind shares, spread into each source below so that an entry states only
 * what is particular to it (and its citation) while still reading as one whole record.
 */

/** A log tailed by the forwarder: each line in order at the next flush plus transport, kept (and editable) for `logRetention`. */
const FORWARDED_LOG = {
  latency: { kind: 'flush', transportMaxMs: 2 * SECOND },
  retention: { defaultMs: 90 * DAY, configurable: true },
  immutable: false,
  retrievableFrom: 'event',
  ordered: true,
} as const;

/** A Salesforce EventLogFile: published once per interval, never changed, retrievable only once published. */
const EVENT_LOG_FILE = {
  retention: { defaultMs: 30 * DAY, configurable: true },
  immutable: true,
  retrievableFrom: 'delivery',
  ordered: true,
} as const;

/** An object-store log read from a bucket: records arrive one by one in no set order, kept per the lifecycle rule. */
const BUCKET_LOG = {
  retention: { defaultMs: 90 * DAY, configurable: true },
  immutable: true,
  retrievableFrom: 'delivery',
  ordered: false,
} as const;

/** A trail the system itself keeps as it is written: unchanged, in order, retrievable from the moment of the event. */
const KEPT_AS_WRITTEN = { immutable: true, retrievableFrom: 'event', ordered: true } as const;

export const DELIVERY_SOURCES: readonly DeliverySource[] = [
  {
    id: 'crm-elf-hourly',
    title: 'Salesforce EventLogFile, Interval=Hourly',
    latency: { kind: 'file', intervalMs: HOUR, afterCloseMinMs: 3 * HOUR, afterCloseMaxMs: 6 * HOUR },
    ...EVENT_LOG_FILE,
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
    ...EVENT_LOG_FILE,
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
    retrievableFrom: 'delivery',
    ordered: true,
    citation:
      '[V] DOMAIN.md §4: RTEM streams deliver within seconds; stored events (big objects) are kept up to ' +
      '6 months [S]. [M] 1–10 s from event to subscriber and to a query of the stored object.',
  },
  {
    id: 'ehr-audit-stream',
    title: 'FHIR AuditEvent, streamed to the SIEM by the forwarder',
    latency: { kind: 'flush', transportMaxMs: 2 * SECOND },
    retention: { defaultMs: 6 * 365 * DAY, configurable: false },
    ...KEPT_AS_WRITTEN,
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
    ...KEPT_AS_WRITTEN,
    citation:
      '[M] a nightly export job (FHIR Bulk Data `$export` of AuditEvent) for the UTC day, finishing 01:00–04:00 ' +
      'UTC; retention as for the streamed trail.',
  },
  {
    id: 'log-forwarder',
    title: 'Portal, integration and sync access/app logs and host audit logs via a forwarder',
    ...FORWARDED_LOG,
    citation:
      '[V] docs.fluentbit.io "Service" section: `flush` default 1 s (5 s before 1.9). [M] up to 2 s transport; ' +
      '90 days searchable retention in the log platform.',
  },
  {
    id: 'log-daily-batch',
    title: 'The same logs collected once a day (rotated file picked up after midnight)',
    latency: { kind: 'file', intervalMs: DAY, afterCloseMinMs: 30 * 60 * SECOND, afterCloseMaxMs: 2 * HOUR },
    retention: { defaultMs: 90 * DAY, configurable: true },
    ...KEPT_AS_WRITTEN,
    citation:
      '[M] logrotate daily rotation (logrotate(8) `daily`) with the rotated file shipped 30 min–2 h after midnight UTC.',
  },
  {
    id: 'crm-setup-audit-trail',
    title: 'Salesforce Setup Audit Trail (SetupAuditTrail), polled through the API',
    latency: { kind: 'poll' },
    retention: { defaultMs: 180 * DAY, configurable: false },
    ...KEPT_AS_WRITTEN,
    citation:
      '[V] Salesforce Object Reference "SetupAuditTrail": changes admins made in Setup for at least the last 180 ' +
      'days; supports query(). [S] SIEM connectors poll it (RunReveal: every 15 minutes). [M] the entry is ' +
      'written with the change (connected-app secret resets, profile, permission-set and field-level security ' +
      'edits) and a collector sees it at its next poll.',
  },
  {
    id: 'crm-field-history',
    title: 'Salesforce field history (AccountHistory …, History objects), polled through the API',
    latency: { kind: 'poll' },
    retention: { defaultMs: 730 * DAY, configurable: false },
    ...KEPT_AS_WRITTEN,
    citation:
      '[V] Metadata API "HistoryRetentionPolicy": field history kept 18 months in the org by default. [S] Salesforce ' +
      'Help, quoted in public packages: up to 24 months through the API, which is how an investigation pulls it. ' +
      '[M] an entry is written when the record saves, and a collector sees it at its next poll. Record saves are ' +
      'not in RTEM (ApiEvent covers queries only, DOMAIN.md §4).',
  },
  {
    id: 'crm-login-history',
    title: 'Salesforce LoginHistory, polled through the API',
    latency: { kind: 'poll' },
    retention: { defaultMs: 183 * DAY, configurable: false },
    ...KEPT_AS_WRITTEN,
    citation:
      '[V] Salesforce Object Reference "LoginHistory": every successful and failed login, query() supported; ' +
      'OAuth grants log as Remote Access 2.0 (DOMAIN.md §4 LOGIN_TYPE i). [M] kept 6 months (Salesforce Help ' +
      '"Monitor Login History", not read here); a collector sees a login at its next poll.',
  },
  {
    id: 'storage-server-access-log',
    title: 'Object-store server access logs (S3 server access logging), read from the log bucket',
    latency: { kind: 'per-event', minMs: 10 * MINUTE, maxMs: 3 * HOUR, lostFraction: 0.005 },
    ...BUCKET_LOG,
    citation:
      '[S] Amazon S3 User Guide "Logging requests with server access logging", as quoted: records are delivered on ' +
      'a best-effort basis, most within a few hours, and a record may arrive long after the request or not at ' +
      "all. [M] 10 min–3 h per record, 0.5 % never delivered; kept as long as the log bucket's lifecycle rule " +
      '(`logRetention`).',
  },
  {
    id: 'storage-data-events',
    title: 'Object-level API activity (CloudTrail S3 data events) read from the trail',
    latency: { kind: 'per-event', minMs: 1 * MINUTE, maxMs: 10 * MINUTE },
    ...BUCKET_LOG,
    citation:
      '[M] AWS CloudTrail User Guide (not read here): log files are delivered about 5 minutes after the API call on ' +
      'average, without a guarantee; data events (GetObject, PutObject, PutObjectAcl) are recorded only when the ' +
      "trail is configured for them. Modelled as 1–10 min per record; kept per the trail bucket's lifecycle " +
      'rule (`logRetention`).',
  },
  {
    id: 'mail-log',
    title: 'Mail transfer agent and mail gateway log via the forwarder',
    ...FORWARDED_LOG,
    citation:
      '[M] the MTA writes one line per message as it hands it on (syslog), tailed by the forwarder: next flush ' +
      '(Fluent Bit `service.flush`, docs.fluentbit.io "Service") plus up to 2 s transport; `logRetention`.',
  },
  {
    id: 'broker-log',
    title: 'Queue and broker logs (topic configuration, dead letters, queue lifecycle) via the forwarder',
    ...FORWARDED_LOG,
    citation:
      '[M] broker audit and event logs (RabbitMQ event exchange, Kafka AlterConfigs, SQS SetQueueAttributes) ' +
      'written on the host as they happen and shipped by the forwarder: next flush plus up to 2 s; `logRetention`.',
  },
];

export function deliverySource(id: DeliverySourceId): DeliverySource {
  return DELIVERY_SOURCES.find((source) => source.id === id)!;
}
