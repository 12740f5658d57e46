export {
  CHANGE_TOPIC_POLICY_RETENTION_MS,
  type ChangeTopic,
  type ChangeTopicConfig,
  type TopicMessage,
} from './change-topic.ts';
export { DEFAULT_SYNC_API_VERSION, type SyncDeps } from './crm-upsert.ts';
export { createStagingCipher, type SealedPayload, type StagingCipher } from './staging-cipher.ts';
export { createSyncJob } from './sync-job.ts';
export { SYNC_SERVER_IP, SYNC_SERVICE_ACTOR, SYNC_USER_AGENT } from './sync-telemetry.ts';
export {
  type AccountFields,
  type BatchResult,
  type DeadLetter,
  defaultSyncConfig,
  type PatientChange,
  type PurgeResult,
  type QueueMessage,
  type StagingRow,
  type SyncConfig,
  type SyncErrorLogLine,
  type SyncJob,
  type SyncLatency,
  type SyncResidueSink,
  type SyncState,
} from './types.ts';
