import type { Population } from '../estate/estate.ts';
import { findPhi, type PhiKind } from '../synth/find-phi.ts';
import { patientIndexOf } from '../synth/patient-ids.ts';
import { patientIdsInText } from '../synth/patients-in-text.ts';

export interface ProductionPhi {
  /** Patients of the population whose identifiers the text carries beside their MRN. */
  patientIds: string[];
  /** The identifier kinds that matched those patients' own values. */
  kinds: PhiKind[];
}

const digits = (text: string) => text.replace(/\D/g, '').slice(-10);

/**
 * Production PHI in a non-production copy: a population MRN together with at least one more of that
 * patient's real identifiers. A PHI-shaped value alone is not enough, because a masked copy is full of
 * names, e-mail addresses and birth years that belong to nobody.
 */
export function productionPhiIn(text: string, population: Population): ProductionPhi {
  const matches = findPhi(text);
  const patientIds: string[] = [];
  const kinds = new Set<PhiKind>();
  for (const id of patientIdsInText(text)) {
    const index = patientIndexOf(id);
    if (index === undefined || index >= population.count) continue;
    const patient = population.patient(index);
    const own: Record<PhiKind, (value: string) => boolean> = {
      mrn: () => false,
      ssn: (value) => value === patient.ssn,
      email: (value) => value.toLowerCase() === patient.email.toLowerCase(),
      phone: (value) => digits(value) === digits(patient.phone),
      dob: (value) => value === patient.birthDate,
      name: (value) => value === patient.given || value === patient.family,
    };
    const survived = matches.filter((match) => own[match.kind](match.match));
    if (survived.length === 0) continue;
    patientIds.push(id);
    kinds.add('mrn');
    for (const match of survived) kinds.add(match.kind);
  }
  return { patientIds, kinds: [...kinds] };
}
