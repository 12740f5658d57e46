import type { TelemetryEvent } from '../event.ts';
import { EVENT_LOG_HEADERS, type EventLogType, LOGIN_STATUS, userAgentCode } from '../event-log-schema.ts';
import type { Encoder, EncoderContext } from './encoder.ts';
import { detailNumber, detailString, isSalesforceId, pathOf, responseBytesOf } from './event-facts.ts';
import { elfTimestamp, isoTime } from './time-format.ts';

type Values<T extends EventLogType> = Partial<Record<(typeof EVENT_LOG_HEADERS)[T][number], string | number>>;

/** One row's type and the values it knows; headers left out are written empty, as Salesforce does. */
type Row = { [T in EventLogType]: { type: T; values: Values<T> } }[EventLogType];

/** 18-character ids split into the 15-character column and its `_DERIVED` twin; anything else is not an id. */
function ids(id: string | undefined): { short?: string; derived?: string } {
  return isSalesforceId(id) ? { short: id.slice(0, 15), derived: id } : {};
}

/** REQUEST_STATUS: S success, R redirect, A authorization error, N not found, F failure, U undefined. */
function requestStatus(status: number | undefined): string {
  if (status === undefined) return 'U';
  if (status < 300) return 'S';
  if (status < 400) return 'R';
  if (status === 401 || status === 403) return 'A';
  return status === 404 ? 'N' : 'F';
}

/** Report RENDERING_TYPE per export format (W web, E/X Excel, P printable, C CSV, J JSON). */
const RENDERING: Record<string, string> = { csv: 'C', xls: 'E', xlsx: 'X', pdf: 'P', json: 'J' };

function apiRow(event: TelemetryEvent): Row {
  const entity = event.resource.type === 'api' ? undefined : event.resource.type;
  const common = {
    URI: event.uri && pathOf(event.uri),
    SESSION_KEY: event.session,
    USER_TYPE: isSalesforceId(event.actor.id) ? 'Standard' : undefined,
    REQUEST_STATUS: requestStatus(event.status),
    USER_AGENT: userAgentCode(event.userAgent),
    REQUEST_SIZE: detailNumber(event, 'requestBytes'),
    RESPONSE_SIZE: responseBytesOf(event),
    ENTITY_NAME: entity,
    NUMBER_FIELDS: event.fields.length,
    ROWS_PROCESSED: event.rows,
    CLIENT_NAME: event.clientApp,
    CLIENT_IP: event.sourceIp,
    QUERY: detailString(event, 'query'),
    URI_ID_DERIVED: ids(event.resource.id).derived,
  };
  // SOAP calls land in the API type (`/Soap/c/` Enterprise → E, `/Soap/u/` Partner → P); /services/data is REST.
  const soap = /^\/services\/Soap\/([cu])\/(\d+\.\d)/.exec(event.uri ?? '');
  if (soap) {
    const apiType = soap[1] === 'c' ? 'E' : 'P';
    const method = event.action.split('.').pop();
    return {
      type: 'API',
      values: { ...common, API_TYPE: apiType, API_VERSION: soap[2], METHOD_NAME: method },
    };
  }
  return {
    type: 'RestApi',
    values: {
      ...common,
      MEDIA_TYPE: 'application/json',
      STATUS_CODE: event.status,
      METHOD: event.method,
      EXCEPTION_MESSAGE: detailString(event, 'error'),
    },
  };
}

function loginRow(event: TelemetryEvent): Row | undefined {
  // Salesforce logs sign-ins of known users only; a failed attempt for an unknown name leaves no row.
  if (!isSalesforceId(event.actor.id)) return undefined;
  const ok = event.outcome === 'success';
  return {
    type: 'Login',
    values: {
      URI: event.uri && pathOf(event.uri),
      USER_TYPE: 'Standard',
      REQUEST_STATUS: requestStatus(event.status),
      BROWSER_TYPE: userAgentCode(event.userAgent),
      CLIENT_IP: event.sourceIp,
      LOGIN_STATUS: detailString(event, 'loginStatus') ?? (ok ? LOGIN_STATUS.ok : LOGIN_STATUS.badPassword),
      // `i`: Remote Access 2.0, every OAuth token grant.
      LOGIN_TYPE: 'i',
      SOURCE_IP: event.sourceIp,
      AUTHENTICATION_METHOD_REFERENCE: event.detail?.mfa === true ? 'mfa' : undefined,
    },
  };
}

function reportRow(event: TelemetryEvent): Row {
  const report = ids(event.resource.id);
  const format = detailString(event, 'reportFormat');
  const exported = event.action === 'sf.report.export';
  const bytes = responseBytesOf(event);
  return {
    type: 'Report',
    values: {
      URI: event.uri && pathOf(event.uri),
      SESSION_KEY: event.session,
      CLIENT_IP: event.sourceIp,
      CLIENT_INFO: event.userAgent,
      URI_ID_DERIVED: report.derived,
      USER_TYPE: 'Standard',
      REQUEST_STATUS: requestStatus(event.status),
      ENTITY_NAME: event.resource.type,
      DISPLAY_TYPE: 'D',
      RENDERING_TYPE: (format && RENDERING[format]) ?? (exported ? 'C' : 'J'),
      ORIGIN: exported ? 'ReportExported' : 'ReportRunFromRestApi',
      REPORT_ID: report.short,
      REPORT_ID_DERIVED: report.derived,
      ROW_COUNT: event.rows,
      NUMBER_COLUMNS: event.fields.length,
      AVERAGE_ROW_SIZE: bytes !== undefined && event.rows ? Math.round(bytes / event.rows) : undefined,
    },
  };
}

function fileRow(event: TelemetryEvent): Row | undefined {
  // Failed public-link hits never reach the org's event log, only the web tier's.
  if (event.outcome !== 'success') return undefined;
  const version = ids(detailString(event, 'versionId') ?? event.resource.id).short;
  switch (event.action) {
    case 'sf.file.upload':
    case 'sf.file.download':
      return {
        type: 'ContentTransfer',
        values: {
          TRANSACTION_TYPE: event.action === 'sf.file.upload' ? 'saveVersion' : 'VersionDownloadAction',
          VERSION_ID: version,
          FILE_TYPE: detailString(event, 'fileType'),
          FILE_PREVIEW_TYPE: 'UNKNOWN',
          SIZE_BYTES: detailNumber(event, 'bytes'),
        },
      };
    case 'sf.file.view':
    case 'sf.file.share':
      return {
        type: 'ContentDistribution',
        values: {
          ACTION: event.action === 'sf.file.view' ? 'VIEW' : 'INSERT',
          DELIVERY_ID: ids(event.resource.id).short,
          DELIVERY_LOCATION: event.action === 'sf.file.view' ? event.uri : undefined,
          VERSION_ID: version,
        },
      };
    default:
      return undefined;
  }
}

/**
 * The EventLogFile type and values for a CRM event. Reports go to `Report`, a superset of
 * `ReportExport` that also carries ROW_COUNT and RENDERING_TYPE, which export-volume rules need.
 */
export function elfRowOf(event: TelemetryEvent): Row | undefined {
  if (event.system !== 'crm') return undefined;
  if (event.action === 'oauth.token') return loginRow(event);
  if (event.action === 'sf.report.export' || event.action === 'sf.report.run') return reportRow(event);
  if (event.action.startsWith('sf.file.')) return fileRow(event);
  if (event.action.startsWith('sf.') && /^\/services\/(data|Soap)\//.test(event.uri ?? ''))
    return apiRow(event);
  return undefined;
}

/** RFC 4180 quoting, every value quoted as EventLogFile CSV is; embedded quotes doubled. */
export function csvQuote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function encodeRow(row: Row, event: TelemetryEvent, context: EncoderContext): string {
  const user = ids(event.actor.id);
  const envelope: Record<string, string | number | undefined> = {
    EVENT_TYPE: row.type,
    TIMESTAMP: elfTimestamp(event.time),
    TIMESTAMP_DERIVED: isoTime(event.time),
    REQUEST_ID: event.requestId,
    ORGANIZATION_ID: context.orgId.slice(0, 15),
    USER_ID: user.short,
    USER_ID_DERIVED: user.derived,
  };
  const values: Record<string, string | number | undefined> = { ...row.values, ...envelope };
  const headers: readonly string[] = EVENT_LOG_HEADERS[row.type];
  return headers.map((name) => csvQuote(values[name] === undefined ? '' : String(values[name]))).join(',');
}

/** Salesforce EventLogFile CSV rows; `header` names the type's columns for a new file of that type. */
export const elfCsvEncoder: Encoder = {
  id: 'elf-csv',
  contentType: 'text/csv',
  header: (event) => {
    const row = elfRowOf(event);
    return row && EVENT_LOG_HEADERS[row.type].map(csvQuote).join(',');
  },
  encode: (event, context) => {
    const row = elfRowOf(event);
    return row && encodeRow(row, event, context);
  },
};
