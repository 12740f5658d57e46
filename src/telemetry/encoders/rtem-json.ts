import { createHash } from 'node:crypto';
import type { TelemetryEvent } from '../event.ts';
import type { Encoder, EncoderContext } from './encoder.ts';
import { detailBoolean, detailString, isSalesforceId } from './event-facts.ts';
import { sfDateTime } from './time-format.ts';

/**
 * EventIdentifier is a UUID in real records; deriving it from org and event id keeps replays of the
 * same seed byte-identical while staying unique within a run.
 */
function eventIdentifier(event: TelemetryEvent, context: EncoderContext): string {
  const hex = createHash('sha256').update(`${context.orgId}:${event.id}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What every stored event object carries, null where the source system had nothing to say. */
function envelope(type: string, event: TelemetryEvent, context: EncoderContext): Record<string, unknown> {
  return {
    attributes: { type },
    EventDate: sfDateTime(event.time),
    EventIdentifier: eventIdentifier(event, context),
    LoginKey: null,
    SessionKey: event.session ?? null,
    SessionLevel: detailBoolean(event, 'mfa') === true ? 'HIGH_ASSURANCE' : 'STANDARD',
    SourceIp: event.sourceIp,
    UserId: isSalesforceId(event.actor.id) ? event.actor.id : null,
    Username: detailString(event, 'username') ?? null,
    PolicyId: null,
    PolicyOutcome: null,
  };
}

/** Query / QueryAll / QueryMore, from the REST resource the call hit. */
function operationOf(uri: string | undefined): string {
  if (uri && /\/queryAll\b/.test(uri)) return 'QueryAll';
  if (uri && /\/query\/[0-9A-Za-z]{15,18}-\d+/.test(uri)) return 'QueryMore';
  return 'Query';
}

function recordsJson(event: TelemetryEvent): string {
  const recordIds = isSalesforceId(event.resource.id) ? [event.resource.id] : [];
  return JSON.stringify({ totalSize: event.rows ?? 0, done: true, recordIds });
}

function apiEvent(event: TelemetryEvent, context: EncoderContext): Record<string, unknown> {
  const entity = event.resource.type === 'api' ? null : event.resource.type;
  return {
    ...envelope('ApiEvent', event, context),
    Operation: operationOf(event.uri),
    QueriedEntities: entity,
    Query: detailString(event, 'query') ?? null,
    Records: recordsJson(event),
    RowsProcessed: event.rows ?? 0,
    RowsReturned: event.rows ?? 0,
    UserAgent: event.userAgent ?? null,
    ApiType: event.uri?.startsWith('/services/Soap/') ? 'SOAP Enterprise' : 'REST API',
    ApiVersion: Number(/\/v?(\d+\.\d)\//.exec(event.uri ?? '')?.[1] ?? Number.NaN) || null,
    Client: event.clientApp ?? null,
    // Null when the app used a token that already existed, which is every call after the grant.
    ConnectedAppId: null,
    AdditionalInfo: event.correlationId
      ? JSON.stringify({ 'x-sfdc-addinfo-correlation': event.correlationId })
      : '{}',
  };
}

function loginEvent(event: TelemetryEvent, context: EncoderContext): Record<string, unknown> {
  return {
    ...envelope('LoginEvent', event, context),
    Application: event.clientApp ?? null,
    AuthMethodReference: detailBoolean(event, 'mfa') === true ? 'mfa' : null,
    HttpMethod: event.method ?? null,
    LoginType: 'Remote Access 2.0',
    LoginUrl: event.uri ?? null,
    Status: detailString(event, 'loginStatus') ?? (event.outcome === 'success' ? 'Success' : 'Failed'),
    UserType: isSalesforceId(event.actor.id) ? 'Standard' : null,
  };
}

const EXPORT_FORMAT: Record<string, string> = { csv: 'CSV', xlsx: 'Excel', xls: 'Excel', pdf: 'PDF' };

function reportEvent(event: TelemetryEvent, context: EncoderContext): Record<string, unknown> {
  const exported = event.action === 'sf.report.export';
  const format = detailString(event, 'reportFormat');
  return {
    ...envelope('ReportEvent', event, context),
    ColumnHeaders: event.fields.join(','),
    ExportFileFormat: exported ? ((format && EXPORT_FORMAT[format]) ?? 'CSV') : null,
    Operation: exported ? 'ReportExported' : 'ReportRunFromRestApi',
    QueriedEntities: event.resource.type,
    Records: recordsJson(event),
    ReportId: event.resource.id ?? null,
    RowsProcessed: event.rows ?? 0,
  };
}

/**
 * Real-Time Event Monitoring objects as the REST API returns them (`attributes.type` first):
 * ApiEvent for SOQL queries, LoginEvent for token grants, ReportEvent for runs and exports.
 * Other CRM calls (single-record reads, writes) raise no RTEM event in Salesforce either.
 */
export const rtemJsonEncoder: Encoder = {
  id: 'rtem-json',
  contentType: 'application/json',
  encode: (event, context) => {
    if (event.system !== 'crm') return undefined;
    if (event.action === 'sf.query') return JSON.stringify(apiEvent(event, context));
    if (event.action === 'oauth.token') return JSON.stringify(loginEvent(event, context));
    if (event.action === 'sf.report.export' || event.action === 'sf.report.run') {
      return JSON.stringify(reportEvent(event, context));
    }
    return undefined;
  },
};
