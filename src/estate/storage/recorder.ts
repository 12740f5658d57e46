import type { Actor, Outcome } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import type { StorageAccessLogEntry, StorageConfig, StorageOperation } from './types.ts';

/** Where a responder's changes to buckets and ACLs come from (RFC 5737 documentation range). */
export const STORAGE_CONSOLE_IP = '192.0.2.11';

const ACTIONS: Record<StorageOperation, string> = {
  'REST.PUT.OBJECT': 'storage.put',
  'REST.GET.OBJECT': 'storage.get',
  'REST.PUT.ACL': 'storage.acl',
  'REST.DELETE.OBJECT': 'storage.delete',
  'REST.PUT.BUCKETPOLICY': 'storage.bucket.policy',
  'REST.DELETE.BUCKETPOLICY': 'storage.bucket.policy',
  'REST.PUT.PUBLICACCESSBLOCK': 'storage.bucket.public-access-block',
};

export interface StorageRequestFacts {
  operation: StorageOperation;
  bucket: string;
  key: string;
  actor: Actor;
  caller: Caller;
  status: number;
  bytes: number;
  method?: string;
  uri?: string;
  detail?: Readonly<Record<string, string | number | boolean>>;
}

function outcomeOf(status: number): Outcome {
  if (status < 400) return 'success';
  return status === 401 || status === 403 ? 'denied' : 'failure';
}

/**
 * The store's two records of every request: telemetry (system `storage`) for monitors and the
 * server access log. The store cannot know whose PHI an object holds, so events carry no patient ids.
 */
export function createStorageRecorder(ctx: EstateContext, config: StorageConfig) {
  const accessLog: StorageAccessLogEntry[] = [];
  function record(facts: StorageRequestFacts): void {
    const { caller } = facts;
    ctx.bus.emit({
      system: 'storage',
      action: ACTIONS[facts.operation],
      actor: facts.actor,
      sourceIp: caller.sourceIp,
      ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
      requestId: caller.requestId,
      ...(facts.method ? { method: facts.method } : {}),
      ...(facts.uri ? { uri: facts.uri } : {}),
      status: facts.status,
      resource: { type: facts.key ? 'StorageObject' : 'StorageBucket', id: `${facts.bucket}/${facts.key}` },
      patientIds: [],
      fields: [],
      outcome: outcomeOf(facts.status),
      ...(caller.correlationId ? { correlationId: caller.correlationId } : {}),
      detail: { bucket: facts.bucket, key: facts.key, bytes: facts.bytes, ...facts.detail },
    });
    if (!config.accessLog.enabled) return;
    accessLog.push({
      time: ctx.clock.now(),
      requestId: caller.requestId,
      bucket: facts.bucket,
      key: facts.key,
      operation: facts.operation,
      requester: facts.actor.type === 'anonymous' ? 'anonymous' : facts.actor.id,
      sourceIp: caller.sourceIp,
      ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
      status: facts.status,
      bytes: facts.bytes,
    });
  }
  return { accessLog, record };
}
