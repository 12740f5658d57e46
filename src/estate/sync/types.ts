import type { ChangeTopic } from './change-topic.ts';

/** Person Account fields as the CRM should hold them (`FirstName`, `PersonBirthdate`, `MRN__c` …). */
export type AccountFields = Record<string, string | number | boolean | null>;

/** One EHR patient change the integration must copy into the CRM. */
export interface PatientChange {
  patientId: string;
  mrn: string;
  account: AccountFields;
}

export interface QueueMessage {
  id: string;
  change: PatientChange;
  enqueuedAt: number;
  /** Failed delivery attempts so far. */
  attempts: number;
  /** Where the change sits on the broker topic, acknowledged once delivered. */
  offset: number;
}

/**
 * A message's payload as written to the integration's staging table before the upsert. When
 * encrypted, `payload` is base64 AES-256-GCM ciphertext and nothing else in the row names the
 * patient beyond the FHIR id the integration keys on.
 */
export interface StagingRow {
  id: string;
  messageId: string;
  patientId: string;
  writtenAt: number;
  encrypted: boolean;
  /** JSON of the full PatientChange, or its ciphertext. */
  payload: string;
  /** Which key encrypted the row; the key itself is held apart from the table. */
  keyId?: string;
  iv?: string;
  authTag?: string;
}

export interface DeadLetter {
  message: QueueMessage;
  /** The full record, in plaintext, as dead-letter queues usually keep it. */
  payload: PatientChange;
  deadLetteredAt: number;
  lastError: string;
}

export interface SyncErrorLogLine {
  time: number;
  level: 'error';
  message: string;
  requestId: string;
  /** The full record as JSON, only while `logPayloads` is on. */
  payload?: string;
}

export interface SyncConfig {
  /** Messages taken per `runBatch` (default 50). */
  batchSize: number;
  /** Failed attempts before a message goes to the dead-letter queue (default 3). */
  maxAttempts: number;
  /** Write the full record into error log lines (default false; true is the leak). */
  logPayloads: boolean;
  /**
   * Encrypt staging rows at rest, 164.312(a)(2)(iv) (default false: plaintext staging is the
   * common real-world setup, and the residue a scanner finds).
   */
  encryptStaging: boolean;
  /** Delete a staging row once its upsert succeeded (default true; false leaves PHI residue). */
  purgeStagingOnSuccess: boolean;
}

export interface SyncState {
  readonly queue: QueueMessage[];
  readonly deadLetter: DeadLetter[];
  readonly staging: Map<string, StagingRow>;
  readonly errorLog: SyncErrorLogLine[];
  config: SyncConfig;
  /** Care-coordination latency: how long changes took from the EHR to the CRM. */
  readonly latency: SyncLatency;
}

export interface SyncLatency {
  /** Enqueue-to-delivery time of the most recent delivered change. */
  lastMs?: number;
  maxMs: number;
  delivered: number;
}

export interface BatchResult {
  /** Upserts the CRM accepted. */
  sent: number;
  /** Upserts that failed this run, including those moved to the dead-letter queue. */
  failed: number;
  deadLettered: number;
}

export interface PurgeResult {
  deadLetter: number;
  staging: number;
  /** Error log lines whose payload was redacted. */
  errorLog: number;
}

/**
 * Receives every change to the places a failed sync leaves PHI (staging rows, dead letters), so
 * the same residue can also be written to a real database and broker where scanners look.
 */
export interface SyncResidueSink {
  staged(row: Readonly<StagingRow>): void;
  /** The row staged for this message was deleted after a successful upsert. */
  unstaged(messageId: string): void;
  deadLettered(letter: Readonly<DeadLetter>): void;
  /** Containment removed every staging row and dead letter. */
  purged(): void;
}

export interface SyncJob {
  readonly state: SyncState;
  /** The broker topic the EHR change feed publishes to and the job consumes. */
  readonly topic: ChangeTopic;
  /** Age of the oldest change not yet delivered (0 when none waits): the live coordination delay. */
  oldestPendingMs(): number;
  enqueue(change: PatientChange): QueueMessage;
  runBatch(): Promise<BatchResult>;
  /** Containment: removes PHI residue left by the integration. */
  purge(by: string): PurgeResult;
  /** Reads a staging row back (decrypting it with the job's key when needed). */
  readStaging(row: StagingRow): PatientChange;
}

export function defaultSyncConfig(): SyncConfig {
  return {
    batchSize: 50,
    maxAttempts: 3,
    logPayloads: false,
    encryptStaging: false,
    purgeStagingOnSuccess: true,
  };
}
