import type { EstateContext } from '../context.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One JSON line of the integration engine's application log, as shipped to the log platform. */
export interface AppLogRecord {
  /** Position in the log; readers and scanners page by it. */
  seq: number;
  /** ISO-8601, UTC. */
  time: string;
  level: LogLevel;
  logger: string;
  message: string;
  requestId: string;
  /** Structured context the code attached (partner, offending field names …). */
  context?: Readonly<Record<string, string>>;
  /** The full request body, when payload logging is switched on. */
  payload?: string;
  /** Set when a responder scrubbed the line; message and payload are then replaced. */
  redactedAt?: number;
}

/** Someone who signs in to the log platform through the SSO proxy, with their directory group. */
export interface LogReader {
  username: string;
  name: string;
  group: string;
  /** Workstation seat, for a stable internal source address. */
  seat: number;
}

/** The log platform's own record of a search: who looked at what (its audit trail, 164.312(b)). */
export interface LogSearchAuditRecord {
  time: number;
  requestId: string;
  user: string;
  group: string;
  sourceIp: string;
  query: string;
  status: number;
  hits: number;
}

export interface AppLogConfig {
  /** Directory groups the log platform lets search the integration loggers (its ACL). */
  readers: string[];
  searchAudit: { enabled: boolean };
}

export const LOG_PLATFORM_IP = '10.99.200.5';
export const REDACTED = '[REDACTED]';

/** Groups the data owner approved at the last access review; the ACL should never exceed them. */
export const APPROVED_LOG_READERS: readonly string[] = ['integration-oncall', 'security'];

export const LOG_READERS: readonly LogReader[] = [
  {
    username: 'oncall.priya@clinic.example.org',
    name: 'Priya Integration',
    group: 'integration-oncall',
    seat: 40,
  },
  {
    username: 'oncall.marco@clinic.example.org',
    name: 'Marco Integration',
    group: 'integration-oncall',
    seat: 41,
  },
  { username: 'soc.dana@clinic.example.org', name: 'Dana SOC', group: 'security', seat: 42 },
  { username: 'dev.kim@clinic.example.org', name: 'Kim Web', group: 'engineering', seat: 43 },
  { username: 'dev.ola@clinic.example.org', name: 'Ola Mobile', group: 'engineering', seat: 44 },
  { username: 'dev.sam@clinic.example.org', name: 'Sam Data', group: 'engineering', seat: 45 },
];

/**
 * The application log of the integration engine: JSON lines written by its loggers, searchable on
 * the log platform by the groups in its ACL. Every write and every redaction is telemetry, so a
 * pipeline DLP and a SIEM see the same stream a real log shipper would carry.
 */
export class AppLog {
  readonly records: AppLogRecord[] = [];
  readonly searchAudit: LogSearchAuditRecord[] = [];
  readonly config: AppLogConfig = { readers: [...APPROVED_LOG_READERS], searchAudit: { enabled: true } };
  readonly #byRequest = new Map<string, AppLogRecord[]>();

  constructor(private readonly ctx: EstateContext) {}

  reader(username: string): LogReader | undefined {
    return LOG_READERS.find((reader) => reader.username === username.toLowerCase());
  }

  write(entry: Omit<AppLogRecord, 'seq' | 'time' | 'redactedAt'>, sourceIp: string): AppLogRecord {
    const record: AppLogRecord = {
      seq: this.records.length + 1,
      time: new Date(this.ctx.clock.now()).toISOString(),
      ...entry,
    };
    this.records.push(record);
    const lines = this.#byRequest.get(record.requestId) ?? [];
    lines.push(record);
    this.#byRequest.set(record.requestId, lines);
    const text = JSON.stringify(record);
    this.ctx.bus.emit({
      system: 'logs',
      action: 'applog.write',
      actor: { id: record.logger, type: 'service' },
      sourceIp,
      requestId: record.requestId,
      resource: { type: 'AppLogRecord', id: String(record.seq) },
      patientIds: [],
      fields: Object.keys(record),
      outcome: 'success',
      detail: { logger: record.logger, level: record.level, bytes: text.length },
    });
    return record;
  }

  /** Lines a request wrote, in order. */
  linesFor(requestId: string): readonly AppLogRecord[] {
    return this.#byRequest.get(requestId) ?? [];
  }

  /** Lines of one logger at or above a level, newest last, at most `limit`. */
  search(filter: { logger: string; minLevel: LogLevel; limit: number }): AppLogRecord[] {
    const rank = LEVELS.indexOf(filter.minLevel);
    const hits: AppLogRecord[] = [];
    for (let i = this.records.length - 1; i >= 0 && hits.length < filter.limit; i--) {
      const record = this.records[i]!;
      if (record.logger === filter.logger && LEVELS.indexOf(record.level) >= rank) hits.push(record);
    }
    return hits.reverse();
  }

  /** Scrubs message and payload of the given lines in place; returns how many changed. */
  redact(seqs: readonly number[], by: string): number {
    let changed = 0;
    for (const seq of seqs) {
      const record = this.records[seq - 1];
      if (!record || record.redactedAt !== undefined) continue;
      record.message = REDACTED;
      if (record.payload !== undefined) record.payload = REDACTED;
      record.redactedAt = this.ctx.clock.now();
      changed++;
    }
    this.ctx.bus.emit({
      system: 'logs',
      action: 'applog.redact',
      actor: { id: by, type: 'responder' },
      sourceIp: LOG_PLATFORM_IP,
      resource: { type: 'AppLog' },
      patientIds: [],
      fields: ['message', 'payload'],
      rows: changed,
      outcome: 'success',
    });
    return changed;
  }

  recordSearch(record: LogSearchAuditRecord): void {
    if (this.config.searchAudit.enabled) this.searchAudit.push(record);
  }
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function isLogLevel(value: string): value is LogLevel {
  return (LEVELS as readonly string[]).includes(value);
}
