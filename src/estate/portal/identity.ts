import { MRN_PREFIX, syntheticMrn } from '../../synth/identifiers.ts';
import type { Population } from '../estate.ts';

const fold = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The patient a self-service search names: the MRN picks the record (synthetic MRNs carry the
 * population index), and full name and date of birth must both agree with it.
 */
export function patientByIdentity(
  population: Population,
  identity: { name: string; birthDate: string; mrn: string },
): string | undefined {
  const mrn = identity.mrn.trim().toUpperCase();
  const index = Number(mrn.slice(MRN_PREFIX.length));
  if (!Number.isInteger(index) || index < 0 || index >= population.count) return undefined;
  if (syntheticMrn(index) !== mrn) return undefined;
  const patient = population.patient(index);
  const matches =
    fold(identity.name) === fold(`${patient.given} ${patient.family}`) &&
    identity.birthDate.trim() === patient.birthDate;
  return matches ? patient.id : undefined;
}
