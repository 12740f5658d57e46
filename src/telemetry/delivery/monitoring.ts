import type { TelemetryEvent } from '../event.ts';
import { FEEDS, type Feed } from './feeds.ts';
import { type DeliverySourceId, deliverySource } from './sources.data.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

export const CRM_MONITORING = ['rtem', 'elf-hourly', 'elf-daily', 'none'] as const;
export const CRM_AUDIT_MONITORING = ['poll', 'none'] as const;
export const EHR_AUDIT_MONITORING = ['stream', 'nightly', 'none'] as const;
export const LOG_MONITORING = ['forwarder', 'daily-batch', 'none'] as const;
export const STORAGE_LOG_MONITORING = ['data-events', 'server-access', 'none'] as const;

/** What the organisation collects, and how: the pipeline between an event and the controls that read it. */
export interface Monitoring {
  /** CRM security telemetry: Real-Time Event Monitoring, EventLogFile (hourly or daily), or none. */
  crm: (typeof CRM_MONITORING)[number];
  /** How long EventLogFiles stay downloadable: 30 days with the Event Monitoring add-on, 1 day without. */
  crmLogRetentionMs: number;
  /** The CRM's own audit objects (SetupAuditTrail, field history, LoginHistory): polled through the API, or not collected. */
  crmAudit: (typeof CRM_AUDIT_MONITORING)[number];
  crmAuditPollMs: number;
  /** EHR AuditEvents: streamed through the forwarder, a nightly export, or not collected. */
  ehrAudit: (typeof EHR_AUDIT_MONITORING)[number];
  /** Portal, integration (edge, outbound gateway), sync, mail, broker and MDM logs. */
  logs: (typeof LOG_MONITORING)[number];
  forwarderFlushMs: number;
  logRetentionMs: number;
  /** Object-store access: CloudTrail data events, server access logs read from the log bucket, or not collected. */
  storageLogs: (typeof STORAGE_LOG_MONITORING)[number];
}

/**
 * The reference organisation: Shield Event Monitoring with real-time streams, the CRM's audit
 * objects polled every 15 minutes, the EHR's audit trail and every other log shipped by a forwarder
 * at its default flush, and object-level data events recorded for the buckets.
 */
export const DEFAULT_MONITORING: Monitoring = {
  crm: 'rtem',
  crmLogRetentionMs: 30 * DAY,
  crmAudit: 'poll',
  crmAuditPollMs: 15 * MINUTE,
  ehrAudit: 'stream',
  logs: 'forwarder',
  forwarderFlushMs: 1000,
  logRetentionMs: 90 * DAY,
  storageLogs: 'data-events',
};

/** The longest an event can wait for any source this monitoring collects (file sources: interval plus generation). */
export function longestDelivery(monitoring: Monitoring): number {
  return Math.max(
    0,
    ...FEEDS.map((feed) => {
      const source = collectedSource(monitoring, feed);
      if (!source) return 0;
      const { latency } = deliverySource(source);
      if (latency.kind === 'file') return latency.intervalMs + latency.afterCloseMaxMs;
      if (latency.kind === 'per-event') return latency.maxMs;
      if (latency.kind === 'poll') return monitoring.crmAuditPollMs;
      return monitoring.forwarderFlushMs + latency.transportMaxMs;
    }),
  );
}

/** Which group of telemetry a control reads (`reads`): the system that emitted it. */
export type TelemetryGroup = 'crm' | 'ehr' | 'logs';

export function groupOf(event: Pick<TelemetryEvent, 'system'>): TelemetryGroup {
  if (event.system === 'crm') return 'crm';
  if (event.system === 'ehr') return 'ehr';
  return 'logs';
}

/** The feed of an audit trail that names only its group: the group's main record. */
export function mainFeedOf(group: TelemetryGroup): Feed {
  return ({ crm: 'crm-api', ehr: 'ehr-audit', logs: 'host-log' } as const)[group];
}

const CRM_FILES: Record<(typeof CRM_MONITORING)[number], DeliverySourceId | undefined> = {
  rtem: 'crm-rtem',
  'elf-hourly': 'crm-elf-hourly',
  'elf-daily': 'crm-elf-daily',
  none: undefined,
};

/** A forwarded log: its own source through the forwarder, the shared daily batch, or nothing. */
function forwarded(monitoring: Monitoring, viaForwarder: DeliverySourceId): DeliverySourceId | undefined {
  if (monitoring.logs === 'none') return undefined;
  return monitoring.logs === 'forwarder' ? viaForwarder : 'log-daily-batch';
}

/**
 * The source a detection control reads a feed through, or undefined when the organisation does not
 * collect it. Where two collected sources carry the same record, the faster one.
 */
export function collectedSource(monitoring: Monitoring, feed: Feed): DeliverySourceId | undefined {
  const polled = monitoring.crmAudit === 'poll';
  const eventLogFiles = monitoring.crm === 'rtem' ? undefined : CRM_FILES[monitoring.crm];
  switch (feed) {
    case 'crm-api':
      return CRM_FILES[monitoring.crm];
    case 'crm-login':
      if (monitoring.crm === 'rtem') return 'crm-rtem';
      return polled ? 'crm-login-history' : eventLogFiles;
    case 'crm-setup':
      return polled ? 'crm-setup-audit-trail' : undefined;
    case 'crm-field-history':
      return polled ? 'crm-field-history' : eventLogFiles;
    case 'ehr-audit':
      if (monitoring.ehrAudit === 'none') return undefined;
      return monitoring.ehrAudit === 'stream' ? 'ehr-audit-stream' : 'ehr-audit-nightly';
    case 'host-log':
      return forwarded(monitoring, 'log-forwarder');
    case 'mail-log':
      return forwarded(monitoring, 'mail-log');
    case 'broker-log':
      return forwarded(monitoring, 'broker-log');
    case 'storage-access':
      if (monitoring.storageLogs === 'none') return undefined;
      return monitoring.storageLogs === 'data-events' ? 'storage-data-events' : 'storage-server-access-log';
  }
}

/** Where each feed's records still sit when the organisation does not collect them. */
const KEPT_IN_PLACE: Record<Feed, DeliverySourceId> = {
  'crm-api': 'crm-elf-daily',
  'crm-login': 'crm-login-history',
  'crm-setup': 'crm-setup-audit-trail',
  'crm-field-history': 'crm-field-history',
  'ehr-audit': 'ehr-audit-stream',
  'host-log': 'log-forwarder',
  'mail-log': 'mail-log',
  'broker-log': 'broker-log',
  'storage-access': 'storage-server-access-log',
};

/**
 * Where an investigator retrieves a record from. Without collection the record still sits in the
 * system itself: CRM event logs as daily EventLogFiles, the CRM's audit objects, the EHR's
 * AuditEvents on its FHIR API, logs on the host, server access logs in the log bucket.
 */
export function investigationSource(monitoring: Monitoring, feed: Feed): DeliverySourceId {
  return collectedSource(monitoring, feed) ?? KEPT_IN_PLACE[feed];
}
