import type { TelemetryEvent } from '../event.ts';
import { type DeliverySourceId, deliverySource } from './sources.data.ts';

const DAY = 86_400_000;

export const CRM_MONITORING = ['rtem', 'elf-hourly', 'elf-daily', 'none'] as const;
export const EHR_AUDIT_MONITORING = ['stream', 'nightly', 'none'] as const;
export const LOG_MONITORING = ['forwarder', 'daily-batch', 'none'] as const;

/** What the organisation collects, and how: the pipeline between an event and the controls that read it. */
export interface Monitoring {
  /** CRM security telemetry: Real-Time Event Monitoring, EventLogFile (hourly or daily), or none. */
  crm: (typeof CRM_MONITORING)[number];
  /** How long EventLogFiles stay downloadable: 30 days with the Event Monitoring add-on, 1 day without. */
  crmLogRetentionMs: number;
  /** EHR AuditEvents: streamed through the forwarder, a nightly export, or not collected. */
  ehrAudit: (typeof EHR_AUDIT_MONITORING)[number];
  /** Portal, integration (edge, outbound gateway), mail, storage, broker and MDM logs. */
  logs: (typeof LOG_MONITORING)[number];
  forwarderFlushMs: number;
  logRetentionMs: number;
}

/**
 * The reference organisation: Shield Event Monitoring with real-time streams, the EHR's audit
 * trail and every other log shipped by a forwarder at its default flush.
 */
export const DEFAULT_MONITORING: Monitoring = {
  crm: 'rtem',
  crmLogRetentionMs: 30 * DAY,
  ehrAudit: 'stream',
  logs: 'forwarder',
  forwarderFlushMs: 1000,
  logRetentionMs: 90 * DAY,
};

/** The longest an event can wait for any source this monitoring collects (file sources: interval plus generation). */
export function longestDelivery(monitoring: Monitoring): number {
  const groups: TelemetryGroup[] = ['crm', 'ehr', 'logs'];
  return Math.max(
    0,
    ...groups.map((group) => {
      const source = collectedSource(monitoring, group);
      if (!source) return 0;
      const { latency } = deliverySource(source);
      if (latency.kind === 'file') return latency.intervalMs + latency.afterCloseMaxMs;
      if (latency.kind === 'per-event') return latency.maxMs;
      return monitoring.forwarderFlushMs + latency.transportMaxMs;
    }),
  );
}

/** Which monitoring setting governs an event: the system that emitted it. */
export type TelemetryGroup = 'crm' | 'ehr' | 'logs';

export function groupOf(event: Pick<TelemetryEvent, 'system'>): TelemetryGroup {
  if (event.system === 'crm') return 'crm';
  if (event.system === 'ehr') return 'ehr';
  return 'logs';
}

/** The source a detection control reads for a group, or undefined when the organisation does not collect it. */
export function collectedSource(monitoring: Monitoring, group: TelemetryGroup): DeliverySourceId | undefined {
  if (group === 'crm') {
    return {
      rtem: 'crm-rtem',
      'elf-hourly': 'crm-elf-hourly',
      'elf-daily': 'crm-elf-daily',
      none: undefined,
    }[monitoring.crm] as DeliverySourceId | undefined;
  }
  if (group === 'ehr') {
    if (monitoring.ehrAudit === 'none') return undefined;
    return monitoring.ehrAudit === 'stream' ? 'ehr-audit-stream' : 'ehr-audit-nightly';
  }
  if (monitoring.logs === 'none') return undefined;
  return monitoring.logs === 'forwarder' ? 'log-forwarder' : 'log-daily-batch';
}

/**
 * Where an investigator retrieves a record from. Without collection the record still sits in the
 * system itself: CRM event logs as daily EventLogFiles, the EHR's AuditEvents on its FHIR API, logs on the host.
 */
export function investigationSource(monitoring: Monitoring, group: TelemetryGroup): DeliverySourceId {
  const collected = collectedSource(monitoring, group);
  if (collected) return collected;
  if (group === 'crm') return 'crm-elf-daily';
  return group === 'ehr' ? 'ehr-audit-stream' : 'log-forwarder';
}
