import { EVENT_LOG_HEADERS, type EventLogType, fieldTypeOf } from '../../telemetry/event-log-schema.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import { elfTimestamp, sfDateTime } from './time-format.ts';

export interface EventLogRow {
  eventType: EventLogType;
  time: number;
  requestId: string;
  fields: Record<string, string>;
}

export interface EventMonitoringConfig {
  enabled: boolean;
  /** Headers left empty, as when a degraded monitoring setup does not capture them. */
  omitFields?: string[];
}

const HOUR = 3_600_000;

interface LogFile {
  id: string;
  eventType: EventLogType;
  hour: number;
  rows: EventLogRow[];
}

/**
 * The org's event monitoring: rows appended per request while enabled, rolled into Hourly
 * EventLogFile records whose CSV is what a SIEM connector downloads.
 */
export class EventLog {
  readonly rows: EventLogRow[] = [];
  readonly #files: LogFile[] = [];

  constructor(
    private readonly config: { eventMonitoring: EventMonitoringConfig },
    private readonly orgId: string,
    private readonly mintFileId: () => string,
    private readonly apiVersion: string,
  ) {}

  /**
   * Records one event; returns undefined when monitoring is off. Values are given per header; the
   * envelope (type, timestamps, org, request) is filled here, and unknown headers are a bug.
   */
  append(
    eventType: EventLogType,
    time: number,
    requestId: string,
    values: Partial<Record<string, string | number | undefined>>,
  ): EventLogRow | undefined {
    const monitoring = this.config.eventMonitoring;
    if (!monitoring.enabled) return undefined;
    const headers: readonly string[] = EVENT_LOG_HEADERS[eventType];
    const userId = values.USER_ID === undefined ? '' : String(values.USER_ID);
    const all: Record<string, string | number | undefined> = {
      ...values,
      EVENT_TYPE: eventType,
      TIMESTAMP: elfTimestamp(time),
      TIMESTAMP_DERIVED: new Date(time).toISOString(),
      REQUEST_ID: requestId,
      ORGANIZATION_ID: this.orgId.slice(0, 15),
      USER_ID: userId.slice(0, 15),
      USER_ID_DERIVED: userId,
    };
    const omitted = new Set(monitoring.omitFields ?? []);
    const fields: Record<string, string> = {};
    const unknown = Object.keys(all).filter((name) => !headers.includes(name));
    if (unknown.length > 0) throw new Error(`not ${eventType} event-log fields: ${unknown.join(', ')}`);
    for (const name of headers) {
      const value = all[name];
      if (value === undefined || omitted.has(name)) continue;
      fields[name] = String(value);
    }
    const row: EventLogRow = { eventType, time, requestId, fields };
    this.rows.push(row);
    this.#fileFor(eventType, time).rows.push(row);
    return row;
  }

  /** EventLogFile records, one per event type and hour that has rows. */
  files(): SObjectRecord[] {
    return this.#files.map((file) => {
      const headers = EVENT_LOG_HEADERS[file.eventType];
      const length = Buffer.byteLength(this.#csv(file));
      return {
        Id: file.id,
        EventType: file.eventType,
        LogDate: sfDateTime(file.hour),
        Interval: 'Hourly',
        Sequence: new Date(file.hour).getUTCHours() + 1,
        LogFileLength: length,
        LogFileContentType: 'CSV',
        LogFileFieldNames: headers.join(','),
        LogFileFieldTypes: headers.map(fieldTypeOf).join(','),
        LogFile: `/services/data/v${this.apiVersion}/sobjects/EventLogFile/${file.id}/LogFile`,
        CreatedDate: sfDateTime(file.rows[file.rows.length - 1]!.time),
      };
    });
  }

  /** The CSV content of one file (header row, then every value quoted), if it exists. */
  csv(fileId: string): string | undefined {
    const file = this.#files.find((f) => f.id === fileId || f.id.slice(0, 15) === fileId);
    return file && this.#csv(file);
  }

  #csv(file: LogFile): string {
    const headers = EVENT_LOG_HEADERS[file.eventType];
    const quote = (value: string): string => `"${value.replace(/"/g, '""')}"`;
    const lines = [headers.map(quote).join(',')];
    for (const row of file.rows) lines.push(headers.map((h) => quote(row.fields[h] ?? '')).join(','));
    return `${lines.join('\n')}\n`;
  }

  #fileFor(eventType: EventLogType, time: number): LogFile {
    const hour = Math.floor(time / HOUR) * HOUR;
    let file = this.#files.find((f) => f.eventType === eventType && f.hour === hour);
    if (!file) {
      file = { id: this.mintFileId(), eventType, hour, rows: [] };
      this.#files.push(file);
    }
    return file;
  }
}
