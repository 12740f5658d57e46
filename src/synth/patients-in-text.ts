import { findPhi } from './find-phi.ts';
import { MRN_PREFIX } from './identifiers.ts';
import { patientIdAt } from './patient-ids.ts';

/**
 * FHIR ids of the synthetic patients whose MRNs appear in a text (an export, a file title). Synthetic
 * MRNs encode the population index, so no lookup table is needed.
 */
export function patientIdsInText(text: string): string[] {
  const ids = findPhi(text)
    .filter((match) => match.kind === 'mrn')
    .map((match) => patientIdAt(Number(match.match.slice(MRN_PREFIX.length))));
  return [...new Set(ids)];
}
