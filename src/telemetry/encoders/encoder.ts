import type { TelemetryEvent } from '../event.ts';

/** What an encoder may know beyond the event itself (identities of the simulated org). */
export interface EncoderContext {
  /** Salesforce org id (18 chars) for EventLogFile / RTEM records. */
  orgId: string;
  /** The organisation's IANA zone (some formats carry local time). */
  timezone: string;
  /** Product / vendor strings for CEF and OCSF headers. */
  product: { vendor: string; name: string; version: string };
}

/**
 * Turns telemetry events into one format a detection stack ingests. `encode` returns the record as
 * text (one line for line formats, one JSON document for JSON formats), or undefined when the
 * format has nothing to say about this event (e.g. EventLogFile for an EHR read).
 */
export interface Encoder {
  /** Stable id used in target files: `elf-csv`, `rtem-json`, `fhir-audit`, `access-log`, `app-log`, `cef`, `ocsf`, `jsonl`. */
  id: string;
  /** MIME type of one record. */
  contentType: string;
  /** For CSV-like formats: a header line that precedes records in a new file (EventLogFile CSV). */
  header?(event: TelemetryEvent): string | undefined;
  encode(event: TelemetryEvent, context: EncoderContext): string | undefined;
}
