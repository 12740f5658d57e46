import type {
  Coding,
  FhirAppointment,
  FhirCondition,
  FhirEncounter,
  FhirPatient,
  FhirResource,
  Meta,
  Reference,
} from './fhir-types.ts';
import type { SyntheticPatient } from './patient.ts';
import { practitionerById } from './practitioners.ts';

export type * from './fhir-types.ts';

/** HL7's "test health data" label: every resource says it is not real, in the standard way. */
export const HTEST: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  code: 'HTEST',
  display: 'test health data',
};
export const WATERMARK_TAG_SYSTEM = 'https://phi-drill.test/CodeSystem/synthetic-watermark';
export const MRN_SYSTEM = 'https://phi-drill.test/mrn';
export const SSN_SYSTEM = 'http://hl7.org/fhir/sid/us-ssn';
export const MEMBER_ID_SYSTEM = 'https://phi-drill.test/member-id';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ENCOUNTER_CLASS_DISPLAY = {
  AMB: 'ambulatory',
  IMP: 'inpatient encounter',
  EMER: 'emergency',
  VR: 'virtual',
};

function metaFor(p: SyntheticPatient): Meta {
  return { security: [{ ...HTEST }], tag: [{ system: WATERMARK_TAG_SYSTEM, code: p.watermark }] };
}

function subjectOf(p: SyntheticPatient): Reference {
  return { reference: `Patient/${p.id}`, display: `${p.given} ${p.family}` };
}

export function toFhirPatient(p: SyntheticPatient): FhirPatient {
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: metaFor(p),
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: V2_0203, code: 'MR', display: 'Medical record number' }] },
        system: MRN_SYSTEM,
        value: p.mrn,
      },
      {
        use: 'official',
        type: { coding: [{ system: V2_0203, code: 'SS', display: 'Social Security number' }] },
        system: SSN_SYSTEM,
        value: p.ssn,
      },
      {
        use: 'secondary',
        type: { coding: [{ system: V2_0203, code: 'MB', display: 'Member Number' }] },
        system: MEMBER_ID_SYSTEM,
        value: p.insurance.memberId,
      },
    ],
    name: [{ use: 'official', family: p.family, given: [p.given] }],
    gender: p.gender,
    birthDate: p.birthDate,
    telecom: [
      { system: 'phone', value: p.phone, use: 'mobile' },
      { system: 'email', value: p.email, use: 'home' },
    ],
    address: [
      {
        use: 'home',
        line: [p.address.line],
        city: p.address.city,
        state: p.address.state,
        postalCode: p.address.postalCode,
        country: 'US',
      },
    ],
  };
}

export function toFhirEncounters(p: SyntheticPatient): FhirEncounter[] {
  return p.encounters.map((encounter) => ({
    resourceType: 'Encounter',
    id: encounter.id,
    meta: metaFor(p),
    status: encounter.status,
    class: { system: ACT_CODE, code: encounter.class, display: ENCOUNTER_CLASS_DISPLAY[encounter.class] },
    subject: subjectOf(p),
    period: { start: encounter.start, end: encounter.end },
    reasonCode: [{ text: encounter.reason }],
  }));
}

export function toFhirConditions(p: SyntheticPatient): FhirCondition[] {
  return p.conditions.map((condition) => ({
    resourceType: 'Condition',
    id: condition.id,
    meta: metaFor(p),
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
          code: condition.clinicalStatus,
        },
      ],
    },
    verificationStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
    },
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
        ],
      },
    ],
    code: {
      coding: [
        { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: condition.code, display: condition.display },
      ],
      text: condition.display,
    },
    subject: subjectOf(p),
    onsetDateTime: condition.onset,
  }));
}

export function toFhirAppointments(p: SyntheticPatient): FhirAppointment[] {
  return p.appointments.map((appointment) => {
    const practitioner = practitionerById(appointment.practitioner);
    const declined = appointment.status === 'cancelled';
    return {
      resourceType: 'Appointment',
      id: appointment.id,
      meta: metaFor(p),
      status: appointment.status,
      description: appointment.description,
      start: appointment.start,
      end: appointment.end,
      minutesDuration: (Date.parse(appointment.end) - Date.parse(appointment.start)) / 60_000,
      participant: [
        { actor: subjectOf(p), required: 'required', status: declined ? 'declined' : 'accepted' },
        {
          actor: { reference: `Practitioner/${appointment.practitioner}`, display: practitioner?.display },
          required: 'required',
          status: 'accepted',
        },
      ],
    };
  });
}

/** Patient first, then its Encounters, Conditions and Appointments: the order a bulk export uses. */
export function toFhirResources(p: SyntheticPatient): FhirResource[] {
  return [toFhirPatient(p), ...toFhirEncounters(p), ...toFhirConditions(p), ...toFhirAppointments(p)];
}
