/** The ledger head sent outside the run folder at close (sinks, an RFC 3161 time-stamping authority). */
import type { EntryBase } from './entries.ts';

/** The ledger head as a witness outside the run folder holds it; its canonical JSON is what is timestamped. */
export interface LedgerHeadRecord {
  format: 'phi-drill.ledger-head/1';
  runId: string;
  /** Entries before the witnessed entry. */
  entries: number;
  /** Hash of the last of them. */
  hash: string;
  /** Fingerprint of the key that signs the run. */
  keyFingerprint: string;
}

/** An RFC 3161 token obtained over the head, stored beside the ledger. */
export interface WitnessTimestamp {
  authority: string;
  /** Token file relative to the run folder (DER). */
  file: string;
  sha256: string;
  genTime: string;
  serialNumber: string;
  nonce: string;
}

/**
 * The head was sent to the user's telemetry sinks (their SIEM keeps an independent copy) and, where
 * configured, timestamped: after this entry nothing can be rewritten without disagreeing with them.
 */
export interface LedgerWitnessedEntry extends EntryBase {
  kind: 'ledger.witnessed';
  head: LedgerHeadRecord;
  sinks: Array<{ sink: string; sent: number; failed: number; dropped: number }>;
  timestamp?: WitnessTimestamp;
  /** Why no token was obtained from a configured authority. */
  timestampError?: string;
}
