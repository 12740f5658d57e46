/** The subset of FHIR R4 JSON that phi-drill produces; optional elements we never emit are left out. */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference: string;
  display?: string;
}

export interface Period {
  start: string;
  end?: string;
}

export interface Meta {
  security: Coding[];
  tag: Coding[];
}

export interface Identifier {
  use?: 'usual' | 'official' | 'secondary';
  type?: CodeableConcept;
  system: string;
  value: string;
}

export interface HumanName {
  use: 'official' | 'usual';
  family: string;
  given: string[];
}

export interface ContactPoint {
  system: 'phone' | 'email';
  value: string;
  use?: 'home' | 'mobile';
}

export interface Address {
  use: 'home';
  line: string[];
  city: string;
  state: string;
  postalCode: string;
  country: 'US';
}

export interface FhirPatient {
  resourceType: 'Patient';
  id: string;
  meta: Meta;
  identifier: Identifier[];
  name: HumanName[];
  gender: 'female' | 'male' | 'other' | 'unknown';
  birthDate: string;
  telecom: ContactPoint[];
  address: Address[];
}

export interface FhirEncounter {
  resourceType: 'Encounter';
  id: string;
  meta: Meta;
  status: 'planned' | 'in-progress' | 'finished';
  class: Coding;
  subject: Reference;
  period: Period;
  reasonCode: CodeableConcept[];
}

export interface FhirCondition {
  resourceType: 'Condition';
  id: string;
  meta: Meta;
  clinicalStatus: CodeableConcept;
  verificationStatus: CodeableConcept;
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  onsetDateTime: string;
}

export interface AppointmentParticipant {
  actor: Reference;
  required: 'required' | 'optional';
  status: 'accepted' | 'declined' | 'tentative' | 'needs-action';
}

export interface FhirAppointment {
  resourceType: 'Appointment';
  id: string;
  meta: Meta;
  status: 'booked' | 'fulfilled' | 'cancelled' | 'noshow';
  description: string;
  start: string;
  end: string;
  minutesDuration: number;
  participant: AppointmentParticipant[];
}

export type FhirResource = FhirPatient | FhirEncounter | FhirCondition | FhirAppointment;
