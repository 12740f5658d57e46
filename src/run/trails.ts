import type { Estate } from '../estate/estate.ts';
import type { Feed } from '../telemetry/delivery/feeds.ts';
import type { TelemetryGroup } from '../telemetry/delivery/monitoring.ts';
import { CONTENT_TRAILS } from './content-trails.ts';
import type { TrailRecord } from './observations.ts';

export interface TrailDefinition {
  id: string;
  summary: string;
  /** Path prefix of the requests this trail records. */
  scope: string;
  /** Whose monitoring decides when its records can be retrieved. */
  group: TelemetryGroup;
  /** The record it reads, where that is not the group's main one (the CRM's event logs, the EHR's AuditEvents, host logs). */
  feed?: Feed;
  /** The control that switches this trail on and off. */
  control: string;
  /** Fields a `log` expectation may require, in the trail's own names. */
  fields: readonly string[];
  /** Finds the record this trail wrote for a request, if any. */
  find(estate: Estate, requestId: string): TrailRecord | undefined;
}

/** Reads a dotted path through objects and arrays (arrays: the first element that has the key). */
export function valueAt(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const key of path.split('.')) {
    if (Array.isArray(current))
      current = current.find((item) => item && typeof item === 'object' && key in item);
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export const TRAILS: readonly TrailDefinition[] = [
  {
    id: 'fhir-audit',
    group: 'ehr',
    summary: 'EHR AuditEvents (IHE BALP)',
    scope: '/fhir/',
    control: 'fhir-audit',
    fields: [
      'recorded',
      'action',
      'outcome',
      'agent.who',
      'agent.network.address',
      'agent.purposeOfUse',
      'entity.what',
      'source.observer',
    ],
    find(estate, requestId) {
      const event = estate.ehr.state.auditEvents.find((audit) =>
        audit.entity?.some((entity) => entity.what?.identifier?.value === requestId),
      );
      if (!event) return undefined;
      return {
        id: `AuditEvent/${event.id}`,
        time: Date.parse(event.recorded),
        value: (field) => valueAt(event, field),
      };
    },
  },
  {
    id: 'crm-event-log',
    group: 'crm',
    summary: 'CRM Event Monitoring rows (EventLogFile: RestApi, API, Login …)',
    scope: '/services/data/',
    control: 'crm-event-log',
    fields: [
      'USER_ID',
      'USER_ID_DERIVED',
      'CLIENT_IP',
      'CONNECTED_APP_ID',
      'QUERY',
      'ROWS_PROCESSED',
      'REQUEST_ID',
      'SESSION_KEY',
      'URI',
      'TIMESTAMP_DERIVED',
    ],
    find(estate, requestId) {
      const row = estate.crm.state.eventLog.find(
        (entry: { requestId: string; eventType: string }) =>
          entry.requestId === requestId && entry.eventType !== 'API',
      );
      if (!row) return undefined;
      return { id: `${row.eventType}:${requestId}`, time: row.time, value: (field) => row.fields[field] };
    },
  },
  {
    id: 'portal-access-log',
    group: 'logs',
    summary: 'Patient portal access log',
    scope: '/portal/',
    control: 'portal-access-log',
    fields: ['time', 'session', 'sourceIp', 'userAgent', 'patientId', 'path', 'status'],
    find(estate, requestId) {
      const line = estate.portal.state.accessLog.find((entry) => entry.requestId === requestId);
      if (!line) return undefined;
      return {
        id: `portal-access:${requestId}`,
        time: line.time ?? 0,
        value: (field) => line[field as keyof typeof line],
      };
    },
  },
  {
    id: 'log-search-audit',
    group: 'logs',
    summary: 'Log platform search audit: who searched which application log, from where, with what',
    scope: '/logs/',
    control: 'log-search-audit',
    fields: ['time', 'user', 'group', 'sourceIp', 'query', 'status', 'hits'],
    find(estate, requestId) {
      const entry = estate.integration.appLog.searchAudit.find((audit) => audit.requestId === requestId);
      if (!entry) return undefined;
      return {
        id: `log-search:${requestId}`,
        time: entry.time,
        value: (field) => entry[field as keyof typeof entry],
      };
    },
  },
  ...CONTENT_TRAILS,
];
