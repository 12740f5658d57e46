import type { SyntheticPatient } from '../../synth/patient.ts';
import { RESTRICTED_ZIP3 } from '../../synth/safe-harbor.data.ts';

export interface Extract {
  columns: string[];
  rows: string[][];
}

const YEAR_MS = 365.2425 * 86_400_000;

function ageAt(birthDate: string, now: number): number {
  return Math.floor((now - Date.parse(birthDate)) / YEAR_MS);
}

function primaryDiagnosis(patient: SyntheticPatient): string {
  const active = patient.conditions.find((condition) => condition.clinicalStatus === 'active');
  return active ? `${active.code} ${active.display}` : '';
}

function lastEncounter(patient: SyntheticPatient): string {
  return (
    patient.encounters
      .map((encounter) => encounter.start)
      .toSorted()
      .at(-1) ?? ''
  );
}

/**
 * The population-health extract as the analytics team first specified it: one row per patient with
 * everything a data scientist might join on. Sent outside the organisation, this is identified PHI.
 */
export function identifiedExtract(patients: Iterable<SyntheticPatient>, now: number): Extract {
  const rows: string[][] = [];
  for (const p of patients) {
    rows.push([
      `${p.given} ${p.family}`,
      p.mrn,
      p.birthDate,
      String(ageAt(p.birthDate, now)),
      p.address.line,
      p.address.city,
      p.address.state,
      p.address.postalCode,
      p.phone,
      p.email,
      p.insurance.memberId,
      primaryDiagnosis(p),
      lastEncounter(p),
    ]);
  }
  return {
    columns: [
      'PatientName',
      'MRN',
      'BirthDate',
      'Age',
      'Street',
      'City',
      'State',
      'ZIP',
      'Phone',
      'Email',
      'InsuranceMemberId',
      'Diagnosis',
      'LastEncounter',
    ],
    rows,
  };
}

/**
 * The same extract de-identified by the Safe Harbor method (164.514(b)(2)): no names or contact
 * details, years instead of dates, ages over 89 pooled as `90+`, and the three-digit ZIP only where
 * its area holds more than 20,000 people (`000` elsewhere).
 */
export function deidentifiedExtract(patients: Iterable<SyntheticPatient>, now: number): Extract {
  const rows: string[][] = [];
  for (const p of patients) {
    const age = ageAt(p.birthDate, now);
    const zip3 = p.address.postalCode.slice(0, 3);
    rows.push([
      p.birthDate.slice(0, 4),
      age > 89 ? '90+' : String(age),
      p.address.state,
      RESTRICTED_ZIP3.includes(zip3) ? '000' : zip3,
      primaryDiagnosis(p),
      lastEncounter(p).slice(0, 4),
    ]);
  }
  return { columns: ['BirthYear', 'Age', 'State', 'ZIP3', 'Diagnosis', 'LastEncounterYear'], rows };
}
