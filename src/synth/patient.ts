/**
 * One synthetic person, as the generator produces them, before any system's wire format.
 * Every identifier comes from a range that cannot belong to a real person (DOMAIN.md §6).
 */
export interface SyntheticPatient {
  /** Position in the population; (seed, index) fully determines the record. */
  index: number;
  /** FHIR Patient.id, e.g. `zz-0000123`. */
  id: string;
  /** Medical record number with the synthetic prefix: `ZZTEST-00000123`. */
  mrn: string;
  /** SSN from a never-issued area (`000-` or `666-`). */
  ssn: string;
  given: string;
  family: string;
  gender: 'female' | 'male' | 'other' | 'unknown';
  /** YYYY-MM-DD */
  birthDate: string;
  /** E.164 with a NANP fiction number: `+1NXX5550100`…`+1NXX5550199`. */
  phone: string;
  /** At a reserved domain (`example.org`, `*.test`). */
  email: string;
  address: { line: string; city: string; state: string; postalCode: string };
  insurance: { payer: string; memberId: string };
  conditions: SyntheticCondition[];
  encounters: SyntheticEncounter[];
  appointments: SyntheticAppointment[];
  /** Marks the record as generated: `phi-drill:v2:s<seed>:p<index>:<check>` (see watermark.ts). */
  watermark: string;
}

export interface SyntheticCondition {
  id: string;
  /** ICD-10-CM code and display. */
  code: string;
  display: string;
  /** YYYY-MM-DD */
  onset: string;
  clinicalStatus: 'active' | 'resolved';
}

export interface SyntheticEncounter {
  id: string;
  /** v3 ActCode: AMB, IMP, EMER, VR */
  class: 'AMB' | 'IMP' | 'EMER' | 'VR';
  status: 'finished' | 'in-progress' | 'planned';
  /** ISO-8601 with offset */
  start: string;
  end: string;
  reason: string;
}

export interface SyntheticAppointment {
  id: string;
  status: 'booked' | 'fulfilled' | 'cancelled' | 'noshow';
  start: string;
  end: string;
  description: string;
  practitioner: string;
}
