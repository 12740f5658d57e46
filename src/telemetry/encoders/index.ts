import { accessLogEncoder } from './access-log.ts';
import { appLogEncoder } from './app-log.ts';
import { cefEncoder } from './cef.ts';
import { elfCsvEncoder } from './elf-csv.ts';
import type { Encoder } from './encoder.ts';
import { fhirAuditEncoder } from './fhir-audit.ts';
import { jsonlEncoder } from './jsonl.ts';
import { ocsfEncoder } from './ocsf.ts';
import { rtemJsonEncoder } from './rtem-json.ts';

/** Rejects a registry in which two encoders claim the same id (target files name them by id). */
export function checkEncoders(encoders: readonly Encoder[]): readonly Encoder[] {
  const seen = new Set<string>();
  for (const encoder of encoders) {
    if (seen.has(encoder.id)) throw new Error(`duplicate encoder id: ${encoder.id}`);
    seen.add(encoder.id);
  }
  return encoders;
}

export const BUILT_IN_ENCODERS: readonly Encoder[] = checkEncoders([
  elfCsvEncoder,
  rtemJsonEncoder,
  fhirAuditEncoder,
  accessLogEncoder,
  appLogEncoder,
  cefEncoder,
  ocsfEncoder,
  jsonlEncoder,
]);

/** The built-in encoder with this id; undefined for an unknown id, so callers report it where it was written. */
export function encoderById(
  id: string,
  encoders: readonly Encoder[] = BUILT_IN_ENCODERS,
): Encoder | undefined {
  return encoders.find((encoder) => encoder.id === id);
}
