import { createMemorySessionStore, type SessionStore } from '../estate/portal/index.ts';
import type { SyncResidueSink } from '../estate/sync/index.ts';
import type { TelemetryInput } from '../telemetry/event.ts';
import { describeConnectError } from './connect-error.ts';
import { createInfraLogger, type InfraLogger } from './infra-telemetry.ts';
import type { InfraKind } from './kinds.ts';
import { ForeignNamespaceError, type InfraNames, infraNames } from './names.ts';
import { openPostgresStaging, type PostgresStaging } from './postgres-staging.ts';
import { openRabbitDeadLetters, type RabbitDeadLetters } from './rabbit-dead-letters.ts';
import { openRedisSessions, type RedisSessions } from './redis-sessions.ts';
import { redactUrl, type ServiceUrls } from './service-urls.ts';
import { createWriteBehind } from './write-behind.ts';

/** One thing a run created on a server, as the ledger names it for `cleanup`. */
export interface InfraResource {
  system: 'postgres' | 'rabbitmq' | 'redis';
  kind: 'schema' | 'table' | 'exchange' | 'queue' | 'key-prefix';
  name: string;
}

/**
 * The estate's data plane on real servers: the staging table in PostgreSQL, the dead-letter queue
 * in RabbitMQ, portal sessions in Redis. The estate keeps its in-memory state (verdicts do not
 * depend on the provider); every change is also written where an operator's tools look.
 */
export interface RealDataPlane {
  readonly kind: Exclude<InfraKind, 'memory'>;
  readonly names: InfraNames;
  readonly urls: ServiceUrls;
  readonly resources: readonly InfraResource[];
  readonly staging: PostgresStaging;
  readonly deadLetters: RabbitDeadLetters;
  readonly sessions: RedisSessions;
  /** What the estate is built with. */
  readonly estateHooks: { syncResidue: SyncResidueSink; sessionStore: SessionStore };
  /** The servers' own logs of the run (pgAudit, RabbitMQ events, Redis keyspace notifications). */
  readonly logger: InfraLogger;
  /** Starts passing those logs on; what was logged before (the queues' creation) comes first. */
  observe(emit: (input: TelemetryInput) => void): void;
  /** Waits until every write so far has reached its server (or the plane was lost). */
  settle(): Promise<void>;
  readonly lost: { label: string; error: string } | undefined;
  /**
   * Plaintext staging rows, dead letters and sessions left live after logout the estate has written
   * and not removed, counted as they
   * go (no server round trip): whether a leak can be on the servers at all.
   */
  residueWritten(): { stagingRows: number; deadLetters: number; liveSessions: number };
  /** Removes everything the run created; resolves with what could not be removed. */
  remove(): Promise<string[]>;
}

export interface OpenDataPlaneOptions {
  kind: Exclude<InfraKind, 'memory'>;
  urls: ServiceUrls;
  namespace: string;
  allowForeign?: boolean;
  /** A server stopped answering mid-run; called once. */
  onLost(label: string, error: string): void;
}

export class InfraOpenError extends Error {
  override name = 'InfraOpenError';
}

/** Opens all three, or none: a failure part-way removes what was already created. */
export async function openDataPlane(options: OpenDataPlaneOptions): Promise<RealDataPlane> {
  const names = infraNames(options.namespace);
  const opened: Array<{ drop(): Promise<void> }> = [];
  const open = async <T extends { drop(): Promise<void> }>(
    service: 'postgres' | 'amqp' | 'redis',
    start: () => Promise<T>,
  ): Promise<T> => {
    try {
      const store = await start();
      opened.push(store);
      return store;
    } catch (error) {
      await Promise.allSettled(opened.map((store) => store.drop()));
      if (error instanceof ForeignNamespaceError) throw error;
      throw new InfraOpenError(describeConnectError(service, options.urls[service], error));
    }
  };
  const foreign = { allowForeign: options.allowForeign };
  const staging = await open('postgres', () => openPostgresStaging(options.urls.postgres, names, foreign));
  const deadLetters = await open('amqp', () => openRabbitDeadLetters(options.urls.amqp, names, foreign));
  const sessions = await open('redis', () => openRedisSessions(options.urls.redis, names, foreign));
  const writes = createWriteBehind(options.onLost);
  const resources: InfraResource[] = [
    staging.createdSchema
      ? { system: 'postgres', kind: 'schema', name: names.schema }
      : { system: 'postgres', kind: 'table', name: `${names.schema}.sync_staging` },
    { system: 'rabbitmq', kind: 'exchange', name: names.exchange },
    { system: 'rabbitmq', kind: 'exchange', name: names.deadLetterExchange },
    { system: 'rabbitmq', kind: 'queue', name: names.workQueue },
    { system: 'rabbitmq', kind: 'queue', name: names.deadLetterQueue },
    { system: 'redis', kind: 'key-prefix', name: names.keyPrefix },
  ];
  const pending: TelemetryInput[] = [];
  let observer: ((input: TelemetryInput) => void) | undefined;
  const logger = createInfraLogger(names, (input) => (observer ? observer(input) : pending.push(input)));
  logger.queuesCreated();
  const plaintext = new Set<string>();
  const liveAfterLogout = new Set<string>();
  let lettered = 0;
  const syncResidue: SyncResidueSink = {
    staged(row) {
      if (!row.encrypted) plaintext.add(row.messageId);
      logger.stagingWritten('INSERT', 1);
      writes.push('postgres: stage row', () => staging.write({ ...row }));
    },
    unstaged(messageId) {
      plaintext.delete(messageId);
      logger.stagingWritten('DELETE', 1);
      writes.push('postgres: delete row', () => staging.remove(messageId));
    },
    deadLettered(letter) {
      lettered += 1;
      // The work queue's consumer rejects without requeue: RabbitMQ's x-death reason "rejected".
      logger.deadLettered('rejected');
      writes.push('rabbitmq: dead-letter', () => deadLetters.deadLetter(structuredClone(letter)));
    },
    purged() {
      logger.stagingWritten('DELETE', plaintext.size, { all: true });
      plaintext.clear();
      lettered = 0;
      writes.push('postgres: purge', () => staging.clear());
      writes.push('rabbitmq: purge', () => deadLetters.purge());
    },
  };
  const sessionStore = createMemorySessionStore((session) => {
    const copy = { ...session };
    logger.sessionWritten(session.id);
    if (session.loggedOutAt !== undefined && session.endedAt === undefined) liveAfterLogout.add(session.id);
    else liveAfterLogout.delete(session.id);
    writes.push('redis: save session', () => sessions.save(copy));
  });
  return {
    kind: options.kind,
    names,
    urls: options.urls,
    resources,
    staging,
    deadLetters,
    sessions,
    estateHooks: { syncResidue, sessionStore },
    logger,
    observe(emit) {
      observer = emit;
      for (const input of pending.splice(0)) emit(input);
    },
    settle: () => writes.settle(),
    get lost() {
      return writes.lost;
    },
    residueWritten: () => ({
      stagingRows: plaintext.size,
      deadLetters: lettered,
      liveSessions: liveAfterLogout.size,
    }),
    async remove() {
      await writes.settle();
      logger.queuesDeleted();
      logger.sessionsDeleted();
      const failures: string[] = [];
      for (const [label, store] of [
        ['PostgreSQL', staging],
        ['RabbitMQ', deadLetters],
        ['Redis', sessions],
      ] as const) {
        await store.drop().catch((error: unknown) => {
          failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
          return store.close().catch(() => {});
        });
      }
      return failures;
    },
  };
}

/** The URLs as the ledger may keep them (no passwords). */
export function redactedUrls(urls: ServiceUrls): ServiceUrls {
  return { postgres: redactUrl(urls.postgres), amqp: redactUrl(urls.amqp), redis: redactUrl(urls.redis) };
}
