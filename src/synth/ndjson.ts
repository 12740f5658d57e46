import { toFhirResources } from './fhir.ts';
import type { SyntheticPatient } from './patient.ts';

export type PatientSource = Iterable<SyntheticPatient> | AsyncIterable<SyntheticPatient>;

/**
 * FHIR Bulk Data style NDJSON: one resource per line, each Patient followed by its Encounters,
 * Conditions and Appointments. One chunk per patient keeps memory flat and writes reasonably large.
 */
export async function* patientsToFhirNdjson(patients: PatientSource): AsyncGenerator<string> {
  for await (const patient of patients) {
    let chunk = '';
    for (const resource of toFhirResources(patient)) chunk += `${JSON.stringify(resource)}\n`;
    yield chunk;
  }
}
