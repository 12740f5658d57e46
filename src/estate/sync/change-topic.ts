import type { EstateContext } from '../context.ts';
import { emitSync } from './sync-telemetry.ts';
import type { PatientChange } from './types.ts';

/**
 * The organisation's data-retention policy for the change topic: a patient change is transient
 * integration data, kept only long enough to be delivered and replayed after a short outage.
 */
export const CHANGE_TOPIC_POLICY_RETENTION_MS = 3_600_000;

export interface ChangeTopicConfig {
  /**
   * How long the broker keeps a message (Kafka `retention.ms`, SQS `MessageRetentionPeriod`).
   * Should equal the policy; brokers default far longer (Kafka 7 days, SQS up to 14).
   */
  retentionMs: number;
  /** Queue semantics: delete a message once the consumer acknowledges it (SQS, RabbitMQ). */
  deleteOnAck: boolean;
}

export interface TopicMessage {
  offset: number;
  /** The partition key: the FHIR Patient id. */
  key: string;
  publishedAt: number;
  /** The change as JSON, in plaintext, as brokers hold payloads unless the producer encrypts them. */
  payload: string;
  ackedAt?: number;
}

export interface ChangeTopic {
  readonly name: string;
  readonly config: Readonly<ChangeTopicConfig>;
  readonly size: number;
  publish(change: PatientChange): TopicMessage;
  /** The consumer has delivered the message (or moved it to the dead-letter queue). */
  ack(offset: number): void;
  /** The broker's periodic retention check: drops messages older than `config.retentionMs`. */
  enforceRetention(): number;
  /** Messages published more than `ageMs` ago, oldest first. */
  olderThan(ageMs: number): TopicMessage[];
  /** Containment: deletes every message older than `ageMs`; returns the patient ids it held. */
  purgeOlderThan(ageMs: number, by: string): string[];
  /** An administrator's configuration change; returns the function that restores the old one. */
  configure(patch: Partial<ChangeTopicConfig>, by: string): () => void;
}

export function defaultChangeTopicConfig(): ChangeTopicConfig {
  return { retentionMs: CHANGE_TOPIC_POLICY_RETENTION_MS, deleteOnAck: true };
}

/**
 * The broker topic between the EHR change feed and the sync job. Messages are appended in publish
 * order and the clock only moves forward, so the oldest are always first: retention checks stop at
 * the first young message instead of reading the whole topic.
 */
export function createChangeTopic(ctx: EstateContext, name = 'ehr.patient-changes'): ChangeTopic {
  const messages = new Map<number, TopicMessage>();
  let config = defaultChangeTopicConfig();
  let nextOffset = 0;

  const olderThan = (ageMs: number): TopicMessage[] => {
    const cutoff = ctx.clock.now() - ageMs;
    const found: TopicMessage[] = [];
    for (const message of messages.values()) {
      if (message.publishedAt >= cutoff) break;
      found.push(message);
    }
    return found;
  };

  return {
    name,
    get config() {
      return config;
    },
    get size() {
      return messages.size;
    },
    publish(change) {
      const message: TopicMessage = {
        offset: nextOffset++,
        key: change.patientId,
        publishedAt: ctx.clock.now(),
        payload: JSON.stringify(change),
      };
      messages.set(message.offset, message);
      return message;
    },
    ack(offset) {
      const message = messages.get(offset);
      if (!message) return;
      if (config.deleteOnAck) messages.delete(offset);
      else message.ackedAt = ctx.clock.now();
    },
    enforceRetention() {
      const expired = olderThan(config.retentionMs);
      for (const message of expired) messages.delete(message.offset);
      return expired.length;
    },
    olderThan,
    purgeOlderThan(ageMs, by) {
      const purged = olderThan(ageMs);
      for (const message of purged) messages.delete(message.offset);
      const patientIds = [...new Set(purged.map((message) => message.key))].sort();
      emitSync(ctx, 'sync.topic.purge', {
        actor: { id: by, type: 'responder' },
        resource: { type: 'SyncTopic', id: name },
        patientIds,
        rows: purged.length,
        detail: { olderThanMs: ageMs, remaining: messages.size },
      });
      return patientIds;
    },
    configure(patch, by) {
      const saved = config;
      // Broker audit logs (Kafka AlterConfigs, CloudTrail SetQueueAttributes) record every change.
      const apply = (next: ChangeTopicConfig) => {
        config = next;
        emitSync(ctx, 'sync.topic.configure', {
          actor: { id: by, type: 'admin' },
          resource: { type: 'SyncTopic', id: name },
          detail: { retentionMs: config.retentionMs, deleteOnAck: config.deleteOnAck },
        });
      };
      apply({ ...config, ...patch });
      return () => apply(saved);
    },
  };
}
