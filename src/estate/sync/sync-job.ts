import type { EstateContext } from '../context.ts';
import { createChangeTopic } from './change-topic.ts';
import { createCrmUpsert, type Delivery, type SyncDeps } from './crm-upsert.ts';
import { createStagingCipher } from './staging-cipher.ts';
import { emitSync } from './sync-telemetry.ts';
import {
  type BatchResult,
  type DeadLetter,
  defaultSyncConfig,
  type PatientChange,
  type PurgeResult,
  type QueueMessage,
  type StagingRow,
  type SyncConfig,
  type SyncJob,
  type SyncResidueSink,
  type SyncState,
} from './types.ts';

/**
 * The EHR→CRM integration: a queue of patient changes, a staging table, upserts of Person Accounts
 * by external id, retries and a dead-letter queue. Each of those is a place PHI can be left behind,
 * which is what the drill's injectors and the responders' purge act on.
 */
export function createSyncJob(
  ctx: EstateContext,
  deps: SyncDeps,
  options: Partial<SyncConfig> = {},
  residue?: SyncResidueSink,
): SyncJob {
  const state: SyncState = {
    queue: [],
    deadLetter: [],
    staging: new Map(),
    errorLog: [],
    config: { ...defaultSyncConfig(), ...options },
    latency: { maxMs: 0, delivered: 0 },
  };
  const topic = createChangeTopic(ctx);
  const cipher = createStagingCipher(ctx.seed, ctx.nextId('sync-run'));
  const upsert = createCrmUpsert(deps);

  function stage(message: QueueMessage): void {
    if (state.staging.has(message.id)) return;
    const id = ctx.nextId('sync-stage');
    const plaintext = JSON.stringify(message.change);
    const row: StagingRow = state.config.encryptStaging
      ? {
          id,
          messageId: message.id,
          patientId: message.change.patientId,
          writtenAt: ctx.clock.now(),
          encrypted: true,
          ...cipher.seal(plaintext, id),
        }
      : {
          id,
          messageId: message.id,
          patientId: message.change.patientId,
          writtenAt: ctx.clock.now(),
          encrypted: false,
          payload: plaintext,
        };
    state.staging.set(message.id, row);
    residue?.staged(row);
    emitSync(ctx, 'sync.staging.write', {
      resource: { type: 'SyncStaging', id },
      patientIds: [message.change.patientId],
      fields: Object.keys(message.change.account),
      rows: 1,
      detail: { encrypted: row.encrypted },
    });
  }

  function logError(message: QueueMessage, requestId: string, error: string): void {
    const withPayload = state.config.logPayloads;
    state.errorLog.push({
      time: ctx.clock.now(),
      level: 'error',
      message: `upsert of Account for ${message.id} failed (attempt ${message.attempts}): ${error}`,
      requestId,
      ...(withPayload ? { payload: JSON.stringify(message.change) } : {}),
    });
    emitSync(ctx, 'sync.log.write', {
      resource: { type: 'SyncErrorLog' },
      requestId,
      patientIds: withPayload ? [message.change.patientId] : [],
      fields: withPayload ? Object.keys(message.change.account) : [],
      detail: { level: 'error', hasPayload: withPayload },
    });
  }

  function fail(message: QueueMessage, requestId: string, delivery: Delivery & { ok: false }): boolean {
    message.attempts += 1;
    emitSync(ctx, 'sync.upsert.failed', {
      resource: { type: 'Account' },
      requestId,
      method: 'PATCH',
      status: delivery.status,
      patientIds: [message.change.patientId],
      fields: Object.keys(message.change.account),
      outcome: 'failure',
      detail: { attempt: message.attempts, error: delivery.error },
    });
    logError(message, requestId, delivery.error);
    if (message.attempts < state.config.maxAttempts) {
      state.queue.push(message);
      return false;
    }
    topic.ack(message.offset);
    const letter: DeadLetter = {
      message,
      payload: structuredClone(message.change),
      deadLetteredAt: ctx.clock.now(),
      lastError: delivery.error,
    };
    state.deadLetter.push(letter);
    residue?.deadLettered(letter);
    emitSync(ctx, 'sync.deadletter', {
      resource: { type: 'SyncDeadLetter', id: message.id },
      patientIds: [message.change.patientId],
      fields: Object.keys(message.change.account),
      rows: 1,
      outcome: 'failure',
      detail: { attempts: message.attempts },
    });
    return true;
  }

  function delivered(message: QueueMessage): void {
    topic.ack(message.offset);
    const latencyMs = ctx.clock.now() - message.enqueuedAt;
    state.latency.lastMs = latencyMs;
    state.latency.maxMs = Math.max(state.latency.maxMs, latencyMs);
    state.latency.delivered += 1;
    if (state.config.purgeStagingOnSuccess && state.staging.delete(message.id)) residue?.unstaged(message.id);
  }

  async function runBatch(): Promise<BatchResult> {
    topic.enforceRetention();
    const batch = state.queue.splice(0, state.config.batchSize);
    const result: BatchResult = { sent: 0, failed: 0, deadLettered: 0 };
    let deferred = 0;
    for (const [index, message] of batch.entries()) {
      stage(message);
      const requestId = ctx.nextId('req');
      const delivery = await upsert(message.change, requestId);
      if (delivery.ok) {
        result.sent += 1;
        delivered(message);
        continue;
      }
      if (delivery.limited) {
        // An API limit is back-pressure, not a bad record: keep the order, spend no attempt, and
        // stop hammering the org until the next run.
        const rest = batch.slice(index);
        state.queue.unshift(...rest);
        deferred = rest.length;
        break;
      }
      result.failed += 1;
      if (fail(message, requestId, delivery)) result.deadLettered += 1;
    }
    emitSync(ctx, 'sync.batch', {
      resource: { type: 'SyncQueue' },
      rows: batch.length,
      patientIds: [...new Set(batch.map((message) => message.change.patientId))],
      outcome: result.failed === 0 && deferred === 0 ? 'success' : 'failure',
      detail: { ...result, deferred, queued: state.queue.length, oldestPendingMs: oldestPendingMs() },
    });
    return result;
  }

  function purge(by: string): PurgeResult {
    const patientIds = new Set<string>();
    for (const dead of state.deadLetter) patientIds.add(dead.payload.patientId);
    for (const row of state.staging.values()) patientIds.add(row.patientId);
    const result: PurgeResult = {
      deadLetter: state.deadLetter.length,
      staging: state.staging.size,
      errorLog: 0,
    };
    state.deadLetter.length = 0;
    state.staging.clear();
    residue?.purged();
    for (const line of state.errorLog) {
      if (line.payload === undefined) continue;
      patientIds.add((JSON.parse(line.payload) as PatientChange).patientId);
      delete line.payload;
      result.errorLog += 1;
    }
    emitSync(ctx, 'sync.purge', {
      actor: { id: by, type: 'responder' },
      resource: { type: 'SyncResidue' },
      patientIds: [...patientIds].sort(),
      rows: result.deadLetter + result.staging + result.errorLog,
      detail: { ...result },
    });
    return result;
  }

  function oldestPendingMs(): number {
    let oldest = ctx.clock.now();
    for (const message of state.queue) oldest = Math.min(oldest, message.enqueuedAt);
    return ctx.clock.now() - oldest;
  }

  return {
    state,
    topic,
    oldestPendingMs,
    enqueue(change) {
      const message: QueueMessage = {
        id: ctx.nextId('sync-msg'),
        change,
        enqueuedAt: ctx.clock.now(),
        attempts: 0,
        offset: topic.publish(change).offset,
      };
      state.queue.push(message);
      return message;
    },
    runBatch,
    purge,
    readStaging(row) {
      const text = row.encrypted
        ? cipher.open({ payload: row.payload, keyId: row.keyId!, iv: row.iv!, authTag: row.authTag! })
        : row.payload;
      return JSON.parse(text) as PatientChange;
    },
  };
}
