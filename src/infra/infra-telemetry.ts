import type { TelemetryInput } from '../telemetry/event.ts';
import type { InfraNames } from './names.ts';
import { sessionKeyPrefix } from './redis-sessions.ts';

/**
 * What each real system of the data plane logs about the run, in the shape its operators already
 * collect: pgAudit session lines from PostgreSQL, event-exchange events from RabbitMQ, keyspace
 * notifications from Redis. The line itself is in `detail.line`; no line carries a parameter value,
 * because pgAudit's default (`pgaudit.log_parameter = off`) and the broker's events do not either.
 */
export interface InfraLogger {
  stagingWritten(command: 'INSERT' | 'DELETE', rows: number, scope?: { all: true }): void;
  stagingRead(rows: number): void;
  queuesCreated(): void;
  queuesDeleted(): void;
  deadLettered(reason: string): void;
  sessionWritten(sessionId: string): void;
  sessionsDeleted(): void;
}

const SERVICE = { id: 'sync-staging', type: 'service' as const };
const LOOPBACK = '127.0.0.1';

export function createInfraLogger(names: InfraNames, emit: (input: TelemetryInput) => void): InfraLogger {
  const table = `${names.schema}.sync_staging`;
  let statement = 0;
  const sessionKeys = new Set<string>();
  const line = (
    logger: string,
    action: string,
    text: string,
    extra: Omit<Partial<TelemetryInput>, 'detail'> = {},
    detail: Record<string, string | number> = {},
  ) =>
    emit({
      system: 'logs',
      action,
      actor: SERVICE,
      sourceIp: LOOPBACK,
      resource: { type: logger },
      patientIds: [],
      fields: [],
      outcome: 'success',
      ...extra,
      detail: { logger, line: text, ...detail },
    });
  const audit = (klass: 'READ' | 'WRITE', command: string, sql: string, rows: number) => {
    statement += 1;
    line(
      'postgresql',
      'postgres.audit',
      `AUDIT: SESSION,${statement},1,${klass},${command},TABLE,${table},"${sql}",<not logged>`,
      { resource: { type: 'table', id: table }, rows },
      { class: klass, command },
    );
  };
  const rabbit = (event: string, queue: string, detail: Record<string, string | number> = {}) =>
    line(
      'rabbitmq',
      `rabbitmq.${event}`,
      `${event} name=${queue} vhost=/`,
      { resource: { type: 'queue', id: queue } },
      {
        event,
        ...detail,
      },
    );
  const redis = (command: 'hset' | 'del', key: string) =>
    line(
      'redis',
      `redis.${command}`,
      `__keyspace@0__:${key} ${command}`,
      { resource: { type: 'key', id: key } },
      {
        event: command,
      },
    );
  return {
    stagingWritten(command, rows, scope) {
      const sql =
        scope?.all === true
          ? `DELETE FROM ${table}`
          : command === 'INSERT'
            ? `INSERT INTO ${table} (id, message_id, patient_id, written_at, encrypted, payload, key_id, iv, auth_tag) VALUES ($1, $2, $3, to_timestamp($4 / 1000.0), $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING`
            : `DELETE FROM ${table} WHERE message_id = $1`;
      audit('WRITE', command, sql, rows);
    },
    stagingRead(rows) {
      audit(
        'READ',
        'SELECT',
        `SELECT id, message_id, patient_id, encrypted, payload FROM ${table} ORDER BY id`,
        rows,
      );
    },
    queuesCreated() {
      for (const queue of [names.workQueue, names.deadLetterQueue]) rabbit('queue.created', queue);
    },
    queuesDeleted() {
      for (const queue of [names.workQueue, names.deadLetterQueue]) rabbit('queue.deleted', queue);
    },
    deadLettered(reason) {
      rabbit('message.dead-lettered', names.deadLetterQueue, {
        'x-death.reason': reason,
        'x-death.queue': names.workQueue,
        'x-death.exchange': names.exchange,
      });
    },
    sessionWritten(sessionId) {
      const key = `${sessionKeyPrefix(names)}${sessionId}`;
      sessionKeys.add(key);
      redis('hset', key);
    },
    sessionsDeleted() {
      for (const key of sessionKeys) redis('del', key);
      sessionKeys.clear();
    },
  };
}
