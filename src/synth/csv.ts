import { csvRow } from '../csv.ts';
import type { PatientSource } from './ndjson.ts';
import type { SyntheticPatient } from './patient.ts';

/** Column name and how to read it, in one list so header and rows cannot drift apart. */
const COLUMNS: ReadonlyArray<readonly [string, (p: SyntheticPatient) => string | number]> = [
  ['id', (p) => p.id],
  ['mrn', (p) => p.mrn],
  ['ssn', (p) => p.ssn],
  ['given', (p) => p.given],
  ['family', (p) => p.family],
  ['gender', (p) => p.gender],
  ['birth_date', (p) => p.birthDate],
  ['phone', (p) => p.phone],
  ['email', (p) => p.email],
  ['address_line', (p) => p.address.line],
  ['city', (p) => p.address.city],
  ['state', (p) => p.address.state],
  ['postal_code', (p) => p.address.postalCode],
  ['payer', (p) => p.insurance.payer],
  ['member_id', (p) => p.insurance.memberId],
  ['condition_codes', (p) => p.conditions.map((c) => c.code).join(';')],
  ['condition_displays', (p) => p.conditions.map((c) => c.display).join(';')],
  ['encounter_count', (p) => p.encounters.length],
  ['next_appointment', (p) => p.appointments.find((a) => a.status === 'booked')?.start ?? ''],
  ['watermark', (p) => p.watermark],
];

export const CSV_HEADER = COLUMNS.map(([name]) => name);

/** Header row, then one row per patient. */
export async function* patientsToCsv(patients: PatientSource): AsyncGenerator<string> {
  yield csvRow(CSV_HEADER);
  for await (const patient of patients) yield csvRow(COLUMNS.map(([, read]) => read(patient)));
}
