import { DeliveryModel } from '../../telemetry/delivery/model.ts';
import { DEFAULT_MONITORING } from '../../telemetry/delivery/monitoring.ts';
import type { DeliverySourceId } from '../../telemetry/delivery/sources.data.ts';
import { elfTimestampOfIso, sfDateTime } from '../../telemetry/encoders/time-format.ts';
import {
  EVENT_LOG_HEADERS,
  EVENT_LOG_TYPES,
  type EventLogType,
  fieldTypeOf,
} from '../../telemetry/event-log-schema.ts';
import type { SObjectRecord } from './soql/evaluate.ts';

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
  /** When files are published and how long they stay: the organisation's monitoring, drawn from the run's seed. */
  delivery?: DeliveryModel;
}

type Interval = 'Hourly' | 'Daily';

/** Each event type's headers as a set: every appended value's name is checked against it. */
const HEADER_SETS = new Map(
  EVENT_LOG_TYPES.map((type) => [type, new Set<string>(EVENT_LOG_HEADERS[type])] as const),
);

function unknownFields(values: object, headers: ReadonlySet<string>): string {
  return Object.keys(values)
    .filter((name) => !headers.has(name))
    .join(', ');
}

const SOURCE_OF: Record<Interval, DeliverySourceId> = { Hourly: 'crm-elf-hourly', Daily: 'crm-elf-daily' };

function fileKey(eventType: EventLogType, interval: Interval, start: number): string {
  return `${eventType} ${interval} ${start}`;
}

interface LogFile {
  id: string;
  eventType: EventLogType;
  interval: Interval;
  start: number;
  rows: EventLogRow[];
}

/**
 * The org's event monitoring: rows appended per request while enabled, gathered into Hourly and
 * Daily EventLogFile records. A file appears only once Salesforce would have generated it (hours
 * after its hour closes, the day after next for daily files), never changes afterwards — a row
 * goes into the file of the hour it arrived in, which is always still open — and disappears when
 * the organisation's retention runs out.
 */
export class EventLog {
  readonly rows: EventLogRow[] = [];
  readonly #files: LogFile[] = [];
  /** The open file of each type, interval and start: a row finds its file without a scan of them all. */
  readonly #fileIndex = new Map<string, LogFile>();
  readonly #fallback: DeliveryModel;

  constructor(
    private readonly config: { eventMonitoring: EventMonitoringConfig },
    private readonly orgId: string,
    private readonly mintFileId: () => string,
    private readonly apiVersion: string,
    private readonly now: () => number,
    seed: number,
  ) {
    this.#fallback = new DeliveryModel(DEFAULT_MONITORING, seed);
  }

  get delivery(): DeliveryModel {
    return this.config.eventMonitoring.delivery ?? this.#fallback;
  }

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
    const headers = HEADER_SETS.get(eventType)!;
    for (const name in values)
      if (!headers.has(name))
        throw new Error(`not ${eventType} event-log fields: ${unknownFields(values, headers)}`);
    const userId = values.USER_ID === undefined ? '' : String(values.USER_ID);
    const iso = new Date(time).toISOString();
    const all: Record<string, string | number | undefined> = {
      ...values,
      EVENT_TYPE: eventType,
      TIMESTAMP: elfTimestampOfIso(iso),
      TIMESTAMP_DERIVED: iso,
      REQUEST_ID: requestId,
      ORGANIZATION_ID: this.orgId.slice(0, 15),
      USER_ID: userId.slice(0, 15),
      USER_ID_DERIVED: userId,
    };
    const omitted = monitoring.omitFields;
    const fields: Record<string, string> = {};
    for (const name of EVENT_LOG_HEADERS[eventType]) {
      const value = all[name];
      if (value === undefined || omitted?.includes(name)) continue;
      fields[name] = String(value);
    }
    const row: EventLogRow = { eventType, time, requestId, fields };
    this.rows.push(row);
    // The file of the moment the row arrived: a row stamped in the past never reopens a published file.
    const arrived = Math.max(time, this.now());
    for (const interval of ['Hourly', 'Daily'] as const)
      this.#fileFor(eventType, interval, arrived).rows.push(row);
    return row;
  }

  /**
   * Keeps the newest `keep` rows once twice that many have accumulated, in the log and in every file
   * (each file holds a run of the same rows, in the same order); a file left with no rows is dropped,
   * as retention would have dropped it. For a long-lived estate (`phi-drill serve`), never for a
   * drill, whose files are its evidence. Amortised O(1) per row.
   */
  retainNewest(keep: number): void {
    if (this.rows.length < 2 * keep) return;
    this.rows.splice(0, this.rows.length - keep);
    const kept = new Set(this.rows);
    for (const file of this.#files) {
      const first = file.rows.findIndex((row) => kept.has(row));
      file.rows.splice(0, first === -1 ? file.rows.length : first);
    }
    const emptied = this.#files.filter((file) => file.rows.length === 0);
    for (const file of emptied) {
      this.#files.splice(this.#files.indexOf(file), 1);
      this.#fileIndex.delete(fileKey(file.eventType, file.interval, file.start));
    }
  }

  /** EventLogFile records a reader can list now: published, still retained, one per type and interval. */
  files(): SObjectRecord[] {
    return this.#files.filter((file) => this.#visible(file)).map((file) => this.#record(file));
  }

  /** The CSV content of one listed file (header row, then every value quoted). */
  csv(fileId: string): string | undefined {
    const file = this.#files.find((f) => f.id === fileId || f.id.slice(0, 15) === fileId);
    return file && this.#visible(file) ? this.#csv(file) : undefined;
  }

  #visible(file: LogFile): boolean {
    const now = this.now();
    const delivery = this.delivery;
    const source = SOURCE_OF[file.interval];
    if (file.interval === 'Hourly' && !this.#hourlyCollected()) return false;
    const publishedAt = delivery.publishedAt(source, file.start);
    return publishedAt <= now && now <= delivery.retainedUntil(source, publishedAt);
  }

  /** Hourly files need the Event Monitoring add-on; an org on daily files or none has only the daily ones. */
  #hourlyCollected(): boolean {
    const { crm } = this.delivery.monitoring;
    return crm === 'rtem' || crm === 'elf-hourly';
  }

  #record(file: LogFile): SObjectRecord {
    const headers = EVENT_LOG_HEADERS[file.eventType];
    return {
      Id: file.id,
      EventType: file.eventType,
      LogDate: sfDateTime(file.start),
      Interval: file.interval,
      // Hourly files are numbered by the hour they cover; a daily file is the day's only one.
      Sequence: file.interval === 'Hourly' ? new Date(file.start).getUTCHours() + 1 : 1,
      LogFileLength: Buffer.byteLength(this.#csv(file)),
      LogFileContentType: 'CSV',
      LogFileFieldNames: headers.join(','),
      LogFileFieldTypes: headers.map(fieldTypeOf).join(','),
      LogFile: `/services/data/v${this.apiVersion}/sobjects/EventLogFile/${file.id}/LogFile`,
      CreatedDate: sfDateTime(this.delivery.publishedAt(SOURCE_OF[file.interval], file.start)),
    };
  }

  #csv(file: LogFile): string {
    const headers = EVENT_LOG_HEADERS[file.eventType];
    const quote = (value: string): string => `"${value.replace(/"/g, '""')}"`;
    const lines = [headers.map(quote).join(',')];
    for (const row of file.rows) lines.push(headers.map((h) => quote(row.fields[h] ?? '')).join(','));
    return `${lines.join('\n')}\n`;
  }

  #fileFor(eventType: EventLogType, interval: Interval, time: number): LogFile {
    const start = this.delivery.bucketOf(SOURCE_OF[interval], time);
    const key = fileKey(eventType, interval, start);
    let file = this.#fileIndex.get(key);
    if (!file) {
      file = { id: this.mintFileId(), eventType, interval, start, rows: [] };
      this.#files.push(file);
      this.#fileIndex.set(key, file);
    }
    return file;
  }
}
